import xxhash from 'xxhash-wasm';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { xxHash32, xxHash32Avalanche } from './xxhash32.js';
import { xxHash64, XXHASH64_MAX_INPUT_BYTES } from './xxhash64.js';

const reference = await xxhash();

function randomBytes(rng: seedrandom.PRNG, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(rng() * 256);
  return bytes;
}

describe('xxHash64 (own implementation against xxhash-wasm)', () => {
  it('matches the reference on 2000 random inputs of every length class and random seeds', () => {
    const rng = seedrandom.alea('xxhash64-test');
    for (let k = 0; k < 2000; k++) {
      // Lengths cover < 4, < 8, < 32 (no stripes) and multi-stripe inputs with every tail.
      const length = k < 200 ? k % 100 : Math.floor(rng() * 300);
      const bytes = randomBytes(rng, length);
      const seed = (BigInt(Math.floor(rng() * 2 ** 32)) << 32n) | BigInt(Math.floor(rng() * 2 ** 32));
      expect(xxHash64(bytes, seed)).toBe(reference.h64Raw(bytes, seed));
    }
  });

  it('hashes strings as UTF-8, with seeds 0 and 1 as Envoy uses for Maglev', () => {
    for (const name of ['backend-0', '10.0.0.1:80', 'pop-ams/s12', 'é-ü-名前', '']) {
      expect(xxHash64(name, 0n)).toBe(reference.h64(name, 0n));
      expect(xxHash64(name, 1n)).toBe(reference.h64(name, 1n));
    }
  });

  it('rejects inputs over the size limit', () => {
    expect(() => xxHash64(new Uint8Array(XXHASH64_MAX_INPUT_BYTES + 1))).toThrow(/exceeds the limit/);
  });
});

describe('xxHash32 (own implementation against xxhash-wasm)', () => {
  it('matches the reference on 2000 random inputs and seeds', () => {
    const rng = seedrandom.alea('xxhash32-test');
    for (let k = 0; k < 2000; k++) {
      const length = k < 100 ? k : Math.floor(rng() * 200);
      const bytes = randomBytes(rng, length);
      const seed = Math.floor(rng() * 2 ** 32);
      expect(xxHash32(bytes, seed)).toBe(reference.h32Raw(bytes, seed));
    }
    expect(xxHash32('backend-7_3')).toBe(reference.h32('backend-7_3'));
  });

  it('avalanche is a bijection on a sample (no two words collide)', () => {
    const seen = new Set<number>();
    for (let w = 0; w < 100_000; w++) seen.add(xxHash32Avalanche(w));
    expect(seen.size).toBe(100_000);
  });
});
