/**
 * Gives every AS of a graph a place (docs/geography.md):
 *
 * - **Home point.** From the user's geography CSV when it lists the AS (source `csv`); otherwise
 *   a city drawn from the world city table with probability proportional to its population
 *   (source `city-draw` on synthetic graphs, `seeded-fallback` on a CAIDA graph, where reports
 *   mark it as an assumption). Networks buy transit near home: ASes are placed providers first,
 *   and an AS with a drawn *regional* provider (one that itself has a provider: tier-1 networks
 *   span the globe) draws, with probability {@link LOCAL_PROVIDER_SHARE}, from that provider's
 *   country instead of the world. Without this, a synthetic graph's catchments ignore geography
 *   altogether (a stub in Lima as likely to buy from a Tokyo ISP as from a Lima one). All draws
 *   come from one stream, in placement order.
 * - **Users.** The CSV's count when given. Otherwise a city's population is shared among the ASes
 *   drawn into it in proportion to their degree (the existing size proxy of `clients.weighting:
 *   degree`); an AS placed by a CSV row without users gets its degree times the mean population
 *   per degree of the drawn ASes.
 * - **Transit points.** An AS with customers also has a point of presence in each of the most
 *   common home cities of its customers (up to {@link MAX_POINTS_PER_AS} points with the home):
 *   a transit network interconnects where its customers are, so AS paths have a length in km.
 */
import { AsGeographyTable, type AsPlace, type CityTable, type GeographyRow, type LatLon, type LocationSource } from '../geo/index.js';
import type { RandomStream } from '../sim/index.js';
import { Relationship, type AsGraph } from './as-graph.js';

/**
 * Probability that an AS with a regional provider is placed in that provider's country. An
 * assumption (docs/geography.md): most access and regional networks buy transit from providers in
 * their own country; the rest (international customers, remote peering) draw from the world.
 */
export const LOCAL_PROVIDER_SHARE = 0.8;

/** Most points of presence per AS, the home included (a limit that bounds hot-potato's egress search). */
export const MAX_POINTS_PER_AS = 8;

/** What {@link buildAsGeography} reads. */
export interface AsGeographyInput {
  readonly cities: CityTable;
  /** Draws home cities of ASes without a CSV row (stream `geo/as-cities`). */
  readonly random: RandomStream;
  /**
   * Rows of the user's geography CSV (CAIDA graphs; empty without a CSV, so that every AS is a
   * `seeded-fallback`); absent for synthetic graphs (`city-draw`).
   */
  readonly rows?: readonly GeographyRow[];
}

/** The geography and what the CSV did not match. */
export interface AsGeographyBuild {
  readonly geography: AsGeographyTable;
  /** CSV rows whose ASN is not in the graph (skipped: a CSV may come from another snapshot). */
  readonly unknownCsvAsns: number;
}

/** Places every AS of `graph` (see the file header for the rules). */
export function buildAsGeography(graph: AsGraph, input: AsGeographyInput): AsGeographyBuild {
  const { cities, random, rows } = input;
  const asCount = graph.asCount;
  const rowOf = new Map<number, GeographyRow>();
  let unknownCsvAsns = 0;
  for (const row of rows ?? []) {
    if (graph.indexOf(row.asn) < 0) unknownCsvAsns++;
    else rowOf.set(row.asn, row);
  }
  const drawnSource: LocationSource = rows === undefined ? 'city-draw' : 'seeded-fallback';
  const homes: LatLon[] = new Array<LatLon>(asCount);
  const cityOf = new Int32Array(asCount).fill(-1);
  const sources: LocationSource[] = new Array<LocationSource>(asCount);
  const degreeInCity = new Map<number, number>();
  let drawnDegree = 0;
  let drawnPopulation = 0;
  const hasProvider = new Uint8Array(asCount);
  for (let i = 0; i < asCount; i++) {
    for (let k = graph.offsets[i]!; k < graph.offsets[i + 1]!; k++) if (graph.relationships[k] === Relationship.Provider) hasProvider[i] = 1;
  }
  for (const i of providersFirst(graph)) {
    const row = rowOf.get(graph.asnAt(i));
    if (row !== undefined) {
      homes[i] = { latDeg: row.latDeg, lonDeg: row.lonDeg };
      sources[i] = 'csv';
      continue;
    }
    const regional = regionalProvider(graph, i, cityOf, hasProvider);
    const city =
      regional >= 0 && random.next() < LOCAL_PROVIDER_SHARE
        ? cities.drawIndexInCountry(cities.city(cityOf[regional]!).countryCode, random)
        : cities.drawIndexByPopulation(random);
    cityOf[i] = city;
    homes[i] = cities.city(city).location;
    sources[i] = drawnSource;
    const before = degreeInCity.get(city);
    if (before === undefined) drawnPopulation += cities.city(city).population;
    degreeInCity.set(city, (before ?? 0) + sizeOf(graph, i));
    drawnDegree += sizeOf(graph, i);
  }
  const usersPerDegree = drawnDegree > 0 ? drawnPopulation / drawnDegree : 1;
  const places: AsPlace[] = new Array<AsPlace>(asCount);
  for (let i = 0; i < asCount; i++) {
    const city = cityOf[i]!;
    const row = rowOf.get(graph.asnAt(i));
    const users =
      row?.users ??
      (city >= 0 ? (cities.city(city).population * sizeOf(graph, i)) / degreeInCity.get(city)! : sizeOf(graph, i) * usersPerDegree);
    places[i] = { points: pointsOfAs(graph, i, homes), users, source: sources[i]! };
  }
  return { geography: new AsGeographyTable(places), unknownCsvAsns };
}

/**
 * AS indexes with every provider before its customers (Kahn's algorithm on provider -> customer
 * links, lowest index first among ready ASes); ASes on a provider cycle (possible in inferred
 * CAIDA relationships) follow in index order.
 */
function providersFirst(graph: AsGraph): Int32Array {
  const n = graph.asCount;
  const pendingProviders = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let k = graph.offsets[i]!; k < graph.offsets[i + 1]!; k++) if (graph.relationships[k] === Relationship.Provider) pendingProviders[i]!++;
  }
  const order = new Int32Array(n);
  const placed = new Uint8Array(n);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < n; i++) if (pendingProviders[i] === 0) order[tail++] = i;
  const drain = (): void => {
    while (head < tail) {
      const i = order[head++]!;
      placed[i] = 1;
      for (let k = graph.offsets[i]!; k < graph.offsets[i + 1]!; k++) {
        if (graph.relationships[k] !== Relationship.Customer) continue;
        const customer = graph.neighbours[k]!;
        if (--pendingProviders[customer]! === 0 && placed[customer] === 0) order[tail++] = customer;
      }
    }
  };
  drain();
  for (let i = 0; i < n && tail < n; i++) {
    if (placed[i] === 1 || pendingProviders[i]! <= 0) continue;
    pendingProviders[i] = 0;
    order[tail++] = i;
    drain();
  }
  return order;
}

/** The first already-drawn provider of `asIndex` that has a provider itself, or -1. */
function regionalProvider(graph: AsGraph, asIndex: number, cityOf: Int32Array, hasProvider: Uint8Array): number {
  for (let k = graph.offsets[asIndex]!; k < graph.offsets[asIndex + 1]!; k++) {
    if (graph.relationships[k] !== Relationship.Provider) continue;
    const provider = graph.neighbours[k]!;
    if (cityOf[provider]! >= 0 && hasProvider[provider] === 1) return provider;
  }
  return -1;
}

/** An AS's size for sharing users: its degree, at least 1 (an isolated AS still serves someone). */
function sizeOf(graph: AsGraph, asIndex: number): number {
  return Math.max(1, graph.degree(asIndex));
}

/** The home point, then the most common distinct home points of the AS's customers. */
function pointsOfAs(graph: AsGraph, asIndex: number, homes: readonly LatLon[]): readonly LatLon[] {
  const home = homes[asIndex]!;
  let counts: Map<LatLon, number> | undefined;
  for (let k = graph.offsets[asIndex]!; k < graph.offsets[asIndex + 1]!; k++) {
    if (graph.relationships[k] !== Relationship.Customer) continue;
    const point = homes[graph.neighbours[k]!]!;
    if (point === home) continue;
    counts ??= new Map();
    counts.set(point, (counts.get(point) ?? 0) + 1);
  }
  if (counts === undefined) return [home];
  // Most customers first; equal counts keep first-seen order (Map order, by neighbour index): deterministic.
  const extra = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, MAX_POINTS_PER_AS - 1).map(([point]) => point);
  return [home, ...extra];
}
