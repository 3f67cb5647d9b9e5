import { describe, expect, it } from 'vitest';
import { protocolProfile, trafficProfile, type SessionCosts, type SessionOutcome } from '../sessions/index.js';
import { aggregateCosts, CostTally, type CostCounts } from './cost-tally.js';

const HORIZON_MS = 100_000;
const WEBSOCKET = trafficProfile(protocolProfile('websocket'));
const DNS = trafficProfile(protocolProfile('dns-udp'));

/** A session's costs under two architectures. */
function costs(fields: Partial<Record<keyof SessionCosts, readonly number[]>>): SessionCosts {
  return {
    served: Uint8Array.from(fields.served ?? [1, 1]),
    servedMs: Float64Array.from(fields.servedMs ?? [0, 0]),
    forwardedMs: Float64Array.from(fields.forwardedMs ?? [0, 0]),
    addedRttMs: Float64Array.from(fields.addedRttMs ?? [0, 0]),
    startAddedMs: Float64Array.from(fields.startAddedMs ?? [0, 0]),
    startForwarded: Uint8Array.from(fields.startForwarded ?? [0, 0]),
  };
}

function outcome(protocolIndex: number, c: SessionCosts): SessionOutcome {
  return {
    protocolIndex,
    session: { clientAs: 0, startMs: 0, durationMs: 10_000, flowHash: 1, key: 2, dnsPop: 0 },
    plannedDurationMs: 10_000,
    censored: false,
    initialLanding: 0,
    verdicts: { causeCodes: new Uint8Array(2), answeredAttempt: new Uint8Array(2), addedLatencyMs: new Float64Array(2), incident: new Int32Array(2), breakAtMs: new Float64Array(2) },
    costs: c,
  };
}

function tally(): CostTally {
  return new CostTally(
    [
      { protocol: 'websocket', query: false, traffic: WEBSOCKET },
      { protocol: 'dns-udp', query: true, traffic: DNS },
    ],
    ['edge', 'daisy-chain'],
    [[0, 1], [0, 1]],
  );
}

describe('CostTally', () => {
  it('weights added RTT by served time, counts forwarded time and its bytes at the protocol rate', () => {
    const t = tally();
    // Two websocket sessions under daisy-chain: 10 s served, 4 s forwarded at +30 ms; 30 s served, none forwarded.
    t.record(outcome(0, costs({ servedMs: [10_000, 10_000], forwardedMs: [0, 4_000], addedRttMs: [0, 12], startAddedMs: [0, 0] })));
    t.record(outcome(0, costs({ servedMs: [30_000, 30_000], forwardedMs: [0, 0], addedRttMs: [0, 0] })));
    // A session edge never served (it could not open) adds nothing there.
    t.record(outcome(0, costs({ served: [0, 1], servedMs: [0, 0], addedRttMs: [Number.NaN, 0], startAddedMs: [Number.NaN, 0] })));
    const [edge, daisy] = t.counts();
    expect(edge!.served).toBe(2);
    expect(daisy!.served).toBe(3);
    expect(daisy!.forwardedMs).toBe(4_000);
    expect(daisy!.addedRttSum).toBe(12 * 10_000);
    const upBytesPerS = WEBSOCKET.openUp.packets * WEBSOCKET.openUp.bytesPerPacket;
    const downBytesPerS = WEBSOCKET.openDown.packets * WEBSOCKET.openDown.bytesPerPacket;
    expect(daisy!.backhaulBytes).toBeCloseTo(4 * upBytesPerS, 9);
    expect(daisy!.backhaulBytesBothWays).toBeCloseTo(4 * (upBytesPerS + downBytesPerS), 9);
    const [edgeCost, daisyCost] = aggregateCosts([t.counts()], HORIZON_MS);
    expect(edgeCost!.forwardedShare.estimate).toBe(0);
    expect(daisyCost!.forwardedShare.estimate).toBe(4_000 / 40_000);
    // 12 ms over 10 s of 40 s served: 3 ms per packet.
    expect(daisyCost!.addedRttPerPacketMs!.estimate).toBe(3);
    expect(daisyCost!.backhaulBytesPerS.estimate).toBeCloseTo((4 * upBytesPerS) / 100, 9);
  });

  it('costs queries per answered query and their forwarded start exchange at the query size', () => {
    const t = tally();
    t.record(outcome(1, costs({ addedRttMs: [0, 40], startAddedMs: [5_000, 5_040], startForwarded: [0, 1] })));
    t.record(outcome(1, costs({ addedRttMs: [0, 0], startAddedMs: [0, 0] })));
    const daisy = aggregateCosts([t.counts()], HORIZON_MS).find((c) => c.protocol === 'dns-udp' && c.architecture === 'daisy-chain')!;
    expect(daisy.forwardedShare.estimate).toBe(0.5);
    expect(daisy.addedRttPerPacketMs!.estimate).toBe(20);
    expect(daisy.addedStartMsPerSession!.estimate).toBe(2_520);
    expect(daisy.backhaulBytesPerS.estimate).toBe(DNS.startUp.bytesPerPacket / 100);
  });

  it('gives null RTT figures when the run had no RTT model, and intervals from the spread between replications', () => {
    const rep = (forwardedMs: number, rttMs: number): CostCounts[] => {
      const t = tally();
      t.record(outcome(0, costs({ servedMs: [10_000, 10_000], forwardedMs: [0, forwardedMs], addedRttMs: [0, rttMs] })));
      return t.counts();
    };
    const known = aggregateCosts([rep(1_000, 10), rep(3_000, 30)], HORIZON_MS)[1]!;
    expect(known.forwardedShare.estimate).toBeCloseTo(0.2, 12);
    expect(known.forwardedShare.low).toBeLessThan(0.2);
    expect(known.forwardedShare.high).toBeGreaterThan(0.2);
    expect(known.addedRttPerPacketMs!.estimate).toBe(20);
    const unknown = aggregateCosts([rep(1_000, Number.NaN), rep(3_000, 30)], HORIZON_MS)[1]!;
    expect(unknown.addedRttPerPacketMs).toBeNull();
    expect(unknown.addedStartMsPerSession).toBeNull();
    expect(() => aggregateCosts([], HORIZON_MS)).toThrow(RangeError);
  });
});
