import { describe, expect, it } from 'vitest';
import { UnicastHistoryBuilder } from './unicast-history.js';

/** Two PoPs over 40 ASes: every AS reaches PoP 0; only ASes 0-31 reach PoP 1 at the start. */
function initial(): Uint32Array[] {
  return [Uint32Array.from([0xffffffff, 0xff]), Uint32Array.from([0xffffffff, 0])];
}

describe('UnicastHistory', () => {
  it('answers the initial outcome of pairs that never changed from the bitmaps', () => {
    const history = new UnicastHistoryBuilder(40, initial()).build();
    expect(history.outcomeAt(0, 35, 1e9)).toBe(0);
    expect(history.outcomeAt(1, 5, 0)).toBe(1);
    expect(history.outcomeAt(1, 35, 0)).toBe(-1);
    expect(history.nextChangeAfterMs(1, 35, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(history.incidentAt(0, 3, 10)).toBe(-1);
    expect(history.pairsChanged).toBe(0);
    expect(() => history.outcomeAt(2, 0, 0)).toThrow(RangeError);
  });

  it('plays back each pair’s changes with their incidents, piecewise constant in time', () => {
    const builder = new UnicastHistoryBuilder(40, initial());
    builder.record(100, 0, 7, -1, 4);
    builder.record(100, 1, 7, -2, 4);
    builder.record(150, 0, 7, -2, 4);
    builder.record(400, 0, 7, 0, 5);
    builder.record(500, 1, 7, 1, 5);
    const history = builder.build();
    expect(history.pairsChanged).toBe(2);
    expect([0, 99, 100, 149, 150, 399, 400, 1e6].map((t) => history.outcomeAt(0, 7, t))).toEqual([0, 0, -1, -1, -2, -2, 0, 0]);
    expect([0, 100, 400].map((t) => history.incidentAt(0, 7, t))).toEqual([-1, 4, 5]);
    expect([0, 100, 149, 150, 400].map((t) => history.nextChangeAfterMs(0, 7, t))).toEqual([100, 150, 150, 400, Number.POSITIVE_INFINITY]);
    expect(history.outcomeAt(1, 7, 300)).toBe(-2);
    expect(history.outcomeAt(1, 7, 500)).toBe(1);
    // Another AS of the same PoP is untouched.
    expect(history.outcomeAt(0, 8, 120)).toBe(0);
  });

  it('keeps the last of equal-time changes and drops changes to the outcome in force', () => {
    const builder = new UnicastHistoryBuilder(40, initial());
    builder.record(10, 1, 35, 1, 1);
    builder.record(10, 1, 35, -1, 2);
    builder.record(20, 0, 3, 0, 3);
    builder.record(30, 0, 3, -1, 3);
    builder.record(30, 0, 3, 0, 3);
    const history = builder.build();
    // (1, 35): started black-holed, the net change at 10 ms is none.
    expect(history.nextChangeAfterMs(1, 35, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(history.outcomeAt(1, 35, 50)).toBe(-1);
    expect(history.nextChangeAfterMs(0, 3, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(history.changeCount).toBe(0);
  });

  it('refuses changes out of time order', () => {
    const builder = new UnicastHistoryBuilder(40, initial());
    builder.record(10, 0, 1, -1, 0);
    expect(() => builder.record(5, 0, 1, 0, 0)).toThrow(/out of time order/);
  });

  it('finds every changed pair among many, across words and PoPs and at bit 31, as a replay of the changes does', () => {
    const asCount = 100;
    const pops = 3;
    let seed = 12345;
    const next = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const start = Array.from({ length: pops }, () => Uint32Array.from({ length: 4 }, () => (next(1 << 16) << 16) | next(1 << 16)));
    const initialOf = (pop: number, as: number): number => ((start[pop]![as >>> 5]! & (1 << (as & 31))) !== 0 ? pop : -1);
    const builder = new UnicastHistoryBuilder(asCount, start);
    const changes: [number, number, number, number, number][] = [];
    for (let t = 0; t < 400; t++) {
      const pop = next(pops);
      const as = t % 5 === 0 ? 31 + 32 * next(3) : next(asCount);
      const outcome = [pop, -1, -2][next(3)]!;
      builder.record(t * 10, pop, as, outcome, t);
      changes.push([t * 10, pop, as, outcome, t]);
    }
    const history = builder.build();
    for (let pop = 0; pop < pops; pop++) {
      for (let as = 0; as < asCount; as++) {
        const own = changes.filter(([, p, a]) => p === pop && a === as);
        for (const tMs of [0, 5, 1_000, 1_995, 2_000, 3_333, 5_000]) {
          const inForce = own.filter(([at]) => at <= tMs).at(-1);
          const outcome = inForce?.[3] ?? initialOf(pop, as);
          expect(history.outcomeAt(pop, as, tMs)).toBe(outcome);
          // A recorded change to the outcome already in force is dropped, so its incident is the earlier one's.
          const kept = own.filter(([at], i) => at <= tMs && own[i]![3] !== (i === 0 ? initialOf(pop, as) : own[i - 1]![3])).at(-1);
          expect(history.incidentAt(pop, as, tMs)).toBe(kept === undefined || kept[3] !== outcome ? -1 : kept[4]);
          const after = own.find(([at], i) => at > tMs && own[i]![3] !== (i === 0 ? initialOf(pop, as) : own[i - 1]![3]));
          expect(history.nextChangeAfterMs(pop, as, tMs)).toBe(after?.[0] ?? Number.POSITIVE_INFINITY);
        }
      }
    }
    expect(() => history.outcomeAt(0, 100, 0)).toThrow(RangeError);
    expect(() => history.outcomeAt(0, 1.5, 0)).toThrow(RangeError);
  });
});
