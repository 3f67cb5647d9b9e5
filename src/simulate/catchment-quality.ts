/**
 * Catchment quality (issue 15, item 4; docs/geography.md): how far anycast's catchment is from
 * "every user on its nearest PoP", weighted by users.
 *
 * - **Steady state** (the route every client AS holds with all sites up): the share of users not
 *   on their nearest PoP (by great-circle km from the AS's home point), the extra RTT (propagation
 *   RTT along the route's AS-path points to the PoP reached, minus that of the straight line to
 *   the nearest PoP), the extra km (great-circle km to the PoP reached minus to the nearest one,
 *   the measure of Li et al., SIGCOMM 2018) and the share of users sent more than 5,000 km
 *   farther than necessary; user-weighted p50/p90/p99.
 * - **Per PoP**: each site's share of users, its users' median RTT to it and to their nearest PoP.
 * - **Per routing event** (the busiest {@link QUALITY_EVENTS_MAX} by client ASes moved): the same
 *   landing-based figures just before the event and once it settled. The route history keeps
 *   where packets land, not the AS paths, so event rows measure the straight line to the PoP
 *   reached (extra km, and the RTT of that line); users without a route are counted apart.
 *
 * The nearest PoP is the nearest of all sites of the deployment, up or not; a PoP within
 * {@link NEAREST_TOLERANCE_KM} of it counts as nearest.
 */
import { greatCircleKm, rttMsOfKm, SiteIndex, type AsGeography, type LatLon } from '../geo/index.js';
import { routePathKm, type Catchment } from '../routing/index.js';
import type { CatchmentTimeline } from '../sessions/index.js';

/** Most routing events given a row (the busiest by client ASes moved; the rest are alike and many). */
export const QUALITY_EVENTS_MAX = 30;

/**
 * A PoP reached within this many km of the nearest one counts as the nearest: sites in one metro
 * (a city named twice) are equally good, whichever of them BGP picked.
 */
export const NEAREST_TOLERANCE_KM = 1;

/** Extra distance Li et al. (SIGCOMM 2018) single out: "many by over 5,000 km". */
export const FAR_EXTRA_KM = 5_000;

/** User-weighted p50, p90 and p99 (nearest rank on the cumulative weight). */
export interface WeightedPercentiles {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
}

/** Quality of one catchment, weighted by users. */
export interface CatchmentQualityFigures {
  /** Share of users on a PoP other than their nearest (of users with a route). */
  readonly notNearestShare: number;
  /** Share of users with no route (black hole or loop). */
  readonly noRouteShare: number;
  /** Share of users whose PoP is more than {@link FAR_EXTRA_KM} farther than their nearest. */
  readonly farShare: number;
  readonly extraRttMs: WeightedPercentiles;
  readonly extraKm: WeightedPercentiles;
  /** RTT to the PoP reached. */
  readonly rttMs: WeightedPercentiles;
}

/** One PoP's row of the catchment table. */
export interface PopQualityRow {
  readonly pop: string;
  /** "Name, CC" when the site has a city. */
  readonly city?: string;
  /** Share of all users whose route reaches this PoP in the steady state. */
  readonly usersShare: number;
  /** Median RTT of those users to this PoP (along their route), ms; null without users. */
  readonly rttMsP50: number | null;
  /** Median RTT of the same users to their nearest PoP (straight line), ms; null without users. */
  readonly nearestRttMsP50: number | null;
  /** Share of this PoP's users for whom it is not the nearest. */
  readonly notNearestShare: number;
}

/** One routing event: the catchment's quality just before and once it settled. */
export interface EventQualityRow {
  readonly atMs: number;
  readonly description: string;
  readonly before: CatchmentQualityFigures;
  readonly after: CatchmentQualityFigures;
}

/** The whole item-4 result (JSON field `catchmentQuality`). */
export interface CatchmentQualityResult {
  /** Users the figures weigh (sum over the run's client ASes). */
  readonly users: number;
  /** Client ASes per location source (`seeded-fallback` ones are an assumption). */
  readonly locationSources: Readonly<Record<'csv' | 'city-draw' | 'seeded-fallback', number>>;
  readonly steadyState: CatchmentQualityFigures;
  readonly pops: readonly PopQualityRow[];
  /** Route-history rows measure the straight line to the PoP reached (see the file header). */
  readonly events: readonly EventQualityRow[];
}

/** What catchment quality reads. */
export interface CatchmentQualityInput {
  readonly geography: AsGeography;
  readonly popLocations: readonly LatLon[];
  readonly popNames: readonly string[];
  readonly popCities: readonly (string | undefined)[];
  /** The run's client ASes (indexes). */
  readonly clients: Int32Array;
  /** The steady-state deployment catchment with every site up (paths for RTTs). */
  readonly catchment: Catchment;
  readonly timeline: CatchmentTimeline;
  /** Routing events as (start, settled, description, client ASes moved). */
  readonly windows: readonly { readonly startMs: number; readonly settledMs: number; readonly description: string; readonly asesChanged: number }[];
}

/** Below this many entries a plain sort is as quick as the binned selection. */
const PERCENTILE_SORT_MAX = 4_096;
/** Bins of the selection's first pass. */
const PERCENTILE_BINS = 1_024;

/**
 * User-weighted percentiles of `values` (entries with weight 0 or NaN values are skipped): the
 * smallest value whose cumulative weight, in value order, reaches q of the total. The order among
 * equal values does not change the answer. Large inputs (the catchment of a CAIDA graph, tens of
 * thousands of ASes, for every event row) are not sorted whole: a first pass sums the weight in
 * equal-width bins of value, and only the bin where each percentile falls is sorted.
 */
export function weightedPercentiles(values: Float64Array, weights: Float64Array): WeightedPercentiles {
  const kept = new Int32Array(values.length);
  let n = 0;
  let total = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v) || !(weights[i]! > 0)) continue;
    kept[n++] = i;
    total += weights[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (n === 0) return { p50: 0, p90: 0, p99: 0 };
  const width = (max - min) / PERCENTILE_BINS;
  if (n <= PERCENTILE_SORT_MAX || !(width > 0) || !Number.isFinite(width)) {
    const order = Array.from(kept.subarray(0, n)).sort((a, b) => values[a]! - values[b]!);
    return { p50: crossing(order, values, weights, 0.5 * total, 0), p90: crossing(order, values, weights, 0.9 * total, 0), p99: crossing(order, values, weights, 0.99 * total, 0) };
  }
  const binOf = (v: number): number => Math.min(PERCENTILE_BINS - 1, Math.floor((v - min) / width));
  const binWeight = new Float64Array(PERCENTILE_BINS);
  for (let j = 0; j < n; j++) binWeight[binOf(values[kept[j]!]!)]! += weights[kept[j]!]!;
  const at = (q: number): number => {
    const target = q * total;
    let below = 0;
    let bin = 0;
    while (bin < PERCENTILE_BINS - 1 && below + binWeight[bin]! < target) below += binWeight[bin++]!;
    const order: number[] = [];
    for (let j = 0; j < n; j++) if (binOf(values[kept[j]!]!) === bin) order.push(kept[j]!);
    order.sort((a, b) => values[a]! - values[b]!);
    return crossing(order, values, weights, target, below);
  };
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99) };
}

/** The first value of `order` at which `below` plus the cumulative weight reaches `target` (else the last). */
function crossing(order: readonly number[], values: Float64Array, weights: Float64Array, target: number, below: number): number {
  let sum = below;
  for (const i of order) {
    sum += weights[i]!;
    if (sum >= target) return values[i]!;
  }
  return values[order[order.length - 1]!]!;
}

/** Computes the catchment quality of a run (see the file header). */
export function catchmentQuality(input: CatchmentQualityInput): CatchmentQualityResult {
  const { geography, popLocations, clients, catchment } = input;
  const n = clients.length;
  const users = new Float64Array(n);
  const nearestKm = new Float64Array(n);
  const locationSources = { csv: 0, 'city-draw': 0, 'seeded-fallback': 0 };
  let totalUsers = 0;
  const sites = new SiteIndex(popLocations);
  for (let c = 0; c < n; c++) {
    const asIndex = clients[c]!;
    users[c] = geography.usersOf(asIndex);
    totalUsers += users[c]!;
    locationSources[geography.sourceOf(asIndex)]++;
    nearestKm[c] = sites.nearest(geography.pointsOf(asIndex)[0]!).km;
  }
  // Steady state: landing and path km from the catchment.
  const landing = new Int32Array(n);
  const rttMs = new Float64Array(n);
  const reachedKm = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    const asIndex = clients[c]!;
    const pop = catchment.servingOrigin[asIndex]!;
    landing[c] = pop;
    rttMs[c] = rttMsOfKm(routePathKm(catchment, geography, popLocations, asIndex));
    reachedKm[c] = pop < 0 ? Number.NaN : greatCircleKm(geography.pointsOf(asIndex)[0]!, popLocations[pop]!);
  }
  const steady: Landings = { landing, reachedKm, rttMs };
  const steadyState = figures(users, nearestKm, steady);
  // Clients grouped by the PoP they reach (a counting sort), so each PoP's row reads its own.
  const popCount = input.popNames.length;
  const groupStart = new Int32Array(popCount + 1);
  for (let c = 0; c < n; c++) if (landing[c]! >= 0) groupStart[landing[c]! + 1]!++;
  for (let p = 0; p < popCount; p++) groupStart[p + 1]! += groupStart[p]!;
  const grouped = new Int32Array(groupStart[popCount]!);
  const fill = groupStart.slice(0, popCount);
  for (let c = 0; c < n; c++) if (landing[c]! >= 0) grouped[fill[landing[c]!]!++] = c;
  const pops = input.popNames.map((pop, p): PopQualityRow => {
    const members = grouped.subarray(groupStart[p]!, groupStart[p + 1]!);
    const memberUsers = Float64Array.from(members, (c) => users[c]!);
    let popUsers = 0;
    let notNearest = 0;
    for (const c of members) {
      popUsers += users[c]!;
      if (reachedKm[c]! - nearestKm[c]! > NEAREST_TOLERANCE_KM) notNearest += users[c]!;
    }
    const city = input.popCities[p];
    return {
      pop,
      ...(city === undefined ? {} : { city }),
      usersShare: roundTo(totalUsers > 0 ? popUsers / totalUsers : 0, 1e6),
      rttMsP50: popUsers > 0 ? roundTo(weightedPercentiles(Float64Array.from(members, (c) => rttMs[c]!), memberUsers).p50, 100) : null,
      nearestRttMsP50: popUsers > 0 ? roundTo(rttMsOfKm(weightedPercentiles(Float64Array.from(members, (c) => nearestKm[c]!), memberUsers).p50), 100) : null,
      notNearestShare: roundTo(popUsers > 0 ? notNearest / popUsers : 0, 1e6),
    };
  });
  const events = busiest(input.windows).map((w): EventQualityRow => ({
    atMs: w.startMs,
    description: w.description,
    before: figures(users, nearestKm, landingsAt(input, steady, Math.max(0, w.startMs - 1))),
    after: figures(users, nearestKm, landingsAt(input, steady, w.startMs + w.settledMs)),
  }));
  return { users: Math.round(totalUsers), locationSources, steadyState, pops, events };
}

/** The busiest windows by client ASes moved (those that moved any), in time order. */
function busiest<W extends { readonly asesChanged: number }>(windows: readonly W[]): W[] {
  return windows
    .map((w, i) => ({ w, i }))
    .filter(({ w }) => w.asesChanged > 0)
    .sort((a, b) => b.w.asesChanged - a.w.asesChanged || a.i - b.i)
    .slice(0, QUALITY_EVENTS_MAX)
    .sort((a, b) => a.i - b.i)
    .map(({ w }) => w);
}

/** Per client: the PoP reached (-1: no route), great-circle km to it, and the RTT to it. */
interface Landings {
  readonly landing: Int32Array;
  readonly reachedKm: Float64Array;
  readonly rttMs: Float64Array;
}

/**
 * The landings at `tMs` in the route history, with straight-line RTTs to the PoP reached. A
 * client on its steady-state PoP reuses that distance: an event moves few clients.
 */
function landingsAt(input: CatchmentQualityInput, steady: Landings, tMs: number): Landings {
  const n = input.clients.length;
  const landing = new Int32Array(n);
  const reachedKm = new Float64Array(n);
  const rttMs = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    const asIndex = input.clients[c]!;
    const at = input.timeline.landingAt(asIndex, tMs);
    const pop = at >= 0 && at < input.popLocations.length ? at : -1;
    landing[c] = pop;
    reachedKm[c] = pop < 0 ? Number.NaN : pop === steady.landing[c] ? steady.reachedKm[c]! : greatCircleKm(input.geography.pointsOf(asIndex)[0]!, input.popLocations[pop]!);
    rttMs[c] = rttMsOfKm(reachedKm[c]!);
  }
  return { landing, reachedKm, rttMs };
}

/** Figures of one landing per client with the RTT to the PoP reached. */
function figures(users: Float64Array, nearestKm: Float64Array, landings: Landings): CatchmentQualityFigures {
  const { landing, reachedKm, rttMs } = landings;
  const n = landing.length;
  const extraRtt = new Float64Array(n);
  const extraKm = new Float64Array(n);
  let routed = 0;
  let unrouted = 0;
  let notNearest = 0;
  let far = 0;
  for (let c = 0; c < n; c++) {
    if (landing[c]! < 0) {
      unrouted += users[c]!;
      extraRtt[c] = Number.NaN;
      extraKm[c] = Number.NaN;
      continue;
    }
    routed += users[c]!;
    extraKm[c] = reachedKm[c]! - nearestKm[c]!;
    extraRtt[c] = rttMs[c]! - rttMsOfKm(nearestKm[c]!);
    if (extraKm[c]! > NEAREST_TOLERANCE_KM) notNearest += users[c]!;
    if (extraKm[c]! > FAR_EXTRA_KM) far += users[c]!;
  }
  const total = routed + unrouted;
  return {
    notNearestShare: roundTo(routed > 0 ? notNearest / routed : 0, 1e6),
    noRouteShare: roundTo(total > 0 ? unrouted / total : 0, 1e6),
    farShare: roundTo(routed > 0 ? far / routed : 0, 1e6),
    extraRttMs: roundPercentiles(weightedPercentiles(extraRtt, users), 100),
    extraKm: roundPercentiles(weightedPercentiles(extraKm, users), 10),
    rttMs: roundPercentiles(weightedPercentiles(rttMs, users), 100),
  };
}

/** `x` rounded to 1/`per` (JSON figures: shares to 1e-6, ms to 0.01, km to 0.1). */
function roundTo(x: number, per: number): number {
  return Math.round(x * per) / per;
}

function roundPercentiles(p: WeightedPercentiles, per: number): WeightedPercentiles {
  return { p50: roundTo(p.p50, per), p90: roundTo(p.p90, per), p99: roundTo(p.p99, per) };
}
