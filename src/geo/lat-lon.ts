/**
 * Points on the Earth and the great-circle distance between them. Every length in anysim's
 * geography (AS paths in km, a client's distance to its nearest PoP, hot-potato egress choice)
 * comes from {@link greatCircleKm}.
 */

/** A point on the Earth, WGS 84 degrees. */
export interface LatLon {
  /** Latitude, −90..90 degrees (north positive). */
  readonly latDeg: number;
  /** Longitude, −180..180 degrees (east positive). */
  readonly lonDeg: number;
}

/** Mean Earth radius R1 = 6,371.0088 km (IUGG; Moritz, "Geodetic Reference System 1980"). */
export const EARTH_RADIUS_KM = 6_371.0088;

const RADIANS_PER_DEGREE = Math.PI / 180;

/**
 * Great-circle distance in km between two points on a sphere of radius {@link EARTH_RADIUS_KM}
 * (haversine formula, Sinnott 1984: well-conditioned for small and antipodal distances alike).
 * The spherical model is within 0.5 % of the ellipsoidal distance, far below the path-inflation
 * uncertainty of any latency model built on it.
 */
export function greatCircleKm(a: LatLon, b: LatLon): number {
  const lat1 = a.latDeg * RADIANS_PER_DEGREE;
  const lat2 = b.latDeg * RADIANS_PER_DEGREE;
  const sinHalfDLat = Math.sin((lat2 - lat1) / 2);
  const sinHalfDLon = Math.sin((b.lonDeg - a.lonDeg) * RADIANS_PER_DEGREE / 2);
  const h = sinHalfDLat * sinHalfDLat + Math.cos(lat1) * Math.cos(lat2) * sinHalfDLon * sinHalfDLon;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Whether a value is a valid point: finite, latitude in −90..90, longitude in −180..180. */
export function isLatLon(point: LatLon): boolean {
  return Number.isFinite(point.latDeg) && Number.isFinite(point.lonDeg)
    && Math.abs(point.latDeg) <= 90 && Math.abs(point.lonDeg) <= 180;
}
