/**
 * The {@link PathRtt} of a run with geography: RTTs from great-circle distances through the geo
 * layer's RTT model (2/3 c in fibre, conduit inflation 1.3: src/geo/rtt-model.ts), from a client
 * AS's home point to a PoP's location, and between PoP locations.
 *
 * An approximation, named so: the straight line stands for every route. The catchment-quality
 * figures walk the anycast route's AS path (src/routing/catchment-latency.ts), but a cost compares
 * two paths at once (the landing PoP's and the owner's, or the unicast and the anycast one), the
 * second of which is a route the steady state does not hold (a PoP's own prefix, or the route of a
 * moment during convergence). Taking both at their great-circle lengths keeps the difference to
 * geography alone, at the price of leaving out each path's AS-level detour (which inflates
 * both). Between PoPs the operator's backbone or transit is assumed to follow the great circle
 * with the same conduit inflation.
 */
import { EARTH_RADIUS_KM, greatCircleKm, rttMsOfKm, type AsGeography, type LatLon } from '../geo/index.js';
import type { PathRtt } from './architecture-cost.js';

const RADIANS_PER_DEGREE = Math.PI / 180;

/** Writes `point` as a unit vector at `out[at..at + 2]`. */
function unitVector(point: LatLon, out: Float64Array, at: number): void {
  const lat = point.latDeg * RADIANS_PER_DEGREE;
  const lon = point.lonDeg * RADIANS_PER_DEGREE;
  out[at] = Math.cos(lat) * Math.cos(lon);
  out[at + 1] = Math.cos(lat) * Math.sin(lon);
  out[at + 2] = Math.sin(lat);
}

/**
 * RTTs from where ASes and PoPs are. Client homes and PoP locations are kept as unit vectors, so
 * a distance is a chord and one asin (2·asin(chord / 2), the same great circle as the haversine,
 * well-conditioned for short distances) instead of four trigonometric calls per pair: the judge
 * asks for several per session.
 */
export class GeographicPathRtt implements PathRtt {
  /** popRttMs[a * n + b]: RTT between PoP a and PoP b, ms (computed once: n² is small). */
  private readonly popRttMs: Float64Array;
  private readonly popVectors: Float64Array;
  /** Home-point unit vectors by AS index, filled on first use (NaN: not yet). */
  private readonly asVectors: Float64Array;

  /** `asCount`: the AS indexes `clientToPopRttMs` is asked about are below it. */
  constructor(
    private readonly geography: AsGeography,
    private readonly popLocations: readonly LatLon[],
    asCount: number,
  ) {
    const n = popLocations.length;
    this.popRttMs = new Float64Array(n * n);
    for (let a = 0; a < n; a++) {
      for (let b = a + 1; b < n; b++) {
        const rtt = rttMsOfKm(greatCircleKm(popLocations[a]!, popLocations[b]!));
        this.popRttMs[a * n + b] = rtt;
        this.popRttMs[b * n + a] = rtt;
      }
    }
    this.popVectors = new Float64Array(n * 3);
    popLocations.forEach((location, p) => unitVector(location, this.popVectors, p * 3));
    this.asVectors = new Float64Array(asCount * 3).fill(Number.NaN);
  }

  popToPopRttMs(fromPop: number, toPop: number): number {
    return this.popRttMs[fromPop * this.popLocations.length + toPop]!;
  }

  clientToPopRttMs(clientAs: number, pop: number): number {
    const v = this.asVectors;
    const a = clientAs * 3;
    if (Number.isNaN(v[a]!)) unitVector(this.geography.pointsOf(clientAs)[0]!, v, a);
    const w = this.popVectors;
    const b = pop * 3;
    const dx = v[a]! - w[b]!;
    const dy = v[a + 1]! - w[b + 1]!;
    const dz = v[a + 2]! - w[b + 2]!;
    const chord = Math.sqrt(dx * dx + dy * dy + dz * dz);
    return rttMsOfKm(2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, chord / 2)));
  }
}
