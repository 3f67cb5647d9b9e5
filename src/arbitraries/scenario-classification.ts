/**
 * Labels for what a property suite generated, so that suites and the properties report can say
 * what their runs covered (the role of fast-check's `fc.statistics`, kept as data instead of
 * console output): the flap types present, whether the scenario can drop packets at all,
 * whether server sets change, and whether PoPs have capacities and the operator response plans.
 */
import type { FlapSpec, Scenario } from '../scenario/index.js';

/**
 * Flap types that never drop a packet by themselves: client flips move a client between live
 * PoPs at once, and server changes inside a PoP leave its routes alone. Every other type changes
 * routes (BGP path exploration can black-hole or loop packets while it converges, Labovitz et al.,
 * SIGCOMM 2000) or kills a site.
 */
const LOSSLESS_FLAP_TYPES: ReadonlySet<FlapSpec['type']> = new Set(['client-flips', 'server-churn']);

/** Whether no flap of `scenario` can drop a packet (see LOSSLESS_FLAP_TYPES). */
export function scenarioIsLossless(scenario: Scenario): boolean {
  return scenario.flaps.every((flap) => LOSSLESS_FLAP_TYPES.has(flap.type));
}

/** Whether any flap of `scenario` changes the servers inside a PoP. */
export function scenarioHasServerChurn(scenario: Scenario): boolean {
  return scenario.flaps.some((flap) => flap.type === 'server-churn');
}

/**
 * Labels of `scenario`: `flaps:none` or one `flap:<type>` per type present, `lossless` or
 * `may-drop`, `server-churn` when servers change, `capacity` when PoPs have capacities, and
 * `responses` when it names response plans.
 *
 * @example
 * const counts = new Map<string, number>();
 * for (const label of classifyScenario(scenario)) counts.set(label, (counts.get(label) ?? 0) + 1);
 */
export function classifyScenario(scenario: Scenario): readonly string[] {
  const types = [...new Set(scenario.flaps.map((flap) => flap.type))].sort();
  return [
    ...(types.length === 0 ? ['flaps:none'] : types.map((type) => `flap:${type}`)),
    scenarioIsLossless(scenario) ? 'lossless' : 'may-drop',
    ...(scenarioHasServerChurn(scenario) ? ['server-churn'] : []),
    ...(scenario.capacity === undefined ? [] : ['capacity']),
    ...(scenario.responses === undefined ? [] : ['responses']),
  ];
}
