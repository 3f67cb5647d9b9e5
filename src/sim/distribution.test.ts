import { describe, expect, it } from 'vitest';
import { meanDurationMs, sampleDurationMs, type DurationDistribution } from './distribution.js';
import { RandomStreams } from './random.js';

function sampleMean(distribution: DurationDistribution, n: number): { mean: number; median: number } {
  const random = new RandomStreams(11).stream('durations');
  const xs = Array.from({ length: n }, () => sampleDurationMs(distribution, random));
  xs.sort((a, b) => a - b);
  return { mean: xs.reduce((s, x) => s + x, 0) / n, median: xs[n >> 1]! };
}

describe('sampleDurationMs', () => {
  it('fixed gives the value', () => {
    expect(sampleMean({ kind: 'fixed', valueMs: 60_000 }, 10).mean).toBe(60_000);
  });

  it('exponential, lognormal and pareto match their analytic means or medians', () => {
    const exp: DurationDistribution = { kind: 'exponential', meanMs: 1000 };
    expect(sampleMean(exp, 50_000).mean / meanDurationMs(exp)).toBeCloseTo(1, 1);
    const logn: DurationDistribution = { kind: 'lognormal', medianMs: 2000, sigma: 0.5 };
    const s = sampleMean(logn, 50_000);
    expect(s.median / 2000).toBeCloseTo(1, 1);
    expect(s.mean / meanDurationMs(logn)).toBeCloseTo(1, 1);
    const pareto: DurationDistribution = { kind: 'pareto', scaleMs: 100, shape: 3 };
    const p = sampleMean(pareto, 50_000);
    expect(p.median / (100 * Math.pow(2, 1 / 3))).toBeCloseTo(1, 1);
    expect(p.mean / meanDurationMs(pareto)).toBeCloseTo(1, 1);
  });

  it('a heavy Pareto has an infinite mean', () => {
    expect(meanDurationMs({ kind: 'pareto', scaleMs: 1, shape: 1 })).toBe(Number.POSITIVE_INFINITY);
  });
});
