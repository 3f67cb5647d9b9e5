/**
 * The world a session is judged in (the recorded catchment timeline, unicast routes, site health,
 * overload, the judged architectures and how each one's packets travel), and where a packet sent
 * into it lands: over anycast it follows the client AS's catchment timeline, to a PoP's unicast
 * address that PoP's unicast route (ARCHITECTURE.md, Sessions).
 */
import type { ArchitectureName, PathRtt, ServingArchitecture, SiteHealthTimeline } from '../pop/index.js';
import type { CatchmentTimeline } from './catchment-timeline.js';
import type { OverloadModel } from './overload.js';
import type { PerFlowFlips } from './per-flow-flips.js';
import type { SessionDraw } from './session-draw.js';
import type { UnicastRoutes } from './unicast-routes.js';

/**
 * How an architecture's packets travel: all over anycast; only the handshake over anycast, then
 * to the PoP's unicast address (RFC 9000 §9.6 preferred address, or an HTTP redirect); or pinned
 * by DNS to one PoP's unicast address from the start.
 */
export type RoutingMode = 'anycast' | 'handoff' | 'unicast';

/** How each serving architecture's packets travel. */
export const ROUTING_MODE: Readonly<Record<ArchitectureName, RoutingMode>> = {
  edge: 'anycast',
  'global-hash': 'anycast',
  'daisy-chain': 'anycast',
  'quic-lb': 'anycast',
  'unicast-handoff': 'handoff',
  'unicast-dns': 'unicast',
};

/** An architecture as the judge uses it. */
export interface JudgedArchitecture {
  readonly architecture: ServingArchitecture;
  readonly mode: RoutingMode;
}

/** The world a session is judged in. */
export interface JudgeContext {
  readonly timeline: CatchmentTimeline;
  /** When sites are dead: a packet reaching a dead site is lost, whatever the routes say. */
  readonly sites: SiteHealthTimeline;
  readonly popCount: number;
  /** Sorted times at which any PoP's answer for a fixed landing may change. */
  readonly popChangeTimesMs: Float64Array;
  readonly architectures: readonly JudgedArchitecture[];
  /** How packets to each PoP's unicast prefix fare over time. */
  readonly unicast: UnicastRoutes;
  /**
   * Whether the PoPs share QUIC's stateless-reset key (RFC 9000 §10.3), so any PoP can end a
   * connection it holds no state for. Default true, as large deployments configure it.
   */
  readonly quicResetKeyShared?: boolean;
  /** Per-flow client flips: which row of {@link timeline} a new flow follows (per-flow-flips.ts). */
  readonly perFlowFlips?: PerFlowFlips;
  /** RTTs from the geography, for each architecture's added RTT (session-cost.ts); without it only forwarding is measured. */
  readonly pathRtt?: PathRtt;
  /**
   * Overloaded PoPs drop packets (src/load, docs/load.md); absent: no PoP is ever overloaded. The
   * overloaded bins' starts must be among {@link popChangeTimesMs} so sessions are checked there.
   */
  readonly overload?: OverloadModel;
}

/**
 * Where a packet of `session` to `pinnedPop`'s unicast address (anycast when < 0) sent at `tMs`
 * ends; `unicastAs` is the session's own client AS, whose unicast routes it follows.
 */
export function landingAt(context: JudgeContext, session: SessionDraw, unicastAs: number, pinnedPop: number, tMs: number): number {
  if (pinnedPop < 0) return context.timeline.landingAt(session.clientAs, tMs);
  return context.unicast.outcomeAt(pinnedPop, unicastAs, tMs);
}

/** The incident behind the route in force at `tMs` (anycast when `pinnedPop` < 0), as {@link landingAt} follows it. */
export function routeIncidentAt(context: JudgeContext, session: SessionDraw, unicastAs: number, pinnedPop: number, tMs: number): number {
  if (pinnedPop < 0) return context.timeline.incidentAt(session.clientAs, tMs);
  return context.unicast.incidentAt(pinnedPop, unicastAs, tMs);
}
