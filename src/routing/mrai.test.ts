import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../sim/index.js';
import { MraiTimers } from './mrai.js';

describe('MraiTimers', () => {
  it('closes for a jittered 75-100 % of the interval after each UPDATE and releases one deferred UPDATE', () => {
    const timers = new MraiTimers(2, 30_000, [0.75, 1], new RandomStreams(1).stream('mrai-test'), 'idle');
    const intervals: number[] = [];
    let now = 0;
    for (let i = 0; i < 200; i++) {
      expect(timers.isOpen(0, now)).toBe(true);
      timers.start(0, now);
      const due = timers.defer(0, now)!;
      expect(timers.defer(0, now)).toBeUndefined();
      expect(timers.takeDue(0, due - 1)).toBe(false);
      expect(timers.takeDue(0, due)).toBe(true);
      intervals.push(due - now);
      now = due;
    }
    expect(Math.min(...intervals)).toBeGreaterThanOrEqual(22_500);
    expect(Math.max(...intervals)).toBeLessThanOrEqual(30_000);
    expect(Math.max(...intervals) - Math.min(...intervals)).toBeGreaterThan(5_000);
    expect(timers.isOpen(1, 0)).toBe(true);
  });

  it('forgets the timer on reset and never closes with a zero interval', () => {
    const timers = new MraiTimers(1, 0, [0.75, 1], new RandomStreams(1).stream('mrai-zero'), 'idle');
    timers.start(0, 5);
    expect(timers.isOpen(0, 5)).toBe(true);
    const closing = new MraiTimers(1, 1_000, [1, 1], new RandomStreams(1).stream('mrai-reset'), 'idle');
    closing.start(0, 0);
    expect(closing.isOpen(0, 10)).toBe(false);
    closing.reset(0);
    expect(closing.isOpen(0, 10)).toBe(true);
  });

  it('busy timers tick periodically with a random phase: an UPDATE waits for the next tick', () => {
    const timers = new MraiTimers(1000, 30_000, [0.75, 1], new RandomStreams(2).stream('mrai-busy'), 'busy');
    const firstWaits: number[] = [];
    for (let slot = 0; slot < 1000; slot++) {
      expect(timers.isOpen(slot, 1_000_000)).toBe(false);
      const first = timers.defer(slot, 1_000_000)!;
      firstWaits.push(first - 1_000_000);
      expect(timers.takeDue(slot, first)).toBe(true);
      // Later UPDATEs fall on the same periodic grid.
      const later = timers.defer(slot, first + 1)!;
      const period = later - first;
      expect(period).toBeGreaterThanOrEqual(22_500);
      expect(period).toBeLessThanOrEqual(30_000);
      expect(timers.takeDue(slot, later)).toBe(true);
      expect(timers.defer(slot, later + 5 * period - 1)! - later).toBeCloseTo(5 * period, 6);
    }
    // The wait for the first tick is uniform over the period: mean about half of ~26 s.
    const mean = firstWaits.reduce((a, b) => a + b, 0) / firstWaits.length;
    expect(Math.min(...firstWaits)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...firstWaits)).toBeLessThanOrEqual(30_000);
    expect(mean).toBeGreaterThan(11_000);
    expect(mean).toBeLessThan(15_500);
  });
});
