/**
 * The catchment timeline for the report: the share of client ASes on each PoP (and with no route)
 * at evenly spaced instants and just after every change, so short convergence dips show.
 */
import type { CatchmentTimeline } from '../sessions/index.js';

/** Evenly spaced samples over the horizon. */
export const CATCHMENT_SAMPLES = 240;

/** Offsets after each event at which the timeline is sampled too, so convergence shows. */
export const EVENT_SAMPLE_OFFSETS_MS: readonly number[] = [0, 5_000, 10_000, 20_000, 30_000, 45_000, 60_000, 90_000, 120_000, 180_000];

/** The share of client ASes per PoP at one instant; the last entry is "no route". */
export function sharesAt(timeline: CatchmentTimeline, clients: Int32Array, popCount: number, atMs: number): number[] {
  const counts = new Array<number>(popCount + 1).fill(0);
  for (const asIndex of clients) {
    const landing = timeline.landingAt(asIndex, atMs);
    counts[landing >= 0 && landing < popCount ? landing : popCount]!++;
  }
  return counts.map((c) => c / clients.length);
}

/**
 * The sampling instants: {@link CATCHMENT_SAMPLES} even ones over [0, horizonMs] and
 * {@link EVENT_SAMPLE_OFFSETS_MS} after each event time in `eventTimesMs`, sorted.
 */
export function catchmentSampleTimes(horizonMs: number, eventTimesMs: readonly number[]): number[] {
  const times = new Set<number>();
  for (let s = 0; s <= CATCHMENT_SAMPLES; s++) times.add(Math.round((horizonMs * s) / CATCHMENT_SAMPLES));
  for (const t of eventTimesMs) {
    for (const offset of EVENT_SAMPLE_OFFSETS_MS) if (t + offset <= horizonMs) times.add(t + offset);
  }
  return [...times].sort((a, b) => a - b);
}

/** Client ASes whose landing ever changed during the run (anycast's lack of stickiness). */
export function movedClientAses(timeline: CatchmentTimeline, clients: Int32Array): number {
  let moved = 0;
  for (const asIndex of clients) if (timeline.endEntry(asIndex) - timeline.firstEntry(asIndex) > 1) moved++;
  return moved;
}
