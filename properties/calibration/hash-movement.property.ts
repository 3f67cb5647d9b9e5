/**
 * Closed-form cross-checks of flow movement inside a PoP (issue 7, item 4), measured with
 * `measureRemap` (the engine of `anysim hash`) on random backend counts:
 *
 * - jump (Lamping & Veach 2014): removing the last K of N buckets moves exactly the flows those
 *   buckets held, a binomial share with mean K/N; adding K moves K/(N+K);
 * - ring (Karger et al. 1997) with V points per backend: the share of K backends is K/N with a
 *   relative spread of about 1/sqrt(KV) (arc lengths of V random points per backend);
 * - Maglev (NSDI 2016 §3.4) at M = 65537 and N <= 100: at least the minimal share moves and at
 *   most 2.2x it (docs/pop.md, Envoy: "about twice"). The pop suite (properties/pop/hashing)
 *   checks the structural side: which flows move.
 *
 * Sampling noise is binomial over the measured flows. Each run must hold a z = 5 band (a gross
 * error); the runs whose 95 % band misses are counted and must stay within the binomial(runs, 5 %)
 * bound, as in client-flips.property.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { measureRemap } from '../../src/pop/index.js';

const NUM_RUNS = Number(process.env.ANYSIM_PROPERTY_RUNS ?? 20);
const SEED = 2_014;
const FLOWS = 50_000;
const Z_95 = 1.959963984540054;
const Z_GROSS = 5;
const RING_VNODES = 1_000;

/** The misses allowed among `runs` independent 95 % checks: mean + 3 sd + 1. */
function allowedMisses(runs: number): number {
  return 0.05 * runs + 3 * Math.sqrt(runs * 0.05 * 0.95) + 1;
}

describe('flow movement against analytic shares (calibration)', () => {
  it('jump moves K/N on removal and K/(N+K) on addition, within binomial noise', () => {
    let runs = 0;
    let misses = 0;
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 500 }), fc.integer({ min: 1, max: 499 }), fc.boolean(), fc.nat(), (n, kRaw, adding, seed) => {
        const k = 1 + ((kRaw - 1) % (adding ? 500 : n - 1));
        const m = measureRemap({ algorithm: 'jump', backends: n, change: { kind: adding ? 'add' : 'remove', count: k }, flows: FLOWS, seed });
        const share = adding ? k / (n + k) : k / n;
        expect(m.minimalMovedFraction).toBeCloseTo(share, 12);
        const sd = Math.sqrt((share * (1 - share)) / FLOWS);
        expect(Math.abs(m.movedFraction - share), `N = ${n}, K = ${k}, ${adding ? 'add' : 'remove'}`).toBeLessThanOrEqual(Z_GROSS * sd + 1 / FLOWS);
        runs++;
        if (Math.abs(m.movedFraction - share) > Z_95 * sd + 1 / FLOWS) misses++;
      }),
      { numRuns: NUM_RUNS, seed: SEED },
    );
    expect(misses).toBeLessThanOrEqual(allowedMisses(runs));
  });

  it('ring moves K/N on removal, within the spread of V points per backend', () => {
    fc.assert(
      fc.property(fc.integer({ min: 4, max: 60 }), fc.integer({ min: 1, max: 30 }), fc.nat(), (n, kRaw, seed) => {
        const k = 1 + ((kRaw - 1) % Math.floor(n / 2));
        const m = measureRemap({ algorithm: 'ring', backends: n, change: { kind: 'remove', count: k }, flows: FLOWS, seed, vnodes: RING_VNODES });
        const share = k / n;
        const pointsSd = share / Math.sqrt(k * RING_VNODES);
        const samplingSd = Math.sqrt((share * (1 - share)) / FLOWS);
        const sd = Math.hypot(pointsSd, samplingSd);
        expect(Math.abs(m.movedFraction - share), `N = ${n}, K = ${k}`).toBeLessThanOrEqual(Z_GROSS * sd);
      }),
      { numRuns: NUM_RUNS, seed: SEED },
    );
  });

  it('Maglev at M = 65537, N <= 100 moves between the minimal share and 2.2 times it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 100 }), fc.integer({ min: 1, max: 10 }), fc.nat(), (n, kRaw, seed) => {
        const k = 1 + ((kRaw - 1) % Math.floor(n / 3));
        const m = measureRemap({ algorithm: 'maglev', backends: n, change: { kind: 'remove', count: k }, flows: FLOWS, seed, tableSize: 65_537 });
        const sd = Math.sqrt((m.minimalMovedFraction * (1 - m.minimalMovedFraction)) / FLOWS);
        expect(m.movedFraction, `N = ${n}, K = ${k}`).toBeGreaterThanOrEqual(m.minimalMovedFraction - Z_GROSS * sd);
        expect(m.movedFraction, `N = ${n}, K = ${k}`).toBeLessThanOrEqual(2.2 * m.minimalMovedFraction + Z_GROSS * sd);
      }),
      { numRuns: NUM_RUNS, seed: SEED },
    );
  });
});
