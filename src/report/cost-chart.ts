/**
 * The chart "breaks vs added latency vs backhaul": one panel per protocol, one point per
 * architecture at (added RTT per packet, broken fraction), its area the backhaul between PoPs,
 * with the 95 % t-intervals of both axes as bars. Without geography (no RTT), the x axis is the
 * backhaul itself. A side of an interval that one replication leaves unbounded is not drawn.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ReplicationInterval } from '../metrics/index.js';
import type { SimulationResult } from '../simulate/index.js';
import { costOf } from './cost-section.js';

/** One architecture's point in one protocol's panel. */
export interface CostPoint {
  readonly protocol: string;
  readonly architecture: string;
  readonly broken: number;
  readonly brokenLow: number;
  readonly brokenHigh: number;
  /** Added RTT per packet (ms), or the backhaul (bytes/s) when the run has no RTT model. */
  readonly x: number;
  readonly xLow: number;
  readonly xHigh: number;
  readonly backhaulBytesPerS: number;
}

/** An interval's sides, an unbounded one drawn at the estimate. */
function sides(ci: ReplicationInterval): [number, number] {
  return [Number.isFinite(ci.low) ? ci.low : ci.estimate, Number.isFinite(ci.high) ? ci.high : ci.estimate];
}

/** The chart's points; `rttKnown` says what x is. */
export function costPoints(result: SimulationResult): { readonly rttKnown: boolean; readonly points: CostPoint[] } {
  const rttKnown = result.architectureCosts.length > 0 && result.architectureCosts.every((c) => c.addedRttPerPacketMs !== null);
  const points = result.results.flatMap((r) => {
    const cost = costOf(result, r.protocol, r.architecture);
    if (cost === undefined) return [];
    const xCi = rttKnown && cost.addedRttPerPacketMs !== null ? cost.addedRttPerPacketMs : cost.backhaulBytesPerS;
    const [brokenLow, brokenHigh] = sides(r.brokenFraction);
    const [xLow, xHigh] = sides(xCi);
    return [{
      protocol: r.protocol,
      architecture: r.architecture,
      broken: r.brokenFraction.estimate,
      brokenLow,
      brokenHigh,
      x: xCi.estimate,
      xLow,
      xHigh,
      backhaulBytesPerS: cost.backhaulBytesPerS.estimate,
    }];
  });
  return { rttKnown, points };
}

/** The vega-lite spec of the cost chart; `colours[i]` is architecture i's (the report's palette). */
export function costChartSpec(result: SimulationResult, colours: readonly string[]): TopLevelSpec {
  const { rttKnown, points } = costPoints(result);
  const architectures = [...result.architectures];
  const colour = { field: 'architecture', type: 'nominal' as const, sort: architectures, scale: { domain: architectures, range: [...colours] } };
  const xTitle = rttKnown ? 'added RTT per packet (ms)' : 'backhaul between PoPs (bytes/s; no geography, so no RTT)';
  const xScale = rttKnown ? { zero: true } : { type: 'symlog' as const };
  return {
    title: rttKnown ? 'Breaks vs added latency vs backhaul (area: backhaul)' : 'Breaks vs backhaul',
    data: { values: points as unknown as Record<string, unknown>[] },
    facet: { field: 'protocol', type: 'nominal', title: null, sort: [...result.protocols] },
    columns: 2,
    resolve: { scale: { x: 'independent', y: 'independent' } },
    spec: {
      width: 300,
      height: 200,
      layer: [
        {
          mark: { type: 'rule' },
          encoding: {
            x: { field: 'x', type: 'quantitative', title: xTitle, scale: xScale },
            y: { field: 'brokenLow', type: 'quantitative' },
            y2: { field: 'brokenHigh' },
            color: colour,
          },
        },
        {
          mark: { type: 'rule' },
          encoding: {
            x: { field: 'xLow', type: 'quantitative' },
            x2: { field: 'xHigh' },
            y: { field: 'broken', type: 'quantitative' },
            color: colour,
          },
        },
        {
          mark: { type: 'point', filled: true, opacity: 0.8 },
          encoding: {
            x: { field: 'x', type: 'quantitative' },
            y: { field: 'broken', type: 'quantitative', title: 'broken fraction', axis: { format: '.2%' } },
            size: rttKnown
              ? { field: 'backhaulBytesPerS', type: 'quantitative', title: 'backhaul (bytes/s)', scale: { type: 'sqrt', range: [30, 600] } }
              : { value: 80 },
            color: colour,
            shape: { field: 'architecture', type: 'nominal', sort: architectures },
          },
        },
      ],
    },
  };
}
