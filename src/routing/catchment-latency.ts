/**
 * Where a client's packets go in km and ms: along its route's AS path to the PoP it reaches, and
 * the straight line to its nearest PoP (docs/geography.md, "Latency").
 *
 * The path is walked point to point: from the client AS's home point, each AS on the path is
 * entered at its point of presence nearest to where the packet is (the interconnection nearest
 * the previous network), and the last AS hands the packet to the site at the site's location.
 * The nearest PoP is the one at the smallest great-circle distance from the home point, and its
 * RTT is that distance's (what a perfect anycast would give); since the walked path is never
 * shorter than the straight line to the PoP reached, nor that than the line to the nearest PoP,
 * the extra RTT is never negative.
 */
import { greatCircleKm, nearestPoint, rttMsOfKm, type AsGeography, type LatLon } from '../geo/index.js';
import type { Catchment } from './catchment.js';

/** Most hops walked along a path (a limit: AS paths in the 2016 CAIDA graph are under 15 long). */
const MAX_PATH_HOPS = 256;

/** One client AS's latency figures. */
export interface ClientLatency {
  /** The PoP site index reached, -1 without a route. */
  readonly popIndex: number;
  /** Km along the AS path's points to the PoP reached (NaN without a route). */
  readonly pathKm: number;
  /** Propagation RTT along that path, ms (NaN without a route). */
  readonly rttMs: number;
  /** The site index at the smallest great-circle distance. */
  readonly nearestPopIndex: number;
  /** Great-circle km to the nearest PoP. */
  readonly nearestKm: number;
  /** Propagation RTT of the straight line to the nearest PoP, ms. */
  readonly nearestRttMs: number;
  /** Great-circle km to the PoP reached (NaN without a route). */
  readonly reachedKm: number;
}

/** The site nearest to `from` by great-circle km (the first on ties) and that distance. */
export function nearestPop(from: LatLon, popLocations: readonly LatLon[]): { readonly popIndex: number; readonly km: number } {
  let popIndex = -1;
  let km = Infinity;
  popLocations.forEach((location, p) => {
    const d = greatCircleKm(from, location);
    if (d < km) {
      km = d;
      popIndex = p;
    }
  });
  return { popIndex, km };
}

/**
 * Km along `asIndex`'s route in a deployment catchment (nodes asCount + s are sites), walking
 * each AS's nearest point of presence; NaN when the AS has no route.
 */
export function routePathKm(catchment: Catchment, geography: AsGeography, popLocations: readonly LatLon[], asIndex: number): number {
  const asCount = catchment.network.asCount;
  if (catchment.servingOrigin[asIndex]! < 0) return Number.NaN;
  let here = geography.pointsOf(asIndex)[0]!;
  let km = 0;
  let node = catchment.nextHop[asIndex]!;
  for (let hops = 0; hops < MAX_PATH_HOPS && node >= 0; hops++) {
    const next = node >= asCount ? popLocations[node - asCount]! : nearestPoint(here, geography.pointsOf(node));
    km += greatCircleKm(here, next);
    here = next;
    if (node >= asCount) return km;
    node = catchment.nextHop[node]!;
  }
  return Number.NaN;
}

/** `asIndex`'s latency figures in a deployment catchment. */
export function clientLatency(catchment: Catchment, geography: AsGeography, popLocations: readonly LatLon[], asIndex: number): ClientLatency {
  const home = geography.pointsOf(asIndex)[0]!;
  const nearest = nearestPop(home, popLocations);
  const popIndex = catchment.servingOrigin[asIndex]!;
  const km = routePathKm(catchment, geography, popLocations, asIndex);
  return {
    popIndex,
    pathKm: km,
    rttMs: rttMsOfKm(km),
    nearestPopIndex: nearest.popIndex,
    nearestKm: nearest.km,
    nearestRttMs: rttMsOfKm(nearest.km),
    reachedKm: popIndex < 0 ? Number.NaN : greatCircleKm(home, popLocations[popIndex]!),
  };
}
