import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Clock } from './clock.js';

describe('Clock', () => {
  it('runs equal-time events in schedule order, including ones scheduled while running', () => {
    const clock = new Clock();
    const seen: string[] = [];
    clock.schedule(10, () => {
      seen.push('a');
      clock.scheduleAfter(0, () => seen.push('a-child'));
    });
    clock.schedule(10, () => seen.push('b'));
    clock.run();
    expect(seen).toEqual(['a', 'b', 'a-child']);
    expect(clock.nowMs).toBe(10);
  });

  it('never runs a cancelled event', () => {
    const clock = new Clock();
    let ran = false;
    const event = clock.schedule(5, () => {
      ran = true;
    });
    clock.schedule(1, () => clock.cancel(event));
    clock.run();
    expect(ran).toBe(false);
    expect(clock.pending).toBe(0);
  });

  it('runUntil stops at the bound, leaves later events and sets now to the bound', () => {
    const clock = new Clock();
    const seen: number[] = [];
    for (const t of [1, 5, 10, 11]) clock.schedule(t, () => seen.push(t));
    clock.runUntil(10);
    expect(seen).toEqual([1, 5, 10]);
    expect(clock.nowMs).toBe(10);
    expect(clock.pending).toBe(1);
  });

  it('refuses to schedule in the past or with a negative delay', () => {
    const clock = new Clock();
    clock.runUntil(100);
    expect(() => clock.schedule(99, () => undefined)).toThrow(/already at 100 ms/);
    expect(() => clock.scheduleAfter(-1, () => undefined)).toThrow(/>= 0/);
    expect(() => clock.runUntil(50)).toThrow(/already at 100 ms/);
  });

  it('fails fast when a model never quiesces', () => {
    const clock = new Clock();
    const tick = (): void => {
      clock.scheduleAfter(1, tick);
    };
    tick();
    expect(() => clock.run(1000)).toThrow(/did not quiesce/);
  });

  it('fires random schedules in non-decreasing time, each live event exactly once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(1000), fc.nat(100), fc.boolean()), { maxLength: 200 }),
        (plan) => {
          const clock = new Clock();
          const fired: number[] = [];
          let expectedCount = 0;
          for (const [atMs, childDelayMs, spawnChild] of plan) {
            expectedCount += spawnChild ? 2 : 1;
            clock.schedule(atMs, () => {
              fired.push(clock.nowMs);
              if (spawnChild) clock.scheduleAfter(childDelayMs, () => fired.push(clock.nowMs));
            });
          }
          clock.run();
          expect(fired.length).toBe(expectedCount);
          for (let i = 1; i < fired.length; i++) expect(fired[i]!).toBeGreaterThanOrEqual(fired[i - 1]!);
        },
      ),
      { seed: 7, numRuns: 200 },
    );
  });
});
