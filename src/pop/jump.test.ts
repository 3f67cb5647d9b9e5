import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { JumpHash, jumpHash, jumpHashWords } from './jump.js';

describe('jump consistent hash (Lamping & Veach 2014)', () => {
  it('the uint32-pair variant equals the bigint one on random 64-bit keys and bucket counts', () => {
    const rng = seedrandom.alea('jump-test');
    for (let k = 0; k < 5000; k++) {
      const hi = Math.floor(rng() * 2 ** 32);
      const lo = Math.floor(rng() * 2 ** 32);
      const buckets = 1 + Math.floor(rng() * (k % 2 === 0 ? 100 : 1_000_000));
      expect(jumpHashWords(hi, lo, buckets)).toBe(jumpHash((BigInt(hi) << 32n) | BigInt(lo), buckets));
    }
    expect(jumpHashWords(0xffff_ffff, 0xffff_ffff, 1000)).toBe(jumpHash(0xffff_ffff_ffff_ffffn, 1000));
  });

  it('growing from n to n+1 buckets either keeps a key or moves it to the new bucket', () => {
    const rng = seedrandom.alea('jump-growth');
    for (let k = 0; k < 2000; k++) {
      const key = BigInt(Math.floor(rng() * 2 ** 53));
      for (let n = 1; n < 40; n++) {
        const before = jumpHash(key, n);
        const after = jumpHash(key, n + 1);
        expect(after === before || after === n).toBe(true);
      }
    }
  });

  it('moves about 1/(n+1) of keys from n to n+1 buckets and spreads them evenly', () => {
    const rng = seedrandom.alea('jump-share');
    const counts = new Array<number>(10).fill(0);
    let moved = 0;
    const keys = 50_000;
    for (let k = 0; k < keys; k++) {
      const key = (BigInt(Math.floor(rng() * 2 ** 32)) << 32n) | BigInt(Math.floor(rng() * 2 ** 32));
      const b = jumpHash(key, 10);
      counts[b]! += 1;
      if (jumpHash(key, 11) !== b) moved++;
    }
    expect(moved / keys).toBeGreaterThan(1 / 11 - 0.01);
    expect(moved / keys).toBeLessThan(1 / 11 + 0.01);
    for (const c of counts) expect(Math.abs(c / keys - 0.1)).toBeLessThan(0.01);
  });

  it('wraps keys mod 2^64, rejects bad bucket counts, and the table form uses the flow hash as key', () => {
    expect(jumpHash(-1n, 50)).toBe(jumpHash(0xffff_ffff_ffff_ffffn, 50));
    expect(() => jumpHash(1n, 0)).toThrow(/buckets/);
    const table = new JumpHash(['a', 'b', 'c', 'd', 'e']);
    for (let f = 0; f < 100; f++) expect(table.lookup(f * 104_729)).toBe(jumpHash(BigInt(f * 104_729), 5));
  });
});
