import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { wilsonInterval } from './wilson-interval.js';

describe('wilsonInterval', () => {
  it('matches a published value: 0 of 10 gives [0, 0.2775]', () => {
    const ci = wilsonInterval(0, 10);
    expect(ci.low).toBe(0);
    expect(ci.high).toBeCloseTo(0.2775, 4);
  });

  it('matches 5 of 10: [0.2366, 0.7634]', () => {
    const ci = wilsonInterval(5, 10);
    expect(ci.low).toBeCloseTo(0.2366, 4);
    expect(ci.high).toBeCloseTo(0.7634, 4);
  });

  it('always contains the estimate and stays in [0, 1]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, share) => {
        const k = Math.floor(share * n);
        const ci = wilsonInterval(k, n);
        expect(ci.low).toBeGreaterThanOrEqual(0);
        expect(ci.high).toBeLessThanOrEqual(1);
        expect(ci.low).toBeLessThanOrEqual(ci.estimate + 1e-12);
        expect(ci.high).toBeGreaterThanOrEqual(ci.estimate - 1e-12);
      }),
      { seed: 3, numRuns: 300 },
    );
  });

  it('rejects impossible counts', () => {
    expect(() => wilsonInterval(3, 2)).toThrow(/successes/);
  });
});
