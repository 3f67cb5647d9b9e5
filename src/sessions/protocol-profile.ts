/**
 * Protocol profiles: how a session of each protocol exposes itself to the network (which packets
 * it sends when) and how long it tolerates losing them. Defaults and their sources:
 *
 * - dns-udp: independent queries; the resolver retries after a per-attempt timeout. glibc
 *   (resolv.conf(5)): timeout 5 s, attempts 2. c-ares (Node.js): 5 s, 4 tries.
 * - http-short: a short TCP exchange that sends continuously while open; gives up after about
 *   15 s of loss (Linux TCP: initial RTO 1 s doubling 1+2+4+8 s, RFC 6298 §5, the point where
 *   common HTTP clients time out a stalled exchange).
 * - websocket: idle between application pings every 30 s (common server heartbeat) plus messages
 *   (1 per minute by default); gives up after two missed pings (60 s).
 * - db: pooled TCP connection with a query every 15 s on average (periodic pool validation and
 *   traffic); gives up after a 30 s statement/socket timeout.
 * - quic: request traffic, continuous while open; gives up after the idle timeout, 30 s
 *   (RFC 9000 §10.1 max_idle_timeout as set by common stacks).
 *
 * `crossFlowState`: whether a new session presents state an earlier flow of the client obtained
 * from the site that served it (what per-flow client flips can send elsewhere). On by default where
 * common: http-short (TLS 1.3 session resumption with tickets, RFC 8446 §2.2, used by browsers and
 * HTTP client libraries for repeat connections) and quic (0-RTT resumption, RFC 9001 §4.6, RFC
 * 9000 §7.4.1, used by browsers' QUIC stacks). Off for dns-udp: DNS cookies (RFC 7873, RFC 9018)
 * are sent by recursive resolvers such as BIND, not by the stub resolvers (glibc, c-ares) the
 * profile models; off for websocket and db, long connections that are rarely re-established.
 */

/** Protocols anysim models. */
export type ProtocolName = 'dns-udp' | 'http-short' | 'websocket' | 'db' | 'quic';

/** All protocols in report order. */
export const PROTOCOLS: readonly ProtocolName[] = ['dns-udp', 'http-short', 'websocket', 'db', 'quic'];

/** DNS resolver behaviour. */
export interface ResolverProfile {
  readonly profile: 'glibc' | 'c-ares' | 'custom';
  readonly timeoutMs: number;
  readonly attempts: number;
}

/** glibc stub resolver defaults (resolv.conf(5)): 5 s x 2. */
export const GLIBC_RESOLVER: ResolverProfile = { profile: 'glibc', timeoutMs: 5000, attempts: 2 };
/** c-ares defaults (used by Node.js dns): 5 s x 4. */
export const C_ARES_RESOLVER: ResolverProfile = { profile: 'c-ares', timeoutMs: 5000, attempts: 4 };

/**
 * When a session sends: `query` (dns-udp attempts), `continuous` (every instant while open, so it
 * sees every change), `periodic` (pings or queries every `packetIntervalMs`, plus Poisson
 * messages at `messageRatePerS`).
 */
export type Exposure = 'query' | 'continuous' | 'periodic';

/** How one protocol's sessions meet the network. */
export interface ProtocolProfile {
  readonly protocol: ProtocolName;
  readonly exposure: Exposure;
  /** Whether the session holds state on a server (everything but dns-udp). */
  readonly stateful: boolean;
  readonly packetIntervalMs: number;
  readonly messageRatePerS: number;
  /** Longest loss of packets the session survives (retransmissions then get through). */
  readonly dropToleranceMs: number;
  /** dns-udp only. */
  readonly resolver: ResolverProfile;
  /** Whether a session presents state shared across the client's flows (see the file header). */
  readonly crossFlowState: boolean;
}

const DEFAULTS: Readonly<Record<ProtocolName, ProtocolProfile>> = {
  'dns-udp': {
    protocol: 'dns-udp',
    exposure: 'query',
    stateful: false,
    packetIntervalMs: 0,
    messageRatePerS: 0,
    dropToleranceMs: 0,
    resolver: GLIBC_RESOLVER,
    crossFlowState: false,
  },
  'http-short': {
    protocol: 'http-short',
    exposure: 'continuous',
    stateful: true,
    packetIntervalMs: 0,
    messageRatePerS: 0,
    dropToleranceMs: 15_000,
    resolver: GLIBC_RESOLVER,
    crossFlowState: true,
  },
  websocket: {
    protocol: 'websocket',
    exposure: 'periodic',
    stateful: true,
    packetIntervalMs: 30_000,
    messageRatePerS: 1 / 60,
    dropToleranceMs: 60_000,
    resolver: GLIBC_RESOLVER,
    crossFlowState: false,
  },
  db: {
    protocol: 'db',
    exposure: 'periodic',
    stateful: true,
    packetIntervalMs: 15_000,
    messageRatePerS: 0,
    dropToleranceMs: 30_000,
    resolver: GLIBC_RESOLVER,
    crossFlowState: false,
  },
  quic: {
    protocol: 'quic',
    exposure: 'continuous',
    stateful: true,
    packetIntervalMs: 0,
    messageRatePerS: 0,
    dropToleranceMs: 30_000,
    resolver: GLIBC_RESOLVER,
    crossFlowState: true,
  },
};

/** The profile of `protocol`, with the overrides a scenario gives. */
export function protocolProfile(
  protocol: ProtocolName,
  overrides: { readonly packetIntervalMs?: number; readonly resolver?: ResolverProfile } = {},
): ProtocolProfile {
  const base = DEFAULTS[protocol];
  return {
    ...base,
    packetIntervalMs: overrides.packetIntervalMs ?? base.packetIntervalMs,
    resolver: overrides.resolver ?? base.resolver,
  };
}
