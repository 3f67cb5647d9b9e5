/**
 * Judges a query (dns-udp) under every serving architecture: the resolver's tries
 * (dns-resolver.ts) go out at fixed offsets, to the primary address and then the secondary, and
 * the query is answered by the first try that reaches a live PoP able to take it. A query holds
 * no state, so nothing breaks after the answer; it fails when every try is lost (`blackhole`,
 * `site-failure`, `overload`) or refused, blamed on the incident behind the last lost try.
 */
import { emptySessionPlacement, forwardsBetweenPops } from '../pop/index.js';
import { PRIMARY_ADDRESS, resolverSchedule, type ResolverSchedule } from './dns-resolver.js';
import { landingAt, routeIncidentAt, type JudgeContext } from './judge-context.js';
import { overloadDrops } from './overload.js';
import type { ProtocolProfile } from './protocol-profile.js';
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

/** The routing layer's black-hole landing. */
const BLACKHOLE = -1;

/** Judges queries of one protocol into the verdicts and costs it is given; not re-entrant. */
export class QueryJudge {
  /** Per architecture: whether it carries misdelivered packets on to the state holder's PoP. */
  private readonly forwards: readonly boolean[];
  /** Per architecture, for a query: where the answered try landed (-1: none answered), and the PoP whose unicast route it followed. */
  private readonly answeredLanding: Int32Array;
  private readonly answeredRoutePop: Int32Array;
  private readonly resolver: ResolverSchedule;
  /** Where the query would keep its state, under the architecture being judged (who answers it). */
  private readonly placement = emptySessionPlacement();
  /** The judged query's own client AS, for its unicast packets (per-flow client flips move only its anycast ones). */
  private unicastAs = 0;
  /** The PoP whose unicast route the last DNS try followed (-1: anycast). */
  private queryRoutePop = -1;
  /** Non-zero: the last DNS try's PoP refused it (unicast-dns), with this cause code. */
  private queryRefusal = 0;

  constructor(
    profile: ProtocolProfile,
    private readonly context: JudgeContext,
    private readonly verdicts: SessionVerdicts,
    private readonly meter: SessionCostMeter,
  ) {
    const n = context.architectures.length;
    this.forwards = context.architectures.map((a) => forwardsBetweenPops(a.architecture.name));
    this.answeredLanding = new Int32Array(n);
    this.answeredRoutePop = new Int32Array(n);
    this.resolver = resolverSchedule(profile.resolver);
  }

  /** Judges the query `session` (its unicast packets from `unicastAs`) under every architecture, with its costs. */
  judge(session: SessionDraw, unicastAs: number): void {
    this.unicastAs = unicastAs;
    const archs = this.context.architectures;
    const v = this.verdicts;
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

  /**
   * Where a try sent to `address` at `tMs` ends, for architecture `a`; sets {@link queryRoutePop}
   * to the PoP whose unicast route it followed (-1: anycast).
   */
  private queryLanding(session: SessionDraw, a: number, address: number, tMs: number): number {
    const arch = this.context.architectures[a]!;
    this.queryRoutePop = -1;
    this.queryRefusal = 0;
    if (address === PRIMARY_ADDRESS && arch.mode !== 'unicast') return landingAt(this.context, session, this.unicastAs, -1, tMs);
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
    return landingAt(this.context, session, this.unicastAs, this.queryRoutePop, tMs);
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
        lastIncident = routeIncidentAt(this.context, session, this.unicastAs, this.queryRoutePop, t);
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
      passVerdict(v, a);
      return;
    }
    v.answeredAttempt[a] = 0;
    v.addedLatencyMs[a] = 0;
    this.answeredLanding[a] = -1;
    failVerdict(v, a, lastCause, session.startMs + giveUpMs, lastIncident);
  }
}
