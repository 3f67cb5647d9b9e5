/**
 * The catchment timeline for the report: the share of client ASes on each PoP (and with no route)
 * at evenly spaced instants and just after every change, so short convergence dips show.
 */
import type { CatchmentTimeline } from '../sessions/index.js';
import type { CatchmentSharePoint } from './simulation-result.js';

/** Evenly spaced samples over the horizon. */
export const CATCHMENT_SAMPLES = 240;

/** Shares per PoP at {@link CATCHMENT_SAMPLES} instants over [0, horizonMs]. */
export function catchmentShares(
  timeline: CatchmentTimeline,
  clients: Int32Array,
  popCount: number,
  horizonMs: number,
): CatchmentSharePoint[] {
  const points: CatchmentSharePoint[] = [];
  for (let s = 0; s <= CATCHMENT_SAMPLES; s++) {
    const atMs = Math.round((horizonMs * s) / CATCHMENT_SAMPLES);
    const counts = new Array<number>(popCount + 1).fill(0);
    for (const asIndex of clients) {
      const landing = timeline.landingAt(asIndex, atMs);
      counts[landing >= 0 && landing < popCount ? landing : popCount]!++;
    }
    points.push({ atMs, shareByPop: counts.map((c) => c / clients.length) });
  }
  return points;
}
