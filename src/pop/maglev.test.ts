import xxhash from 'xxhash-wasm';
import { describe, expect, it } from 'vitest';
import { isPrime, MaglevHash, maglevPermutation, maglevPopulate, maglevTable } from './maglev.js';

const reference = await xxhash();

describe('Maglev population (NSDI 2016 §3.4)', () => {
  it("reproduces the paper's Table 1 before and after B1 is removed", () => {
    const b0 = { offset: 3, skip: 4 };
    const b1 = { offset: 0, skip: 2 };
    const b2 = { offset: 3, skip: 1 };
    expect(maglevPopulate([b0, b1, b2], 7)).toEqual([1, 0, 1, 0, 2, 2, 0]);
    expect(maglevPopulate([b0, b2], 7)).toEqual([0, 0, 0, 0, 1, 1, 1]);
  });

  it('gives every backend within one slot of M/N when skips are coprime with M', () => {
    const names = Array.from({ length: 13 }, (_, i) => `b${i}`);
    const table = maglevTable(names, 1009) as number[];
    const counts = new Array<number>(13).fill(0);
    for (const b of table) counts[b]! += 1;
    // The round-robin claims give each backend floor(M/N) or ceil(M/N) slots.
    for (const c of counts) expect(Math.abs(c - 1009 / 13)).toBeLessThan(1);
  });

  it("takes offset and skip from xxHash64 of the name with seeds 0 and 1 (Envoy's formula)", () => {
    const m = 65_537n;
    for (const name of ['10.0.0.1:443', 'pop-a/s0', 'x']) {
      const { offset, skip } = maglevPermutation(name, 65_537);
      expect(offset).toBe(Number(reference.h64(name, 0n) % m));
      expect(skip).toBe(Number(reference.h64(name, 1n) % (m - 1n)) + 1);
    }
  });

  it('builds the same table from named backends as populating their permutations in name order', () => {
    const names = ['c', 'a', 'b'];
    const sorted = [...names].sort();
    const direct = maglevPopulate(sorted.map((n) => maglevPermutation(n, 101)), 101).map((k) => names.indexOf(sorted[k]!));
    expect(maglevTable(names, 101)).toEqual(direct);
    // Order of the list does not matter: the same name owns the same slots.
    const other = maglevTable(['b', 'c', 'a'], 101) as number[];
    expect(other.map((k) => ['b', 'c', 'a'][k])).toEqual(direct.map((k) => names[k]));
  });

  it('rejects a non-prime table size, and bad offsets or skips', () => {
    expect(() => maglevTable(['a'], 65_536)).toThrow(/prime/);
    expect(() => new MaglevHash(['a', 'b'], 100)).toThrow(/prime/);
    expect(() => maglevPopulate([{ offset: 7, skip: 1 }], 7)).toThrow(/offset/);
    expect(() => maglevPopulate([{ offset: 0, skip: 0 }], 7)).toThrow(/skip/);
    expect(() => maglevTable(['a', 'b', 'c'], 2)).toThrow(/do not fit/);
  });

  it('primality check', () => {
    expect([2, 3, 7, 65_537, 1_000_003].map(isPrime)).toEqual([true, true, true, true, true]);
    expect([0, 1, 4, 65_535, 1_000_001].map(isPrime)).toEqual([false, false, false, false, false]);
  });

  it('looks up slot flowHash mod M', () => {
    const names = ['a', 'b', 'c', 'd'];
    const table = maglevTable(names, 31) as number[];
    const hash = new MaglevHash(names, 31);
    for (let f = 0; f < 200; f++) expect(hash.lookup(f * 7919)).toBe(table[(f * 7919) % 31]);
    expect(hash.lookup(0xffff_ffff)).toBe(table[0xffff_ffff % 31]);
  });
});
