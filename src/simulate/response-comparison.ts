/**
 * Comparing operator response plans on one history (docs/responses.md). A scenario that names
 * several plans is run once per plan with the same seed: the topology, the PoPs, the flaps (an
 * attack among them), the workload's arrivals and sessions are the same draws in every run
 * (every consumer draws from its own named stream, and responses draw nothing), so the runs differ
 * only by the responses and what the responses set in motion (the routing streams' later draws
 * follow the UPDATEs the responses cause). That is common random numbers: the difference between
 * two plans is estimated per replication, on paired histories, and its interval comes from the
 * spread of those paired differences over replications (docs/statistics.md), much narrower than
 * the difference of two independent intervals.
 */
import { responseIndexOf } from '../flaps/index.js';
import {
  fractionInterval,
  knownFateFraction,
  differenceInterval,
  type IncidentCounts,
  type IncidentResults,
  type ReplicateResult,
  type ProtocolArchitectureResult,
  type ReplicationInterval,
} from '../metrics/index.js';
import type { ResponseComparison, ResponsePlanPairResult, ResponsePlanResult, ResponseVerdict, SimulationResult } from './simulation-result.js';

/** Breaks per (protocol, architecture) blamed on responses (flap indexes of responses). */
function responseBreaks(incidents: IncidentResults): Map<string, number> {
  const breaks = new Map<string, number>();
  for (const flap of incidents.flaps) {
    if (responseIndexOf(flap.flapIndex) === undefined) continue;
    for (const b of flap.breaks) breaks.set(`${b.protocol}/${b.architecture}`, (breaks.get(`${b.protocol}/${b.architecture}`) ?? 0) + b.breaks);
  }
  return breaks;
}

/**
 * One replication's figures with, per pair, the breaks its incident tally blamed on responses
 * (`brokenByResponses`), so that response-induced breaks get an interval over replications too.
 */
export function withResponseBreaks(replicate: ReplicateResult, counts: IncidentCounts): ReplicateResult {
  const byPair = new Map<string, number>();
  for (const flap of counts.byFlap) {
    if (responseIndexOf(flap.flapIndex) === undefined) continue;
    flap.breaks.forEach((n, i) => {
      const pair = counts.pairs[i]!;
      byPair.set(`${pair.protocol}/${pair.architecture}`, (byPair.get(`${pair.protocol}/${pair.architecture}`) ?? 0) + n);
    });
  }
  return { ...replicate, results: replicate.results.map((r) => ({ ...r, brokenByResponses: byPair.get(`${r.protocol}/${r.architecture}`) ?? 0 })) };
}

/** Per replication, the broken fraction of (protocol, architecture) in `result`. */
function fractionsByReplication(result: SimulationResult, protocol: string, architecture: string): number[] {
  return result.replicates.map((r) => r.results.find((x) => x.protocol === protocol && x.architecture === architecture)?.brokenFraction ?? 0);
}

/** Mean and t-interval of paired differences a[r] - b[r] of fractions (within [-1, 1]). */
function pairedDifference(a: readonly number[], b: readonly number[]): ReplicationInterval {
  return differenceInterval(a.map((x, r) => x - b[r]!));
}

/**
 * Compares the runs of `planNames` (one result per plan, in plan order, each over the same seed
 * and replications).
 *
 * @throws Error if the counts of plans and results differ
 */
export function compareResponsePlans(planNames: readonly string[], planResponses: readonly number[], results: readonly SimulationResult[]): ResponseComparison {
  if (results.length !== planNames.length || results.length === 0) throw new Error(`invariant: ${planNames.length} plans but ${results.length} results`);
  const first = results[0]!;
  const plans = results.map((result, p): ResponsePlanResult => {
    const byResponses = responseBreaks(result.incidents);
    return {
      plan: planNames[p]!,
      responses: planResponses[p]!,
      convergence: result.convergence,
      ...(result.attacks === undefined ? {} : { attacks: result.attacks }),
      pairs: result.results.map((pair: ProtocolArchitectureResult): ResponsePlanPairResult => {
        const induced = byResponses.get(`${pair.protocol}/${pair.architecture}`) ?? 0;
        return {
          protocol: pair.protocol,
          architecture: pair.architecture,
          brokenFraction: pair.brokenFraction,
          brokenByResponses: induced,
          brokenOtherwise: pair.broken - induced,
          byResponsesFraction: fractionInterval(
            result.replicates.map((r) => {
              const x = r.results.find((y) => y.protocol === pair.protocol && y.architecture === pair.architecture);
              return x === undefined ? 0 : knownFateFraction(x.brokenByResponses ?? 0, x.sessions, x.censored);
            }),
          ),
          overloadFraction: fractionInterval(
            result.replicates.map((r) => {
              const x = r.results.find((y) => y.protocol === pair.protocol && y.architecture === pair.architecture);
              return x === undefined ? 0 : knownFateFraction(x.brokenByCause.overload, x.sessions, x.censored);
            }),
          ),
          versusFirstPlan: pairedDifference(
            fractionsByReplication(result, pair.protocol, pair.architecture),
            fractionsByReplication(first, pair.protocol, pair.architecture),
          ),
        };
      }),
    };
  });
  const verdicts = first.results.map((pair): ResponseVerdict => {
    const ranked = results
      .map((result, p) => ({ p, mean: result.results.find((x) => x.protocol === pair.protocol && x.architecture === pair.architecture)?.brokenFraction.estimate ?? 0 }))
      .sort((a, b) => a.mean - b.mean || a.p - b.p);
    const best = ranked[0]!;
    const second = ranked[1];
    if (second === undefined) return { protocol: pair.protocol, architecture: pair.architecture, fewestBreaks: planNames[best.p]!, clear: false };
    const gap = pairedDifference(
      fractionsByReplication(results[second.p]!, pair.protocol, pair.architecture),
      fractionsByReplication(results[best.p]!, pair.protocol, pair.architecture),
    );
    return {
      protocol: pair.protocol,
      architecture: pair.architecture,
      fewestBreaks: planNames[best.p]!,
      runnerUp: planNames[second.p]!,
      clear: gap.low > 0,
    };
  });
  return { plans, verdicts };
}
