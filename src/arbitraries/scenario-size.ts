/**
 * How big a scenario is, for "the smallest scenario found that breaks X": the measures a reader
 * of a counterexample cares about, compared in this order — ASes, PoPs, flaps, run length — the
 * same direction in which the scenario arbitrary shrinks.
 */
import type { Scenario } from '../scenario/index.js';

/** A scenario's size. */
export interface ScenarioSize {
  /** Synthetic ASes; 0 for a CAIDA file (its size is unknown until it is loaded). */
  readonly ases: number;
  readonly pops: number;
  readonly flaps: number;
  readonly durationMs: number;
}

/** The size of `scenario`. */
export function scenarioSize(scenario: Scenario): ScenarioSize {
  return {
    ases: scenario.topology.kind === 'synthetic' ? scenario.topology.ases : 0,
    pops: scenario.pops.kind === 'count' ? scenario.pops.count : scenario.pops.sites.length,
    flaps: scenario.flaps.length,
    durationMs: scenario.durationMs,
  };
}

/**
 * Orders sizes lexicographically (ASes, then PoPs, flaps, run length): negative when `a` is
 * smaller.
 *
 * @example
 * [...scenarios].sort((x, y) => compareScenarioSize(scenarioSize(x), scenarioSize(y)))[0] // the smallest
 */
export function compareScenarioSize(a: ScenarioSize, b: ScenarioSize): number {
  return a.ases - b.ases || a.pops - b.pops || a.flaps - b.flaps || a.durationMs - b.durationMs;
}
