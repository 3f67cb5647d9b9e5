/**
 * The in-PoP hashing algorithms by name, and the one factory that builds any of them from a
 * backend name list (the interface is {@link BackendHash}).
 */
import type { BackendHash } from './backend-hash.js';
import { JumpHash } from './jump.js';
import { DEFAULT_MAGLEV_TABLE_SIZE, MaglevHash } from './maglev.js';
import { ModuloHash } from './modulo.js';
import { RendezvousHash } from './rendezvous.js';
import { DEFAULT_RING_VNODES, RingHash } from './ring.js';

/** The hashing algorithms a PoP load balancer can use. */
export type HashAlgorithmName = 'modulo' | 'ring' | 'rendezvous' | 'maglev' | 'jump';

/** Every algorithm name, in the order reports list them. */
export const HASH_ALGORITHM_NAMES: readonly HashAlgorithmName[] = ['modulo', 'ring', 'rendezvous', 'maglev', 'jump'];

/** Algorithm parameters; each algorithm reads only its own. */
export interface BackendHashOptions {
  /** Maglev table size M (prime). Default {@link DEFAULT_MAGLEV_TABLE_SIZE}. */
  readonly tableSize?: number;
  /** Ring virtual nodes per backend. Default {@link DEFAULT_RING_VNODES}. */
  readonly vnodes?: number;
}

/** Whether `name` is one of {@link HASH_ALGORITHM_NAMES}. */
export function isHashAlgorithmName(name: string): name is HashAlgorithmName {
  return (HASH_ALGORITHM_NAMES as readonly string[]).includes(name);
}

/** Builds the named algorithm's table over `backendNames` (lookups return indexes into it). */
export function buildBackendHash(
  algorithm: HashAlgorithmName,
  backendNames: readonly string[],
  options: BackendHashOptions = {},
): BackendHash {
  switch (algorithm) {
    case 'modulo':
      return new ModuloHash(backendNames);
    case 'ring':
      return new RingHash(backendNames, options.vnodes ?? DEFAULT_RING_VNODES);
    case 'rendezvous':
      return new RendezvousHash(backendNames);
    case 'maglev':
      return new MaglevHash(backendNames, options.tableSize ?? DEFAULT_MAGLEV_TABLE_SIZE);
    case 'jump':
      return new JumpHash(backendNames);
  }
}
