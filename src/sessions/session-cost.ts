/**
 * What a judged session cost under each architecture, measured on the same route history its
 * verdicts come from (issue 15, item 5): how long it was served inside the run, how much of that
 * its packets spent forwarded between PoPs (backhaul), the RTT that added per packet, and the
 * extra wait before it started. The rules per architecture are the PoP layer's
 * (src/pop/architecture-cost.ts); this file walks the session's landings to apply them.
 *
 * Time-weighted: while open, a session's packets go out at a steady rate (traffic-profile.ts),
 * so the share of its packets that met a landing is the share of its open time under it. The walk
 * follows the catchment timeline between the session's opening and its end (or break), clipped to
 * the run (sessions open at the start count from 0, like exposure, docs/statistics.md).
 */
import { dnsLookupStartMs, forwardedAddedRttMs, handoffStartMs, unicastAddedRttMs, type PathRtt } from '../pop/index.js';
import type { CatchmentTimeline } from './catchment-timeline.js';
import type { Transport } from './protocol-profile.js';

/** One session's costs, one slot per judged architecture. Reused between sessions: read synchronously. */
export interface SessionCosts {
  /** 1 when the architecture served the session (it opened, or the query was answered); the other fields count only then. */
  readonly served: Uint8Array;
  /** Time the session was open and not broken inside the run [0, horizon], ms (0 for queries). */
  readonly servedMs: Float64Array;
  /** Of {@link servedMs}, the time its packets landed at another PoP and were forwarded to the state holder's, ms. */
  readonly forwardedMs: Float64Array;
  /**
   * Added RTT per packet, ms: for a stateful session the mean over its served time; for a query
   * the answered try's. NaN without an RTT model.
   */
  readonly addedRttMs: Float64Array;
  /**
   * Extra wait before the session could exchange data, ms: the handshake's round trips over a
   * forwarded path, the unicast hand-off's round trip, the unicast-dns lookup; for a query, the
   * resolver's retries plus the answered try's added RTT. NaN without an RTT model (queries: the
   * retries alone are known, but NaN keeps one meaning).
   */
  readonly startAddedMs: Float64Array;
  /** 1 when the session's start exchange (handshake or query) crossed between PoPs inside the run. */
  readonly startForwarded: Uint8Array;
}

/**
 * Round trips before a stateful session carries data: TCP's handshake then TLS 1.3's full
 * handshake (RFC 9293 §3.5, RFC 8446 §2: one round trip each); QUIC combines them in one
 * (RFC 9001 §4).
 */
export function handshakeRoundTrips(transport: Transport): number {
  return transport === 'quic' ? 1 : 2;
}

/** How a served session's packets travel, for its cost (the judge's RoutingMode). */
export type CostedMode = 'anycast' | 'handoff' | 'unicast';

/** Measures the cost of one protocol's sessions. Not re-entrant; one per judge. */
export class SessionCostMeter {
  readonly costs: SessionCosts;
  /** The last walk's start (row, instant) and its timeline entry: the architectures of one session share it. */
  private walkRow = -1;
  private walkFromMs = Number.NaN;
  private walkEntry = 0;

  constructor(
    architectureCount: number,
    private readonly timeline: CatchmentTimeline,
    private readonly rtt: PathRtt | undefined,
    private readonly roundTrips: number,
  ) {
    this.costs = {
      served: new Uint8Array(architectureCount),
      servedMs: new Float64Array(architectureCount),
      forwardedMs: new Float64Array(architectureCount),
      addedRttMs: new Float64Array(architectureCount),
      startAddedMs: new Float64Array(architectureCount),
      startForwarded: new Uint8Array(architectureCount),
    };
  }

  /** Architecture `a` never served the session (it could not open, or the query failed). */
  notServed(a: number): void {
    const c = this.costs;
    c.served[a] = 0;
    c.servedMs[a] = 0;
    c.forwardedMs[a] = 0;
    c.addedRttMs[a] = Number.NaN;
    c.startAddedMs[a] = Number.NaN;
    c.startForwarded[a] = 0;
  }

  /**
   * A stateful session served under architecture `a` from `openedAtMs` (where its first packet
   * landed: `openLanding`) until `endMs` (its end, or its break), its state at `ownerPop`.
   * `row` is its timeline row (its client AS, or a per-flow flip's row); `clientAs` its own AS,
   * for RTTs. `forwards`: the architecture carries misdelivered packets to the owner.
   */
  stateful(a: number, mode: CostedMode, forwards: boolean, row: number, clientAs: number, openLanding: number, openedAtMs: number, ownerPop: number, endMs: number): void {
    const c = this.costs;
    const rtt = this.rtt;
    const fromMs = Math.max(0, openedAtMs);
    const servedMs = Math.max(0, endMs - fromMs);
    c.served[a] = 1;
    c.servedMs[a] = servedMs;
    c.startForwarded[a] = forwards && openLanding !== ownerPop && openedAtMs >= 0 ? 1 : 0;
    // The forwarded path's added RTT from the opening landing, reused by the walk (global-hash
    // forwards most sessions from their opening landing to the end).
    const openForwardedMs = rtt !== undefined && forwards ? forwardedAddedRttMs(rtt, clientAs, openLanding, ownerPop) : 0;
    // Start: the handshake over a forwarded path, the hand-off's round trip, the lookup.
    if (rtt === undefined) c.startAddedMs[a] = Number.NaN;
    else if (mode === 'handoff') c.startAddedMs[a] = handoffStartMs(rtt, clientAs, ownerPop);
    else if (mode === 'unicast') c.startAddedMs[a] = dnsLookupStartMs(rtt, clientAs, ownerPop);
    else c.startAddedMs[a] = this.roundTrips * openForwardedMs;
    // While open: walk the anycast landings (unicast packets compare against them).
    let forwardedMs = 0;
    let addedRttMsTimesMs = 0;
    if (servedMs > 0 && (forwards || (mode !== 'anycast' && rtt !== undefined))) {
      const timeline = this.timeline;
      const times = timeline.timesMs;
      const iEnd = timeline.endEntry(row);
      if (row !== this.walkRow || fromMs !== this.walkFromMs) {
        this.walkRow = row;
        this.walkFromMs = fromMs;
        this.walkEntry = timeline.entryAt(row, fromMs);
      }
      for (let i = this.walkEntry; i < iEnd; i++) {
        const startMs = Math.max(fromMs, times[i]!);
        if (startMs >= endMs) break;
        const stopMs = i + 1 < iEnd ? Math.min(endMs, times[i + 1]!) : endMs;
        const spanMs = stopMs - startMs;
        if (!(spanMs > 0)) continue;
        const landing = timeline.landings[i]!;
        if (mode === 'anycast') {
          if (landing < 0 || landing === ownerPop) continue;
          forwardedMs += spanMs;
          if (rtt !== undefined) addedRttMsTimesMs += spanMs * (landing === openLanding ? openForwardedMs : forwardedAddedRttMs(rtt, clientAs, landing, ownerPop));
        } else if (rtt !== undefined) {
          addedRttMsTimesMs += spanMs * unicastAddedRttMs(rtt, clientAs, ownerPop, landing);
        }
      }
    }
    c.forwardedMs[a] = forwardedMs;
    c.addedRttMs[a] = rtt === undefined ? Number.NaN : servedMs > 0 ? addedRttMsTimesMs / servedMs : 0;
  }

  /**
   * A query answered at `tMs` by the try that landed at `landing` (a PoP), after `retryWaitMs` of
   * resolver retries. Over anycast, `ownerPop` is the PoP of the server that answers (another
   * PoP under global-hash when forwarded); over a PoP's unicast address (`unicastPop` >= 0) the
   * RTT is compared with the anycast path of that instant (client row `row`).
   */
  query(a: number, forwards: boolean, row: number, clientAs: number, landing: number, ownerPop: number, unicastPop: number, tMs: number, retryWaitMs: number): void {
    const c = this.costs;
    const rtt = this.rtt;
    c.served[a] = 1;
    c.servedMs[a] = 0;
    c.forwardedMs[a] = 0;
    const forwarded = unicastPop < 0 && forwards && ownerPop !== landing;
    c.startForwarded[a] = forwarded && tMs >= 0 ? 1 : 0;
    if (rtt === undefined) {
      c.addedRttMs[a] = Number.NaN;
      c.startAddedMs[a] = Number.NaN;
      return;
    }
    const added =
      unicastPop >= 0
        ? unicastAddedRttMs(rtt, clientAs, unicastPop, this.timeline.landingAt(row, Math.max(0, tMs)))
        : forwarded
          ? forwardedAddedRttMs(rtt, clientAs, landing, ownerPop)
          : 0;
    c.addedRttMs[a] = added;
    c.startAddedMs[a] = retryWaitMs + added;
  }
}
