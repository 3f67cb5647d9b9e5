/**
 * Judges one session under every serving architecture against the recorded route history.
 *
 * A session sees the network only through its packets (ARCHITECTURE.md, Sessions). This file
 * picks which row of the catchment timeline a session's flow follows (per-flow client flips,
 * per-flow-flips.ts) and hands the session to the judge of its exposure: a stateful session
 * (stateful-judge.ts, the order in which each packet's fate is decided) or a query
 * (query-judge.ts). Both fill the same verdicts (session-verdicts.ts) and costs (session-cost.ts),
 * in the world of judge-context.ts.
 *
 * Each break is attributed to the incident behind it (src/flaps/incident.ts): the route entry
 * that moved or dropped the packet, the site outage or churn step that took the state.
 */
import type { JudgeContext } from './judge-context.js';
import type { ProtocolProfile } from './protocol-profile.js';
import { QueryJudge } from './query-judge.js';
import { handshakeRoundTrips, SessionCostMeter, type SessionCosts } from './session-cost.js';
import type { SessionDraw } from './session-draw.js';
import { CAUSE_CODE, emptySessionVerdicts, type SessionVerdicts } from './session-verdicts.js';
import { StatefulJudge } from './stateful-judge.js';

export type { SessionDraw } from './session-draw.js';

/** Judges sessions of one protocol. One instance per protocol; not re-entrant. */
export class SessionJudge {
  readonly verdicts: SessionVerdicts;
  /** What the judged session cost under each architecture (filled by {@link judge} with the verdicts). */
  readonly costs: SessionCosts;
  private readonly stateful: StatefulJudge;
  private readonly queries: QueryJudge;

  constructor(
    private readonly profile: ProtocolProfile,
    private readonly context: JudgeContext,
  ) {
    this.verdicts = emptySessionVerdicts(context.architectures.length);
    const meter = new SessionCostMeter(context.architectures.length, context.timeline, context.pathRtt, handshakeRoundTrips(profile.transport));
    this.costs = meter.costs;
    this.stateful = new StatefulJudge(profile, context, this.verdicts, meter);
    this.queries = new QueryJudge(profile, context, this.verdicts, meter);
  }

  /** Judges `drawn` under every architecture into {@link verdicts}. */
  judge(drawn: SessionDraw): SessionVerdicts {
    const flows = this.context.perFlowFlips;
    if (flows === undefined) return this.judgeFlow(drawn, drawn.clientAs);
    const row = flows.open(drawn.clientAs, drawn.startMs, drawn.flowHash, drawn.key);
    this.judgeFlow(row === drawn.clientAs ? drawn : { ...drawn, clientAs: row }, drawn.clientAs);
    // State shared across flows is presented at the open, over anycast; counted for sessions
    // nothing else broke, and only for protocols that use such state.
    if (this.profile.crossFlowState && flows.crossFlowStateMoved) {
      this.context.architectures.forEach((arch, a) => {
        if (arch.mode !== 'unicast' && this.verdicts.causeCodes[a] === 0) this.verdicts.causeCodes[a] = CAUSE_CODE['cross-flow-state'];
      });
    }
    return this.verdicts;
  }

  /** Judges `session` (its anycast packets from the row it follows, its unicast ones from `unicastAs`). */
  private judgeFlow(session: SessionDraw, unicastAs: number): SessionVerdicts {
    if (this.profile.exposure === 'query') this.queries.judge(session, unicastAs);
    else this.stateful.judge(session, unicastAs);
    return this.verdicts;
  }
}
