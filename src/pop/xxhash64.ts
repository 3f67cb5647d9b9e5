/**
 * xxHash64, written from the specification (Yann Collet, "xxHash fast digest algorithm",
 * doc/xxhash_spec.md, XXH64 section). Envoy's Maglev load balancer derives each host's offset
 * and skip from xxHash64 of the host's name with seeds 0 and 1 (source/common/common/hash.h), so
 * anysim must compute the same digest bit for bit.
 *
 * BigInt arithmetic is used because it maps the spec's 64-bit wrap-around operations one to one;
 * it is slow (microseconds per call), which is fine for backend names (a few thousand per table
 * build) and never used per packet.
 */

const MASK64 = 0xffff_ffff_ffff_ffffn;
const PRIME64_1 = 0x9e37_79b1_85eb_ca87n;
const PRIME64_2 = 0xc2b2_ae3d_27d4_eb4fn;
const PRIME64_3 = 0x1656_67b1_9e37_79f9n;
const PRIME64_4 = 0x85eb_ca77_c2b2_ae63n;
const PRIME64_5 = 0x27d4_eb2f_1656_67c5n;

/** Longest input accepted: hashing is for names and packed headers, not bulk data. */
export const XXHASH64_MAX_INPUT_BYTES = 1 << 20;

const encoder = new TextEncoder();

function rotl64(x: bigint, r: bigint): bigint {
  return ((x << r) | (x >> (64n - r))) & MASK64;
}

function round(acc: bigint, lane: bigint): bigint {
  const sum = (acc + lane * PRIME64_2) & MASK64;
  return (rotl64(sum, 31n) * PRIME64_1) & MASK64;
}

function mergeRound(acc: bigint, value: bigint): bigint {
  return (((acc ^ round(0n, value)) * PRIME64_1) & MASK64) + PRIME64_4 & MASK64;
}

function readLane64(bytes: Uint8Array, at: number): bigint {
  return BigInt(readLane32(bytes, at)) | (BigInt(readLane32(bytes, at + 4)) << 32n);
}

function readLane32(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
}

/**
 * The 64-bit xxHash of `input` (a string is hashed as its UTF-8 bytes, as Envoy hashes host
 * names) with a 64-bit `seed`. Returns an unsigned bigint in [0, 2^64).
 *
 * @example xxHash64('backend-0', 1n) // the Maglev skip seed of Envoy
 */
export function xxHash64(input: Uint8Array | string, seed = 0n): bigint {
  const bytes = typeof input === 'string' ? encoder.encode(input) : input;
  const length = bytes.length;
  if (length > XXHASH64_MAX_INPUT_BYTES) {
    throw new RangeError(`xxHash64 input of ${length} bytes exceeds the limit of ${XXHASH64_MAX_INPUT_BYTES}`);
  }
  const seed64 = seed & MASK64;
  let at = 0;
  let h: bigint;
  if (length >= 32) {
    let v1 = (seed64 + PRIME64_1 + PRIME64_2) & MASK64;
    let v2 = (seed64 + PRIME64_2) & MASK64;
    let v3 = seed64;
    let v4 = (seed64 - PRIME64_1) & MASK64;
    const stripesEnd = length - 32;
    while (at <= stripesEnd) {
      v1 = round(v1, readLane64(bytes, at));
      v2 = round(v2, readLane64(bytes, at + 8));
      v3 = round(v3, readLane64(bytes, at + 16));
      v4 = round(v4, readLane64(bytes, at + 24));
      at += 32;
    }
    h = (rotl64(v1, 1n) + rotl64(v2, 7n) + rotl64(v3, 12n) + rotl64(v4, 18n)) & MASK64;
    h = mergeRound(h, v1);
    h = mergeRound(h, v2);
    h = mergeRound(h, v3);
    h = mergeRound(h, v4);
  } else {
    h = (seed64 + PRIME64_5) & MASK64;
  }
  h = (h + BigInt(length)) & MASK64;
  while (at + 8 <= length) {
    h ^= round(0n, readLane64(bytes, at));
    h = (rotl64(h, 27n) * PRIME64_1 + PRIME64_4) & MASK64;
    at += 8;
  }
  if (at + 4 <= length) {
    h ^= (BigInt(readLane32(bytes, at)) * PRIME64_1) & MASK64;
    h = (rotl64(h, 23n) * PRIME64_2 + PRIME64_3) & MASK64;
    at += 4;
  }
  while (at < length) {
    h ^= (BigInt(bytes[at]!) * PRIME64_5) & MASK64;
    h = (rotl64(h, 11n) * PRIME64_1) & MASK64;
    at += 1;
  }
  h ^= h >> 33n;
  h = (h * PRIME64_2) & MASK64;
  h ^= h >> 29n;
  h = (h * PRIME64_3) & MASK64;
  h ^= h >> 32n;
  return h;
}
