/**
 * xxHash32, written from the specification (Yann Collet, "xxHash fast digest algorithm",
 * doc/xxhash_spec.md, XXH32 section). Pure 32-bit arithmetic (Math.imul), so it is fast enough to
 * place hundreds of thousands of ring points per build and to hash packed flow headers; the
 * bigint {@link xxHash64} is kept for what must match Envoy bit for bit (Maglev offsets/skips).
 */

const PRIME32_1 = 0x9e37_79b1;
const PRIME32_2 = 0x85eb_ca77;
const PRIME32_3 = 0xc2b2_ae3d;
const PRIME32_4 = 0x27d4_eb2f;
const PRIME32_5 = 0x1656_67b1;

/** Longest input accepted: hashing is for names and packed headers, not bulk data. */
export const XXHASH32_MAX_INPUT_BYTES = 1 << 20;

const encoder = new TextEncoder();

function rotl32(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

function round(acc: number, lane: number): number {
  return Math.imul(rotl32((acc + Math.imul(lane, PRIME32_2)) | 0, 13), PRIME32_1);
}

function readLane32(bytes: Uint8Array, at: number): number {
  return bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24);
}

/**
 * The 32-bit xxHash of `input` (a string is hashed as its UTF-8 bytes) with a 32-bit `seed`.
 * Returns an unsigned integer in [0, 2^32).
 */
export function xxHash32(input: Uint8Array | string, seed = 0): number {
  const bytes = typeof input === 'string' ? encoder.encode(input) : input;
  const length = bytes.length;
  if (length > XXHASH32_MAX_INPUT_BYTES) {
    throw new RangeError(`xxHash32 input of ${length} bytes exceeds the limit of ${XXHASH32_MAX_INPUT_BYTES}`);
  }
  let at = 0;
  let h: number;
  if (length >= 16) {
    let v1 = (seed + PRIME32_1 + PRIME32_2) | 0;
    let v2 = (seed + PRIME32_2) | 0;
    let v3 = seed | 0;
    let v4 = (seed - PRIME32_1) | 0;
    const stripesEnd = length - 16;
    while (at <= stripesEnd) {
      v1 = round(v1, readLane32(bytes, at));
      v2 = round(v2, readLane32(bytes, at + 4));
      v3 = round(v3, readLane32(bytes, at + 8));
      v4 = round(v4, readLane32(bytes, at + 12));
      at += 16;
    }
    h = (rotl32(v1, 1) + rotl32(v2, 7) + rotl32(v3, 12) + rotl32(v4, 18)) | 0;
  } else {
    h = (seed + PRIME32_5) | 0;
  }
  h = (h + length) | 0;
  while (at + 4 <= length) {
    h = Math.imul(rotl32((h + Math.imul(readLane32(bytes, at), PRIME32_3)) | 0, 17), PRIME32_4);
    at += 4;
  }
  while (at < length) {
    h = Math.imul(rotl32((h + Math.imul(bytes[at]!, PRIME32_5)) | 0, 11), PRIME32_1);
    at += 1;
  }
  h ^= h >>> 15;
  h = Math.imul(h, PRIME32_2);
  h ^= h >>> 13;
  h = Math.imul(h, PRIME32_3);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The xxHash32 avalanche step alone: a fast bijective mix of one 32-bit word. Used to spread
 * already-random flow hashes before rendezvous weighting, so structured inputs (sequential
 * integers) still rank backends independently.
 */
export function xxHash32Avalanche(word: number): number {
  let h = word | 0;
  h ^= h >>> 15;
  h = Math.imul(h, PRIME32_2);
  h ^= h >>> 13;
  h = Math.imul(h, PRIME32_3);
  h ^= h >>> 16;
  return h >>> 0;
}
