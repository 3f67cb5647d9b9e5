/**
 * Rendezvous hashing, "highest random weight" (Thaler & Ravishankar, IEEE/ACM ToN 1998): each
 * flow goes to the backend with the highest weight w(backend, flow). Removing a backend moves
 * exactly the flows it held; GLB Director fills its forwarding table this way. O(N) per lookup.
 *
 * Weight: the xxHash32 avalanche of (xxHash32(name) XOR avalanche(flow hash)); ties (1 in 2^32)
 * go to the backend listed first.
 */
import { checkBackendNames, type BackendHash } from './backend-hash.js';
import { xxHash32, xxHash32Avalanche } from './xxhash32.js';

/** The rendezvous weight of a backend (by its name seed) for a pre-mixed flow hash. */
export function rendezvousWeight(backendSeed: number, mixedFlowHash: number): number {
  return xxHash32Avalanche(backendSeed ^ mixedFlowHash);
}

/** Per-backend seeds: xxHash32 of each name. */
export function rendezvousSeeds(backendNames: readonly string[]): Uint32Array {
  const seeds = new Uint32Array(backendNames.length);
  for (let i = 0; i < backendNames.length; i++) seeds[i] = xxHash32(backendNames[i]!);
  return seeds;
}

/** Highest-random-weight selection over the given backends. */
export class RendezvousHash implements BackendHash {
  readonly backendCount: number;
  readonly tableBytes: number;
  private readonly seeds: Uint32Array;

  constructor(backendNames: readonly string[]) {
    checkBackendNames(backendNames);
    this.backendCount = backendNames.length;
    this.seeds = rendezvousSeeds(backendNames);
    this.tableBytes = this.seeds.byteLength;
  }

  lookup(flowHash: number): number {
    const mixed = xxHash32Avalanche(flowHash);
    const seeds = this.seeds;
    let best = 0;
    let bestWeight = -1;
    for (let i = 0; i < seeds.length; i++) {
      const weight = rendezvousWeight(seeds[i]!, mixed);
      if (weight > bestWeight) {
        bestWeight = weight;
        best = i;
      }
    }
    return best;
  }
}
