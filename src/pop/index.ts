/**
 * The PoP layer: in-PoP hashing (modulo, ring, rendezvous, Maglev, jump), flow keys, conntrack,
 * server churn and site outages as timelines, and the serving architectures the session layer
 * judges sessions under. The only door into src/pop.
 */
export { type BackendHash, checkBackendNames, MAX_BACKENDS } from './backend-hash.js';
export {
  addressSpace,
  type AddressSpace,
  dnsLookupStartMs,
  forwardedAddedRttMs,
  forwardsBetweenPops,
  handoffStartMs,
  type PathRtt,
  unicastAddedRttMs,
} from './architecture-cost.js';
export { createArchitecture } from './architectures.js';
export { GeographicPathRtt } from './geographic-path-rtt.js';
export { Conntrack, conntrackHorizonMs, MAX_CONNTRACK_CAPACITY } from './conntrack.js';
export { DaisyChainArchitecture } from './daisy-chain.js';
export { EdgeArchitecture } from './edge.js';
export { type FiveTuple, flowHash32, flowKey64, packFiveTuple } from './five-tuple.js';
export { DEFAULT_GLB_ROWS, GlbTable, MAX_GLB_ROWS, NO_SECONDARY } from './glb-table.js';
export { GlobalHashArchitecture } from './global-hash.js';
export {
  type BackendHashOptions,
  buildBackendHash,
  HASH_ALGORITHM_NAMES,
  type HashAlgorithmName,
  isHashAlgorithmName,
} from './hash-algorithm.js';
export { JumpHash, jumpHash, jumpHashWords, MAX_JUMP_BUCKETS } from './jump.js';
export {
  checkMaglevTableSize,
  DEFAULT_MAGLEV_TABLE_SIZE,
  isPrime,
  MAX_MAGLEV_TABLE_SIZE,
  MaglevHash,
  type MaglevPermutation,
  maglevPermutation,
  maglevPopulate,
  maglevTable,
} from './maglev.js';
export { ModuloHash } from './modulo.js';
export {
  type ChurnEvent,
  type ChurnKind,
  type ConntrackConfig,
  DEFAULT_CONNTRACK,
  DEFAULT_UNICAST_DNS,
  type GlobalHashConfig,
  MAX_POPS,
  MAX_SERVERS_PER_POP,
  type PopConfig,
  type PopLayerConfig,
  PopLayerModel,
  unicastDnsFailoverMs,
  type UnicastDnsConfig,
  type UpdateDelaySpec,
} from './pop-layer-model.js';
export { QuicLbArchitecture } from './quic-lb.js';
export { RendezvousHash, rendezvousSeeds, rendezvousWeight } from './rendezvous.js';
export { DEFAULT_RING_VNODES, MAX_RING_POINTS, RingHash } from './ring.js';
export {
  MAX_SERVER_CHANGES,
  NO_SERVER,
  type ServerChange,
  type ServerChangeKind,
  ServerSetTimeline,
  type ServerStatus,
  type ServerTableSpec,
  TABLE_CACHE_LIMIT,
} from './server-churn.js';
export {
  ARCHITECTURE_NAMES,
  type ArchitectureName,
  type BreakCause,
  emptySessionPlacement,
  isArchitectureName,
  openSession,
  type ServingArchitecture,
  type SessionPlacement,
} from './serving-architecture.js';
export { MAX_SITE_OUTAGES, type SiteOutage, SiteHealthTimeline } from './site-health.js';
export { UnicastDnsArchitecture } from './unicast-dns.js';
export { UnicastHandoffArchitecture } from './unicast-handoff.js';
export { XXHASH32_MAX_INPUT_BYTES, xxHash32, xxHash32Avalanche } from './xxhash32.js';
export { XXHASH64_MAX_INPUT_BYTES, xxHash64 } from './xxhash64.js';
export { MAX_MEASURED_FLOWS, measureRemap, type RemapExperiment, type RemapMeasurement } from './remap-measurement.js';
