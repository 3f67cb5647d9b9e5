/**
 * Judges a stateful session (a flow or connection: TCP, QUIC) under every serving architecture.
 * The judge looks only at instants where the answer could change (packet-schedule.ts) and
 * decides each packet's fate in the order the world decides it (issue 12, item 1):
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
 * The packet schedule is computed once per session and shared by every architecture, so the
 * architectures are compared on the same arrivals and the same route history (common random
 * numbers).
 */
import { emptySessionPlacement, forwardsBetweenPops, type BreakCause } from '../pop/index.js';
import { landingAt, routeIncidentAt, type JudgeContext } from './judge-context.js';
import { CheckTimes, PacketSchedule, UNICAST_ROUTE_COUNTER_BASE } from './packet-schedule.js';
import { overloadDrops, overloadRefuses } from './overload.js';
import type { ProtocolProfile } from './protocol-profile.js';
import type { RetransmissionSchedule } from './retransmission.js';
import type { SessionCostMeter } from './session-cost.js';
import type { SessionDraw } from './session-draw.js';
import {
  BLACKHOLE_CODE,
  CAUSE_CODE,
  failVerdict,
  NO_INCIDENT,
  OVERLOAD_CODE,
  passVerdict,
  SITE_FAILURE_CODE,
  type SessionVerdicts,
} from './session-verdicts.js';

/** A first landing the caller does not know (landings are PoPs >= 0 or drops -1, -2). */
const UNKNOWN_LANDING = -3;

/** Where the session's first packet over anycast got through, shared by the architectures that open over anycast. */
interface AnycastOpening {
  /** 0: it got through; otherwise the cause code of the failed open. */
  code: number;
  landing: number;
  timeMs: number;
  incident: number;
}

/** Judges stateful sessions of one protocol into the verdicts and costs it is given; not re-entrant. */
export class StatefulJudge {
  /** Per architecture: whether it carries misdelivered packets on to the state holder's PoP. */
  private readonly forwards: readonly boolean[];
  /** Whether the architecture being judged opened the session ({@link placement} is its state). */
  private opened = false;
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
  private readonly opening: AnycastOpening = { code: 0, landing: 0, timeMs: 0, incident: NO_INCIDENT };
  /** Where the session being judged keeps its state, under the architecture being judged. */
  private readonly placement = emptySessionPlacement();
  /** Time of the last packet that got through, for the architecture being judged. */
  private deliveredMs = 0;
  /** The first loss of the retransmission run under way (code 0: none yet); later losses are not blamed. */
  private lossCode = 0;
  private lossIncident = NO_INCIDENT;

  constructor(
    private readonly profile: ProtocolProfile,
    private readonly context: JudgeContext,
    private readonly verdicts: SessionVerdicts,
    private readonly meter: SessionCostMeter,
  ) {
    this.forwards = context.architectures.map((a) => forwardsBetweenPops(a.architecture.name));
    this.schedule = new PacketSchedule(profile, context.timeline, context.popChangeTimesMs, context.sites, context.popCount);
    this.needsAnycast = context.architectures.some((a) => a.mode === 'anycast');
    this.needsUnicast = context.architectures.some((a) => a.mode !== 'anycast');
    this.needsAnycastOpen = context.architectures.some((a) => a.mode !== 'unicast');
    this.misrouteResets = profile.transport !== 'quic' || (context.quicResetKeyShared ?? true);
  }

  /** Judges `session` (its unicast packets from `unicastAs`) under every architecture, with its costs. */
  judge(session: SessionDraw, unicastAs: number): void {
    this.unicastAs = unicastAs;
    const archs = this.context.architectures;
    const v = this.verdicts;
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

  /** Anycast check times, and where each one's first send lands. */
  private collectAnycastChecks(session: SessionDraw): void {
    const checks = this.anycastChecks;
    this.schedule.collect(session, true, checks);
    if (this.anycastLandings.length < checks.count) this.anycastLandings = new Int32Array(checks.times.length);
    const timeline = this.context.timeline;
    for (let i = 0; i < checks.count; i++) this.anycastLandings[i] = timeline.landingAt(session.clientAs, checks.times[i]!);
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
        this.lossIncident = routeIncidentAt(this.context, session, this.unicastAs, pinnedPop, tMs);
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
      const landing = landingAt(this.context, session, this.unicastAs, -1, t);
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
      if (session.dnsPop < 0) return failVerdict(this.verdicts, a, BLACKHOLE_CODE, session.startMs, NO_INCIDENT);
      // DNS picks the PoP before the first packet is sent (failing over once health checks and
      // TTLs allow); the state lives there, and a dead PoP swallows the handshake.
      const refused = arch.architecture.open(session.flowHash, session.dnsPop, session.startMs, placement);
      if (refused !== null) {
        const incident = this.context.sites.outageAt(session.dnsPop, session.startMs)?.incident ?? this.refusalIncident(refused, session.startMs);
        return failVerdict(this.verdicts, a, CAUSE_CODE[refused], session.startMs, incident);
      }
      this.deliveredMs = session.startMs;
      this.opened = true;
      // The handshake meets the state just placed, unless the PoP's unicast route is down.
      const routed = this.context.unicast.outcomeAt(placement.popIndex, this.unicastAs, session.startMs) === placement.popIndex;
      if (!routed && !this.send(session, a, placement.popIndex, session.startMs, this.profile.handshake, UNKNOWN_LANDING)) return;
    } else {
      const open = this.opening;
      if (open.code !== 0) return failVerdict(this.verdicts, a, open.code, open.timeMs, open.incident);
      const refused = arch.architecture.open(session.flowHash, open.landing, open.timeMs, placement);
      if (refused !== null) return failVerdict(this.verdicts, a, CAUSE_CODE[refused], open.timeMs, this.refusalIncident(refused, open.timeMs));
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
      return passVerdict(this.verdicts, a);
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
      if (!(t <= endMs)) return passVerdict(this.verdicts, a);
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
        failVerdict(this.verdicts, a, CAUSE_CODE[lost], t, arch.incidentOf(lost, placement, placement.popIndex, t));
        return false;
      }
      // 2. Does the packet reach a live PoP?
      const landing = k < 0 && firstLanding !== UNKNOWN_LANDING ? firstLanding : landingAt(this.context, session, this.unicastAs, pinnedPop, t);
      if (!this.reachesLivePop(session, pinnedPop, landing, t)) continue;
      // 3. Does that PoP reach the state holder?
      const verdict = arch.deliver(placement, landing, t, t - busySinceMs);
      if (verdict === null) {
        this.deliveredMs = t;
        return true;
      }
      const incident = verdict === 'pop-shift' ? routeIncidentAt(this.context, session, this.unicastAs, pinnedPop, t) : arch.incidentOf(verdict, placement, landing, t);
      if (this.misrouteResets) {
        failVerdict(this.verdicts, a, CAUSE_CODE[verdict], t, incident);
        return false;
      }
      // QUIC without a shared reset key: the PoP drops what it cannot decrypt or reset.
      if (this.lossCode === 0) {
        this.lossCode = CAUSE_CODE[verdict];
        this.lossIncident = incident;
      }
    }
    failVerdict(this.verdicts, a, this.lossCode, t0 + backoff.giveUpMs, this.lossIncident);
    return false;
  }
}
