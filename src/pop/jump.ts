/**
 * Jump consistent hash (Lamping & Veach, "A Fast, Minimal Memory, Consistent Hash Algorithm",
 * 2014, Figure 1). Maps a 64-bit key to a bucket in [0, buckets) with no table; going from n to
 * n+1 buckets moves exactly the keys that land in the new bucket (1/(n+1) of them). Buckets must
 * be numbered sequentially, so only the last backend can be removed without remapping others.
 *
 * Two implementations with identical results: {@link jumpHash} on bigint, exactly the paper's
 * 64-bit linear congruential step key = key * 2862933555777941757 + 1, and
 * {@link jumpHashWords}, the same arithmetic on two uint32 halves for the per-packet path.
 */
import { checkBackendNames, type BackendHash } from './backend-hash.js';

const MASK64 = 0xffff_ffff_ffff_ffffn;
const LCG_MULTIPLIER = 2862933555777941757n;
const LCG_HI = 0x27bb_2ee6;
const LCG_LO = 0x87b0_b0fd;
/** Most buckets accepted (the algorithm returns a signed 32-bit bucket). */
export const MAX_JUMP_BUCKETS = 0x7fff_ffff;

function checkBuckets(buckets: number): void {
  if (!Number.isInteger(buckets) || buckets < 1 || buckets > MAX_JUMP_BUCKETS) {
    throw new RangeError(`jump hash buckets must be an integer in [1, ${MAX_JUMP_BUCKETS}], got ${buckets}`);
  }
}

/** Lamping & Veach's jump consistent hash of a 64-bit key (taken mod 2^64) into `buckets`. */
export function jumpHash(key: bigint, buckets: number): number {
  checkBuckets(buckets);
  let k = key & MASK64;
  let b = -1;
  let j = 0;
  while (j < buckets) {
    b = j;
    k = (k * LCG_MULTIPLIER + 1n) & MASK64;
    j = Math.floor((b + 1) * (2147483648 / (Number(k >> 33n) + 1)));
  }
  return b;
}

/**
 * Jump hash of the 64-bit key (keyHi * 2^32 + keyLo) without bigint: the LCG's 64-bit product is
 * assembled from 16-bit partial products, which double arithmetic holds exactly.
 */
export function jumpHashWords(keyHi: number, keyLo: number, buckets: number): number {
  let hi = keyHi >>> 0;
  let lo = keyLo >>> 0;
  let b = -1;
  let j = 0;
  while (j < buckets) {
    b = j;
    // (hi, lo) * (LCG_HI, LCG_LO) mod 2^64, then + 1.
    const a0 = lo & 0xffff;
    const a1 = lo >>> 16;
    const b0 = LCG_LO & 0xffff;
    const b1 = LCG_LO >>> 16;
    const p00 = a0 * b0;
    const p01 = a0 * b1;
    const p10 = a1 * b0;
    const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
    const productLo = (((mid & 0xffff) << 16) | (p00 & 0xffff)) >>> 0;
    const carry = a1 * b1 + Math.floor(p01 / 0x10000) + Math.floor(p10 / 0x10000) + Math.floor(mid / 0x10000);
    let productHi = (carry + Math.imul(hi, LCG_LO) + Math.imul(lo, LCG_HI)) >>> 0;
    let nextLo = productLo + 1;
    if (nextLo === 0x1_0000_0000) {
      nextLo = 0;
      productHi = (productHi + 1) >>> 0;
    }
    hi = productHi;
    lo = nextLo;
    j = Math.floor((b + 1) * (2147483648 / ((hi >>> 1) + 1)));
  }
  return b;
}

/** Jump hash over the backends in list order (bucket i = backendNames[i]); key = the flow hash. */
export class JumpHash implements BackendHash {
  readonly backendCount: number;
  readonly tableBytes = 0;

  constructor(backendNames: readonly string[]) {
    checkBackendNames(backendNames);
    this.backendCount = backendNames.length;
  }

  lookup(flowHash: number): number {
    return jumpHashWords(0, flowHash, this.backendCount);
  }
}
