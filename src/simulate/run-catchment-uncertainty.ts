/**
 * The catchment uncertainty of a prepared run (catchment-uncertainty.ts): its world, its client
 * ASes and weights, and the specs of the three tie-break rules.
 */
import type { TieBreakSpec } from '../routing/index.js';
import { RandomStreams } from '../sim/index.js';
import { catchmentUncertainty, type CatchmentUncertaintyResult, RANDOM_TIE_BREAK_SEEDS } from './catchment-uncertainty.js';
import type { PreparedRun } from './prepare-run.js';

/**
 * The catchment uncertainty of `run`: its world's client ASes and weights, hot-potato on its
 * geography and PoP cities, and {@link RANDOM_TIE_BREAK_SEEDS} random salts from the stream
 * `catchment-uncertainty/salts` of the scenario's seed (the run's own rule spec is reused where
 * it matches, so its ranks are not built twice).
 */
export function runCatchmentUncertainty(run: PreparedRun): CatchmentUncertaintyResult {
  const { world, scenario } = run;
  const used = run.routing.tieBreak;
  const salts = new RandomStreams(scenario.seed).stream('catchment-uncertainty/salts');
  return catchmentUncertainty({
    graph: world.graph,
    deployment: world.deployment,
    clientAses: world.clientCandidates,
    clientWeights: world.clientWeights,
    rule: used.rule,
    lowestAsn: { rule: 'lowest-asn' },
    hotPotato: used.rule === 'hot-potato' ? used : { rule: 'hot-potato', geography: world.geography, sitePoints: world.popLocations },
    random: Array.from({ length: RANDOM_TIE_BREAK_SEEDS }, (): TieBreakSpec => ({ rule: 'random', salt: salts.uint32() })),
  });
}
