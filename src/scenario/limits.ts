/**
 * Limits on every size in a scenario file (TigerBeetle style: put a limit on everything and fail
 * fast with a message naming it). They bound memory and run time, and catch typos such as an extra
 * zero. Duration and rate ceilings that apply everywhere are in units.ts (30 days, 10M/s).
 */
import { MAX_DURATION_MS } from './units.js';

/** Limits on scenario sizes, by field. docs/scenarios.md lists them with the fields. */
export const SCENARIO_LIMITS = {
  /** Longest scenario name; it names report files. */
  nameLengthMax: 100,
  descriptionLengthMax: 2_000,
  seedLengthMax: 200,
  /** Independent replications of one run: 1,000 is far past where a t-interval stops narrowing usefully. */
  replicationsMax: 1_000,
  /** Shortest and longest scenario duration in ms (1 s .. 30 days). */
  durationMsMin: 1_000,
  durationMsMax: MAX_DURATION_MS,
  /** Synthetic AS graphs: below 100 ASes there is no Internet-like hierarchy; 100,000 is about the whole Internet. */
  syntheticAsesMin: 100,
  syntheticAsesMax: 100_000,
  caidaPathLengthMax: 4_096,
  /** PoPs: F root has 275+ instances (2024); 1,000 leaves room above any real anycast footprint. */
  popsMax: 1_000,
  upstreamsPerPopMax: 64,
  peersPerPopMax: 1_000,
  popNameLengthMax: 63,
  /** 32-bit AS numbers (RFC 6793). */
  asnMax: 4_294_967_295,
  serversPerPopMax: 10_000,
  /** Maglev and rendezvous tables: 65537 is the default; 2^24 bounds memory per PoP. */
  tableSizeMax: 16_777_216,
  vnodesMax: 10_000,
  conntrackCapacityMax: 100_000_000,
  failureThresholdMax: 100,
  /** Every protocol appears at most once; 16 leaves room for new profiles. */
  workloadEntriesMax: 16,
  flapEntriesMax: 1_000,
  /** Response plans compared in one scenario (each is a whole run). */
  responsePlansMax: 8,
  responsesPerPlanMax: 1_000,
  resolverAttemptsMax: 10,
  /** Resolver timeouts are seconds in practice; a minute is already absurd. */
  resolverTimeoutMsMax: 60_000,
  /** An application timeout longer than a day is no timeout: write "none". */
  applicationTimeoutMsMax: 86_400_000,
  prependMax: 32,
  /** Explicit or drawn attack sources: a botnet spread over more ASes than this is a distribution, not a list. */
  attackSourcesMax: 100_000,
  /** Sessions a PoP holds open at once: 10^12 is beyond any deployment. */
  sessionCapacityMax: 1_000_000_000_000,
  /** An IPv4 packet: at least its 20-byte header (RFC 791), at most 65,535 bytes. */
  packetBytesMin: 20,
  packetBytesMax: 65_535,
  serverChurnCountMax: 10_000,
  /** Lognormal sigma: 5 already spans e^10 between typical small and large values. */
  lognormalSigmaMax: 5,
  paretoShapeMax: 100,
  /** Network delays: one link or one router never delays a message by more than a minute. */
  networkDelayMsMax: 60_000,
  /** Incidents per unit per year: a million a year is one every 30 s, beyond any incident class. */
  eventRatePerYearMax: 1_000_000,
} as const;
