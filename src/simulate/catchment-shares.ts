/**
 * The catchment timeline for the report: the share of client ASes on each PoP (and with no route)
 * at evenly spaced instants and just after events, so short convergence dips show.
 *
 * All instants are computed in one sweep over the client ASes' landing changes in time order,
 * keeping per-PoP counts: O(changes log changes + instants x PoPs), instead of a binary search
 * per client AS per instant (which took minutes on the whole Internet's graph).
 */
import type { CatchmentTimeline } from '../sessions/index.js';

/** Evenly spaced samples over the horizon. */
export const CATCHMENT_SAMPLES = 240;

/** Offsets after each event at which the timeline is sampled too, so convergence shows. */
export const EVENT_SAMPLE_OFFSETS_MS: readonly number[] = [0, 5_000, 10_000, 20_000, 30_000, 45_000, 60_000, 90_000, 120_000, 180_000];

/** Offsets from an event at which its zoomed catchment is sampled (1 ms before it: the state it met). */
export const ZOOM_OFFSETS_MS: readonly number[] = [
  -30_000, -1, 0, 1_000, 2_000, 5_000, 10_000, 20_000, 30_000, 45_000, 60_000, 90_000, 120_000, 180_000, 300_000,
];

/** Most event windows zoomed on: the busiest by ASes moved. */
export const ZOOMED_EVENTS_MAX = 6;

/** Most event-driven samples: a day of thousands of flaps would otherwise swamp the chart. */
export const EVENT_SAMPLES_MAX = 1_000;

/**
 * The sampling instants: {@link CATCHMENT_SAMPLES} even ones over [0, horizonMs] and
 * {@link EVENT_SAMPLE_OFFSETS_MS} after each event time in `eventTimesMs` (the first events, up to
 * {@link EVENT_SAMPLES_MAX} samples), sorted.
 */
export function catchmentSampleTimes(horizonMs: number, eventTimesMs: readonly number[]): number[] {
  const times = new Set<number>();
  for (let s = 0; s <= CATCHMENT_SAMPLES; s++) times.add(Math.round((horizonMs * s) / CATCHMENT_SAMPLES));
  let eventSamples = 0;
  for (const t of eventTimesMs) {
    for (const offset of EVENT_SAMPLE_OFFSETS_MS) {
      if (t + offset > horizonMs || eventSamples >= EVENT_SAMPLES_MAX) continue;
      times.add(t + offset);
      eventSamples++;
    }
  }
  return [...times].sort((a, b) => a - b);
}

/**
 * The share of client ASes per PoP (the last entry: no route) at each of `instantsMs`, which
 * must be sorted ascending. Returns one array per instant.
 */
export function sharesAtInstants(
  timeline: CatchmentTimeline,
  clients: Int32Array,
  popCount: number,
  instantsMs: readonly number[],
): number[][] {
  const row = (landing: number): number => (landing >= 0 && landing < popCount ? landing : popCount);
  const counts = new Float64Array(popCount + 1);
  let changes = 0;
  for (const asIndex of clients) {
    counts[row(timeline.landings[timeline.firstEntry(asIndex)]!)]!++;
    changes += timeline.endEntry(asIndex) - timeline.firstEntry(asIndex) - 1;
  }
  // Every change of a client AS: when, from which row, to which row; then ordered by time.
  const at = new Float64Array(changes);
  const from = new Int32Array(changes);
  const to = new Int32Array(changes);
  let c = 0;
  for (const asIndex of clients) {
    for (let e = timeline.firstEntry(asIndex) + 1; e < timeline.endEntry(asIndex); e++) {
      at[c] = timeline.timesMs[e]!;
      from[c] = row(timeline.landings[e - 1]!);
      to[c] = row(timeline.landings[e]!);
      c++;
    }
  }
  const order = Uint32Array.from({ length: changes }, (_, i) => i).sort((x, y) => at[x]! - at[y]! || x - y);
  const out: number[][] = [];
  let next = 0;
  for (const instant of instantsMs) {
    while (next < changes && at[order[next]!]! <= instant) {
      const k = order[next++]!;
      counts[from[k]!]!--;
      counts[to[k]!]!++;
    }
    out.push(Array.from(counts, (n) => n / clients.length));
  }
  return out;
}

/** Client ASes whose landing ever changed during the run (anycast's lack of stickiness). */
export function movedClientAses(timeline: CatchmentTimeline, clients: Int32Array): number {
  let moved = 0;
  for (const asIndex of clients) if (timeline.endEntry(asIndex) - timeline.firstEntry(asIndex) > 1) moved++;
  return moved;
}
