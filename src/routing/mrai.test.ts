import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../sim/index.js';
import { MraiTimers } from './mrai.js';

describe('MraiTimers', () => {
  it('closes for a jittered 75-100 % of the interval after each UPDATE and releases one deferred UPDATE', () => {
    const timers = new MraiTimers(2, 30_000, [0.75, 1], new RandomStreams(1).stream('mrai-test'));
    const intervals: number[] = [];
    let now = 0;
    for (let i = 0; i < 200; i++) {
      expect(timers.isOpen(0, now)).toBe(true);
      timers.start(0, now);
      const due = timers.defer(0)!;
      expect(timers.defer(0)).toBeUndefined();
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
    const timers = new MraiTimers(1, 0, [0.75, 1], new RandomStreams(1).stream('mrai-zero'));
    timers.start(0, 5);
    expect(timers.isOpen(0, 5)).toBe(true);
    const closing = new MraiTimers(1, 1_000, [1, 1], new RandomStreams(1).stream('mrai-reset'));
    closing.start(0, 0);
    expect(closing.isOpen(0, 10)).toBe(false);
    closing.reset(0);
    expect(closing.isOpen(0, 10)).toBe(true);
  });
});
