/**
 * Retransmission back-off: when a sender's packet is lost at time t, it sends it again at
 * t + RTO, t + RTO + 2·RTO, ... (each timeout doubling, RFC 6298 §5.5; QUIC's probe timeout
 * likewise, RFC 9002 §6.2.1), up to a cap, until the transport gives up after a number of
 * retransmissions or the application's own timeout expires, whichever comes first. The session
 * sees the route only at those instants: a black hole that ends between two retransmissions is
 * noticed at the next one, not when it ends.
 *
 * Linux defaults for an established TCP connection (Documentation/networking/ip-sysctl.rst,
 * include/net/tcp.h): TCP_RTO_MIN 200 ms, TCP_RTO_MAX 120 s, tcp_retries2 = 15, which gives up
 * after 924.6 s (tcp_model_timeout). SYN: initial RTO 1 s (RFC 6298 §2.1), tcp_syn_retries = 6,
 * so a connect gives up after 127 s.
 */

/** What a back-off is made of. */
export interface BackoffSpec {
  /** The first retransmission timeout (ms). */
  readonly initialTimeoutMs: number;
  /** The cap on one timeout (ms); Infinity: none. */
  readonly maxTimeoutMs: number;
  /** Retransmissions before the transport gives up (count); Infinity: none. */
  readonly retransmissionsMax: number;
  /** The application's timeout on a stalled exchange, from the first lost send (ms); Infinity: none. */
  readonly applicationTimeoutMs: number;
}

/** Most retransmissions one schedule lists: a limit on every loop over it. */
export const RETRANSMISSIONS_LISTED_MAX = 64;

/** Linux TCP_RTO_MIN (include/net/tcp.h): the RTO of an established connection on a short path. */
export const LINUX_TCP_RTO_MIN_MS = 200;
/** Linux TCP_RTO_MAX (include/net/tcp.h). */
export const LINUX_TCP_RTO_MAX_MS = 120_000;
/** Linux net.ipv4.tcp_retries2 default (ip-sysctl.rst). */
export const LINUX_TCP_RETRIES2 = 15;
/** RFC 6298 §2.1: the RTO before any RTT sample (a SYN). */
export const RFC6298_INITIAL_RTO_MS = 1_000;
/** Linux net.ipv4.tcp_syn_retries default (ip-sysctl.rst). */
export const LINUX_TCP_SYN_RETRIES = 6;

/**
 * When the transport alone gives up after the first lost send (ms): the sum of every timeout up
 * to the one that follows the last allowed retransmission (Linux tcp_model_timeout). Infinity
 * when retransmissions are unbounded.
 */
export function transportGiveUpMs(spec: BackoffSpec): number {
  if (!Number.isFinite(spec.retransmissionsMax)) return Number.POSITIVE_INFINITY;
  let total = 0;
  let timeout = spec.initialTimeoutMs;
  for (let k = 0; k <= spec.retransmissionsMax; k++) {
    total += Math.min(timeout, spec.maxTimeoutMs);
    timeout *= 2;
  }
  return total;
}

/** A back-off laid out as offsets from the first lost send. */
export class RetransmissionSchedule {
  /** When each retransmission goes out, after the first send (ms), increasing; all below {@link giveUpMs}. */
  readonly retryOffsetsMs: Float64Array;
  /** When the sender gives up after the first lost send (ms): transport or application, whichever first. */
  readonly giveUpMs: number;

  constructor(readonly spec: BackoffSpec) {
    if (!(spec.initialTimeoutMs > 0) || !(spec.maxTimeoutMs >= spec.initialTimeoutMs)) {
      throw new RangeError(`back-off needs 0 < initialTimeoutMs <= maxTimeoutMs, got ${spec.initialTimeoutMs}, ${spec.maxTimeoutMs}`);
    }
    if (!(spec.applicationTimeoutMs > 0)) throw new RangeError(`applicationTimeoutMs must be > 0, got ${spec.applicationTimeoutMs}`);
    this.giveUpMs = Math.min(transportGiveUpMs(spec), spec.applicationTimeoutMs);
    if (!Number.isFinite(this.giveUpMs)) throw new RangeError('a back-off needs a bound: a retransmission limit or an application timeout');
    const offsets: number[] = [];
    let at = 0;
    let timeout = spec.initialTimeoutMs;
    for (let k = 0; k < spec.retransmissionsMax && k < RETRANSMISSIONS_LISTED_MAX; k++) {
      at += Math.min(timeout, spec.maxTimeoutMs);
      if (at >= this.giveUpMs) break;
      offsets.push(at);
      timeout *= 2;
    }
    this.retryOffsetsMs = Float64Array.from(offsets);
  }
}
