/**
 * The session layer's output: each arriving session with its verdict under every architecture,
 * produced by mapping the arrivals stream through the protocol's judge. The outcome object is
 * reused between sessions (no allocation on the hot path), so subscribers read it synchronously,
 * which the workload's hot arrivals stream guarantees.
 */
import { map, type OperatorFunction } from 'rxjs';
import type { CatchmentTimeline } from './catchment-timeline.js';
import type { SessionCosts } from './session-cost.js';
import type { SessionDraw, SessionJudge } from './session-judge.js';
import type { SessionVerdicts } from './session-verdicts.js';
import type { SessionArrival } from './workload.js';

/** One judged session. */
export interface SessionOutcome {
  readonly protocolIndex: number;
  /** Its draw, cut at the horizon when it would outlast the run. */
  readonly session: SessionDraw;
  /** Its drawn length, before any cut at the horizon. */
  readonly plannedDurationMs: number;
  /** Still open at the horizon (see SessionArrival.censored). */
  readonly censored: boolean;
  /** Where its first packet landed over anycast (PoP index or a drop code): load share. */
  readonly initialLanding: number;
  readonly verdicts: SessionVerdicts;
  /** What it cost under each architecture (same slots as {@link verdicts}); absent where nobody measured it. */
  readonly costs?: SessionCosts;
}

interface MutableOutcome {
  protocolIndex: number;
  session: SessionDraw;
  plannedDurationMs: number;
  censored: boolean;
  initialLanding: number;
  verdicts: SessionVerdicts;
  costs?: SessionCosts;
}

/** Judges each arrival with its protocol's judge (`judges[protocolIndex]`). */
export function judgeArrivals(
  judges: readonly SessionJudge[],
  timeline: CatchmentTimeline,
): OperatorFunction<SessionArrival, SessionOutcome> {
  const outcome: MutableOutcome = {
    protocolIndex: 0,
    session: { clientAs: 0, startMs: 0, durationMs: 0, flowHash: 0, key: 0, dnsPop: -1 },
    plannedDurationMs: 0,
    censored: false,
    initialLanding: 0,
    verdicts: {
      causeCodes: new Uint8Array(0),
      answeredAttempt: new Uint8Array(0),
      addedLatencyMs: new Float64Array(0),
      incident: new Int32Array(0),
      breakAtMs: new Float64Array(0),
    },
  };
  return map((arrival) => {
    const judge = judges[arrival.protocolIndex];
    if (judge === undefined) throw new RangeError(`no judge for protocol index ${arrival.protocolIndex}`);
    outcome.protocolIndex = arrival.protocolIndex;
    outcome.session = arrival.session;
    outcome.plannedDurationMs = arrival.plannedDurationMs;
    outcome.censored = arrival.censored;
    outcome.initialLanding = timeline.landingAt(arrival.session.clientAs, arrival.session.startMs);
    outcome.verdicts = judge.judge(arrival.session);
    outcome.costs = judge.costs;
    return outcome;
  });
}
