/**
 * Judges one session under every serving architecture against the recorded route history.
 *
 * A session sees the network only through its packets (ARCHITECTURE.md, Sessions). The judge
 * looks only at instants where the answer could change (packet-schedule.ts) and decides each
 * packet's fate in the order the world decides it (issue 12, item 1):
 *
 * 1. Is the state holder alive, and does it still hold the session's state? If not, the session
 *    is lost to that (`site-failure`, `server-failure`, `backend-remap` of a removed server),
 *    under every architecture, whatever the routes do.
 * 2. Does the packet reach a live PoP? Anycast packets follow the catchment timeline; packets to
 *    a PoP's unicast address (unicast-dns, and unicast-handoff after the handshake) follow that
 *    PoP's unicast route. A lost packet (black hole, loop, dead site) is retransmitted on the
 *    transport's back-off (retransmission.ts): the session sees the route again only at those
 *    instants, and breaks (`blackhole`, or `site-failure` when it was a dead site that swallowed
 *    it) when the transport or the application gives up.
 * 3. Does the PoP that got it reach the state holder (the architecture's rule)? A TCP segment at a
 *    host without the connection gets a RST, and so does a QUIC packet when the PoPs share the
 *    stateless-reset key (RFC 9000 §10.3): the session ends (`pop-shift`, `backend-remap`).
 *    Without a shared key the packet is dropped and the connection lives on until its idle
 *    timeout, unless a retransmission reaches the owner first.
 *
 * Each break is attributed to the incident behind it (src/flaps/incident.ts): the route entry
 * that moved or dropped the packet, the site outage or churn step that took the state.
 *
 * The packet schedule is computed once per session and shared by every architecture, so the
 * architectures are compared on the same arrivals and the same route history (common random
 * numbers).
 */
import {
  emptySessionPlacement,
  forwardsBetweenPops,
  type ArchitectureName,
  type BreakCause,
  type PathRtt,
  type ServingArchitecture,
  type SiteHealthTimeline,
} from '../pop/index.js';
import type { CatchmentTimeline } from './catchment-timeline.js';
import { PRIMARY_ADDRESS, resolverSchedule, type ResolverSchedule } from './dns-resolver.js';
import { CheckTimes, PacketSchedule, UNICAST_ROUTE_COUNTER_BASE } from './packet-schedule.js';
import { overloadDrops, overloadRefuses, type OverloadModel } from './overload.js';
import type { PerFlowFlips } from './per-flow-flips.js';
import type { ProtocolProfile } from './protocol-profile.js';
import type { RetransmissionSchedule } from './retransmission.js';
import { handshakeRoundTrips, SessionCostMeter, type SessionCosts } from './session-cost.js';
import type { SessionDraw } from './session-draw.js';
import type { UnicastRoutes } from './unicast-routes.js';

export type { SessionDraw } from './session-draw.js';

/** Break causes in a fixed order; code k + 1 in verdict arrays is BREAK_CAUSES[k]. */
export const BREAK_CAUSES: readonly BreakCause[] = [
  'pop-shift',
  'backend-remap',
  'blackhole',
  'site-failure',
  'server-failure',
  'cross-flow-state',
  'overload',
];

const CAUSE_CODE: Readonly<Record<BreakCause, number>> = {
  'pop-shift': 1,
  'backend-remap': 2,
  blackhole: 3,
  'site-failure': 4,
  'server-failure': 5,
  'cross-flow-state': 6,
  overload: 7,
};
const OVERLOAD_CODE = CAUSE_CODE.overload;
const BLACKHOLE_CODE = CAUSE_CODE.blackhole;
const SITE_FAILURE_CODE = CAUSE_CODE['site-failure'];
/** The routing layer's black-hole landing. */
const BLACKHOLE = -1;

/** No incident known (src/flaps NO_INCIDENT). */
const NO_INCIDENT = -1;
/** A first landing the caller does not know (landings are PoPs >= 0 or drops -1, -2). */
const UNKNOWN_LANDING = -3;

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

/**
 * The verdicts for one session, one slot per architecture. Reused between sessions: read it
 * synchronously where it is emitted.
 */
export interface SessionVerdicts {
  /** 0: not broken; k >= 1: broken, cause BREAK_CAUSES[k - 1]. */
  readonly causeCodes: Uint8Array;
  /** dns-udp: the attempt that was answered (1-based), 0 when every attempt failed. */
  readonly answeredAttempt: Uint8Array;
  /** dns-udp: for an answered query, the time from its first try to the try that was answered (ms); else 0. */
  readonly addedLatencyMs: Float64Array;
  /**
   * The incident blamed for the break (index into the run's incident list): the route entry that
   * moved or dropped the packet, the site outage or churn step that took the state. -1 when the
   * session is not broken or no incident explains the break.
   */
  readonly incident: Int32Array;
  /**
   * When the session broke (ms): the send time of the packet answered with a reset or that found
   * its state gone, or the instant the transport, the application or the resolver gave up on lost
   * packets. NaN when the session is not broken.
   */
  readonly breakAtMs: Float64Array;
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

/** Where the session's first packet over anycast got through, shared by the architectures that open over anycast. */
interface AnycastOpening {
  /** 0: it got through; otherwise the cause code of the failed open. */
  code: number;
  landing: number;
  timeMs: number;
  incident: number;
}

/** Judges sessions of one protocol. One instance per protocol; not re-entrant. */
export class SessionJudge {
  readonly verdicts: SessionVerdicts;
  /** What the judged session cost under each architecture (filled by {@link judge} with the verdicts). */
  readonly costs: SessionCosts;
  private readonly meter: SessionCostMeter;
  /** Per architecture: whether it carries misdelivered packets on to the state holder's PoP. */
  private readonly forwards: readonly boolean[];
  /** Whether the architecture being judged opened the session ({@link placement} is its state). */
  private opened = false;
  /** Per architecture, for a query: where the answered try landed (-1: none answered), and the PoP whose unicast route it followed. */
  private readonly answeredLanding: Int32Array;
  private readonly answeredRoutePop: Int32Array;
  private readonly schedule: PacketSchedule;
  /** Packet times to check for anycast-routed packets, shared by all anycast architectures. */
  private readonly anycastChecks = new CheckTimes();
  /** Where each anycast check's first send lands (memo shared by the anycast architectures). */
  private anycastLandings = new Int32Array(64);
  /** Packet times to check for unicast packets (PoP events; route changes are merged in per PoP). */
  private readonly unicastChecks = new CheckTimes();
  private readonly needsUnicast: boolean;
  private readonly needsAnycast: boolean;
  /** Whether any architecture sends its first packet over anycast (all but unicast-dns). */
  private readonly needsAnycastOpen: boolean;
  /** Whether a packet at a PoP without the state ends the session (TCP RST, QUIC stateless reset). */
  private readonly misrouteResets: boolean;
  /**
   * The judged session's own client AS, for its unicast packets: under per-flow client flips the
   * session's anycast packets follow a row of the timeline of their own, its unicast ones do not.
   */
  private unicastAs = 0;
  private readonly resolver: ResolverSchedule;
  private readonly opening: AnycastOpening = { code: 0, landing: 0, timeMs: 0, incident: NO_INCIDENT };
  /** Where the session being judged keeps its state, under the architecture being judged. */
  private readonly placement = emptySessionPlacement();
  /** Time of the last packet that got through, for the architecture being judged. */
  private deliveredMs = 0;
  /** The PoP whose unicast route the last DNS try followed (-1: anycast). */
  private queryRoutePop = -1;
  /** Non-zero: the last DNS try's PoP refused it (unicast-dns), with this cause code. */
  private queryRefusal = 0;
  /** The first loss of the retransmission run under way (code 0: none yet); later losses are not blamed. */
  private lossCode = 0;
  private lossIncident = NO_INCIDENT;

  constructor(
    private readonly profile: ProtocolProfile,
    private readonly context: JudgeContext,
  ) {
    const n = context.architectures.length;
    this.verdicts = {
      causeCodes: new Uint8Array(n),
      answeredAttempt: new Uint8Array(n),
      addedLatencyMs: new Float64Array(n),
      incident: new Int32Array(n),
      breakAtMs: new Float64Array(n),
    };
    this.meter = new SessionCostMeter(n, context.timeline, context.pathRtt, handshakeRoundTrips(profile.transport));
    this.costs = this.meter.costs;
    this.forwards = context.architectures.map((a) => forwardsBetweenPops(a.architecture.name));
    this.answeredLanding = new Int32Array(n);
    this.answeredRoutePop = new Int32Array(n);
    this.schedule = new PacketSchedule(profile, context.timeline, context.popChangeTimesMs, context.sites, context.popCount);
    this.needsAnycast = context.architectures.some((a) => a.mode === 'anycast');
    this.needsUnicast = context.architectures.some((a) => a.mode !== 'anycast');
    this.needsAnycastOpen = context.architectures.some((a) => a.mode !== 'unicast');
    this.misrouteResets = profile.transport !== 'quic' || (context.quicResetKeyShared ?? true);
    this.resolver = resolverSchedule(profile.resolver);
  }

  /** Judges `drawn` under every architecture into {@link verdicts}. */
  judge(drawn: SessionDraw): SessionVerdicts {
    this.unicastAs = drawn.clientAs;
    const flows = this.context.perFlowFlips;
    if (flows === undefined) return this.judgeFlow(drawn);
    const row = flows.open(drawn.clientAs, drawn.startMs, drawn.flowHash, drawn.key);
    this.judgeFlow(row === drawn.clientAs ? drawn : { ...drawn, clientAs: row });
    // State shared across flows is presented at the open, over anycast; counted for sessions
    // nothing else broke, and only for protocols that use such state.
    if (this.profile.crossFlowState && flows.crossFlowStateMoved) {
      this.context.architectures.forEach((arch, a) => {
        if (arch.mode !== 'unicast' && this.verdicts.causeCodes[a] === 0) this.verdicts.causeCodes[a] = CAUSE_CODE['cross-flow-state'];
      });
    }
    return this.verdicts;
  }

  private judgeFlow(session: SessionDraw): SessionVerdicts {
    const archs = this.context.architectures;
    const v = this.verdicts;
    if (this.profile.exposure === 'query') {
      // A query holds no state: every architecture whose packets follow anycast gets the same
      // answer, so it is worked out once and copied.
      let anycastDone = -1;
      for (let a = 0; a < archs.length; a++) {
        if (archs[a]!.mode === 'unicast') this.judgeQuery(session, a);
        else if (anycastDone < 0) {
          this.judgeQuery(session, a);
          anycastDone = a;
        } else {
          v.answeredAttempt[a] = v.answeredAttempt[anycastDone]!;
          v.addedLatencyMs[a] = v.addedLatencyMs[anycastDone]!;
          v.causeCodes[a] = v.causeCodes[anycastDone]!;
          v.incident[a] = v.incident[anycastDone]!;
          v.breakAtMs[a] = v.breakAtMs[anycastDone]!;
          this.answeredLanding[a] = this.answeredLanding[anycastDone]!;
          this.answeredRoutePop[a] = this.answeredRoutePop[anycastDone]!;
        }
      }
      for (let a = 0; a < archs.length; a++) this.queryCost(session, a);
      return v;
    }
    if (this.needsAnycast) this.collectAnycastChecks(session);
    // Unicast packets ignore the client's catchment: PoP events, and their own PoP's route.
    if (this.needsUnicast) this.schedule.collect(session, false, this.unicastChecks);
    if (this.needsAnycastOpen) this.openOverAnycast(session);
    for (let a = 0; a < archs.length; a++) {
      v.answeredAttempt[a] = 0;
      v.addedLatencyMs[a] = 0;
      this.opened = false;
      this.judgeStateful(session, a);
      this.statefulCost(session, a);
    }
    return v;
  }

  /** Architecture `a`'s cost for the stateful session just judged (session-cost.ts). */
  private statefulCost(session: SessionDraw, a: number): void {
    if (!this.opened) return this.meter.notServed(a);
    const arch = this.context.architectures[a]!;
    const placement = this.placement;
    const broken = this.verdicts.causeCodes[a] !== 0;
    const endMs = broken ? this.verdicts.breakAtMs[a]! : session.startMs + session.durationMs;
    const openLanding = arch.mode === 'unicast' ? placement.popIndex : this.opening.landing;
    const owner = arch.architecture.servingPopOf(placement);
    this.meter.stateful(a, arch.mode, this.forwards[a]!, session.clientAs, this.unicastAs, openLanding, placement.openedAtMs, owner, endMs);
  }

  /** Architecture `a`'s cost for the query just judged: the answering server's PoP, under global-hash the pool's. */
  private queryCost(session: SessionDraw, a: number): void {
    const landing = this.answeredLanding[a]!;
    if (landing < 0) return this.meter.notServed(a);
    const v = this.verdicts;
    const tMs = session.startMs + v.addedLatencyMs[a]!;
    const routePop = this.answeredRoutePop[a]!;
    let owner = landing;
    if (routePop < 0 && this.forwards[a]) {
      const arch = this.context.architectures[a]!.architecture;
      if (arch.open(session.flowHash, landing, tMs, this.placement) === null) owner = arch.servingPopOf(this.placement);
    }
    this.meter.query(a, this.forwards[a]!, session.clientAs, this.unicastAs, landing, owner, routePop, tMs, v.addedLatencyMs[a]!);
  }

  private pass(a: number): void {
    const v = this.verdicts;
    v.causeCodes[a] = 0;
    v.incident[a] = NO_INCIDENT;
    v.breakAtMs[a] = Number.NaN;
  }

  private fail(a: number, code: number, atMs: number, incident: number): void {
    const v = this.verdicts;
    v.causeCodes[a] = code;
    v.incident[a] = incident;
    v.breakAtMs[a] = atMs;
  }

  /** Anycast check times, and where each one's first send lands. */
  private collectAnycastChecks(session: SessionDraw): void {
    const checks = this.anycastChecks;
    this.schedule.collect(session, true, checks);
    if (this.anycastLandings.length < checks.count) this.anycastLandings = new Int32Array(checks.times.length);
    const timeline = this.context.timeline;
    for (let i = 0; i < checks.count; i++) this.anycastLandings[i] = timeline.landingAt(session.clientAs, checks.times[i]!);
  }

  /** Where a packet to `pinnedPop`'s unicast address (anycast when < 0) sent at `tMs` ends. */
  private landingAt(session: SessionDraw, pinnedPop: number, tMs: number): number {
    if (pinnedPop < 0) return this.context.timeline.landingAt(session.clientAs, tMs);
    return this.context.unicast.outcomeAt(pinnedPop, this.unicastAs, tMs);
  }

  /** The incident behind the route in force at `tMs` (anycast when `pinnedPop` < 0). */
  private routeIncidentAt(session: SessionDraw, pinnedPop: number, tMs: number): number {
    if (pinnedPop < 0) return this.context.timeline.incidentAt(session.clientAs, tMs);
    return this.context.unicast.incidentAt(pinnedPop, this.unicastAs, tMs);
  }

  /**
   * Whether a packet sent at `tMs` that lands at `landing` (to `pinnedPop`'s unicast address, or
   * over anycast when < 0) reaches a live PoP; when not, notes the run's first loss
   * ({@link lossCode}): a blackhole blames the route's incident, a dead PoP its outage.
   */
  private reachesLivePop(session: SessionDraw, pinnedPop: number, landing: number, tMs: number): boolean {
    if (landing < 0) {
      if (this.lossCode === 0) {
        this.lossCode = BLACKHOLE_CODE;
        this.lossIncident = this.routeIncidentAt(session, pinnedPop, tMs);
      }
      return false;
    }
    const outage = this.context.sites.outageAt(landing, tMs);
    if (outage === undefined) return !this.droppedByOverload(session, landing, tMs);
    if (this.lossCode === 0) {
      this.lossCode = SITE_FAILURE_CODE;
      this.lossIncident = outage.incident;
    }
    return false;
  }

  /** Whether the overloaded PoP `landing` drops the session's packet sent at `tMs`; notes the loss. */
  private droppedByOverload(session: SessionDraw, landing: number, tMs: number): boolean {
    const overload = this.context.overload;
    if (overload === undefined || !overloadDrops(overload, session.key, landing, tMs)) return false;
    if (this.lossCode === 0) {
      this.lossCode = OVERLOAD_CODE;
      this.lossIncident = overload.incidentAt(landing, tMs);
    }
    return true;
  }

  /**
   * The session's first packet over anycast, retransmitted on the handshake back-off until it
   * reaches a live PoP: fills {@link opening}. It depends only on routes and sites, so every
   * architecture that opens over anycast shares it.
   */
  private openOverAnycast(session: SessionDraw): void {
    const open = this.opening;
    const offsets = this.profile.handshake.retryOffsetsMs;
    this.lossCode = 0;
    this.lossIncident = NO_INCIDENT;
    for (let k = -1; k < offsets.length; k++) {
      const t = k < 0 ? session.startMs : session.startMs + offsets[k]!;
      const landing = this.landingAt(session, -1, t);
      if (!this.reachesLivePop(session, -1, landing, t)) continue;
      const overload = this.context.overload;
      if (overload !== undefined && overloadRefuses(overload, session.key, landing, t)) {
        // A PoP out of session capacity refuses the session outright (RST, or a QUIC CONNECTION_CLOSE).
        open.code = OVERLOAD_CODE;
        open.incident = overload.incidentAt(landing, t);
        open.timeMs = t;
        return;
      }
      open.code = 0;
      open.landing = landing;
      open.timeMs = t;
      return;
    }
    open.code = this.lossCode;
    open.incident = this.lossIncident;
    open.timeMs = session.startMs + this.profile.handshake.giveUpMs;
  }

  private judgeStateful(session: SessionDraw, a: number): void {
    const arch = this.context.architectures[a]!;
    const placement = this.placement;
    if (arch.mode === 'unicast') {
      // A client with no route to any PoP has none to a unicast address either.
      if (session.dnsPop < 0) return this.fail(a, BLACKHOLE_CODE, session.startMs, NO_INCIDENT);
      // DNS picks the PoP before the first packet is sent (failing over once health checks and
      // TTLs allow); the state lives there, and a dead PoP swallows the handshake.
      const refused = arch.architecture.open(session.flowHash, session.dnsPop, session.startMs, placement);
      if (refused !== null) {
        const incident = this.context.sites.outageAt(session.dnsPop, session.startMs)?.incident ?? this.refusalIncident(refused, session.startMs);
        return this.fail(a, CAUSE_CODE[refused], session.startMs, incident);
      }
      this.deliveredMs = session.startMs;
      this.opened = true;
      // The handshake meets the state just placed, unless the PoP's unicast route is down.
      const routed = this.context.unicast.outcomeAt(placement.popIndex, this.unicastAs, session.startMs) === placement.popIndex;
      if (!routed && !this.send(session, a, placement.popIndex, session.startMs, this.profile.handshake, UNKNOWN_LANDING)) return;
    } else {
      const open = this.opening;
      if (open.code !== 0) return this.fail(a, open.code, open.timeMs, open.incident);
      const refused = arch.architecture.open(session.flowHash, open.landing, open.timeMs, placement);
      if (refused !== null) return this.fail(a, CAUSE_CODE[refused], open.timeMs, this.refusalIncident(refused, open.timeMs));
      this.deliveredMs = open.timeMs;
      this.opened = true;
    }
    if (arch.mode === 'anycast') {
      const checks = this.anycastChecks;
      for (let i = 0; i < checks.count; i++) {
        const t = checks.times[i]!;
        if (t <= this.deliveredMs) continue;
        if (!this.send(session, a, -1, t, this.profile.established, this.anycastLandings[i]!)) return;
      }
      return this.pass(a);
    }
    // The handoff: the first packet after the handshake goes at once to the unicast address,
    // whose route may already be down (when it is up, that packet meets the state just placed).
    const pop = placement.popIndex;
    if (arch.mode === 'handoff' && this.context.unicast.outcomeAt(pop, this.unicastAs, this.deliveredMs) !== pop) {
      if (!this.send(session, a, pop, this.deliveredMs, this.profile.established, UNKNOWN_LANDING)) return;
    }
    this.followUnicast(session, a, pop);
  }

  /** The incident blamed when a session cannot open: a table naming a server at a dead site blames the latest outage. */
  private refusalIncident(refused: BreakCause, tMs: number): number {
    return refused === 'site-failure' ? this.context.sites.latestOutageIncidentAt(tMs) : NO_INCIDENT;
  }

  /** After the handshake: packets to `pop`'s unicast address, at PoP events and at that route's changes. */
  private followUnicast(session: SessionDraw, a: number, pop: number): void {
    const checks = this.unicastChecks;
    const unicast = this.context.unicast;
    const endMs = session.startMs + session.durationMs;
    let i = 0;
    let counter = UNICAST_ROUTE_COUNTER_BASE;
    for (;;) {
      while (i < checks.count && checks.times[i]! <= this.deliveredMs) i++;
      const checkMs = i < checks.count ? checks.times[i]! : Number.POSITIVE_INFINITY;
      // The first packet after the route's next change (a packet is never before the instant it follows).
      let routeMs = Number.POSITIVE_INFINITY;
      const changeMs = unicast.nextChangeAfterMs(pop, this.unicastAs, this.deliveredMs);
      if (changeMs <= endMs && changeMs < checkMs) routeMs = this.schedule.packetAtOrAfter(session, changeMs, counter++);
      const t = Math.min(checkMs, routeMs);
      if (!(t <= endMs)) return this.pass(a);
      if (!this.send(session, a, pop, t, this.profile.established, UNKNOWN_LANDING)) return;
    }
  }

  /**
   * Sends one packet at `t0` (to `pinnedPop`'s unicast address, or over anycast when < 0) and
   * retransmits it on `backoff` until it reaches the state holder. `firstLanding` is where the
   * first send lands when the caller already knows it (< -2: unknown). Returns true when it got
   * through ({@link deliveredMs} is then its time); false when the session broke (recorded).
   */
  private send(session: SessionDraw, a: number, pinnedPop: number, t0: number, backoff: RetransmissionSchedule, firstLanding: number): boolean {
    const arch = this.context.architectures[a]!.architecture;
    const placement = this.placement;
    const offsets = backoff.retryOffsetsMs;
    // Idle gaps (for conntrack) run from the last packet that got through: the previous ping
    // (pings between a lost packet and its retransmission queue behind it), or t0 for a
    // continuous sender.
    const busySinceMs = Math.max(this.deliveredMs, this.schedule.pingBefore(session, t0));
    this.lossCode = 0;
    this.lossIncident = NO_INCIDENT;
    for (let k = -1; k < offsets.length; k++) {
      const t = k < 0 ? t0 : t0 + offsets[k]!;
      // 1. The state holder, before any route.
      const lost = arch.stateLossAt(placement, t);
      if (lost !== null) {
        this.fail(a, CAUSE_CODE[lost], t, arch.incidentOf(lost, placement, placement.popIndex, t));
        return false;
      }
      // 2. Does the packet reach a live PoP?
      const landing = k < 0 && firstLanding !== UNKNOWN_LANDING ? firstLanding : this.landingAt(session, pinnedPop, t);
      if (!this.reachesLivePop(session, pinnedPop, landing, t)) continue;
      // 3. Does that PoP reach the state holder?
      const verdict = arch.deliver(placement, landing, t, t - busySinceMs);
      if (verdict === null) {
        this.deliveredMs = t;
        return true;
      }
      const incident = verdict === 'pop-shift' ? this.routeIncidentAt(session, pinnedPop, t) : arch.incidentOf(verdict, placement, landing, t);
      if (this.misrouteResets) {
        this.fail(a, CAUSE_CODE[verdict], t, incident);
        return false;
      }
      // QUIC without a shared reset key: the PoP drops what it cannot decrypt or reset.
      if (this.lossCode === 0) {
        this.lossCode = CAUSE_CODE[verdict];
        this.lossIncident = incident;
      }
    }
    this.fail(a, this.lossCode, t0 + backoff.giveUpMs, this.lossIncident);
    return false;
  }

  /**
   * Where a try sent to `address` at `tMs` ends, for architecture `a`; sets {@link queryRoutePop}
   * to the PoP whose unicast route it followed (-1: anycast).
   */
  private queryLanding(session: SessionDraw, a: number, address: number, tMs: number): number {
    const arch = this.context.architectures[a]!;
    this.queryRoutePop = -1;
    this.queryRefusal = 0;
    if (address === PRIMARY_ADDRESS && arch.mode !== 'unicast') return this.landingAt(session, -1, tMs);
    // A client with no route to any PoP has none to a unicast address either.
    if (session.dnsPop < 0) return BLACKHOLE;
    if (address === PRIMARY_ADDRESS) {
      // DNS may already have failed this client over to another PoP; a PoP that cannot take the
      // query (dead before failover, no server) loses it.
      const refused = arch.architecture.open(session.flowHash, session.dnsPop, tMs, this.placement);
      if (refused !== null) {
        this.queryRefusal = CAUSE_CODE[refused];
        return session.dnsPop;
      }
      this.queryRoutePop = this.placement.popIndex;
    } else {
      this.queryRoutePop = (session.dnsPop + 1) % this.context.popCount;
    }
    return this.landingAt(session, this.queryRoutePop, tMs);
  }

  private judgeQuery(session: SessionDraw, a: number): void {
    const v = this.verdicts;
    const { sendOffsetsMs, addresses, giveUpMs } = this.resolver;
    const sites = this.context.sites;
    let lastCause = BLACKHOLE_CODE;
    let lastIncident = NO_INCIDENT;
    for (let k = 0; k < sendOffsetsMs.length; k++) {
      const t = session.startMs + sendOffsetsMs[k]!;
      const landing = this.queryLanding(session, a, addresses[k]!, t);
      if (this.queryRefusal !== 0) {
        lastCause = this.queryRefusal;
        lastIncident = this.queryRefusal === SITE_FAILURE_CODE ? (sites.outageAt(landing, t)?.incident ?? NO_INCIDENT) : NO_INCIDENT;
        continue;
      }
      if (landing < 0) {
        lastCause = BLACKHOLE_CODE;
        lastIncident = this.routeIncidentAt(session, this.queryRoutePop, t);
        continue;
      }
      const outage = sites.outageAt(landing, t);
      if (outage !== undefined) {
        lastCause = SITE_FAILURE_CODE;
        lastIncident = outage.incident;
        continue;
      }
      const overload = this.context.overload;
      if (overload !== undefined && overloadDrops(overload, session.key, landing, t)) {
        lastCause = OVERLOAD_CODE;
        lastIncident = overload.incidentAt(landing, t);
        continue;
      }
      v.answeredAttempt[a] = k + 1;
      v.addedLatencyMs[a] = sendOffsetsMs[k]!;
      this.answeredLanding[a] = landing;
      this.answeredRoutePop[a] = this.queryRoutePop;
      this.pass(a);
      return;
    }
    v.answeredAttempt[a] = 0;
    v.addedLatencyMs[a] = 0;
    this.answeredLanding[a] = -1;
    this.fail(a, lastCause, session.startMs + giveUpMs, lastIncident);
  }
}
