import { describe, expect, it } from 'vitest';
import { CityTable, greatCircleKm, type City } from '../geo/index.js';
import { RandomStreams } from '../sim/index.js';
import { buildAsGeography, LOCAL_PROVIDER_SHARE } from './as-geography-builder.js';
import { buildAsGraph } from './as-graph.js';
import { drawPopCities, placePopsInCities } from './pop-placement.js';

const CITIES: readonly City[] = [
  { name: 'London', countryCode: 'GB', population: 9_000_000, location: { latDeg: 51.5, lonDeg: -0.13 } },
  { name: 'Tokyo', countryCode: 'JP', population: 14_000_000, location: { latDeg: 35.68, lonDeg: 139.69 } },
  { name: 'Lima', countryCode: 'PE', population: 1_000_000, location: { latDeg: -12.05, lonDeg: -77.04 } },
];

/** AS 1 provides 2, 3, 4; AS 5 provides 1; 6 is isolated-ish (peer of 5). */
function graph() {
  return buildAsGraph({ a: [1, 1, 1, 5, 5], b: [2, 3, 4, 1, 6], rel: [-1, -1, -1, -1, 0], count: 5 });
}

describe('buildAsGeography', () => {
  it('gives every AS a home in a drawn city, transit ASes their customers cities too, and shares a city by degree', () => {
    const g = graph();
    const { geography } = buildAsGeography(g, { cities: CityTable.of(CITIES), random: new RandomStreams('s').stream('geo/as-cities') });
    const key = (p: { latDeg: number; lonDeg: number }): string => `${p.latDeg},${p.lonDeg}`;
    const cityPoints = new Set(CITIES.map((c) => key(c.location)));
    for (let i = 0; i < g.asCount; i++) {
      expect(cityPoints.has(key(geography.pointsOf(i)[0]!))).toBe(true);
      expect(geography.sourceOf(i)).toBe('city-draw');
    }
    const transit = g.indexOf(1);
    const customerHomes = new Set([2, 3, 4].map((asn) => geography.pointsOf(g.indexOf(asn))[0]!));
    customerHomes.delete(geography.pointsOf(transit)[0]!);
    expect(new Set(geography.pointsOf(transit).slice(1))).toEqual(customerHomes);
    // Users of the ASes in one city add up to its population.
    for (const city of CITIES) {
      let users = 0;
      for (let i = 0; i < g.asCount; i++) if (key(geography.pointsOf(i)[0]!) === key(city.location)) users += geography.usersOf(i);
      if (users > 0) expect(users).toBeCloseTo(city.population, 3);
    }
  });

  it('is deterministic per stream and changes with the seed', () => {
    const homes = (seed: string) => {
      const { geography } = buildAsGeography(graph(), { cities: CityTable.of(CITIES), random: new RandomStreams(seed).stream('geo/as-cities') });
      return Array.from({ length: 6 }, (_, i) => geography.pointsOf(i)[0]);
    };
    expect(homes('a')).toEqual(homes('a'));
    const differs = ['b', 'c', 'd', 'e'].some((seed) => JSON.stringify(homes(seed)) !== JSON.stringify(homes('a')));
    expect(differs).toBe(true);
  });

  it('takes CSV rows where given, seeded fallback elsewhere, and counts unknown ASNs', () => {
    const rows = [
      { asn: 2, latDeg: 10, lonDeg: 20, users: 500, line: 1 },
      { asn: 3, latDeg: -10, lonDeg: 30, line: 2 },
      { asn: 99, latDeg: 0, lonDeg: 0, line: 3 },
    ];
    const g = graph();
    const build = buildAsGeography(g, { cities: CityTable.of(CITIES), random: new RandomStreams('s').stream('geo/as-cities'), rows });
    const geo = build.geography;
    expect(build.unknownCsvAsns).toBe(1);
    expect(geo.pointsOf(g.indexOf(2))).toEqual([{ latDeg: 10, lonDeg: 20 }]);
    expect(geo.usersOf(g.indexOf(2))).toBe(500);
    expect(geo.sourceOf(g.indexOf(3))).toBe('csv');
    expect(geo.usersOf(g.indexOf(3))).toBeGreaterThan(0);
    expect(geo.sourceOf(g.indexOf(4))).toBe('seeded-fallback');
    expect(geo.sourceCounts()).toEqual({ csv: 2, 'city-draw': 0, 'seeded-fallback': 4 });
  });
});

describe('buildAsGeography: networks buy transit near home', () => {
  it('places customers of a regional provider in its country about LOCAL_PROVIDER_SHARE of the time', () => {
    // Two countries of equal population; tier-1 AS 1 -> regional AS 2 -> 400 stubs (ASNs 10..409).
    const cities: City[] = [
      { name: 'A', countryCode: 'AA', population: 1_000, location: { latDeg: 10, lonDeg: 10 } },
      { name: 'B', countryCode: 'BB', population: 1_000, location: { latDeg: -10, lonDeg: -10 } },
    ];
    const stubs = Array.from({ length: 400 }, (_, k) => 10 + k);
    const g = buildAsGraph({ a: [1, ...stubs.map(() => 2)], b: [2, ...stubs], rel: [-1, ...stubs.map(() => -1)], count: stubs.length + 1 });
    const { geography } = buildAsGeography(g, { cities: CityTable.of(cities), random: new RandomStreams('local').stream('geo/as-cities') });
    const regionalHome = geography.pointsOf(g.indexOf(2))[0]!;
    const local = stubs.filter((asn) => geography.pointsOf(g.indexOf(asn))[0] === regionalHome).length / stubs.length;
    // Expected 0.8 + 0.2 x 0.5 = 0.9; binomial sd at n = 400 is 0.015: 4 sd either side.
    expect(local).toBeGreaterThan(0.9 - 0.06);
    expect(local).toBeLessThan(0.9 + 0.06);
    expect(LOCAL_PROVIDER_SHARE).toBe(0.8);
  });
});

describe('placePopsInCities', () => {
  it('attaches each PoP to the transit ASes nearest its city', () => {
    const g = graph();
    const rows = [
      { asn: 1, latDeg: 51.5, lonDeg: -0.13, line: 1 },
      { asn: 5, latDeg: 35.68, lonDeg: 139.69, line: 2 },
      ...[2, 3, 4, 6].map((asn) => ({ asn, latDeg: 51.5, lonDeg: -0.13, line: asn })),
    ];
    const { geography } = buildAsGeography(g, { cities: CityTable.of(CITIES), random: new RandomStreams('s').stream('geo/as-cities'), rows });
    const deployment = placePopsInCities(g, geography, 64_500, [
      { city: 'Tokyo, JP', location: CITIES[1]!.location },
      { city: 'London, GB', location: CITIES[0]!.location },
    ], 1);
    // AS 5 is in Tokyo (and London, where its customer AS 1 is); AS 1 and its customers are in London.
    expect(deployment.sites.map((s) => s.upstreams)).toEqual([[5], [1]]);
    expect(deployment.sites[0]!.city).toBe('Tokyo, JP');
    expect(greatCircleKm(deployment.sites[1]!.location!, CITIES[0]!.location)).toBe(0);
  });

  it('draws distinct PoP cities by population while they last', () => {
    const cities = drawPopCities(CityTable.of(CITIES), 3, new RandomStreams('p').stream('geo/pop-cities'));
    expect(new Set(cities.map((c) => c.city))).toEqual(new Set(['London, GB', 'Tokyo, JP', 'Lima, PE']));
  });
});
