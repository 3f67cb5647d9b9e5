import { describe, expect, it } from 'vitest';
import type { SessionOutcome } from '../sessions/index.js';
import { OutcomeTally } from './outcome-tally.js';
import { aggregateReplications, replicateResult } from './replication-aggregate.js';

const HORIZON_MS = 3_600_000;

/** An outcome of one session under two architectures (cause codes per architecture; 1 = pop-shift). */
function outcome(startMs: number, judgedMs: number, plannedMs: number, codes: readonly [number, number]): SessionOutcome {
  return {
    protocolIndex: 0,
    session: { clientAs: 0, startMs, durationMs: judgedMs, flowHash: 1, key: 2, dnsPop: 0 },
    plannedDurationMs: plannedMs,
    censored: startMs + plannedMs > HORIZON_MS,
    initialLanding: 0,
    verdicts: { causeCodes: Uint8Array.from(codes), answeredAttempt: new Uint8Array(2), addedLatencyMs: new Float64Array(2), incident: new Int32Array(2).fill(-1), breakAtMs: new Float64Array(2).fill(Number.NaN) },
  };
}

function tally(): OutcomeTally {
  return new OutcomeTally([{ protocol: 'websocket' }], ['edge', 'unicast-dns'], [[0, 1]], 2, HORIZON_MS);
}

describe('OutcomeTally: censoring and exposure', () => {
  it('leaves sessions open and unbroken at the end out of the fraction, counts the broken ones, and sums open time inside the run', () => {
    const t = tally();
    // Ended in the run, unbroken under both.
    t.record(outcome(0, 600_000, 600_000, [0, 0]));
    // Ended in the run, broken under edge only.
    t.record(outcome(1_000_000, 600_000, 600_000, [1, 0]));
    // Open at the start (started 10 min before it), ended 20 min in, unbroken.
    t.record(outcome(-600_000, 1_800_000, 1_800_000, [0, 0]));
    // Cut at the end after 30 min of a planned hour: broken under edge before the end, censored under unicast-dns.
    t.record(outcome(1_800_000, 1_800_000, 3_600_000, [1, 0]));
    const [edge, dns] = t.counts();
    expect(edge!.sessions).toBe(4);
    expect(edge!.broken).toBe(2);
    expect(edge!.censored).toBe(0);
    expect(dns!.broken).toBe(0);
    expect(dns!.censored).toBe(1);
    // Exposure inside [0, T]: 10 + 10 + 20 + 30 minutes, the same for both architectures.
    expect(edge!.exposureMs).toBe(70 * 60_000);
    expect(dns!.exposureMs).toBe(edge!.exposureMs);
    const replicate = replicateResult(0, t.sessionCount, 1, t.counts());
    expect(replicate.results[0]!.brokenFraction).toBe(2 / 4);
    // unicast-dns: 0 broken of the 3 whose fate is known (the censored one is neither).
    expect(replicate.results[1]!.brokenFraction).toBe(0);
    expect(replicate.results[1]!.censored).toBe(1);
    expect(replicate.results[0]!.brokenPerSessionHour).toBeCloseTo(2 / (70 / 60), 12);
    // Buckets by drawn length: the hour-long planned session sits in 1-6 h, censored there.
    const [result] = aggregateReplications([t.counts()]);
    expect(result!.breakByDuration.find((b) => b.bucket === '1-6 h')).toMatchObject({ sessions: 1, broken: 1, censored: 0 });
    // The load chart counts the run's new sessions only.
    expect(t.popLoadResult().sessionsByPop[0]!.reduce((a, b) => a + b, 0)).toBe(3);
  });
});
