/**
 * The catchment timeline for the report: the share of client ASes on each PoP (and with no route)
 * at evenly spaced instants and just after events, so short convergence dips show.
 *
 * All instants are computed in one sweep over the client ASes' landing changes grouped by
 * instant, keeping per-PoP counts: O(changes log instants + instants x PoPs), instead of a binary
 * search per client AS per instant (which took minutes on the whole Internet's graph).
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
 * must be sorted ascending. Returns one array per instant. With `weightOf` each client AS counts
 * with its weight (its users: the share of users per PoP) instead of one.
 */
export function sharesAtInstants(
  timeline: CatchmentTimeline,
  clients: Int32Array,
  popCount: number,
  instantsMs: readonly number[],
  weightOf?: (asIndex: number) => number,
): number[][] {
  const row = (landing: number): number => (landing >= 0 && landing < popCount ? landing : popCount);
  const counts = new Float64Array(popCount + 1);
  let changes = 0;
  let total = 0;
  for (const asIndex of clients) {
    const w = weightOf === undefined ? 1 : weightOf(asIndex);
    total += w;
    counts[row(timeline.landings[timeline.firstEntry(asIndex)]!)]! += w;
    changes += timeline.endEntry(asIndex) - timeline.firstEntry(asIndex) - 1;
  }
  // Every change of a client AS, filed under the first instant it counts at (the first instant at
  // or after it; changes after the last instant are dropped). Counts at an instant are sums of
  // changes, so their order within an instant does not matter: a counting sort by instant does,
  // where a comparison sort by time took over a second on the whole Internet's millions of flips.
  const bucketOf = new Int32Array(changes);
  const from = new Int32Array(changes);
  const to = new Int32Array(changes);
  const weight = weightOf === undefined ? undefined : new Float64Array(changes);
  const bucketStart = new Int32Array(instantsMs.length + 1);
  let c = 0;
  for (const asIndex of clients) {
    const w = weightOf === undefined ? 1 : weightOf(asIndex);
    for (let e = timeline.firstEntry(asIndex) + 1; e < timeline.endEntry(asIndex); e++) {
      const bucket = firstInstantAtOrAfter(instantsMs, timeline.timesMs[e]!);
      bucketOf[c] = bucket;
      if (weight !== undefined) weight[c] = w;
      from[c] = row(timeline.landings[e - 1]!);
      to[c] = row(timeline.landings[e]!);
      if (bucket < instantsMs.length) bucketStart[bucket + 1]!++;
      c++;
    }
  }
  for (let i = 1; i <= instantsMs.length; i++) bucketStart[i]! += bucketStart[i - 1]!;
  const filled = bucketStart.slice(0, instantsMs.length);
  const order = new Int32Array(bucketStart[instantsMs.length]!);
  for (let k = 0; k < changes; k++) {
    const bucket = bucketOf[k]!;
    if (bucket < instantsMs.length) order[filled[bucket]!++] = k;
  }
  const out: number[][] = [];
  for (let i = 0; i < instantsMs.length; i++) {
    for (let n = bucketStart[i]!; n < bucketStart[i + 1]!; n++) {
      const k = order[n]!;
      const w = weight === undefined ? 1 : weight[k]!;
      counts[from[k]!]! -= w;
      counts[to[k]!]! += w;
    }
    // A plain loop: Array.from with a map function goes through an iterator, an allocation per entry.
    const shares = new Array<number>(counts.length);
    for (let r = 0; r < counts.length; r++) shares[r] = total > 0 ? counts[r]! / total : 0;
    out.push(shares);
  }
  return out;
}

/** The first index i with instantsMs[i] >= tMs (instantsMs.length when there is none). */
function firstInstantAtOrAfter(instantsMs: readonly number[], tMs: number): number {
  let lo = 0;
  let hi = instantsMs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (instantsMs[mid]! < tMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Client ASes whose landing ever changed during the run (anycast's lack of stickiness). */
export function movedClientAses(timeline: CatchmentTimeline, clients: Int32Array): number {
  let moved = 0;
  for (const asIndex of clients) if (timeline.endEntry(asIndex) - timeline.firstEntry(asIndex) > 1) moved++;
  return moved;
}

/**
 * The share of the client ASes' users whose AS's landing ever changed during the run: the
 * users-weighted {@link movedClientAses} (issue 15, item 6). 0 when the clients have no users.
 */
export function movedClientUsersShare(timeline: CatchmentTimeline, clients: Int32Array, usersOf: (asIndex: number) => number): number {
  let moved = 0;
  let total = 0;
  for (const asIndex of clients) {
    const users = usersOf(asIndex);
    total += users;
    if (timeline.endEntry(asIndex) - timeline.firstEntry(asIndex) > 1) moved += users;
  }
  return total > 0 ? moved / total : 0;
}
