import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { differenceInterval, fractionInterval, rateInterval, replicationInterval } from './replication-interval.js';
import { studentTCdf, studentTQuantile } from './student-t.js';

describe('Student t quantiles', () => {
  // Two-sided 95 % critical values from any t table (e.g. NIST/SEMATECH e-Handbook, Table 1.4.2.7.5.1).
  const table: readonly (readonly [number, number])[] = [
    [1, 12.706],
    [2, 4.303],
    [3, 3.182],
    [4, 2.776],
    [5, 2.571],
    [9, 2.262],
    [29, 2.045],
    [100, 1.984],
  ];
  it.each(table)('t(0.975, %i) = %f', (df, expected) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(expected, 3);
  });

  it('matches the 99 % and 90 % columns and tends to the normal quantile', () => {
    expect(studentTQuantile(0.995, 5)).toBeCloseTo(4.032, 3);
    expect(studentTQuantile(0.95, 10)).toBeCloseTo(1.812, 3);
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.95996, 4);
    expect(studentTQuantile(0.025, 4)).toBeCloseTo(-2.776, 3);
  });

  it('is the inverse of the CDF, which is 1/2 + atan(t)/π at one degree of freedom (Cauchy)', () => {
    fc.assert(
      fc.property(fc.double({ min: -50, max: 50, noNaN: true }), (t) => {
        expect(studentTCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 10);
      }),
      { seed: 5, numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 0.999, noNaN: true }), fc.integer({ min: 1, max: 200 }), (p, df) => {
        expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 9);
      }),
      { seed: 6, numRuns: 200 },
    );
  });
});

describe('replicationInterval', () => {
  it('is mean ± t(0.975, R-1)·s/√R', () => {
    const ci = replicationInterval([0.1, 0.12, 0.08, 0.11, 0.09]);
    // s = sqrt(0.001 / 4) = 0.0158114; s/√5 = 0.0070711; t(0.975, 4) = 2.7764.
    expect(ci.estimate).toBeCloseTo(0.1, 12);
    expect(ci.high - ci.estimate).toBeCloseTo(2.776445 * 0.0070711, 5);
    expect(ci.estimate - ci.low).toBeCloseTo(ci.high - ci.estimate, 12);
  });

  it('narrows with the confidence and is unbounded with one value', () => {
    const values = [3, 5, 4, 6];
    const wide = replicationInterval(values, 0.99);
    const narrow = replicationInterval(values, 0.9);
    expect(wide.high - wide.low).toBeGreaterThan(narrow.high - narrow.low);
    expect(replicationInterval([7])).toEqual({ estimate: 7, low: Number.NEGATIVE_INFINITY, high: Number.POSITIVE_INFINITY });
    expect(fractionInterval([0.2])).toEqual({ estimate: 0.2, low: 0, high: 1 });
    expect(rateInterval([2])).toEqual({ estimate: 2, low: 0, high: Number.POSITIVE_INFINITY });
  });

  it('has zero width when every replication agrees, and clamps fractions to [0, 1]', () => {
    expect(replicationInterval([0, 0, 0])).toEqual({ estimate: 0, low: 0, high: 0 });
    const ci = fractionInterval([0, 0.01, 0]);
    expect(ci.low).toBe(0);
    expect(ci.high).toBeGreaterThan(0.01);
  });

  it('covers the mean of normal samples about 95 % of the time (500 sets of 4)', () => {
    // Box-Muller on a fixed LCG: reproducible normal draws with mean 10 and sd 2.
    let state = 12345;
    const uniform = (): number => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return (state + 0.5) / 4294967296;
    };
    const normal = (): number => 10 + 2 * Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
    let covered = 0;
    for (let i = 0; i < 500; i++) {
      const ci = replicationInterval([normal(), normal(), normal(), normal()]);
      if (ci.low <= 10 && 10 <= ci.high) covered++;
    }
    // Binomial(500, 0.95): sd 4.9, so 3 sd either side.
    expect(covered).toBeGreaterThanOrEqual(460);
    expect(covered).toBeLessThanOrEqual(490);
  });

  it('rejects no values, non-finite values and impossible confidences', () => {
    expect(() => replicationInterval([])).toThrow(/at least one/);
    expect(() => replicationInterval([1, Number.NaN])).toThrow(/finite/);
    expect(() => replicationInterval([1, 2], 1)).toThrow(/confidence/);
  });

  it('differenceInterval keeps a difference of fractions within [-1, 1]', () => {
    // Two replications (1 degree of freedom): the plain t-interval reaches past 100 %.
    const wide = replicationInterval([0.9, -0.6]);
    expect(wide.high).toBeGreaterThan(1);
    expect(wide.low).toBeLessThan(-1);
    expect(differenceInterval([0.9, -0.6])).toEqual({ estimate: wide.estimate, low: -1, high: 1 });
    expect(differenceInterval([0.05])).toEqual(replicationInterval([0.05]));
    const narrow = replicationInterval([0.01, 0.02, 0.03]);
    expect(differenceInterval([0.01, 0.02, 0.03])).toEqual(narrow);
  });
});
