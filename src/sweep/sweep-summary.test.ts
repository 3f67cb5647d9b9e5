import { describe, expect, it } from 'vitest';
import { replicationInterval } from '../metrics/index.js';
import type { SweepPlan } from './sweep-plan.js';
import { summarizeSweep, type SweepCellSummary, type SweepCount } from './sweep-summary.js';

function plan(points: readonly (readonly string[])[]): SweepPlan {
  const cells = points.flatMap((seeds, point) => seeds.map((seed) => ({ point, seed })));
  return {
    anysimVersion: 'test',
    sweep: 'summary-test',
    description: '',
    source: 'sweeps/summary-test.yaml',
    planDigest: 'digest',
    dimensions: [{ name: 'pops.count', values: points.map((_, i) => String(i + 3)) }],
    seeds: [...new Set(points.flat())],
    cells: cells.map((c, index) => ({ index, id: `p${c.point}-s${c.seed}`, point: c.point, seed: c.seed, scenarioDigest: 'd', labels: { 'pops.count': String(c.point + 3) } })),
  };
}

function cell(p: SweepPlan, index: number, fraction: number, low = 0, high = 1): SweepCellSummary {
  const c = p.cells[index]!;
  const count: SweepCount = { protocol: 'websocket', architecture: 'edge', sessions: 1000, broken: Math.round(fraction * 1000), brokenFraction: fraction, brokenFractionLow: low, brokenFractionHigh: high };
  return { index, id: c.id, seed: c.seed, scenarioDigest: 'd', labels: c.labels, sessions: 1000, results: [count] };
}

describe('summarizeSweep: seeds as replications', () => {
  it("gives a point the mean of its seeds' fractions with the t-interval over them", () => {
    const p = plan([['1', '2', '3']]);
    const fractions = [0.068, 0.13, 0.09];
    const summary = summarizeSweep(p, fractions.map((f, i) => cell(p, i, f, f - 0.005, f + 0.005)));
    const result = summary.points[0]!.results[0]!;
    const expected = replicationInterval(fractions);
    expect(result.brokenFraction.estimate).toBeCloseTo(expected.estimate, 12);
    expect(result.brokenFraction.low).toBeCloseTo(expected.low, 12);
    expect(result.brokenFraction.high).toBeCloseTo(expected.high, 12);
    // Unlike a pooled binomial interval, it holds every seed's own value here.
    for (const f of fractions) {
      expect(result.brokenFraction.low).toBeLessThan(f);
      expect(result.brokenFraction.high).toBeGreaterThan(f);
    }
    expect(result.brokenFractionBySeed).toEqual(fractions);
    expect(result.sessions).toBe(3000);
  });

  it("keeps a single seed's own interval", () => {
    const p = plan([['7']]);
    const summary = summarizeSweep(p, [cell(p, 0, 0.1, 0.08, 0.12)]);
    expect(summary.points[0]!.results[0]!.brokenFraction).toEqual({ estimate: 0.1, low: 0.08, high: 0.12 });
  });
});
