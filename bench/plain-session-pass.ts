/**
 * The session pass written as a plain loop, without rxjs or the clock: the baseline the reactive
 * version is measured against. It draws arrivals in the same order (a k-way merge of the
 * protocols' Poisson processes) and tallies outcomes, per-incident breaks and costs, so its tally must
 * equal the reactive pass's exactly; the
 * benchmark checks that before it reports a ratio. Like the workload, it first emits the sessions
 * open at the start and cuts sessions at the horizon.
 */
import { CostTally, IncidentTally, OutcomeTally } from '../src/metrics/index.js';
import { drawOpenAtStart, drawSession, emptySessionDraw, type MutableSessionDraw, type SessionOutcome } from '../src/sessions/index.js';
import type { PreparedRun, SessionPassTally } from '../src/simulate/index.js';

/** Runs the session pass of `run` in a plain loop. */
export function plainSessionPass(run: PreparedRun): SessionPassTally {
  const { scenario, traffic, judges, timeline } = run;
  const horizonMs = scenario.durationMs;
  const tally = new OutcomeTally(run.protocols, run.architectureNames, run.judgedArchitectures, run.world.deployment.sites.length, horizonMs);
  const incidents = new IncidentTally(run.protocols.map((p) => p.protocol), run.architectureNames, run.judgedArchitectures, run.incidents);
  const costs = new CostTally(run.costedProtocols, run.architectureNames, run.judgedArchitectures);
  const draws = traffic.map(() => emptySessionDraw());
  const outcome: { -readonly [K in keyof SessionOutcome]: SessionOutcome[K] } = {
    protocolIndex: 0,
    session: draws[0]!,
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
  const judgeAndRecord = (p: number, draw: MutableSessionDraw): void => {
    outcome.plannedDurationMs = draw.durationMs;
    outcome.censored = draw.startMs + draw.durationMs > horizonMs;
    if (outcome.censored) draw.durationMs = horizonMs - draw.startMs;
    outcome.protocolIndex = p;
    outcome.session = draw;
    outcome.initialLanding = timeline.landingAt(draw.clientAs, draw.startMs);
    outcome.verdicts = judges[p]!.judge(draw);
    outcome.costs = judges[p]!.costs;
    incidents.record(p, outcome.verdicts.causeCodes, outcome.verdicts.incident);
    costs.record(outcome);
    tally.record(outcome);
  };
  let openAtStart = 0;
  traffic.forEach((source, p) => {
    const random = source.aliveAtStart;
    if (random === undefined) return;
    const draw = draws[p]!;
    openAtStart += drawOpenAtStart(source.duration, source.arrivals.peakRatePerS, (tMs) => source.arrivals.rateAt(tMs), horizonMs, random, (open) => {
      draw.startMs = -open.ageMs;
      draw.clientAs = run.population.draw(random);
      draw.durationMs = open.durationMs;
      draw.flowHash = random.uint32();
      draw.key = random.uint32();
      draw.dnsPop = run.dnsPopOfAs[draw.clientAs]!;
      judgeAndRecord(p, draw);
    });
  });
  const next = traffic.map((source) => source.arrivals.next(0));
  for (;;) {
    let p = -1;
    let t = Number.POSITIVE_INFINITY;
    for (let i = 0; i < next.length; i++) {
      if (next[i]! < t) {
        t = next[i]!;
        p = i;
      }
    }
    if (p < 0 || t >= horizonMs) break;
    const draw = draws[p]!;
    drawSession(traffic[p]!, run.population, run.dnsPopOfAs, t, draw);
    judgeAndRecord(p, draw);
    next[p] = traffic[p]!.arrivals.next(t);
  }
  return { tally, openAtStart, incidents, costs };
}
