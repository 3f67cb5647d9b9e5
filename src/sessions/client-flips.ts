/**
 * Per-client anycast flips for calibration: each unstable client AS flips at Poisson times; a flip
 * moves it to a PoP chosen uniformly among the others, until its next flip or its next route
 * change. Wei & Heidemann (TMA 2017) found about 1 % of vantage points "anycast unstable"; Zhang
 * et al. (2025) 0.8-3.2 %. With rate λ a continuously sending session of duration d meets a flip
 * with probability 1 - e^(-λd), the closed form the property suites check against.
 */
import type { RandomStream } from '../sim/index.js';
import { CatchmentTimeline } from './catchment-timeline.js';

/** The flip process. */
export interface ClientFlips {
  readonly ratePerS: number;
  /** Share of client ASes that flip at all, in [0, 1]. */
  readonly unstableFraction: number;
}

/** Most flips per AS: a rate that would exceed it over the horizon is refused. */
export const FLIPS_PER_AS_MAX = 1_000_000;

/**
 * Returns `timeline` with flips laid over the client ASes `clients` (in this order, so the draws
 * are the same for the same client list). ASes not in `clients` keep their route history.
 */
export function overlayClientFlips(
  timeline: CatchmentTimeline,
  clients: Int32Array,
  flips: ClientFlips,
  popCount: number,
  horizonMs: number,
  random: RandomStream,
): CatchmentTimeline {
  if (popCount < 2 || flips.ratePerS <= 0) return timeline;
  const expectedPerAs = (flips.ratePerS * horizonMs) / 1000;
  if (expectedPerAs > FLIPS_PER_AS_MAX) {
    throw new RangeError(`client-flips: ${expectedPerAs.toFixed(0)} flips per client over the run exceeds ${FLIPS_PER_AS_MAX}`);
  }
  const extra = new Map<number, { times: number[]; landings: number[]; incidents: number[] }>();
  const ratePerMs = flips.ratePerS / 1000;
  for (const asIndex of clients) {
    if (random.next() >= flips.unstableFraction) continue;
    const flipTimes: number[] = [];
    for (let t = random.exponential(ratePerMs); t < horizonMs; t += random.exponential(ratePerMs)) flipTimes.push(t);
    if (flipTimes.length === 0) continue;
    extra.set(asIndex, merge(timeline, asIndex, flipTimes, popCount, random));
  }
  if (extra.size === 0) return timeline;
  const asCount = timeline.asCount;
  const offsets = new Uint32Array(asCount + 1);
  for (let a = 0; a < asCount; a++) {
    const own = extra.get(a);
    offsets[a + 1] = offsets[a]! + (own === undefined ? timeline.endEntry(a) - timeline.firstEntry(a) : own.times.length);
  }
  const times = new Float64Array(offsets[asCount]!);
  const landings = new Int32Array(offsets[asCount]!);
  const incidents = new Int32Array(offsets[asCount]!);
  for (let a = 0; a < asCount; a++) {
    const own = extra.get(a);
    if (own === undefined) {
      times.set(timeline.timesMs.subarray(timeline.firstEntry(a), timeline.endEntry(a)), offsets[a]!);
      landings.set(timeline.landings.subarray(timeline.firstEntry(a), timeline.endEntry(a)), offsets[a]!);
      incidents.set(timeline.incidents.subarray(timeline.firstEntry(a), timeline.endEntry(a)), offsets[a]!);
    } else {
      times.set(own.times, offsets[a]!);
      landings.set(own.landings, offsets[a]!);
      incidents.set(own.incidents, offsets[a]!);
    }
  }
  return new CatchmentTimeline(offsets, times, landings, incidents);
}

/** Merges one AS's route history with its flip times. */
function merge(
  timeline: CatchmentTimeline,
  asIndex: number,
  flipTimes: readonly number[],
  popCount: number,
  random: RandomStream,
): { times: number[]; landings: number[]; incidents: number[] } {
  const times: number[] = [];
  const landings: number[] = [];
  const incidents: number[] = [];
  let routed = timeline.landings[timeline.firstEntry(asIndex)]!;
  let current = routed;
  let e = timeline.firstEntry(asIndex) + 1;
  const end = timeline.endEntry(asIndex);
  times.push(0);
  landings.push(current);
  incidents.push(timeline.incidents[timeline.firstEntry(asIndex)]!);
  let incident = -1;
  let f = 0;
  while (e < end || f < flipTimes.length) {
    const routeMs = e < end ? timeline.timesMs[e]! : Number.POSITIVE_INFINITY;
    const flipMs = f < flipTimes.length ? flipTimes[f]! : Number.POSITIVE_INFINITY;
    let next: number;
    let at: number;
    if (routeMs <= flipMs) {
      incident = timeline.incidents[e]!;
      routed = timeline.landings[e++]!;
      next = routed;
      at = routeMs;
    } else {
      f++;
      at = flipMs;
      // Only a client that reaches a PoP can be moved to another one.
      if (current < 0) continue;
      const pick = random.int(0, popCount - 1);
      next = pick >= current ? pick + 1 : pick;
      incident = -1;
    }
    if (next === current) continue;
    current = next;
    times.push(at);
    landings.push(next);
    incidents.push(incident);
  }
  return { times, landings, incidents };
}
