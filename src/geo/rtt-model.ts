/**
 * The RTT model: propagation along a path's points, in fibre, with an inflation factor for fibre
 * routes that do not follow the great circle.
 *
 * - Light in fibre travels at about 2/3 c (refractive index about 1.5), about 200 km per ms one
 *   way (REFERENCES.md, Latency).
 * - Conduits are longer than the line of sight: Bozkurt et al., "Dissecting Latency in the
 *   Internet's Fiber Infrastructure" (arXiv 1811.10737, 2018) find the shortest conduit paths
 *   between the 120 largest US population centres 1.3x the line-of-sight distance in the median,
 *   against 2.1x for measured end-to-end latency. anysim walks the AS path's points itself (the
 *   interdomain detour is in the km), so it applies the conduit factor 1.3, not 2.1.
 * - Queuing, serialisation and server time are left out: the model gives propagation RTT, the
 *   part that geography and routing decide (docs/geography.md).
 */
import { greatCircleKm, type LatLon } from './lat-lon.js';

/** Speed of light in vacuum, km per ms (exact SI definition). */
export const LIGHT_KM_PER_MS = 299.792458;
/** Propagation speed in fibre: about 2/3 c (REFERENCES.md, Latency), km per ms one way. */
export const FIBRE_KM_PER_MS = (2 / 3) * LIGHT_KM_PER_MS;
/** Fibre route length over great-circle length: 1.3, Bozkurt et al. 2018 (median, US conduits). */
export const FIBRE_ROUTE_INFLATION = 1.3;

/** The round-trip propagation time of `km` of great-circle distance, in ms. */
export function rttMsOfKm(km: number): number {
  return (2 * km * FIBRE_ROUTE_INFLATION) / FIBRE_KM_PER_MS;
}

/** The great-circle km along `points` in order (0 for fewer than two points). */
export function pathKm(points: readonly LatLon[]): number {
  let km = 0;
  for (let i = 1; i < points.length; i++) km += greatCircleKm(points[i - 1]!, points[i]!);
  return km;
}

/** The round-trip propagation time along `points` in order, in ms. */
export function rttMsAlong(points: readonly LatLon[]): number {
  return rttMsOfKm(pathKm(points));
}
