import { describe, expect, it } from 'vitest';
import { NO_SERVER, ServerSetTimeline } from './server-churn.js';

const initial = ['s0', 's1', 's2', 's3'];

describe('ServerSetTimeline', () => {
  it('splits time into epochs at each change and answers for any time in any order', () => {
    const timeline = new ServerSetTimeline(
      initial,
      [
        { atMs: 2000, kind: 'fail', serverIndex: 1 },
        { atMs: 1000, kind: 'drain', serverIndex: 0 },
        { atMs: 3000, kind: 'add', serverIndex: 4, name: 's4' },
      ],
      { algorithm: 'maglev', tableSize: 1009 },
    );
    expect([0, 999, 1000, 2500, 3000, 1e9].map((t) => timeline.epochAt(t))).toEqual([0, 0, 1, 2, 3, 3]);
    expect(timeline.statusAt(0, 1500)).toBe('draining');
    expect(timeline.statusAt(1, 1500)).toBe('active');
    expect(timeline.statusAt(1, 2000)).toBe('failed');
    expect(timeline.statusAt(4, 2999)).toBe('absent');
    // Queried late then early: each epoch's table only maps to servers active in it.
    for (const t of [3500, 500, 2500, 1500]) {
      const active = new Set([0, 1, 2, 3, 4].filter((s) => timeline.statusAt(s, t) === 'active'));
      for (let f = 0; f < 3000; f++) expect(active.has(timeline.primary(Math.imul(f, 0x9e37_79b1), t))).toBe(true);
    }
  });

  it('reports state losses (fail, remove) inside (from, to] only', () => {
    const timeline = new ServerSetTimeline(initial, [
      { atMs: 100, kind: 'fail', serverIndex: 2 },
      { atMs: 200, kind: 'remove', serverIndex: 3 },
    ], { algorithm: 'rendezvous' });
    expect(timeline.lossDuring(2, 0, 99)).toBeUndefined();
    expect(timeline.lossDuring(2, 0, 100)).toBe('fail');
    expect(timeline.lossDuring(2, 100, 500)).toBeUndefined();
    expect(timeline.lossDuring(3, 150, 250)).toBe('remove');
    expect(timeline.lossDuring(0, 0, 1e9)).toBeUndefined();
  });

  it('rejects impossible transitions and wrong add indexes, naming the event', () => {
    expect(() => new ServerSetTimeline(initial, [
      { atMs: 1, kind: 'fail', serverIndex: 0 },
      { atMs: 2, kind: 'drain', serverIndex: 0 },
    ], { algorithm: 'ring' })).toThrow(/drain at 2 ms: server 0 is failed/);
    expect(() => new ServerSetTimeline(initial, [{ atMs: 1, kind: 'add', serverIndex: 7 }], { algorithm: 'ring' })).toThrow(/must be 4/);
    expect(() => new ServerSetTimeline(initial, [], { algorithm: 'maglev', secondChance: true })).toThrow(/rendezvous/);
  });

  it('has no server once every server is gone', () => {
    const timeline = new ServerSetTimeline(['only'], [{ atMs: 5, kind: 'fail', serverIndex: 0 }], { algorithm: 'jump' });
    expect(timeline.primary(123, 4)).toBe(0);
    expect(timeline.primary(123, 5)).toBe(NO_SERVER);
  });

  it('second chance: a drained server stays the secondary of every row it was primary of', () => {
    const timeline = new ServerSetTimeline(initial, [{ atMs: 10, kind: 'drain', serverIndex: 2 }], {
      algorithm: 'rendezvous',
      secondChance: true,
    });
    let rowsOfTwo = 0;
    for (let f = 0; f < 20_000; f++) {
      const h = Math.imul(f, 0x27d4_eb2f) >>> 0;
      if (timeline.primary(h, 0) !== 2) continue;
      rowsOfTwo++;
      expect(timeline.primary(h, 10)).not.toBe(2);
      expect(timeline.secondary(h, 10)).toBe(2);
    }
    expect(rowsOfTwo).toBeGreaterThan(3000);
  });
});
