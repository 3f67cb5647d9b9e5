/**
 * Where a client's packets go in km and ms: along its route's AS path to the PoP it reaches, and
 * the straight line to its nearest PoP (docs/geography.md, "Latency").
 *
 * The path is walked point to point: from the client AS's home point, each AS on the path is
 * entered at its point of presence nearest to where the packet is (the interconnection nearest
 * the previous network), and the last AS hands the packet to the site at the site's location
 * (in an origin catchment, to the origin AS's location).
 * The nearest PoP is the one at the smallest great-circle distance from the home point, and its
 * RTT is that distance's (what a perfect anycast would give); since the walked path is never
 * shorter than the straight line to the PoP reached, nor that than the line to the nearest PoP,
 * the extra RTT is never negative.
 */
import { greatCircleKm, nearestPoint, rttMsOfKm, type AsGeography, type LatLon, type SiteIndex } from '../geo/index.js';
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

/**
 * Km along `asIndex`'s route, walking each transit AS's nearest point of presence, to the
 * location of the origin it is served by (`popLocations[servingOrigin]`: a site of a deployment
 * catchment, or an origin AS of an origin catchment); NaN when the AS has no route.
 */
export function routePathKm(catchment: Catchment, geography: AsGeography, popLocations: readonly LatLon[], asIndex: number): number {
  const served = catchment.servingOrigin[asIndex]!;
  if (served < 0) return Number.NaN;
  const destination = popLocations[served]!;
  let here = geography.pointsOf(asIndex)[0]!;
  let km = 0;
  let node = asIndex;
  for (let hops = 0; hops < MAX_PATH_HOPS; hops++) {
    const next = catchment.nextHop[node]!;
    // The node originates the route (a site, or an origin AS): the last leg goes to its location.
    if (next < 0) return km + greatCircleKm(here, destination);
    if (catchment.nextHop[next]! >= 0) {
      const entry = nearestPoint(here, geography.pointsOf(next));
      km += greatCircleKm(here, entry);
      here = entry;
    }
    node = next;
  }
  return Number.NaN;
}

/**
 * `asIndex`'s latency figures in a catchment whose origins (sites, or origin ASes) are at
 * `sites.locations`, in origin-index order.
 */
export function clientLatency(catchment: Catchment, geography: AsGeography, sites: SiteIndex, asIndex: number): ClientLatency {
  const popLocations = sites.locations;
  const home = geography.pointsOf(asIndex)[0]!;
  const nearest = sites.nearest(home);
  const popIndex = catchment.servingOrigin[asIndex]!;
  const km = routePathKm(catchment, geography, popLocations, asIndex);
  return {
    popIndex,
    pathKm: km,
    rttMs: rttMsOfKm(km),
    nearestPopIndex: nearest.index,
    nearestKm: nearest.km,
    nearestRttMs: rttMsOfKm(nearest.km),
    reachedKm: popIndex < 0 ? Number.NaN : greatCircleKm(home, popLocations[popIndex]!),
  };
}
