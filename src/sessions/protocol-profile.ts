/**
 * Protocol profiles: how a session of each protocol exposes itself to the network (which packets
 * it sends when), how its transport retransmits a lost packet and when it gives up. Every value
 * and its source (docs/sessions.md repeats them):
 *
 * - TCP, established (http-short, websocket, db): RTO from Linux TCP_RTO_MIN 200 ms (a path whose
 *   RTT is well below it: anysim assumption), doubling (RFC 6298 §5.5), capped at TCP_RTO_MAX
 *   120 s, given up after tcp_retries2 = 15 retransmissions (924.6 s), unless the application's
 *   timeout comes first. A segment reaching a host without the connection gets a RST (RFC 9293
 *   §3.10.7.1): the connection ends.
 * - TCP handshake: SYN RTO 1 s (RFC 6298 §2.1), doubling, tcp_syn_retries = 6 (127 s), or the
 *   application's timeout.
 * - QUIC: probe timeout PTO = smoothed_rtt + 4·rttvar + max_ack_delay (RFC 9002 §6.2.1) with an
 *   assumed 50 ms RTT and 25 ms variation and the default max_ack_delay 25 ms (RFC 9000 §18.2):
 *   175 ms, doubling without cap; the connection closes after max_idle_timeout 30 s (RFC 9000
 *   §10.1; quic-go's default MaxIdleTimeout). Handshake: PTO from kInitialRtt 333 ms (RFC 9002
 *   §6.2.2): 999 ms, given up after quic-go's HandshakeIdleTimeout 5 s.
 * - http-short: continuous while open; application timeout 30 s (anysim assumption within the
 *   range of client defaults: OkHttp's read timeout 10 s, .NET HttpClient.Timeout 100 s; Go's
 *   net/http and Python requests have none, leaving tcp_retries2).
 * - websocket: application pings every 30 s (common server heartbeat; socket.io's default is 25 s
 *   plus a 20 s ping timeout) plus messages (1 per minute); closed after two missed pings, 60 s
 *   (anysim assumption).
 * - db: a query every 15 s on average (pool validation and traffic); a 30 s socket timeout
 *   (anysim assumption: PgJDBC and MySQL Connector/J default socketTimeout to 0, none, so a
 *   driver left at its default waits for tcp_retries2; `applicationTimeout: none` models that).
 * - dns-udp: independent queries; the resolver's schedule (dns-resolver.ts).
 *
 * `crossFlowState`: whether a new session presents state an earlier flow of the client obtained
 * from the site that served it (what per-flow client flips can send elsewhere). On by default where
 * common: http-short (TLS 1.3 session resumption with tickets, RFC 8446 §2.2, used by browsers and
 * HTTP client libraries for repeat connections) and quic (0-RTT resumption, RFC 9001 §4.6, RFC
 * 9000 §7.4.1, used by browsers' QUIC stacks). Off for dns-udp: DNS cookies (RFC 7873, RFC 9018)
 * are sent by recursive resolvers such as BIND, not by the stub resolvers (glibc, c-ares) the
 * profile models; off for websocket and db, long connections that are rarely re-established.
 */
import { GLIBC_RESOLVER, type ResolverProfile } from './dns-resolver.js';
import {
  LINUX_TCP_RETRIES2,
  LINUX_TCP_RTO_MAX_MS,
  LINUX_TCP_RTO_MIN_MS,
  LINUX_TCP_SYN_RETRIES,
  RetransmissionSchedule,
  RFC6298_INITIAL_RTO_MS,
} from './retransmission.js';

/** Protocols anysim models. */
export type ProtocolName = 'dns-udp' | 'http-short' | 'websocket' | 'db' | 'quic';

/** All protocols in report order. */
export const PROTOCOLS: readonly ProtocolName[] = ['dns-udp', 'http-short', 'websocket', 'db', 'quic'];

/** The transport a protocol rides: what a packet at a PoP without its state does to it. */
export type Transport = 'udp' | 'tcp' | 'quic';

/**
 * When a session sends: `query` (dns-udp attempts), `continuous` (every instant while open, so it
 * sees every change), `periodic` (pings or queries every `packetIntervalMs`, plus Poisson
 * messages at `messageRatePerS`).
 */
export type Exposure = 'query' | 'continuous' | 'periodic';

/** How one protocol's sessions meet the network. */
export interface ProtocolProfile {
  readonly protocol: ProtocolName;
  readonly transport: Transport;
  readonly exposure: Exposure;
  /** Whether the session holds state on a server (everything but dns-udp). */
  readonly stateful: boolean;
  readonly packetIntervalMs: number;
  readonly messageRatePerS: number;
  /** The application's timeout on a stalled exchange (ms); Infinity: none, the transport decides. */
  readonly applicationTimeoutMs: number;
  /** Retransmission of the first packet (SYN, QUIC Initial). */
  readonly handshake: RetransmissionSchedule;
  /** Retransmission of a lost packet of an open session. */
  readonly established: RetransmissionSchedule;
  /** dns-udp only. */
  readonly resolver: ResolverProfile;
  /** Whether a new session presents state an earlier flow obtained from its site (TLS resumption, 0-RTT). */
  readonly crossFlowState: boolean;
}

/** QUIC probe timeout of an established connection (RFC 9002 §6.2.1): 50 + 4·25 + 25 ms. */
export const QUIC_PTO_MS = 50 + 4 * 25 + 25;
/** QUIC probe timeout before any RTT sample (RFC 9002 §6.2.2, kInitialRtt 333 ms): 333 + 4·166.5 ms. */
export const QUIC_INITIAL_PTO_MS = 333 + 4 * (333 / 2);
/** quic-go's default MaxIdleTimeout (RFC 9000 §10.1 max_idle_timeout). */
export const QUIC_IDLE_TIMEOUT_MS = 30_000;
/** quic-go's default HandshakeIdleTimeout. */
export const QUIC_HANDSHAKE_TIMEOUT_MS = 5_000;

interface ProfileBase {
  readonly transport: Transport;
  readonly exposure: Exposure;
  readonly packetIntervalMs: number;
  readonly messageRatePerS: number;
  readonly applicationTimeoutMs: number;
  readonly crossFlowState: boolean;
}

const DEFAULTS: Readonly<Record<ProtocolName, ProfileBase>> = {
  'dns-udp': { transport: 'udp', exposure: 'query', packetIntervalMs: 0, messageRatePerS: 0, applicationTimeoutMs: Number.POSITIVE_INFINITY, crossFlowState: false },
  'http-short': { transport: 'tcp', exposure: 'continuous', packetIntervalMs: 0, messageRatePerS: 0, applicationTimeoutMs: 30_000, crossFlowState: true },
  websocket: { transport: 'tcp', exposure: 'periodic', packetIntervalMs: 30_000, messageRatePerS: 1 / 60, applicationTimeoutMs: 60_000, crossFlowState: false },
  db: { transport: 'tcp', exposure: 'periodic', packetIntervalMs: 15_000, messageRatePerS: 0, applicationTimeoutMs: 30_000, crossFlowState: false },
  quic: { transport: 'quic', exposure: 'continuous', packetIntervalMs: 0, messageRatePerS: 0, applicationTimeoutMs: QUIC_IDLE_TIMEOUT_MS, crossFlowState: true },
};

/** The retransmission schedules of a transport under an application timeout. */
function schedules(transport: Transport, applicationTimeoutMs: number): { handshake: RetransmissionSchedule; established: RetransmissionSchedule } {
  if (transport === 'quic') {
    return {
      handshake: new RetransmissionSchedule({
        initialTimeoutMs: QUIC_INITIAL_PTO_MS,
        maxTimeoutMs: Number.POSITIVE_INFINITY,
        retransmissionsMax: Number.POSITIVE_INFINITY,
        applicationTimeoutMs: Math.min(QUIC_HANDSHAKE_TIMEOUT_MS, applicationTimeoutMs),
      }),
      established: new RetransmissionSchedule({
        initialTimeoutMs: QUIC_PTO_MS,
        maxTimeoutMs: Number.POSITIVE_INFINITY,
        retransmissionsMax: Number.POSITIVE_INFINITY,
        applicationTimeoutMs,
      }),
    };
  }
  // TCP; UDP queries use the resolver's schedule and never these.
  return {
    handshake: new RetransmissionSchedule({
      initialTimeoutMs: RFC6298_INITIAL_RTO_MS,
      maxTimeoutMs: LINUX_TCP_RTO_MAX_MS,
      retransmissionsMax: LINUX_TCP_SYN_RETRIES,
      applicationTimeoutMs,
    }),
    established: new RetransmissionSchedule({
      initialTimeoutMs: LINUX_TCP_RTO_MIN_MS,
      maxTimeoutMs: LINUX_TCP_RTO_MAX_MS,
      retransmissionsMax: LINUX_TCP_RETRIES2,
      applicationTimeoutMs,
    }),
  };
}

/** What a scenario may change in a profile. */
export interface ProfileOverrides {
  readonly packetIntervalMs?: number;
  readonly resolver?: ResolverProfile;
  /** The application's timeout (ms); Infinity: none (QUIC keeps its idle timeout). */
  readonly applicationTimeoutMs?: number;
}

/** The profile of `protocol`, with the overrides a scenario gives. */
export function protocolProfile(protocol: ProtocolName, overrides: ProfileOverrides = {}): ProtocolProfile {
  const base = DEFAULTS[protocol];
  let applicationTimeoutMs = overrides.applicationTimeoutMs ?? base.applicationTimeoutMs;
  // A QUIC connection closes after its idle timeout whatever the application waits for.
  if (base.transport === 'quic') applicationTimeoutMs = Math.min(applicationTimeoutMs, QUIC_IDLE_TIMEOUT_MS);
  return {
    protocol,
    ...base,
    stateful: base.exposure !== 'query',
    packetIntervalMs: overrides.packetIntervalMs ?? base.packetIntervalMs,
    applicationTimeoutMs,
    ...schedules(base.transport, applicationTimeoutMs),
    resolver: overrides.resolver ?? GLIBC_RESOLVER,
  };
}
