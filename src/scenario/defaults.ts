/**
 * Default values of optional scenario fields, each with its source. Written in the file format
 * (unit strings) so the schema parses a default exactly as it parses a user's value, and the JSON
 * Schema shows editors the same text. docs/scenarios.md repeats these with the same sources.
 *
 * Sources (see /work/shared/REFERENCES.md):
 * - MRAI 30 s for eBGP (RFC 4271 §10 suggestion; Cisco default); the routing layer applies the
 *   RFC 4271 §9.2.1.1 jitter of 75-100 %.
 * - Hold time 90 s (RFC 4271 §10 suggested value, also RFC 1657).
 * - Explicit withdrawals are not rate-limited (RFC 4271 §9.2.1.1), so WRATE is off by default.
 * - Route flap damping off: RIPE-580 / RFC 7196 recommend it only with a suppress threshold of at
 *   least 6000, and many networks leave it off.
 * - glibc resolver: timeout 5 s, 2 attempts (resolv.conf(5)); c-ares: 5 s, 4 tries.
 * - Maglev table size M = 65537 (Envoy and Katran default; Maglev, NSDI 2016 §3.4: M prime, M > 100 N).
 * - Ring hash: about 3 % load standard deviation at 1000 virtual nodes per server.
 * - Health checks every 10 s, 3 failures to declare a PoP down: Amazon Route 53's fast interval
 *   and default failure threshold.
 */
import type { ArchitectureNameInScenario, IncidentClass, ProtocolName } from './scenario.js';

/** Seed used when the file gives none: a fixed seed keeps runs reproducible by default. */
export const DEFAULT_SEED = '1';

/**
 * Independent replications per run when the file gives none: eight give a t-interval with 7
 * degrees of freedom (t = 2.365, 21 % wider than the normal 1.96; four would give 3.182, 62 %
 * wider) and a half-width factor t/√R of 0.84 (six: 1.05), while `npm start` (the reference
 * scenario, eight replications on two threads) stays near 5 s on two idle cores, and spread the
 * cost of a new thread's warm-up (about one replication) thinly enough for a parallel efficiency
 * of about 0.8 on two threads. anysim choice, measured in reports/bench.md.
 */
export const DEFAULT_REPLICATIONS = 8;

/** Every serving architecture: a design review compares them all unless told otherwise. */
export const ALL_ARCHITECTURES: readonly ArchitectureNameInScenario[] = [
  'edge',
  'global-hash',
  'daisy-chain',
  'quic-lb',
  'unicast-handoff',
  'unicast-dns',
];

/** Every protocol profile. */
export const ALL_PROTOCOLS: readonly ProtocolName[] = ['dns-udp', 'http-short', 'websocket', 'db', 'quic'];

/** Upstreams (transit providers) per PoP placed by count: two is the usual minimum for redundancy. */
export const DEFAULT_UPSTREAMS_PER_POP = 2;

/** Servers inside each PoP (file format). */
export const DEFAULT_SERVERS = {
  /** A modest PoP rack. anysim choice. */
  perPop: 8,
  /** Maglev: the algorithm of Google's and Katran's L4 balancers. */
  algorithm: 'maglev',
  /** Maglev table size M (Envoy/Katran default, prime). */
  tableSize: 65537,
  /** Ring hash virtual nodes per server: about 3 % load standard deviation. */
  vnodes: 1000,
  conntrack: {
    /** Per server; large enough that the presets never evict, lower it to study LRU eviction. */
    capacity: 1_000_000,
    /** Longer than any preset's packet interval, so idle but live sessions keep their entry. */
    idleTimeout: '1h',
  },
} as const;

/** Serving knobs (file format). */
export const DEFAULT_SERVING = {
  /** global-hash: each PoP applies a shared-table change 1-10 s after it (anysim choice: config push). */
  globalHashUpdateDelay: ['1s', '10s'],
  /** Route 53 fast health-check interval. */
  healthCheckInterval: '10s',
  /** Route 53 default failure threshold. */
  failureThreshold: 3,
  /** A common TTL for failover records (Route 53 recommends 60 s or less with health checks). */
  dnsTtl: '60s',
  /** QUIC stateless-reset key shared by every PoP, as large deployments configure it (RFC 9000 §10.3). */
  quicResetKey: 'shared',
} as const;

/** BGP timers and knobs (file format). */
export const DEFAULT_ROUTING = {
  /** RFC 5398 documentation ASN, so it never collides with a real AS in a CAIDA graph. */
  operatorAsn: 64500,
  mrai: '30s',
  /** Busy per-peer MRAI timers (see docs/routing.md): the measured 30-90 s shifts need them. */
  mraiTimers: 'busy',
  wrate: false,
  damping: false,
  holdTime: '90s',
  /** Per-link message delay, uniform in the range: propagation plus queueing (anysim choice). */
  linkDelay: ['1ms', '50ms'],
  /** Per-update processing delay in a router, uniform in the range (anysim choice). */
  processingDelay: ['1ms', '100ms'],
  /** Unicast prefixes run the same BGP as the anycast prefix (docs/routing.md, "Unicast prefixes"). */
  unicastDynamics: 'bgp',
  /**
   * Ties between equally preferred routes go to the lowest neighbour ASN: the rule of the
   * independent reference catchments the solver is verified against (docs/routing.md, "Tie-breaks").
   */
  tieBreak: 'lowest-asn',
} as const;

/** Client populations (file format): clients live in stub ASes, weighted equally. */
export const DEFAULT_CLIENTS = { ases: 'stubs', weighting: 'uniform' } as const;

/** Resolver profiles, from the implementations' documentation (resolv.conf(5), c-ares ares_init_options). */
export const RESOLVER_PROFILES = {
  glibc: { timeoutMs: 5_000, attempts: 2 },
  'c-ares': { timeoutMs: 5_000, attempts: 4 },
  /** unbound: 376 ms for an unknown server (util/rtt.c), per-server doubling, 8 tries in 10 s. */
  unbound: { timeoutMs: 376, attempts: 8 },
  /** BIND 9: 800 ms per try (resolver.c fctx_setretryinterval), 9 tries in resolver-query-timeout 10 s. */
  bind: { timeoutMs: 800, attempts: 9 },
} as const;

/** Resolver used by dns-udp when the workload names none: glibc, the most common stub. */
export const DEFAULT_RESOLVER_PROFILE = 'glibc';

/** Maintenance drain: AS-path prepends before the withdrawal (anysim choice, a common operator practice). */
export const DEFAULT_DRAIN_PREPEND = 3;

/** Maintenance drain: time between the prepend and the withdrawal, long enough for BGP to move traffic. */
export const DEFAULT_DRAIN_WITHDRAW_AFTER = '5m';

/**
 * client-flips: share of client ASes that flip at all. Wei & Heidemann (TMA 2017): about 1 % of
 * RIPE Atlas vantage points are anycast-unstable; Zhang et al. (2025): 0.8 % (2016) to 3.2 % (2024).
 */
export const DEFAULT_UNSTABLE_FRACTION = 0.01;

/**
 * ddos: mean attack packet size in bytes when the volume is given in one unit only. anysim
 * assumption between a 60-byte SYN flood and a 1,500-byte (MTU, RFC 894) amplification reply;
 * give packetSize for the attack you model.
 */
export const DEFAULT_ATTACK_PACKET_BYTES = 500;

/** ddos: how drawn sources are weighted unless told (the client population's size proxy). */
export const DEFAULT_ATTACK_WEIGHTING = 'degree' as const;

/** client-flips: per-packet load balancing unless told (the meaning client flips always had). */
export const DEFAULT_CLIENT_FLIP_MODE = 'per-packet' as const;

/** link-flaps: which links flap unless told. */
export const DEFAULT_FLAPPING_LINKS = 'pop-upstreams';

/**
 * Allowance per protocol: the largest excess broken fraction over the `unicast-dns` baseline (on
 * the same history) at which anycast is judged safe for the protocol. docs/scenarios.md gives the
 * source of each value:
 * - dns-udp 0.1 %: within the 0.02-0.18 % UDP query failure Boothe & Bush measured on anycast
 *   root servers (NANOG 2004-05), the failure DNS operators run every root letter with.
 * - http-short 0.1 %: anysim assumption, the DNS figure (a failed page load is seen at once, as a
 *   failed lookup is).
 * - quic 0.5 %, websocket 1 %, db 1 %: anysim assumptions (longer connections reconnect; a
 *   review should set its own).
 */
export const DEFAULT_ALLOWANCE: Readonly<Record<ProtocolName, number>> = {
  'dns-udp': 0.001,
  'http-short': 0.001,
  websocket: 0.01,
  db: 0.01,
  quic: 0.005,
};

/** Where each default allowance comes from (shown in the report beside the verdict). */
export const DEFAULT_ALLOWANCE_SOURCE: Readonly<Record<ProtocolName, string>> = {
  'dns-udp': 'default: within the 0.02-0.18 % UDP failure measured on anycast root servers (Boothe & Bush, NANOG 2004-05)',
  'http-short': 'default: anysim assumption (the DNS figure)',
  websocket: 'default: anysim assumption',
  db: 'default: anysim assumption',
  quic: 'default: anysim assumption',
};

/**
 * Yearly incident rates for incident classes a scenario schedules at fixed times (a scheduled
 * event says what happens, not how often): per PoP per year, or per link per year for link-down.
 * Link flaps and client flips are Poisson processes whose own rate is used unless
 * `eventRatesPerYear` names one. docs/scenarios.md gives the source of each value.
 */
export const DEFAULT_EVENT_RATES_PER_YEAR: Readonly<Partial<Record<IncidentClass, number>>> = {
  'pop-failure': 0.2,
  'silent-death': 0.05,
  'pop-withdraw': 4,
  'maintenance-drain': 12,
  'policy-shift': 4,
  'link-down': 4,
  'server-churn': 52,
};

/** Where each default yearly rate comes from. */
export const DEFAULT_EVENT_RATE_SOURCES: Readonly<Partial<Record<IncidentClass, string>>> = {
  'pop-failure': 'Gill et al., SIGCOMM 2011: about 1 in 5 load balancers failed over a year',
  'silent-death': 'anysim assumption: a quarter of PoP failures take the router down without a withdrawal',
  'pop-withdraw': 'anysim assumption: an unplanned withdrawal per PoP a quarter',
  'maintenance-drain': 'anysim assumption: monthly maintenance per PoP',
  'policy-shift': 'anysim assumption: a traffic-engineering change per PoP a quarter',
  'link-down': 'anysim assumption: four outages per link a year',
  'server-churn': 'anysim assumption: a weekly deployment or scaling step per PoP',
};
