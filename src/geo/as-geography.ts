/**
 * Where each AS is and how many users it serves: the contract between the geography model
 * (which draws or reads locations) and its consumers (hot-potato tie-breaks in routing, path
 * lengths and RTTs, user-weighted figures in reports).
 */
import { greatCircleKm, type LatLon } from './lat-lon.js';

/**
 * Where an AS's location came from: a user-supplied CSV row, a draw from the population-weighted
 * city table (synthetic graphs), or the documented seeded fallback for an AS a CSV does not list
 * (reports mark the last as an assumption).
 */
export type LocationSource = 'csv' | 'city-draw' | 'seeded-fallback';

/** Locations and user weights of every AS of one graph, by graph index. */
export interface AsGeography {
  /**
   * The AS's points of presence, at least one. The first is its home point: where the AS-level
   * model takes the AS's routing decision (the IGP-cost step of hot-potato measures from it).
   * Transit ASes may list several (one per metro they interconnect in).
   */
  pointsOf(asIndex: number): readonly LatLon[];
  /** The AS's user weight (users or a proxy for them; 0 for ASes that serve none). */
  usersOf(asIndex: number): number;
  /** Where this AS's location came from. */
  sourceOf(asIndex: number): LocationSource;
}

/**
 * The IGP-cost proxy of hot-potato routing: the distance from `asIndex`'s home point to the
 * nearest point of presence of its neighbour `neighbourIndex`, in km — how far the AS carries a
 * packet inside its own network before handing it over at the nearest interconnection.
 */
export function egressKm(geography: AsGeography, asIndex: number, neighbourIndex: number): number {
  const home = geography.pointsOf(asIndex)[0]!;
  let nearestKm = Infinity;
  for (const point of geography.pointsOf(neighbourIndex)) nearestKm = Math.min(nearestKm, greatCircleKm(home, point));
  return nearestKm;
}
