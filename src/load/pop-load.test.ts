import { describe, expect, it } from 'vitest';
import { CatchmentTimelineBuilder, protocolProfile, trafficProfile } from '../sessions/index.js';
import { legitimateDemand } from './legitimate-demand.js';
import { computePopLoad, defaultLoadBinMs, LOAD_CELLS_MAX, type PopLoadInput } from './pop-load.js';

/** Three ASes: AS 0 lands on PoP 0, AS 1 on PoP 1 until 5 s then PoP 0, AS 2 on PoP 1 then a black hole from 8 s. */
function timeline() {
  const builder = new CatchmentTimelineBuilder([0, 1, 1]);
  builder.record(5_000, 1, 0);
  builder.record(8_000, 2, -1);
  return builder.build();
}

const dns = trafficProfile(protocolProfile('dns-udp'));
const baseInput: PopLoadInput = {
  timeline: timeline(),
  popCount: 2,
  horizonMs: 10_000,
  clients: { asIndexes: Int32Array.from([0, 1, 2]), weights: [2, 1, 1] },
  protocols: [{ traffic: dns, arrivals: { rateAt: () => 1_000 }, meanDurationMs: 0 }],
  attacks: [],
  capacities: [],
};

describe('computePopLoad', () => {
  it('splits legitimate demand by where each client AS lands, bin by bin', () => {
    const load = computePopLoad(baseInput);
    expect(load.binCount).toBe(10);
    // 1,000 queries/s, one 71-byte packet up each: PoP 0 has AS 0 (half the clients), PoP 1 the other half.
    expect(load.offered(0, 0, 'legitimate', 'packetsPerS')).toBeCloseTo(500);
    expect(load.offered(1, 0, 'legitimate', 'packetsPerS')).toBeCloseTo(500);
    expect(load.offered(0, 0, 'legitimate', 'bitsPerS')).toBeCloseTo(500 * 71 * 8);
    // After 5 s AS 1 moved to PoP 0; after 8 s AS 2 is black-holed.
    expect(load.offered(0, 6, 'legitimate', 'packetsPerS')).toBeCloseTo(750);
    expect(load.offered(1, 6, 'legitimate', 'packetsPerS')).toBeCloseTo(250);
    expect(load.offered(1, 9, 'legitimate', 'packetsPerS')).toBeCloseTo(0);
    expect(load.unreachedClientShare[9]).toBeCloseTo(0.25);
    expect(load.overloaded).toBe(false);
  });

  it('weights a bin by the part of it a landing lasts', () => {
    const builder = new CatchmentTimelineBuilder([0]);
    builder.record(2_500, 0, 1);
    const load = computePopLoad({ ...baseInput, timeline: builder.build(), clients: { asIndexes: Int32Array.from([0]), weights: [1] } });
    expect(load.offered(0, 2, 'legitimate', 'packetsPerS')).toBeCloseTo(500);
    expect(load.offered(1, 2, 'legitimate', 'packetsPerS')).toBeCloseTo(500);
    expect(load.offered(0, 1, 'legitimate', 'packetsPerS')).toBeCloseTo(1_000);
    expect(load.offered(1, 3, 'legitimate', 'packetsPerS')).toBeCloseTo(1_000);
  });

  it('moves attack traffic with its sources\' routes and drops the excess as a fair share', () => {
    const load = computePopLoad({
      ...baseInput,
      attacks: [{ startMs: 2_000, durationMs: 6_000, packetsPerS: 9_000, bitsPerS: 9_000 * 8_000, sources: [{ asIndex: 1, weight: 1 }] }],
      capacities: [{ packetsPerS: 2_000 }, { packetsPerS: 2_000 }],
    });
    expect(load.offered(1, 1, 'attack', 'packetsPerS')).toBe(0);
    expect(load.offered(1, 3, 'attack', 'packetsPerS')).toBeCloseTo(9_000);
    expect(load.offered(0, 3, 'attack', 'packetsPerS')).toBe(0);
    expect(load.offered(0, 6, 'attack', 'packetsPerS')).toBeCloseTo(9_000);
    expect(load.offered(1, 6, 'attack', 'packetsPerS')).toBeCloseTo(0);
    expect(load.offered(0, 8, 'attack', 'packetsPerS')).toBe(0);
    // PoP 1 at 3 s: 500 legitimate + 9,000 attack against 2,000: drop 1 - 2,000/9,500 of each.
    const drop = 1 - 2_000 / 9_500;
    expect(load.dropProbabilityAt(1, 3_500)).toBeCloseTo(drop);
    const legit = load.flow(1, 3, 'legitimate', 'packetsPerS');
    const attack = load.flow(1, 3, 'attack', 'packetsPerS');
    expect(legit.dropped).toBeCloseTo(500 * drop);
    expect(legit.delivered + attack.delivered).toBeCloseTo(2_000);
    expect(load.dropProbabilityAt(0, 3_500)).toBe(0);
    expect(load.dropProbabilityAt(1, 1_500)).toBe(0);
    // Series: one value per bin, the same numbers as flow().
    const dropped = load.series(1, 'attack', 'packetsPerS', 'dropped');
    expect(dropped.length).toBe(10);
    expect(dropped[3]).toBeCloseTo(attack.dropped);
    expect(dropped[1]).toBe(0);
    expect(load.series(1, 'attack', 'packetsPerS', 'delivered')[3]).toBeCloseTo(attack.delivered);
    expect(load.capacityOf(1)).toEqual({ packetsPerS: 2_000 });
    // The whole-array views (names of the first API) agree with the per-cell accessors.
    expect(load.dropFractions[1 * load.binCount + 3]).toBeCloseTo(drop);
    expect(load.attackPacketsPerS[1 * load.binCount + 3]).toBeCloseTo(9_000);
    expect(load.attackBitsPerS[0 * load.binCount + 6]).toBeCloseTo(9_000 * 8_000);
    expect(load.unreachedAttackPacketsPerS[3]).toBe(0);
    expect(load.unreachedAttackBitsPerS.length).toBe(10);
  });

  it('drops on the binding limit: bits when the packets fit', () => {
    const load = computePopLoad({
      ...baseInput,
      attacks: [{ startMs: 0, durationMs: 10_000, packetsPerS: 1_000, bitsPerS: 1e9, sources: [{ asIndex: 0, weight: 1 }] }],
      capacities: [{ packetsPerS: 1e6, bitsPerS: 5e8 }],
    });
    expect(load.dropProbabilityAt(0, 0)).toBeCloseTo(1 - 5e8 / (1e9 + 500 * 71 * 8));
  });

  it('finds the first instant a PoP\'s offered load reaches a threshold', () => {
    const load = computePopLoad({
      ...baseInput,
      attacks: [{ startMs: 3_200, durationMs: 2_000, packetsPerS: 10_000, bitsPerS: 1e8, sources: [{ asIndex: 0, weight: 1 }] }],
    });
    // Bin 3 holds 0.8 s of the attack: 8,000 + 500 packets/s on average.
    expect(load.firstCrossingMs(0, { packetsPerS: 8_000 })).toBe(3_000);
    expect(load.firstCrossingMs(0, { packetsPerS: 9_000 })).toBe(4_000);
    expect(load.firstCrossingMs(0, { packetsPerS: 9_000 }, 4_300)).toBe(4_300);
    expect(load.firstCrossingMs(0, { packetsPerS: 9_000 }, 6_000)).toBeUndefined();
    expect(load.firstCrossingMs(1, { bitsPerS: 1e7 })).toBeUndefined();
    expect(load.firstCrossingMs(0, { bitsPerS: 1e7 })).toBe(3_000);
  });

  it('counts open sessions by Little\'s law and refuses new ones above the session capacity', () => {
    const ws = trafficProfile(protocolProfile('websocket'));
    const load = computePopLoad({
      ...baseInput,
      protocols: [{ traffic: ws, arrivals: { rateAt: () => 10 }, meanDurationMs: 60_000 }],
      capacities: [{ sessions: 200 }],
    });
    // 10/s x 60 s = 600 open, half of them at PoP 0.
    expect(load.openSessions(0, 0)).toBeCloseTo(300);
    expect(load.refusalProbabilityAt(0, 0)).toBeCloseTo(1 / 3);
    expect(load.refusalProbabilityAt(1, 0)).toBe(0);
  });
});

describe('defaultLoadBinMs', () => {
  it('is 1 s while PoPs x seconds fit, and widens by whole seconds to keep the cells under the limit', () => {
    expect(defaultLoadBinMs(4, 3_600_000)).toBe(1_000);
    // The Internet preset: 275 PoPs over 24 h = 23.76 M PoP-seconds -> 6 s bins, 3.96 M cells.
    expect(defaultLoadBinMs(275, 86_400_000)).toBe(6_000);
    expect(275 * Math.ceil(86_400_000 / 6_000)).toBeLessThanOrEqual(LOAD_CELLS_MAX);
  });
});

describe('legitimateDemand', () => {
  it('takes each bin\'s rate at its midpoint and counts start packets per arrival plus open packets per session', () => {
    const ws = trafficProfile(protocolProfile('websocket'));
    const demand = legitimateDemand([{ traffic: ws, arrivals: { rateAt: (t) => t / 1_000 }, meanDurationMs: 10_000 }], 3_000, 1_000);
    // Bin 1: 1.5 arrivals/s; 15 open; 3 handshake packets up each; websocket's open rate up per session.
    expect(demand.openSessions[1]).toBeCloseTo(15);
    expect(demand.packetsPerS[1]).toBeCloseTo(1.5 * ws.startUp.packets + 15 * ws.openUp.packets);
    expect(demand.bitsPerS[2]).toBeCloseTo(8 * (2.5 * ws.startUp.packets * ws.startUp.bytesPerPacket + 25 * ws.openUp.packets * ws.openUp.bytesPerPacket));
  });
});
