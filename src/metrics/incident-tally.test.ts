import { describe, expect, it } from 'vitest';
import { IncidentTable } from '../flaps/index.js';
import { SiteHealthTimeline } from '../pop/index.js';
import { CatchmentTimelineBuilder } from '../sessions/index.js';
import { incidentReach } from './incident-reach.js';
import {
  histogramQuantileMs,
  IncidentTally,
  incidentResults,
  meanIntervalFromSums,
  mergeIncidentCounts,
  RECOVERY_BIN_EDGES_MS,
  recoveryBin,
} from './incident-tally.js';
import { replicationInterval } from './replication-interval.js';

const INCIDENTS = IncidentTable.of([
  { flapIndex: 0, incidentClass: 'pop-withdraw', startMs: 1_000 },
  { flapIndex: 1, incidentClass: 'link-flap', startMs: 2_000 },
  { flapIndex: 1, incidentClass: 'link-flap', startMs: 5_000 },
  { flapIndex: 2, incidentClass: 'silent-death', startMs: 10_000 },
]);

const NO_REACH = { clientAsesAffected: new Int32Array(INCIDENTS.count), recoverMs: new Float64Array(INCIDENTS.count), userShareAffected: new Float64Array(INCIDENTS.count) };

describe('the incident tally', () => {
  // Two protocols: p0 judged under architectures 0 and 1, p1 under 0 only.
  const newTally = (): IncidentTally => new IncidentTally(['p0', 'p1'], ['edge', 'unicast-dns'], [[0, 1], [0]], INCIDENTS);

  it('counts breaks per incident class and per flap process, with per-incident sums of squares', () => {
    const tally = newTally();
    tally.record(0, [1, 4], [1, 3]); // edge: link flap 1; unicast-dns: silent death
    tally.record(0, [1, 0], [1, -1]);
    tally.record(0, [1, 0], [2, -1]);
    tally.record(0, [0, 0], [-1, -1]);
    tally.record(1, [2], [0]);
    tally.record(1, [3], [-1]); // a break no incident explains
    const counts = tally.counts(NO_REACH);
    expect(counts.pairs).toEqual([
      { protocol: 'p0', architecture: 'edge' },
      { protocol: 'p0', architecture: 'unicast-dns' },
      { protocol: 'p1', architecture: 'edge' },
    ]);
    const linkFlap = counts.classes.find((c) => c.incidentClass === 'link-flap')!;
    expect(linkFlap.incidents).toBe(2);
    expect(linkFlap.breaks).toEqual([3, 0, 0]);
    // Incident 1 broke 2 sessions, incident 2 one: 2^2 + 1^2.
    expect(linkFlap.breaksSquared).toEqual([5, 0, 0]);
    expect(linkFlap.sessionsAffected).toBe(3);
    expect(counts.classes.find((c) => c.incidentClass === 'silent-death')!.breaks).toEqual([0, 1, 0]);
    expect(counts.classes.find((c) => c.incidentClass === 'pop-withdraw')!.breaks).toEqual([0, 0, 1]);
    expect(counts.byFlap.map((f) => [f.flapIndex, f.incidents, f.breaks])).toEqual([
      [0, 1, [0, 0, 1]],
      [1, 2, [3, 0, 0]],
      [2, 1, [0, 1, 0]],
    ]);
    expect(counts.unattributed).toEqual([0, 0, 1]);
    // Every break is counted exactly once: by class plus unattributed equals the total recorded.
    const byClass = counts.classes.reduce((s, c) => s + c.breaks.reduce((a, b) => a + b, 0), 0);
    expect(byClass + counts.unattributed.reduce((a, b) => a + b, 0)).toBe(6);
  });

  it('keeps every break when many incidents break something (rows added as they are needed)', () => {
    const many = IncidentTable.of([]).append(0, 'client-flip', Float64Array.from({ length: 500 }, (_, k) => k));
    const tally = new IncidentTally(['p0'], ['edge', 'unicast-dns'], [[0, 1]], many);
    for (let k = 0; k < 500; k++) tally.record(0, [1, k % 2], [k, k]);
    const flips = tally.counts({ clientAsesAffected: new Int32Array(500), recoverMs: new Float64Array(500), userShareAffected: new Float64Array(500) }).classes[0]!;
    expect(flips.breaks).toEqual([500, 250]);
    expect(flips.breaksSquared).toEqual([500, 250]);
    expect(flips.sessionsAffected).toBe(500);
  });

  it('counts a session broken by one incident under two architectures once among the affected', () => {
    const tally = newTally();
    tally.record(0, [1, 1], [3, 3]);
    expect(tally.counts(NO_REACH).classes.find((c) => c.incidentClass === 'silent-death')!.sessionsAffected).toBe(1);
  });

  it('merges replications by summing, so incidents pool across them', () => {
    const a = newTally();
    a.record(0, [1, 0], [1, -1]);
    const b = newTally();
    b.record(0, [1, 0], [2, -1]);
    b.record(0, [1, 0], [2, -1]);
    const merged = mergeIncidentCounts([a.counts(NO_REACH), b.counts(NO_REACH)]);
    const linkFlap = merged.classes.find((c) => c.incidentClass === 'link-flap')!;
    expect(linkFlap.incidents).toBe(4);
    expect(linkFlap.breaks[0]).toBe(3);
    expect(linkFlap.breaksSquared[0]).toBe(1 + 4);
    // Mean over the 4 incidents (1, 0, 0, 2): the same interval as on the explicit values.
    const result = incidentResults(merged).classes.find((c) => c.incidentClass === 'link-flap')!;
    const explicit = replicationInterval([1, 0, 0, 2]);
    const edge = result.breaksPerIncident[0]!;
    expect(edge.estimate).toBeCloseTo(explicit.estimate, 12);
    expect(edge.high).toBeCloseTo(explicit.high, 12);
    expect(edge.low).toBe(Math.max(0, explicit.low));
  });
});

describe('intervals and quantiles', () => {
  it('meanIntervalFromSums equals the t-interval on the values', () => {
    const values = [3, 7, 1, 0, 9, 4];
    const sum = values.reduce((s, x) => s + x, 0);
    const squares = values.reduce((s, x) => s + x * x, 0);
    const ci = meanIntervalFromSums(values.length, sum, squares);
    const explicit = replicationInterval(values);
    expect(ci.estimate).toBeCloseTo(explicit.estimate, 12);
    expect(ci.high).toBeCloseTo(explicit.high, 10);
    expect(meanIntervalFromSums(1, 5, 25)).toEqual({ estimate: 5, low: 0, high: Number.POSITIVE_INFINITY });
  });

  it('the recovery histogram puts a time in the first bin whose edge is at or above it, within 6 %', () => {
    expect(recoveryBin(0)).toBe(0);
    for (const ms of [0.5, 1, 37, 90_000, 112_345, 3_600_000]) {
      const edge = RECOVERY_BIN_EDGES_MS[recoveryBin(ms)]!;
      expect(edge).toBeGreaterThanOrEqual(ms);
      expect(edge).toBeLessThanOrEqual(Math.max(1, ms) * 1.06);
    }
    const histogram = new Array<number>(RECOVERY_BIN_EDGES_MS.length).fill(0);
    for (const ms of [0, 0, 0, 90_000, 120_000]) histogram[recoveryBin(ms)]!++;
    expect(histogramQuantileMs(histogram, 0.5)).toBe(0);
    expect(histogramQuantileMs(histogram, 0.99)).toBeGreaterThanOrEqual(120_000);
    expect(histogramQuantileMs(histogram, 0.99)).toBeLessThan(120_000 * 1.06);
  });
});

describe('incident reach and time to recover', () => {
  // AS 0: black-holed by the withdrawal (incident 0) at 1.5 s, lands on PoP 1 at 4 s.
  // AS 1: moved straight from PoP 0 to PoP 1 by the withdrawal at 1.2 s: affected, never cut off.
  // AS 2: lands on PoP 2, which dies at 10 s (incident 3) and is left at 12.5 s by a wave of incident 3.
  // AS 3: not a client AS; its changes do not count.
  const builder = new CatchmentTimelineBuilder([0, 0, 2, 0]);
  builder.record(1_200, 1, 1, 0);
  builder.record(1_500, 0, -1, 0);
  builder.record(1_500, 3, -1, 0);
  builder.record(4_000, 0, 1, 0);
  builder.record(12_500, 2, 1, 3);
  const timeline = builder.build();
  const sites = new SiteHealthTimeline(3, [{ popIndex: 2, downAtMs: 10_000, incident: 3 }]);
  const reach = incidentReach({ timeline, sites, popCount: 3, clients: [0, 1, 2], incidents: INCIDENTS, horizonMs: 20_000 });

  it('counts the client ASes each incident moved or cut off', () => {
    expect(Array.from(reach.clientAsesAffected)).toEqual([2, 0, 0, 1]);
    // Without user weights every client AS is one user: 2 of 3, 1 of 3.
    expect(Array.from(reach.userShareAffected)).toEqual([2 / 3, 0, 0, 1 / 3]);
  });

  it('weights the affected ASes by their users when given', () => {
    // AS 0: 10 users, AS 1: 30, AS 2: 60; AS 3 (not a client) is left out of the total.
    const users = [10, 30, 60, 1_000];
    const weighted = incidentReach({ timeline, sites, popCount: 3, clients: [0, 1, 2], incidents: INCIDENTS, horizonMs: 20_000, usersOf: (as) => users[as]! });
    expect(Array.from(weighted.clientAsesAffected)).toEqual([2, 0, 0, 1]);
    expect(weighted.userShareAffected[0]).toBeCloseTo(0.4, 12);
    expect(weighted.userShareAffected[3]).toBeCloseTo(0.6, 12);
  });

  it('runs from the incident to the last client it cut off reaching a live PoP', () => {
    expect(reach.recoverMs[0]).toBe(4_000 - 1_000);
    expect(reach.recoverMs[3]).toBe(12_500 - 10_000);
    expect(reach.recoverMs[1]).toBe(0);
  });

  it('counts a client still cut off at the end as recovering at the end', () => {
    const stuck = new CatchmentTimelineBuilder([2]).build();
    const r = incidentReach({ timeline: stuck, sites, popCount: 3, clients: [0], incidents: INCIDENTS, horizonMs: 20_000 });
    expect(r.clientAsesAffected[3]).toBe(1);
    expect(r.recoverMs[3]).toBe(20_000 - 10_000);
  });
});
