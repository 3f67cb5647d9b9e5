/**
 * Automatic PoP placement by count (without geography, {@link placePops}; with it,
 * {@link placePopsInCities}): each PoP buys transit from `upstreamsPerPop` distinct transit
 * ASes (ASes with customers), drawn without replacement across the whole deployment while enough
 * remain, so PoPs sit in different parts of the graph the way an operator spreads its footprint
 * over regional providers. Seeded: the same stream gives the same placement.
 */
import { greatCircleKm, nearestPoint, type AsGeography, type CityTable, type LatLon } from '../geo/index.js';
import type { RandomStream } from '../sim/index.js';
import type { AnycastDeployment, PopSite } from './anycast-deployment.js';
import { Relationship, type AsGraph } from './as-graph.js';
import { TopologyError } from './topology-error.js';

/** Places `count` PoPs named pop-0 .. pop-(count-1) on transit ASes of `graph`. */
export function placePops(
  graph: AsGraph,
  operatorAsn: number,
  count: number,
  upstreamsPerPop: number,
  random: RandomStream,
): AnycastDeployment {
  const transit = transitAses(graph);
  if (transit.length < upstreamsPerPop) {
    throw new TopologyError(
      `pops: the topology has ${transit.length} transit ASes, fewer than the ${upstreamsPerPop} upstreams each PoP needs`,
    );
  }
  let pool: number[] = [];
  const sites: PopSite[] = [];
  for (let p = 0; p < count; p++) {
    const chosen = new Set<number>();
    while (chosen.size < upstreamsPerPop) {
      if (pool.length === 0) pool = [...transit];
      const pick = random.int(0, pool.length);
      const asIndex = pool[pick]!;
      pool[pick] = pool[pool.length - 1]!;
      pool.pop();
      chosen.add(asIndex);
    }
    sites.push({ name: `pop-${p}`, upstreams: [...chosen].map((i) => graph.asnAt(i)).sort((a, b) => a - b), peers: [] });
  }
  return { operatorAsn, sites };
}

/** A place for one PoP: a city name and its point. */
export interface PopCity {
  readonly city: string;
  readonly location: LatLon;
}

/**
 * Places one PoP in each of `popCities` (named pop-0 .. pop-(n-1) in that order), each buying
 * transit from the `upstreamsPerPop` transit ASes with a point of presence nearest to its city:
 * an operator buys transit where it builds. ASes already used by an earlier PoP are passed over
 * while unused ones remain, so PoPs in one region spread over its providers. Deterministic: the
 * randomness is in the cities.
 */
export function placePopsInCities(
  graph: AsGraph,
  geography: AsGeography,
  operatorAsn: number,
  popCities: readonly PopCity[],
  upstreamsPerPop: number,
): AnycastDeployment {
  const transit = transitAses(graph);
  if (transit.length < upstreamsPerPop) {
    throw new TopologyError(
      `pops: the topology has ${transit.length} transit ASes, fewer than the ${upstreamsPerPop} upstreams each PoP needs`,
    );
  }
  const used = new Uint8Array(graph.asCount);
  const km = new Float64Array(transit.length);
  const order = Array.from({ length: transit.length }, (_, t) => t);
  const sites: PopSite[] = popCities.map((place, p) => {
    transit.forEach((asIndex, t) => {
      km[t] = greatCircleKm(place.location, nearestPoint(place.location, geography.pointsOf(asIndex)));
    });
    order.sort((a, b) => km[a]! - km[b]! || a - b);
    const unused = order.filter((t) => used[transit[t]!] === 0);
    const picked = (unused.length >= upstreamsPerPop ? unused : order).slice(0, upstreamsPerPop).map((t) => transit[t]!);
    for (const asIndex of picked) used[asIndex] = 1;
    return {
      name: `pop-${p}`,
      upstreams: picked.map((i) => graph.asnAt(i)).sort((a, b) => a - b),
      peers: [],
      city: place.city,
      location: place.location,
    };
  });
  return { operatorAsn, sites };
}

/**
 * `count` PoP cities drawn by population, without replacement, from the cities of at least
 * `minPopulation` inhabitants (with replacement once they run out).
 */
export function drawPopCities(cities: CityTable, count: number, random: RandomStream): PopCity[] {
  const drawn = new Set<number>();
  const result: PopCity[] = [];
  const tries = count * 64;
  for (let k = 0; k < tries && result.length < count; k++) {
    const index = cities.drawIndexByPopulation(random);
    if (drawn.has(index) && drawn.size < cities.cities.length) continue;
    drawn.add(index);
    const city = cities.cities[index]!;
    result.push({ city: `${city.name}, ${city.countryCode}`, location: city.location });
  }
  while (result.length < count) {
    const city = cities.cities[cities.drawIndexByPopulation(random)]!;
    result.push({ city: `${city.name}, ${city.countryCode}`, location: city.location });
  }
  return result;
}

/** Indexes of the ASes with at least one customer. */
function transitAses(graph: AsGraph): number[] {
  const transit: number[] = [];
  for (let i = 0; i < graph.asCount; i++) {
    for (let k = graph.offsets[i]!; k < graph.offsets[i + 1]!; k++) {
      if (graph.relationships[k] === Relationship.Customer) {
        transit.push(i);
        break;
      }
    }
  }
  return transit;
}
