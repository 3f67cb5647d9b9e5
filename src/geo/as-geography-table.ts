/**
 * An {@link AsGeography} held per AS index: the points of each AS (one array per AS, so
 * `pointsOf` allocates nothing on the hot-potato path), user weights in a Float64Array and
 * sources in a Uint8Array.
 */
import type { AsGeography, LocationSource } from './as-geography.js';
import { greatCircleKm, type LatLon } from './lat-lon.js';

const SOURCES: readonly LocationSource[] = ['csv', 'city-draw', 'seeded-fallback'];

/** One AS's entry, as a builder hands it over. */
export interface AsPlace {
  /** Home point first, then any further points of presence. */
  readonly points: readonly LatLon[];
  readonly users: number;
  readonly source: LocationSource;
}

/** Geography of every AS of one graph, by graph index. */
export class AsGeographyTable implements AsGeography {
  private readonly points: readonly (readonly LatLon[])[];
  private readonly users: Float64Array;
  private readonly sources: Uint8Array;

  /** One entry per AS index; every AS has at least one point and a finite users >= 0. */
  constructor(places: readonly AsPlace[]) {
    this.points = places.map((p) => p.points);
    this.users = new Float64Array(places.length);
    this.sources = new Uint8Array(places.length);
    places.forEach((place, i) => {
      if (place.points.length === 0) throw new Error(`invariant: AS index ${i} has no point of presence`);
      if (!(place.users >= 0) || !Number.isFinite(place.users)) throw new Error(`invariant: AS index ${i} has users ${place.users}`);
      this.users[i] = place.users;
      this.sources[i] = SOURCES.indexOf(place.source);
    });
  }

  /** Number of ASes. */
  get asCount(): number {
    return this.points.length;
  }

  pointsOf(asIndex: number): readonly LatLon[] {
    const points = this.points[asIndex];
    if (points === undefined) throw new RangeError(`AS index ${asIndex} is outside 0..${this.points.length - 1}`);
    return points;
  }

  usersOf(asIndex: number): number {
    return this.users[asIndex]!;
  }

  sourceOf(asIndex: number): LocationSource {
    return SOURCES[this.sources[asIndex]!]!;
  }

  /** How many ASes have each location source. */
  sourceCounts(): Readonly<Record<LocationSource, number>> {
    const counts: Record<LocationSource, number> = { csv: 0, 'city-draw': 0, 'seeded-fallback': 0 };
    for (const code of this.sources) counts[SOURCES[code]!]++;
    return counts;
  }
}

/** The point of `points` nearest to `from` (the first on ties). */
export function nearestPoint(from: LatLon, points: readonly LatLon[]): LatLon {
  let best = points[0]!;
  let bestKm = Infinity;
  for (const point of points) {
    const km = greatCircleKm(from, point);
    if (km < bestKm) {
      bestKm = km;
      best = point;
    }
  }
  return best;
}
