/**
 * Automatic PoP placement by count ({@link placePopsInCities}): each PoP sits in a city and buys
 * transit from the `upstreamsPerPop` transit ASes (ASes with customers) whose home point is
 * nearest it, preferring ASes no earlier PoP took, the way an operator spreads its footprint over
 * regional providers (docs/geography.md). Seeded: the same stream gives the same cities.
 */
import { writeUnitVector, type AsGeography, type CityTable, type LatLon } from '../geo/index.js';
import type { RandomStream } from '../sim/index.js';
import type { AnycastDeployment, PopSite } from './anycast-deployment.js';
import { Relationship, type AsGraph } from './as-graph.js';
import { TopologyError } from './topology-error.js';

/** A place for one PoP: a city name and its point. */
export interface PopCity {
  readonly city: string;
  readonly location: LatLon;
}

/**
 * Places one PoP in each of `popCities` (named pop-0 .. pop-(n-1) in that order), each buying
 * transit from the `upstreamsPerPop` transit ASes whose home point is nearest to its city: an
 * operator buys transit where it builds, from the networks based there. Home points, not every
 * point of presence: a large network's extra points would make the few global networks every
 * PoP's first pick, where placement by count has always spread PoPs over the transit ASes at
 * large. ASes already used by an earlier PoP are passed over
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
  // Unit vectors of every transit AS's home point, once: the nearest is the largest dot product.
  const vectors = new Float64Array(3 * transit.length);
  transit.forEach((asIndex, t) => writeUnitVector(geography.pointsOf(asIndex)[0]!, vectors, 3 * t));
  const used = new Uint8Array(transit.length);
  let usedCount = 0;
  const city = new Float64Array(3);
  const sites: PopSite[] = popCities.map((place, p) => {
    writeUnitVector(place.location, city, 0);
    const skipUsed = transit.length - usedCount >= upstreamsPerPop;
    // The k nearest (largest dot; lower index first on ties), by insertion into a short sorted list.
    const picked: number[] = [];
    const pickedDot: number[] = [];
    for (let t = 0; t < transit.length; t++) {
      if (skipUsed && used[t] === 1) continue;
      const o = 3 * t;
      const dot = city[0]! * vectors[o]! + city[1]! * vectors[o + 1]! + city[2]! * vectors[o + 2]!;
      if (picked.length === upstreamsPerPop && dot <= pickedDot[picked.length - 1]!) continue;
      let at = picked.length;
      while (at > 0 && pickedDot[at - 1]! < dot) at--;
      picked.splice(at, 0, t);
      pickedDot.splice(at, 0, dot);
      if (picked.length > upstreamsPerPop) {
        picked.pop();
        pickedDot.pop();
      }
    }
    for (const t of picked) {
      if (used[t] === 0) usedCount++;
      used[t] = 1;
    }
    return {
      name: `pop-${p}`,
      upstreams: picked.map((t) => graph.asnAt(transit[t]!)).sort((a, b) => a - b),
      peers: [],
      city: place.city,
      location: place.location,
    };
  });
  return { operatorAsn, sites };
}

/**
 * `count` PoP cities drawn from `cities` by population (pass a metro table, e.g.
 * `worldCities().atLeast(1_000_000)`), without replacement while distinct cities remain, named
 * "Name, CC".
 */
export function drawPopCities(cities: CityTable, count: number, random: RandomStream): PopCity[] {
  const drawn = new Set<number>();
  const result: PopCity[] = [];
  const tries = count * 64;
  for (let k = 0; k < tries && result.length < count; k++) {
    const index = cities.drawIndexByPopulation(random);
    if (drawn.has(index) && drawn.size < cities.size) continue;
    drawn.add(index);
    const city = cities.city(index);
    result.push({ city: `${city.name}, ${city.countryCode}`, location: city.location });
  }
  while (result.length < count) {
    const city = cities.city(cities.drawIndexByPopulation(random));
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
