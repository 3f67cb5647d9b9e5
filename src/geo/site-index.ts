/**
 * Nearest-point searches by dot products of unit vectors: the point nearest on the sphere is the
 * one whose unit vector has the largest dot product with the query's, three multiplications
 * instead of a haversine's four trigonometric calls. Distances are then exact great-circle km
 * (the central angle from the chord). Used where a search runs per client AS over every PoP
 * (tens of thousands x hundreds) or per PoP over every transit AS.
 */
import { EARTH_RADIUS_KM, type LatLon } from './lat-lon.js';

const RADIANS_PER_DEGREE = Math.PI / 180;

/** Writes `point`'s unit vector (x, y, z) into `out` at `offset`. */
export function writeUnitVector(point: LatLon, out: Float64Array, offset: number): void {
  const lat = point.latDeg * RADIANS_PER_DEGREE;
  const lon = point.lonDeg * RADIANS_PER_DEGREE;
  const cosLat = Math.cos(lat);
  out[offset] = cosLat * Math.cos(lon);
  out[offset + 1] = cosLat * Math.sin(lon);
  out[offset + 2] = Math.sin(lat);
}

/** Great-circle km between two points whose unit vectors have dot product `dot`. */
export function kmOfDot(dot: number): number {
  const halfChord = Math.sqrt(Math.max(0, (1 - dot) / 2));
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, halfChord));
}

/** A fixed list of sites (PoPs, origins) to search for the nearest. */
export class SiteIndex {
  private readonly vectors: Float64Array;
  private readonly query = new Float64Array(3);

  constructor(readonly locations: readonly LatLon[]) {
    this.vectors = new Float64Array(locations.length * 3);
    locations.forEach((location, i) => writeUnitVector(location, this.vectors, 3 * i));
  }

  /** The site nearest to `point` (the first on ties; -1 without sites) and its great-circle km. */
  nearest(point: LatLon): { readonly index: number; readonly km: number } {
    const q = this.query;
    writeUnitVector(point, q, 0);
    const x = q[0]!;
    const y = q[1]!;
    const z = q[2]!;
    const v = this.vectors;
    let best = -1;
    let bestDot = -Infinity;
    for (let i = 0, o = 0; o < v.length; i++, o += 3) {
      const dot = x * v[o]! + y * v[o + 1]! + z * v[o + 2]!;
      if (dot > bestDot) {
        bestDot = dot;
        best = i;
      }
    }
    return { index: best, km: best < 0 ? Infinity : kmOfDot(bestDot) };
  }
}
