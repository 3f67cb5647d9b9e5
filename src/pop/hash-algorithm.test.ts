import { describe, expect, it } from 'vitest';
import { buildBackendHash, HASH_ALGORITHM_NAMES, isHashAlgorithmName } from './hash-algorithm.js';
import { RendezvousHash } from './rendezvous.js';
import { RingHash } from './ring.js';

const names = (n: number, prefix = 'b'): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

function loads(algorithm: (typeof HASH_ALGORITHM_NAMES)[number], n: number, flows: number): number[] {
  const table = buildBackendHash(algorithm, names(n), { tableSize: 10_007, vnodes: 500 });
  const counts = new Array<number>(n).fill(0);
  for (let f = 0; f < flows; f++) counts[table.lookup(Math.imul(f, 0x9e37_79b1) >>> 0)]! += 1;
  return counts;
}

describe('hashing algorithms behind one interface', () => {
  it.each(HASH_ALGORITHM_NAMES)('%s returns valid backend indexes and spreads 40k flows over 20 backends', (algorithm) => {
    const counts = loads(algorithm, 20, 40_000);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(40_000);
    // Every scheme stays within 25 % of the mean with these parameters.
    expect(Math.max(...counts) / 2000).toBeLessThan(1.25);
    expect(Math.min(...counts)).toBeGreaterThan(0);
  });

  it('ring and rendezvous do not depend on the order backends are listed in', () => {
    const a = names(9);
    const b = [...a].reverse();
    const ringA = new RingHash(a, 50);
    const ringB = new RingHash(b, 50);
    const hrwA = new RendezvousHash(a);
    const hrwB = new RendezvousHash(b);
    for (let f = 0; f < 5000; f++) {
      const h = Math.imul(f, 0x85eb_ca77) >>> 0;
      expect(b[ringB.lookup(h)]).toBe(a[ringA.lookup(h)]);
      expect(b[hrwB.lookup(h)]).toBe(a[hrwA.lookup(h)]);
    }
  });

  it('ring wraps past the last point to the first', () => {
    const ring = new RingHash(['x', 'y'], 1);
    expect([0, 0xffff_ffff].map((h) => ring.lookup(h))).toHaveLength(2);
    expect(ring.lookup(0xffff_ffff)).toBe(ring.lookup(0));
  });

  it('rejects empty, duplicate and oversized backend lists', () => {
    expect(() => buildBackendHash('modulo', [])).toThrow(/at least one/);
    expect(() => buildBackendHash('jump', ['a', 'a'])).toThrow(/distinct/);
    expect(() => buildBackendHash('ring', names(1000), { vnodes: 20_000 })).toThrow(/exceed the limit/);
    expect(isHashAlgorithmName('maglev')).toBe(true);
    expect(isHashAlgorithmName('random')).toBe(false);
  });
});
