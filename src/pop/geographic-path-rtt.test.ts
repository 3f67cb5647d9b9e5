import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { greatCircleKm, rttMsOfKm, type AsGeography, type LatLon } from '../geo/index.js';
import { forwardedAddedRttMs } from './architecture-cost.js';
import { GeographicPathRtt } from './geographic-path-rtt.js';

const LONDON: LatLon = { latDeg: 51.5074, lonDeg: -0.1278 };
const NEW_YORK: LatLon = { latDeg: 40.7128, lonDeg: -74.006 };
const FRANKFURT: LatLon = { latDeg: 50.1109, lonDeg: 8.6821 };

/** Client AS 0 in London, AS 1 in New York. */
const CLIENTS: AsGeography = { pointsOf: (i) => [i === 0 ? LONDON : NEW_YORK], usersOf: () => 1, sourceOf: () => 'city-draw' };

describe('GeographicPathRtt', () => {
  const rtt = new GeographicPathRtt(CLIENTS, [LONDON, NEW_YORK, FRANKFURT], 2);

  it('gives the RTT model of the great-circle distance, symmetric, zero for a PoP and itself', () => {
    expect(rtt.popToPopRttMs(0, 1)).toBeCloseTo(rttMsOfKm(greatCircleKm(LONDON, NEW_YORK)), 9);
    expect(rtt.popToPopRttMs(1, 0)).toBe(rtt.popToPopRttMs(0, 1));
    expect(rtt.popToPopRttMs(2, 2)).toBe(0);
    expect(rtt.clientToPopRttMs(1, 2)).toBeCloseTo(rttMsOfKm(greatCircleKm(NEW_YORK, FRANKFURT)), 9);
    expect(rtt.clientToPopRttMs(0, 0)).toBe(0);
  });

  it('carrying a packet to the owner costs the detour over the landing PoP, the reply coming straight back', () => {
    // A London client anycast sent to New York, its state in London: request London -> New York ->
    // London, reply London -> London, against London -> New York -> London: nothing added.
    expect(forwardedAddedRttMs(rtt, 0, 1, 0)).toBeCloseTo(0, 9);
    // State in Frankfurt instead: half of (New York-Frankfurt + Frankfurt-London - London-New York), about 8 ms (Frankfurt is a short hop past London).
    const expected = (rtt.popToPopRttMs(1, 2) + rtt.clientToPopRttMs(0, 2) - rtt.clientToPopRttMs(0, 1)) / 2;
    expect(forwardedAddedRttMs(rtt, 0, 1, 2)).toBeCloseTo(expected, 9);
    expect(expected).toBeGreaterThan(6);
    expect(expected).toBeLessThan(11);
  });

  it('the chord form agrees with the haversine great circle anywhere on the Earth', () => {
    const point = fc.record({ latDeg: fc.double({ min: -90, max: 90, noNaN: true }), lonDeg: fc.double({ min: -180, max: 180, noNaN: true }) });
    fc.assert(
      fc.property(point, point, (home, pop) => {
        const one: AsGeography = { pointsOf: () => [home], usersOf: () => 1, sourceOf: () => 'city-draw' };
        const expected = rttMsOfKm(greatCircleKm(home, pop));
        expect(Math.abs(new GeographicPathRtt(one, [pop], 1).clientToPopRttMs(0, 0) - expected)).toBeLessThan(1e-6);
      }),
      { seed: 15, numRuns: 300 },
    );
  });
});
