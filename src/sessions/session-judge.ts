/**
 * Judges one session under every serving architecture against the recorded route history.
 *
 * A session sees the network only through its packets (ARCHITECTURE.md, Sessions). The judge
 * therefore looks only at instants where the answer could change — a change of the client AS's
 * landing, a PoP-layer event (server churn, a table update, a site going down or up) — and asks
 * where the session's first packet at or after each such instant lands. A stateful session
 * breaks on the first packet that lands where its state is not (the architecture says why), or
 * when its packets are lost (black hole, loop, dead site) for longer than its protocol tolerates.
 * An idle session survives a flip that no packet saw.
 *
 * The packet schedule is computed once per session and shared by every architecture, so the
 * architectures are compared on the same arrivals and the same route history (common random
 * numbers); message jitter comes from a hash of the session's key, not from a stream, so it never
 * shifts another session's draws.
 */
import { emptySessionPlacement, type ArchitectureName, type BreakCause, type ServingArchitecture, type SiteHealthTimeline } from '../pop/index.js';
import type { CatchmentTimeline } from './catchment-timeline.js';
import type { PerFlowFlips } from './per-flow-flips.js';
import type { ProtocolProfile } from './protocol-profile.js';

/** Break causes in a fixed order; code k + 1 in verdict arrays is BREAK_CAUSES[k]. */
export const BREAK_CAUSES: readonly BreakCause[] = [
  'pop-shift',
  'backend-remap',
  'blackhole',
  'site-failure',
  'server-failure',
  'cross-flow-state',
];

const CAUSE_CODE: Readonly<Record<BreakCause, number>> = {
  'pop-shift': 1,
  'backend-remap': 2,
  blackhole: 3,
  'site-failure': 4,
  'server-failure': 5,
  'cross-flow-state': 6,
};
const BLACKHOLE_CODE = CAUSE_CODE.blackhole;
const SITE_FAILURE_CODE = CAUSE_CODE['site-failure'];

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

/** One arriving session. */
export interface SessionDraw {
  readonly clientAs: number;
  readonly startMs: number;
  readonly durationMs: number;
  /** 32-bit hash of the session's 5-tuple (its flow key for load balancing). */
  readonly flowHash: number;
  /** 32-bit per-session key for deterministic message jitter. */
  readonly key: number;
  /** The PoP DNS answers for this client (unicast-dns). */
  readonly dnsPop: number;
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
  /** Per-flow client flips: which row of {@link timeline} a new flow follows (per-flow-flips.ts). */
  readonly perFlowFlips?: PerFlowFlips;
}

/** Maps a 32-bit key and a counter to a uniform in (0, 1] (murmur3 finaliser). */
function hashUniform(key: number, counter: number): number {
  let h = (key ^ Math.imul(counter + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h = (h ^ (h >>> 16)) >>> 0;
  return (h + 1) / 4294967296;
}

/** Every time a site goes down or comes back, sorted: checkpoints for the judge. */
function outageEdgesMs(sites: SiteHealthTimeline, popCount: number): Float64Array {
  const times: number[] = [];
  for (let p = 0; p < popCount; p++) {
    for (const outage of sites.outagesOf(p)) {
      times.push(outage.downAtMs);
      if (Number.isFinite(outage.upAtMs)) times.push(outage.upAtMs);
    }
  }
  return Float64Array.from(times).sort();
}

/** First index in sorted `times` with a value > tMs. */
function upperBound(times: Float64Array, tMs: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! <= tMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A growable list of packet times. */
class CheckTimes {
  times = new Float64Array(64);
  count = 0;

  push(tMs: number): void {
    if (this.count === this.times.length) {
      const grown = new Float64Array(this.times.length * 2);
      grown.set(this.times);
      this.times = grown;
    }
    this.times[this.count++] = tMs;
  }
}

/**
 * The packets of one session over anycast, as they got through (after retransmission across
 * losses): they depend only on the route history and the sites, not on the architecture, so they
 * are worked out once per session and every anycast architecture judges the same sequence.
 */
class AnycastDeliveries {
  /** Non-zero: the first packet never got through (the cause code); nothing else is set. */
  openCode = 0;
  firstLanding = 0;
  firstTimeMs = 0;
  /** Later packets that got through, in order. */
  landings = new Int32Array(64);
  timesMs = new Float64Array(64);
  count = 0;
  /** Non-zero: after the listed packets, one was lost for longer than the protocol tolerates. */
  endCode = 0;

  push(landing: number, timeMs: number): void {
    if (this.count === this.timesMs.length) {
      const landings = new Int32Array(this.count * 2);
      landings.set(this.landings);
      this.landings = landings;
      const times = new Float64Array(this.count * 2);
      times.set(this.timesMs);
      this.timesMs = times;
    }
    this.landings[this.count] = landing;
    this.timesMs[this.count++] = timeMs;
  }
}

/** Judges sessions of one protocol. One instance per protocol; not re-entrant. */
export class SessionJudge {
  readonly verdicts: SessionVerdicts;
  /** Packet times to check for anycast-routed packets, shared by all anycast architectures. */
  private readonly anycastChecks = new CheckTimes();
  /** Packet times to check for unicast packets (PoP events only). */
  private readonly unicastChecks = new CheckTimes();
  private readonly outageTimesMs: Float64Array;
  private readonly needsUnicast: boolean;
  private readonly needsAnycast: boolean;
  /** Whether any architecture sends its first packet over anycast (all but unicast-dns). */
  private readonly needsAnycastOpen: boolean;
  private readonly anycastDeliveries = new AnycastDeliveries();
  private readonly delivered = { landing: 0, timeMs: 0 };
  /** Where the session being judged keeps its state, under the architecture being judged. */
  private readonly placement = emptySessionPlacement();

  constructor(
    private readonly profile: ProtocolProfile,
    private readonly context: JudgeContext,
  ) {
    const n = context.architectures.length;
    this.verdicts = { causeCodes: new Uint8Array(n), answeredAttempt: new Uint8Array(n) };
    this.outageTimesMs = outageEdgesMs(context.sites, context.popCount);
    this.needsAnycast = context.architectures.some((a) => a.mode === 'anycast');
    this.needsUnicast = context.architectures.some((a) => a.mode !== 'anycast');
    this.needsAnycastOpen = context.architectures.some((a) => a.mode !== 'unicast');
  }

  /** Judges `drawn` under every architecture into {@link verdicts}. */
  judge(drawn: SessionDraw): SessionVerdicts {
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
          this.verdicts.answeredAttempt[a] = this.verdicts.answeredAttempt[anycastDone]!;
          this.verdicts.causeCodes[a] = this.verdicts.causeCodes[anycastDone]!;
        }
      }
      return this.verdicts;
    }
    if (this.needsAnycast) this.collectCheckTimes(session, true, this.anycastChecks);
    // Unicast packets ignore the client's catchment: only PoP events matter to them.
    if (this.needsUnicast) this.collectCheckTimes(session, false, this.unicastChecks);
    if (this.needsAnycastOpen) this.followAnycast(session);
    for (let a = 0; a < archs.length; a++) {
      const arch = archs[a]!;
      this.verdicts.answeredAttempt[a] = 0;
      this.verdicts.causeCodes[a] = this.judgeStateful(
        session,
        arch,
        arch.mode === 'anycast' ? this.anycastChecks : this.unicastChecks,
      );
    }
    return this.verdicts;
  }

  /** Where a packet sent at `tMs` lands under `mode`, given the session's pinned PoP. */
  private landing(session: SessionDraw, mode: RoutingMode, pinnedPop: number, tMs: number): number {
    if (mode === 'anycast' || pinnedPop < 0) return this.context.timeline.landingAt(session.clientAs, tMs);
    return pinnedPop;
  }

  /**
   * If a packet sent at `tMs` that lands on `landing` is lost, when the loss could end (the next
   * timeline change or the site's recovery, whichever first); -1 when it is not lost.
   */
  private lossUntil(session: SessionDraw, mode: RoutingMode, pinnedPop: number, landing: number, tMs: number): number {
    let until = Number.POSITIVE_INFINITY;
    if (landing >= 0) {
      const outage = this.context.sites.outageAt(landing, tMs);
      if (outage === undefined) return -1;
      until = outage.upAtMs;
    }
    if (mode === 'anycast' || pinnedPop < 0) {
      const timeline = this.context.timeline;
      const next = timeline.entryAt(session.clientAs, tMs) + 1;
      if (next < timeline.endEntry(session.clientAs)) until = Math.min(until, timeline.timesMs[next]!);
    }
    return until;
  }

  /**
   * Follows lost packets (retransmitted) from `tMs` until one gets through within the protocol's
   * tolerance. Returns the landing and time of the packet that got through in `out`, or a cause
   * code when the loss lasted too long.
   */
  private sendUntilDelivered(
    session: SessionDraw,
    mode: RoutingMode,
    pinnedPop: number,
    tMs: number,
    out: { landing: number; timeMs: number },
  ): number {
    const deadline = tMs + this.profile.dropToleranceMs;
    let t = tMs;
    let firstLossCode = 0;
    for (let guard = 0; guard < 1_000_000; guard++) {
      const landing = this.landing(session, mode, pinnedPop, t);
      const until = this.lossUntil(session, mode, pinnedPop, landing, t);
      if (until < 0) {
        out.landing = landing;
        out.timeMs = t;
        return 0;
      }
      if (firstLossCode === 0) firstLossCode = landing >= 0 ? SITE_FAILURE_CODE : BLACKHOLE_CODE;
      if (until > deadline) return firstLossCode;
      t = until;
    }
    throw new Error('invariant: loss resolution did not terminate');
  }

  /** Fills {@link anycastDeliveries}: the first packet, then (if judged) every checked one. */
  private followAnycast(session: SessionDraw): void {
    const path = this.anycastDeliveries;
    path.count = 0;
    path.endCode = 0;
    path.openCode = this.sendUntilDelivered(session, 'anycast', -1, session.startMs, this.delivered);
    if (path.openCode !== 0) return;
    path.firstLanding = this.delivered.landing;
    path.firstTimeMs = this.delivered.timeMs;
    if (!this.needsAnycast) return;
    const checks = this.anycastChecks;
    let lastPacketMs = path.firstTimeMs;
    for (let i = 0; i < checks.count; i++) {
      const t = checks.times[i]!;
      if (t <= lastPacketMs) continue;
      path.endCode = this.sendUntilDelivered(session, 'anycast', -1, t, this.delivered);
      if (path.endCode !== 0) return;
      path.push(this.delivered.landing, this.delivered.timeMs);
      lastPacketMs = this.delivered.timeMs;
    }
  }

  private judgeStateful(session: SessionDraw, arch: JudgedArchitecture, checks: CheckTimes): number {
    const mode = arch.mode;
    const path = this.anycastDeliveries;
    const placement = this.placement;
    let firstTimeMs: number;
    if (mode === 'unicast') {
      // A client with no route to any PoP has none to a unicast address either.
      if (session.dnsPop < 0) return BLACKHOLE_CODE;
      // DNS picks the PoP before the first packet is sent (failing over once health checks and
      // TTLs allow); the state lives there, and a dead PoP swallows the handshake.
      const refused = arch.architecture.open(session.flowHash, session.dnsPop, session.startMs, placement);
      if (refused !== null) return CAUSE_CODE[refused];
      const lossCode = this.sendUntilDelivered(session, mode, placement.popIndex, session.startMs, this.delivered);
      if (lossCode !== 0) return lossCode;
      firstTimeMs = this.delivered.timeMs;
    } else {
      if (path.openCode !== 0) return path.openCode;
      const refused = arch.architecture.open(session.flowHash, path.firstLanding, path.firstTimeMs, placement);
      if (refused !== null) return CAUSE_CODE[refused];
      firstTimeMs = path.firstTimeMs;
    }
    if (mode === 'anycast') {
      let lastPacketMs = firstTimeMs;
      for (let i = 0; i < path.count; i++) {
        const timeMs = path.timesMs[i]!;
        const verdict = arch.architecture.deliver(placement, path.landings[i]!, timeMs, timeMs - lastPacketMs);
        if (verdict !== null) return CAUSE_CODE[verdict];
        lastPacketMs = timeMs;
      }
      return path.endCode;
    }
    // After the handshake, packets go to the PoP's unicast address whatever anycast does.
    const pinnedPop = placement.popIndex;
    let lastPacketMs = firstTimeMs;
    const times = checks.times;
    for (let i = 0; i < checks.count; i++) {
      const t = times[i]!;
      if (t <= lastPacketMs) continue;
      const code = this.sendUntilDelivered(session, mode, pinnedPop, t, this.delivered);
      if (code !== 0) return code;
      const verdict = arch.architecture.deliver(
        placement,
        this.delivered.landing,
        this.delivered.timeMs,
        this.delivered.timeMs - lastPacketMs,
      );
      if (verdict !== null) return CAUSE_CODE[verdict];
      lastPacketMs = this.delivered.timeMs;
    }
    return 0;
  }

  private judgeQuery(session: SessionDraw, a: number): void {
    const arch = this.context.architectures[a]!;
    const resolver = this.profile.resolver;
    const pinned = arch.mode === 'unicast' ? session.dnsPop : -1;
    let lastCause = BLACKHOLE_CODE;
    for (let attempt = 0; attempt < resolver.attempts; attempt++) {
      const t = session.startMs + attempt * resolver.timeoutMs;
      let landing = this.landing(session, arch.mode, pinned, t);
      if (arch.mode === 'unicast' && landing >= 0) {
        // DNS may already have failed this client over to another PoP.
        const refused = arch.architecture.open(session.flowHash, landing, t, this.placement);
        if (refused !== null) {
          lastCause = CAUSE_CODE[refused];
          continue;
        }
        landing = this.placement.popIndex;
      }
      if (landing < 0) {
        lastCause = BLACKHOLE_CODE;
        continue;
      }
      if (!this.context.sites.isUp(landing, t)) {
        lastCause = SITE_FAILURE_CODE;
        continue;
      }
      this.verdicts.answeredAttempt[a] = attempt + 1;
      this.verdicts.causeCodes[a] = 0;
      return;
    }
    this.verdicts.answeredAttempt[a] = 0;
    this.verdicts.causeCodes[a] = lastCause;
  }

  /** The first packet the session sends at or after `tMs`. */
  private packetAtOrAfter(session: SessionDraw, tMs: number, counter: number): number {
    const profile = this.profile;
    if (profile.exposure === 'continuous') return tMs;
    const interval = profile.packetIntervalMs;
    const elapsed = tMs - session.startMs;
    let next = session.startMs + Math.ceil(elapsed / interval) * interval;
    if (profile.messageRatePerS > 0) {
      const message = tMs - (Math.log(hashUniform(session.key, counter)) / profile.messageRatePerS) * 1000;
      if (message < next) next = message;
    }
    return next;
  }

  /**
   * Fills `out` with the packet times, in order and without repeats, at which something may have
   * changed for the session: after each change of the client's landing (when `withCatchment`),
   * after each PoP-layer event and after each site outage edge, within the session's lifetime.
   */
  private collectCheckTimes(session: SessionDraw, withCatchment: boolean, out: CheckTimes): void {
    const endMs = session.startMs + session.durationMs;
    const timeline = this.context.timeline;
    const pop = this.context.popChangeTimesMs;
    const outageTimes = this.outageTimesMs;
    let i = withCatchment ? timeline.entryAt(session.clientAs, session.startMs) + 1 : 0;
    const iEnd = withCatchment ? timeline.endEntry(session.clientAs) : 0;
    let j = upperBound(pop, session.startMs);
    let k = upperBound(outageTimes, session.startMs);
    out.count = 0;
    let last = session.startMs;
    let counter = 0;
    for (;;) {
      const ti = i < iEnd ? timeline.timesMs[i]! : Number.POSITIVE_INFINITY;
      const tj = j < pop.length ? pop[j]! : Number.POSITIVE_INFINITY;
      const tk = k < outageTimes.length ? outageTimes[k]! : Number.POSITIVE_INFINITY;
      const change = Math.min(ti, tj, tk);
      if (change > endMs) return;
      if (change === ti) i++;
      else if (change === tj) j++;
      else k++;
      const packet = this.packetAtOrAfter(session, change, counter++);
      if (packet > endMs || packet <= last) continue;
      last = packet;
      out.push(packet);
    }
  }
}
