/**
 * The scenario, normalised: every duration in ms, every rate per second, every default filled.
 * This is what the rest of anysim consumes; files on disk (YAML or JSON, with unit strings such as
 * "90s" and "20/s") are parsed and validated into it by the scenario schema.
 */
import type { LatLon } from '../geo/index.js';
import type { PopCity } from '../topology/index.js';
import type { ClientFlipMode, FlapSpec, IncidentClass, ResponsePlanSpec, ResponseSpec } from '../flaps/index.js';
import type { ArchitectureName, HashAlgorithmName } from '../pop/index.js';
import type { TieBreakRule } from '../routing/index.js';
import type { ProtocolName } from '../sessions/index.js';
import type { DurationDistribution } from '../sim/index.js';
import type { PopCapacity } from '../load/index.js';

/** Capacities: a default for every PoP and overrides by PoP name (docs/load.md). */
export interface CapacitySpec {
  readonly default: PopCapacity;
  readonly pops: Readonly<Record<string, PopCapacity>>;
}

export type { ClientFlipMode, DurationDistribution, FlapSpec, HashAlgorithmName, IncidentClass, PopCapacity, ProtocolName, ResponsePlanSpec, ResponseSpec, TieBreakRule };
/** Serving architectures (ARCHITECTURE.md, PoP layer). */
export type ArchitectureNameInScenario = ArchitectureName;

/** Where the AS graph comes from. */
export type TopologySpec =
  | { readonly kind: 'synthetic'; readonly ases: number }
  | {
      readonly kind: 'caida';
      readonly file: string;
      /** The user geography CSV (`ASN,lat,lon[,users]`, docs/geography.md); absent: seeded fallback for every AS. */
      readonly geography?: string;
    };

/** One PoP site attached to named upstream (provider) and peer ASes. */
export interface PopSpec {
  readonly name: string;
  readonly upstreams: readonly number[];
  readonly peers: readonly number[];
  /** The upstreams the PoP's own unicast prefix is announced to (a subset of `upstreams`; absent: all). */
  readonly unicastUpstreams?: readonly number[];
  /** The peers the PoP's own unicast prefix is announced to (a subset of `peers`; absent: all). */
  readonly unicastPeers?: readonly number[];
  /** The city the site sits in, as the scenario named it ("Frankfurt am Main, DE"). */
  readonly city?: string;
  /** Where the site is: the named city's point, or the scenario's `location`. */
  readonly location?: LatLon;
}

/** PoPs: listed explicitly, or placed automatically by count (seeded). */
export type PopsSpec =
  | {
      readonly kind: 'count';
      readonly count: number;
      readonly upstreamsPerPop: number;
      /** The cities PoPs sit in, cycled through (absent: drawn by population from the metros). */
      readonly cities?: readonly PopCity[];
      /** The named set `cities` came from (docs/geography.md), when the file named one. */
      readonly citySet?: string;
    }
  | { readonly kind: 'sites'; readonly sites: readonly PopSpec[] };

/** Servers inside each PoP and how flows are spread over them. */
export interface ServersSpec {
  readonly perPop: number;
  readonly algorithm: HashAlgorithmName;
  readonly tableSize: number;
  readonly vnodes: number;
  readonly conntrackCapacity: number;
  readonly conntrackIdleTimeoutMs: number;
}

/** Knobs of the serving architectures that are not per PoP. */
export interface ServingSpec {
  /** global-hash: each PoP applies a shared-table update after a delay drawn from this range. */
  readonly globalHashUpdateDelayMs: readonly [number, number];
  /** unicast-dns: health checks every interval; a PoP is declared down after `failureThreshold` misses. */
  readonly healthCheckIntervalMs: number;
  readonly failureThreshold: number;
  /** unicast-dns: resolvers keep the old answer for up to the TTL after the record changes. */
  readonly dnsTtlMs: number;
  /**
   * QUIC: whether every PoP can send a stateless reset for any connection (`shared`: one static
   * key, RFC 9000 §10.3) or only the PoP that issued the connection ID (`per-pop`).
   */
  readonly quicResetKey: QuicResetKey;
}

/** Who can compute a QUIC connection's stateless-reset token. */
export type QuicResetKey = 'shared' | 'per-pop';

/** BGP timers and knobs. */
export interface RoutingSpec {
  readonly operatorAsn: number;
  readonly mraiMs: number;
  /** `busy`: per-peer timers always running (other prefixes keep them going); `idle`: only after this prefix's UPDATEs. */
  readonly mraiTimers: 'busy' | 'idle';
  readonly wrate: boolean;
  readonly damping: boolean;
  readonly holdTimeMs: number;
  readonly linkDelayMs: readonly [number, number];
  readonly processingDelayMs: readonly [number, number];
  /** How the PoPs' unicast prefixes converge: full BGP, or a jump to each new steady state (large runs). */
  readonly unicastDynamics: 'bgp' | 'steady-state';
  /** How an AS picks among equally preferred routes (docs/routing.md, "Tie-breaks"). */
  readonly tieBreak: TieBreakRule;
}

/** DNS resolver behaviour: per-attempt timeout and number of attempts. */
export interface ResolverSpec {
  readonly profile: 'glibc' | 'c-ares' | 'unbound' | 'bind' | 'custom';
  readonly timeoutMs: number;
  readonly attempts: number;
}

/** A diurnal shape multiplies the arrival rate by 1 + amplitude * sin(2π (t - peak) / 24h + π/2). */
export interface DiurnalSpec {
  readonly amplitude: number;
  readonly peakMs: number;
}

/** One protocol's traffic. */
export interface WorkloadSpec {
  readonly protocol: ProtocolName;
  /** Session arrivals per second (Poisson), over all clients. */
  readonly arrivalsPerS: number;
  readonly diurnal?: DiurnalSpec;
  readonly duration: DurationDistribution;
  /** dns-udp only. */
  readonly resolver?: ResolverSpec;
  /** Interval between the session's own packets when idle (pings, keepalives, queries). */
  readonly packetIntervalMs?: number;
  /** The application's timeout on a stalled exchange (ms); Infinity: none (the transport decides). */
  readonly applicationTimeoutMs?: number;
}

/**
 * Per protocol: the largest excess broken fraction over the `unicast-dns` baseline (paired on the
 * same history) at which anycast is judged safe. Every protocol has one (defaults filled).
 */
export type AllowanceSpec = Readonly<Record<ProtocolName, number>>;

/**
 * Incidents per year by incident class, in the class's unit: per PoP (PoP and server classes),
 * per link (link-down, link-flap) or per client AS (client-flip). Only the classes the file
 * names: the others take the flap process's own rate or a documented default.
 */
export type EventRatesPerYearSpec = Readonly<Partial<Record<IncidentClass, number>>>;

/** Client populations: which ASes host clients and how they are weighted. */
export interface ClientsSpec {
  /** 'stubs': every AS with no customer; 'all': every AS. */
  readonly ases: 'stubs' | 'all';
  /**
   * 'uniform', 'degree' (weight by the AS's number of neighbours, a proxy for size), or 'users'
   * (by the geography's user weights: sessions arrive in proportion to users, so every
   * session-based figure, verdicts included, is user-weighted; docs/sessions.md).
   */
  readonly weighting: 'uniform' | 'degree' | 'users';
}

/** A whole normalised scenario. */
export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly seed: string;
  /** Independent replications of the run (own flap draws, routing, sessions), for intervals. */
  readonly replications: number;
  readonly durationMs: number;
  readonly topology: TopologySpec;
  readonly pops: PopsSpec;
  readonly servers: ServersSpec;
  readonly serving: ServingSpec;
  readonly routing: RoutingSpec;
  readonly clients: ClientsSpec;
  readonly flaps: readonly FlapSpec[];
  /**
   * Operator response plans (docs/responses.md); absent when the file names none (so the digest
   * of a scenario without responses is what it was before they existed). One plan: the run
   * applies it. Several: each is a run of its own over the same seed, compared in the report; the
   * run's main results are the first plan's.
   */
  readonly responses?: readonly ResponsePlanSpec[];
  readonly workload: readonly WorkloadSpec[];
  readonly architectures: readonly ArchitectureNameInScenario[];
  readonly allowance: AllowanceSpec;
  readonly eventRatesPerYear: EventRatesPerYearSpec;
  /** PoP capacities (docs/load.md); absent: every PoP unlimited. */
  readonly capacity?: CapacitySpec;
}
