import { map, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { HotStream } from './hot-stream.js';

describe('HotStream', () => {
  it('calls every subscriber in subscription order on each value, through rxjs operators', () => {
    const stream = new HotStream<number>();
    const calls: string[] = [];
    stream.observable.subscribe((v) => calls.push(`a${v}`));
    stream.observable.pipe(map((v) => v * 10)).subscribe((v) => calls.push(`b${v}`));
    stream.next(1);
    stream.next(2);
    expect(calls).toEqual(['a1', 'b10', 'a2', 'b20']);
  });

  it('is hot: a late subscriber sees only later values; after the end it completes at once', () => {
    const stream = new HotStream<number>();
    stream.next(1);
    const seen: number[][] = [];
    stream.observable.pipe(toArray()).subscribe((all) => seen.push(all));
    stream.next(2);
    stream.next(3);
    stream.complete();
    stream.complete();
    expect(seen).toEqual([[2, 3]]);
    let completedLate = false;
    stream.observable.subscribe({ next: () => expect.unreachable(), complete: () => (completedLate = true) });
    stream.next(4);
    expect(completedLate).toBe(true);
  });

  it('unsubscribing during an emission stops later values and leaves the other subscribers alone', () => {
    const stream = new HotStream<number>();
    const first: number[] = [];
    const second: number[] = [];
    const subscription = stream.observable.subscribe((v) => {
      first.push(v);
      if (v === 2) subscription.unsubscribe();
    });
    stream.observable.subscribe((v) => second.push(v));
    for (let v = 1; v <= 4; v++) stream.next(v);
    expect(first).toEqual([1, 2]);
    expect(second).toEqual([1, 2, 3, 4]);
  });

  it('a subscriber added during an emission gets the next value, not the current one', () => {
    const stream = new HotStream<number>();
    const late: number[] = [];
    let added = false;
    stream.observable.subscribe(() => {
      if (added) return;
      added = true;
      stream.observable.subscribe((w) => late.push(w));
    });
    stream.next(1);
    stream.next(2);
    expect(late).toEqual([2]);
  });
});
