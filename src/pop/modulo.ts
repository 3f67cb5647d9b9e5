/**
 * Modulo hashing: backend = flow hash mod N. The textbook baseline against which consistent
 * hashing is measured (Karger et al., STOC 1997): changing N remaps about (N-1)/N of all flows.
 */
import { checkBackendNames, type BackendHash } from './backend-hash.js';

/** Backend = flowHash mod N. */
export class ModuloHash implements BackendHash {
  readonly backendCount: number;
  readonly tableBytes = 0;

  constructor(backendNames: readonly string[]) {
    checkBackendNames(backendNames);
    this.backendCount = backendNames.length;
  }

  lookup(flowHash: number): number {
    return (flowHash >>> 0) % this.backendCount;
  }
}
