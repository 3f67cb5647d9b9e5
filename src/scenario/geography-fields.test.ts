import { describe, expect, it } from 'vitest';
import { CITY_SETS } from '../geo/index.js';
import { parseScenarioText } from './load-scenario.js';
import { scenarioToYaml } from './scenario-file-writer.js';

const scenario = (pops: string, topology = 'topology: { synthetic: { ases: 200 } }'): string => `
name: geo
duration: 1m
${topology}
${pops}
workload:
  - { protocol: dns-udp, arrivals: 1/s, duration: { fixed: 100ms } }
`;

describe('geography fields of a scenario', () => {
  it('resolves a named city set and a list of cities for PoPs by count, and writes them back as written', () => {
    const bySet = parseScenarioText(scenario('pops: { count: 3, cities: cdn-metros }'), 'geo.yaml');
    expect(bySet.pops.kind === 'count' && bySet.pops.cities?.map((c) => c.city)).toEqual(CITY_SETS['cdn-metros']);
    expect(parseScenarioText(scenarioToYaml(bySet), 'again.yaml')).toEqual(bySet);
    const byList = parseScenarioText(scenario('pops: { count: 3, cities: ["Lima, PE", "Nairobi"] }'), 'geo.yaml');
    expect(byList.pops.kind === 'count' && byList.pops.cities?.map((c) => c.city)).toEqual(['Lima, PE', 'Nairobi']);
    expect(byList.pops.kind === 'count' && byList.pops.cities?.[1]?.location.latDeg).toBeCloseTo(-1.28, 1);
    expect(parseScenarioText(scenarioToYaml(byList), 'again.yaml')).toEqual(byList);
    const byPopulation = parseScenarioText(scenario('pops: { count: 3, cities: population }'), 'geo.yaml');
    expect(byPopulation.pops).toEqual({ kind: 'count', count: 3, upstreamsPerPop: 2 });
  });

  it('names the list entry that is not a city, and an unknown set', () => {
    expect(() => parseScenarioText(scenario('pops: { count: 3, cities: ["Lima, PE", "Gotham City, US"] }'), 'geo.yaml')).toThrow(
      /geo\.yaml:5: pops\.cities\[1\]: unknown city "Gotham City, US"/,
    );
    expect(() => parseScenarioText(scenario('pops: { count: 3, cities: all-the-roots }'), 'geo.yaml')).toThrow(/pops\.cities: expected a named city set/);
  });

  it('offers the table\'s closest names for a city it spells otherwise, at the same field', () => {
    expect(() => parseScenarioText(scenario('pops: { count: 2, cities: ["Lima, PE", "Frankfurt"] }'), 'geo.yaml')).toThrow(
      /^geo\.yaml:5: pops\.cities\[1\]: unknown city "Frankfurt": .*; did you mean "Frankfurt am Main, DE", "Frankfurt \(Oder\), DE" or "Frankfort, US"\?$/,
    );
    const site = 'pops:\n  sites:\n    - { name: a, upstreams: [1], city: "Sao Paulo, BR" }\n';
    expect(() => parseScenarioText(scenario(site), 'geo.yaml')).toThrow(/^geo\.yaml:7: pops\.sites\[0\]\.city: unknown city "Sao Paulo, BR": .*; did you mean "São Paulo, BR", /);
    // Nothing close: the message says what was expected and offers nothing.
    expect(() => parseScenarioText(scenario('pops: { count: 1, cities: ["Qqqqqqqq"] }'), 'geo.yaml')).toThrow(/unknown city "Qqqqqqqq": expected a city .*location: \{ lat, lon \}$/);
  });

  it('writes a listed site\'s city or location and the CAIDA geography CSV back', () => {
    const text = scenario(
      'pops: { sites: [ { name: a, upstreams: [1], city: "Osaka, JP" }, { name: b, upstreams: [2], location: { lat: 10.5, lon: -20 } } ] }',
      'topology: { caida: { file: graph.as-rel, geography: places.csv } }',
    );
    const parsed = parseScenarioText(text, 'geo.yaml');
    expect(parsed.topology).toEqual({ kind: 'caida', file: 'graph.as-rel', geography: 'places.csv' });
    const again = parseScenarioText(scenarioToYaml(parsed), 'again.yaml');
    expect(again).toEqual(parsed);
    expect(scenarioToYaml(parsed)).toContain('city: Osaka, JP');
  });

  it('substitutes ${NAME} in the geography CSV path', () => {
    const parsed = parseScenarioText(scenario('pops: { count: 1 }', 'topology: { caida: { file: g.as-rel, geography: "${GEO}/ases.csv" } }'), 'geo.yaml', { env: { GEO: '/data' } });
    expect(parsed.topology).toEqual({ kind: 'caida', file: 'g.as-rel', geography: '/data/ases.csv' });
  });
});
