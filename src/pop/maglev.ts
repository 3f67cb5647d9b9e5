/**
 * Maglev hashing (Eisenbud et al., "Maglev: A Fast and Reliable Software Network Load Balancer",
 * NSDI 2016, §3.4, Pseudocode 1). Each backend i has a permutation of the M table slots,
 * permutation[i][j] = (offset_i + j * skip_i) mod M; backends take turns claiming their next
 * unclaimed preferred slot until all M slots are filled. M must be prime so every skip in
 * [1, M-1] visits every slot. Offsets and skips come from xxHash64 of the backend's name as
 * Envoy computes them (source/extensions/load_balancing_policies/maglev/maglev_lb.cc):
 * offset = h(name, 0) mod M, skip = h(name, 1) mod (M - 1) + 1. Like Envoy, backends are placed
 * in name order, so the table does not depend on the order the names are listed in.
 *
 * The paper reports near-perfect balance (about 1 % imbalance) for M > 100 N, and that removing
 * a backend moves somewhat more than the minimal share of flows (Envoy: about twice).
 */
import { checkBackendNames, type BackendHash } from './backend-hash.js';
import { xxHash64 } from './xxhash64.js';

/** Envoy's and Katran's default table size (a prime). */
export const DEFAULT_MAGLEV_TABLE_SIZE = 65_537;
/** Largest table size accepted. */
export const MAX_MAGLEV_TABLE_SIZE = 1 << 24;

/** A backend's place in the Maglev population: its first preferred slot and its stride. */
export interface MaglevPermutation {
  readonly offset: number;
  readonly skip: number;
}

/** Whether n is prime (trial division; n is at most {@link MAX_MAGLEV_TABLE_SIZE}). */
export function isPrime(n: number): boolean {
  if (!Number.isInteger(n) || n < 2) return false;
  if (n % 2 === 0) return n === 2;
  for (let d = 3; d * d <= n; d += 2) if (n % d === 0) return false;
  return true;
}

/** Fails fast unless `tableSize` is a prime within the limit. */
export function checkMaglevTableSize(tableSize: number): void {
  if (!Number.isInteger(tableSize) || tableSize > MAX_MAGLEV_TABLE_SIZE) {
    throw new RangeError(`Maglev table size must be an integer <= ${MAX_MAGLEV_TABLE_SIZE}, got ${tableSize}`);
  }
  if (!isPrime(tableSize)) throw new RangeError(`Maglev table size must be prime, got ${tableSize}`);
}

/** Envoy's offset and skip for one backend name: xxHash64 with seeds 0 and 1. */
export function maglevPermutation(backendName: string, tableSize: number): MaglevPermutation {
  const m = BigInt(tableSize);
  return {
    offset: Number(xxHash64(backendName, 0n) % m),
    skip: Number(xxHash64(backendName, 1n) % (m - 1n)) + 1,
  };
}

/**
 * The population loop of NSDI 2016 Pseudocode 1 over typed arrays: backends in array order take
 * turns claiming their next free preferred slot. Returns the backend index per slot.
 */
function populate(offsets: Uint32Array, skips: Uint32Array, tableSize: number): Uint32Array {
  const n = offsets.length;
  if (n === 0) throw new RangeError('a Maglev table needs at least one backend');
  if (n > tableSize) throw new RangeError(`${n} backends do not fit a Maglev table of ${tableSize} slots`);
  const entry = new Uint32Array(tableSize).fill(0xffff_ffff);
  // The next slot each backend would try: offset + next * skip (mod M), advanced incrementally.
  const position = offsets.slice();
  let filled = 0;
  for (;;) {
    for (let i = 0; i < n; i++) {
      const skip = skips[i]!;
      let c = position[i]!;
      while (entry[c] !== 0xffff_ffff) {
        c += skip;
        if (c >= tableSize) c -= tableSize;
      }
      entry[c] = i;
      c += skip;
      position[i] = c >= tableSize ? c - tableSize : c;
      if (++filled === tableSize) return entry;
    }
  }
}

/**
 * NSDI 2016 §3.4 population: the backend index for each of `tableSize` slots, given each
 * backend's (offset, skip). The paper's Table 1: M = 7 with (3,4), (0,2), (3,1) gives
 * [1,0,1,0,2,2,0].
 */
export function maglevPopulate(permutations: { offset: number; skip: number }[], tableSize: number): number[] {
  if (!Number.isInteger(tableSize) || tableSize < 1 || tableSize > MAX_MAGLEV_TABLE_SIZE) {
    throw new RangeError(`Maglev table size must be an integer in [1, ${MAX_MAGLEV_TABLE_SIZE}], got ${tableSize}`);
  }
  const offsets = new Uint32Array(permutations.length);
  const skips = new Uint32Array(permutations.length);
  permutations.forEach(({ offset, skip }, i) => {
    if (!Number.isInteger(offset) || offset < 0 || offset >= tableSize) {
      throw new RangeError(`backend ${i}: offset must be an integer in [0, ${tableSize}), got ${offset}`);
    }
    if (!Number.isInteger(skip) || skip < 1 || skip >= tableSize) {
      throw new RangeError(`backend ${i}: skip must be an integer in [1, ${tableSize}), got ${skip}`);
    }
    offsets[i] = offset;
    skips[i] = skip;
  });
  return Array.from(populate(offsets, skips, tableSize));
}

/** Builds the slot array for named backends; returns backend indexes into `backendNames`. */
function buildSlots(backendNames: readonly string[], tableSize: number): Uint32Array {
  checkBackendNames(backendNames);
  checkMaglevTableSize(tableSize);
  const order = backendNames.map((_, i) => i).sort((a, b) => (backendNames[a]! < backendNames[b]! ? -1 : 1));
  const offsets = new Uint32Array(order.length);
  const skips = new Uint32Array(order.length);
  order.forEach((backend, k) => {
    const { offset, skip } = maglevPermutation(backendNames[backend]!, tableSize);
    offsets[k] = offset;
    skips[k] = skip;
  });
  const slots = populate(offsets, skips, tableSize);
  for (let s = 0; s < tableSize; s++) slots[s] = order[slots[s]!]!;
  return slots;
}

/**
 * The Maglev lookup table for named backends, offsets and skips as Envoy computes them: the
 * index into `backendNames` for each of `tableSize` slots (tableSize prime).
 */
export function maglevTable(backendNames: string[], tableSize: number): number[] | Promise<number[]> {
  return Array.from(buildSlots(backendNames, tableSize));
}

/** A Maglev lookup table: slot = flowHash mod M. */
export class MaglevHash implements BackendHash {
  readonly backendCount: number;
  readonly tableBytes: number;
  readonly tableSize: number;
  private readonly slots: Uint16Array | Uint32Array;

  constructor(backendNames: readonly string[], tableSize = DEFAULT_MAGLEV_TABLE_SIZE) {
    const slots = buildSlots(backendNames, tableSize);
    // Two bytes per slot whenever backend indexes fit: halves the table's cache footprint.
    this.slots = backendNames.length <= 0x10000 ? Uint16Array.from(slots) : slots;
    this.backendCount = backendNames.length;
    this.tableSize = tableSize;
    this.tableBytes = this.slots.byteLength;
  }

  lookup(flowHash: number): number {
    return this.slots[(flowHash >>> 0) % this.tableSize]!;
  }
}
