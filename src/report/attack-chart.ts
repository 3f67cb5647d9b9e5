/**
 * The chart of one attack (attack-section.ts): offered load per PoP over time (solid) and what
 * each PoP dropped (dashed), bits per second, for the PoPs the run's load reached. Data-only
 * vega-lite spec, so the same result draws the same bytes.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { AttackView, SimulationResult } from '../simulate/index.js';

/** The file name of attack `attack`'s chart under response plan `plan` (none: the run's own, the first plan's). */
export function attackChartFile(attack: number, plan?: string): string {
  return plan === undefined ? `attack-${attack}.svg` : `attack-${attack}-${plan}.svg`;
}

/**
 * The spec of one attack's chart; `colours` gives one colour per PoP label (the report's palette);
 * `plan` names the response plan in the title.
 */
export function attackLoadSpec(result: SimulationResult, attack: AttackView, colours: (labels: readonly string[]) => string[], plan?: string): TopLevelSpec {
  const pops = result.pops.map((p) => p.name).filter((_, p) => attack.offeredBitsPerS[p]!.some((v) => v > 0));
  const index = new Map(result.pops.map((p, i) => [p.name, i]));
  const values = pops.flatMap((pop) => {
    const p = index.get(pop)!;
    return attack.offeredBitsPerS[p]!.flatMap((offered, bin) => {
      const minute = (bin * attack.binMs) / 60_000;
      return [
        { pop, minute, kind: 'offered', gbps: offered / 1e9 },
        { pop, minute, kind: 'dropped', gbps: attack.droppedBitsPerS[p]![bin]! / 1e9 },
      ];
    });
  });
  return {
    title: `Offered and dropped load per PoP, flaps[${attack.flapIndex}]${plan === undefined ? '' : `, plan ${plan}`}`,
    width: 640,
    height: 260,
    data: { values },
    mark: { type: 'line', interpolate: 'step-after' },
    encoding: {
      x: { field: 'minute', type: 'quantitative', title: 'time (min)', scale: { domain: [0, result.durationMs / 60_000], nice: false, zero: true, padding: 0 } },
      y: { field: 'gbps', type: 'quantitative', title: 'Gbps' },
      color: { field: 'pop', type: 'nominal', sort: pops, title: 'PoP', scale: { domain: pops, range: colours(pops) } },
      strokeDash: { field: 'kind', type: 'nominal', title: 'load', sort: ['offered', 'dropped'], scale: { domain: ['offered', 'dropped'], range: [[1, 0], [4, 3]] } },
    },
  };
}
