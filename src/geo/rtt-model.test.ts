import { describe, expect, it } from 'vitest';
import { greatCircleKm, type LatLon } from './lat-lon.js';
import { FIBRE_KM_PER_MS, FIBRE_ROUTE_INFLATION, pathKm, rttMsAlong, rttMsOfKm } from './rtt-model.js';

const LONDON: LatLon = { latDeg: 51.5074, lonDeg: -0.1278 };
const NEW_YORK: LatLon = { latDeg: 40.7128, lonDeg: -74.006 };
const FRANKFURT: LatLon = { latDeg: 50.1109, lonDeg: 8.6821 };

describe('RTT model', () => {
  it('propagates at 2/3 c: about 200 km per ms one way, 1,000 km straight is about 13 ms round trip with 1.3x routes', () => {
    expect(FIBRE_KM_PER_MS).toBeCloseTo(199.86, 2);
    expect(rttMsOfKm(1_000)).toBeCloseTo((2 * 1_000 * 1.3) / 199.86, 2);
    expect(FIBRE_ROUTE_INFLATION).toBe(1.3);
  });

  it('London-New York comes out near the measured 70-75 ms (about 72 ms)', () => {
    const rtt = rttMsAlong([LONDON, NEW_YORK]);
    expect(rtt).toBeGreaterThan(70);
    expect(rtt).toBeLessThan(76);
  });

  it('sums legs along the points, so a detour costs what it adds in km', () => {
    expect(pathKm([NEW_YORK, LONDON, FRANKFURT])).toBeCloseTo(greatCircleKm(NEW_YORK, LONDON) + greatCircleKm(LONDON, FRANKFURT), 9);
    expect(rttMsAlong([NEW_YORK, LONDON, FRANKFURT])).toBeGreaterThan(rttMsAlong([NEW_YORK, FRANKFURT]));
    expect(pathKm([LONDON])).toBe(0);
  });
});
