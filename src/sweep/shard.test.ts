import { describe, expect, it } from 'vitest';
import { inShard, parseShard } from './shard.js';
import { SweepError } from './sweep-error.js';

describe('shards', () => {
  it('parses i/n with a 0-based i', () => {
    expect(parseShard('0/1')).toEqual({ index: 0, count: 1 });
    expect(parseShard('3/4')).toEqual({ index: 3, count: 4 });
  });

  it.each(['4/4', '1/0', '-1/2', 'a/b', '1', '1/2/3', ''])('refuses "%s"', (text) => {
    expect(() => parseShard(text)).toThrow(SweepError);
    expect(() => parseShard(text)).toThrow(/--shard must be i\/n with 0 <= i < n/);
  });

  it('the shards of n partition the cells: each cell in exactly one', () => {
    for (const count of [1, 2, 3, 7]) {
      for (let cell = 0; cell < 50; cell += 1) {
        const owners = Array.from({ length: count }, (_, index) => index).filter((index) => inShard(cell, { index, count }));
        expect(owners).toEqual([cell % count]);
      }
    }
    expect(inShard(12, undefined)).toBe(true);
  });
});
