import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryFlapSchedule } from './flap-schedule-arbitrary.js';

/** Every time a flap carries, with the one it must follow (if any). */
function times(flap: ReturnType<typeof arbitraryFlapSchedule> extends fc.Arbitrary<readonly (infer F)[]> ? F : never): number[] {
  switch (flap.type) {
    case 'pop-withdraw':
      return [flap.atMs, ...(flap.reannounceAtMs === undefined ? [] : [flap.reannounceAtMs])];
    case 'pop-failure':
      return [flap.atMs, ...(flap.recoverAtMs === undefined ? [] : [flap.recoverAtMs])];
    case 'maintenance-drain':
      return [flap.atMs, flap.atMs + flap.withdrawAfterMs, ...(flap.restoreAtMs === undefined ? [] : [flap.restoreAtMs])];
    case 'link-down':
      return [flap.atMs, ...(flap.upAtMs === undefined ? [] : [flap.upAtMs])];
    case 'silent-death':
    case 'ddos':
    case 'policy-shift':
    case 'server-churn':
      return [flap.atMs];
    case 'link-flaps':
    case 'client-flips':
      return [];
  }
}

describe('arbitraryFlapSchedule', () => {
  const context = { popNames: ['a', 'b', 'c'], durationMs: 30_000, serversPerPop: 2, maxFlaps: 8 };

  it('keeps every time inside the run, follow-ups after their event, and names only known PoPs', () => {
    fc.assert(
      fc.property(arbitraryFlapSchedule(context), (flaps) => {
        expect(flaps.length).toBeLessThanOrEqual(8);
        expect(flaps.filter((f) => f.type === 'client-flips').length).toBeLessThanOrEqual(1);
        for (const flap of flaps) {
          const ts = times(flap);
          ts.forEach((t, i) => {
            expect(t).toBeGreaterThanOrEqual(0);
            expect(t).toBeLessThan(30_000);
            if (i > 0) expect(t).toBeGreaterThan(ts[i - 1]!);
          });
          if ('pop' in flap) expect(context.popNames).toContain(flap.pop);
          if (flap.type === 'server-churn' && flap.action !== 'add') expect(flap.count).toBeLessThanOrEqual(2);
        }
      }),
      { seed: 4, numRuns: 300 },
    );
  });

  it('draws only the types asked for', () => {
    for (const flaps of fc.sample(arbitraryFlapSchedule({ ...context, types: ['silent-death', 'policy-shift'] }), { seed: 2, numRuns: 50 })) {
      for (const flap of flaps) expect(['silent-death', 'policy-shift']).toContain(flap.type);
    }
  });

  it('refuses an empty PoP list, a run under 10 s and too many flaps', () => {
    expect(() => arbitraryFlapSchedule({ popNames: [], durationMs: 60_000 })).toThrow(/at least one PoP/);
    expect(() => arbitraryFlapSchedule({ popNames: ['a'], durationMs: 5_000 })).toThrow(/at least 10 s/);
    expect(() => arbitraryFlapSchedule({ popNames: ['a'], durationMs: 60_000, maxFlaps: 33 })).toThrow(/0\.\.32/);
  });
});
