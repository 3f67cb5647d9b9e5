/**
 * The one interface every in-PoP hashing algorithm implements: built once from a list of backend
 * names, then asked, per packet, which backend a flow hash maps to. Lookups take the 32-bit flow
 * hash (see five-tuple.ts) so the hot loop never touches bigint.
 */

/** A built backend-selection table (modulo, ring, rendezvous, Maglev or jump). */
export interface BackendHash {
  /** Number of backends the table was built over. */
  readonly backendCount: number;
  /** Index (into the build's backend name list) of the backend for a 32-bit flow hash. */
  lookup(flowHash: number): number;
  /** Bytes the table's own arrays hold (for the memory figure of the benchmarks). */
  readonly tableBytes: number;
}

/** Most backends one table may be built over. */
export const MAX_BACKENDS = 100_000;

/** Fails fast when a backend list is empty, too long or repeats a name. */
export function checkBackendNames(backendNames: readonly string[]): void {
  if (backendNames.length === 0) throw new RangeError('a backend table needs at least one backend');
  if (backendNames.length > MAX_BACKENDS) {
    throw new RangeError(`${backendNames.length} backends exceed the limit of ${MAX_BACKENDS}`);
  }
  if (new Set(backendNames).size !== backendNames.length) {
    throw new RangeError('backend names must be distinct');
  }
}
