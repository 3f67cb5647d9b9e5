import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventQueue } from './event-queue.js';

describe('EventQueue', () => {
  it('pops equal-time events in the order they were pushed', () => {
    const queue = new EventQueue();
    const order: string[] = [];
    for (const label of ['a', 'b', 'c', 'd']) queue.push(5, () => order.push(label));
    queue.push(1, () => order.push('first'));
    for (let e = queue.pop(); e !== undefined; e = queue.pop()) e.action();
    expect(order).toEqual(['first', 'a', 'b', 'c', 'd']);
  });

  it('never returns a cancelled event and counts only live ones', () => {
    const queue = new EventQueue();
    const a = queue.push(1, () => undefined);
    const b = queue.push(2, () => undefined);
    const c = queue.push(3, () => undefined);
    queue.cancel(b);
    queue.cancel(b);
    expect(queue.size).toBe(2);
    expect(queue.pop()).toBe(a);
    expect(queue.pop()).toBe(c);
    expect(queue.pop()).toBeUndefined();
    expect(queue.size).toBe(0);
  });

  it('rejects non-finite times', () => {
    const queue = new EventQueue();
    expect(() => queue.push(Number.NaN, () => undefined)).toThrow(/finite/);
  });

  it('pops any random schedule in non-decreasing (time, sequence) order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ timeMs: fc.integer({ min: 0, max: 50 }), cancel: fc.boolean() }), { maxLength: 300 }),
        (items) => {
          const queue = new EventQueue();
          const events = items.map((item) => queue.push(item.timeMs, () => undefined));
          items.forEach((item, i) => {
            if (item.cancel) queue.cancel(events[i]!);
          });
          const popped = [];
          for (let e = queue.pop(); e !== undefined; e = queue.pop()) popped.push(e);
          const expected = events.filter((_, i) => !items[i]!.cancel);
          expected.sort((x, y) => x.timeMs - y.timeMs || x.seq - y.seq);
          expect(popped).toEqual(expected);
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });
});
