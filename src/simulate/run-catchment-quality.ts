/**
 * The catchment quality of a prepared run (catchment-quality.ts): its geography, its PoPs, its
 * client ASes, the steady-state catchment with every site up, and its route history's events.
 */
import { steadyStateDeploymentCatchment } from '../routing/index.js';
import { catchmentQuality, type CatchmentQualityResult } from './catchment-quality.js';
import type { PreparedRun } from './prepare-run.js';

/** Catchment quality of `run` (the steady state, its PoPs and its busiest routing events). */
export function runCatchmentQuality(run: PreparedRun): CatchmentQualityResult {
  const { world } = run;
  return catchmentQuality({
    geography: run.geography,
    popLocations: run.popLocations,
    popNames: world.deployment.sites.map((s) => s.name),
    popCities: world.deployment.sites.map((s) => s.city),
    clients: run.population.asIndexes,
    catchment: steadyStateDeploymentCatchment(world.graph, world.deployment),
    timeline: run.timeline,
    windows: run.routing.convergence.windows.map((w) => ({
      startMs: w.startMs,
      settledMs: w.settledMs.max,
      description: w.description,
      asesChanged: w.asesChanged,
    })),
  });
}
