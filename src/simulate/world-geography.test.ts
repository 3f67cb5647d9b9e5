import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { greatCircleKm } from '../geo/index.js';
import { parseScenarioText, ScenarioError } from '../scenario/index.js';
import { RandomStreams } from '../sim/index.js';
import { TINY_TOPOLOGY } from '../../test/tiny-inputs.js';
import { prepareRun } from './prepare-run.js';
import { buildWorld } from './world.js';

const SYNTHETIC = `
name: geo
seed: 3
duration: 1m
topology: { synthetic: { ases: 300 } }
pops: { count: 3, upstreamsPerPop: 1 }
workload:
  - { protocol: dns-udp, arrivals: 1/s, duration: { fixed: 100ms } }
architectures: [edge]
`;

function caidaScenario(geographyLine: string, sites = 'pops: { sites: [ { name: ams, upstreams: [3], city: "Amsterdam, NL" }, { name: sin, upstreams: [4], location: { lat: 1.29, lon: 103.85 } } ] }'): string {
  const dir = mkdtempSync(join(tmpdir(), 'anysim-geo-'));
  const topology = join(dir, 'tiny.as-rel');
  writeFileSync(topology, TINY_TOPOLOGY);
  const csv = join(dir, 'geo.csv');
  writeFileSync(csv, `asn,lat,lon,users\n5,52.37,4.9,1000\n${geographyLine}\n`);
  return `
name: geo-caida
duration: 1m
topology: { caida: { file: "${topology}", geography: "${csv}" } }
${sites}
workload:
  - { protocol: dns-udp, arrivals: 1/s, duration: { fixed: 100ms } }
architectures: [edge]
`;
}

describe('the world carries geography', () => {
  it('places every AS and every PoP (count-placed PoPs in metros), and a prepared run hands both on', () => {
    const scenario = parseScenarioText(SYNTHETIC, 'geo.yaml');
    const run = prepareRun(scenario);
    expect(run.geography.asCount).toBe(run.world.graph.asCount);
    expect(run.popLocations).toHaveLength(3);
    for (const site of run.world.deployment.sites) expect(site.city).toMatch(/^.+, [A-Z]{2}$/);
    expect(run.geography.sourceCounts()['city-draw']).toBe(run.world.graph.asCount);
  });

  it('is the same for the same seed and differs between replications of a synthetic world', () => {
    const scenario = parseScenarioText(SYNTHETIC, 'geo.yaml');
    const a = buildWorld(scenario, new RandomStreams(scenario.seed));
    const b = buildWorld(scenario, new RandomStreams(scenario.seed));
    expect(b.popLocations).toEqual(a.popLocations);
    expect(b.geography.pointsOf(17)).toEqual(a.geography.pointsOf(17));
    const other = buildWorld(scenario, new RandomStreams(scenario.seed, 'rep/1/'));
    expect(other.popLocations).not.toEqual(a.popLocations);
  });

  it('reads the CAIDA geography CSV, falls back by seed for unlisted ASes, and places sites by city or location', () => {
    const scenario = parseScenarioText(caidaScenario('6,48.85,2.35'), 'geo.yaml');
    const world = buildWorld(scenario, new RandomStreams(scenario.seed));
    const as5 = world.graph.indexOf(5);
    expect(world.geography.pointsOf(as5)[0]).toEqual({ latDeg: 52.37, lonDeg: 4.9 });
    expect(world.geography.usersOf(as5)).toBe(1000);
    expect(world.geography.sourceOf(world.graph.indexOf(1))).toBe('seeded-fallback');
    expect(greatCircleKm(world.popLocations[0]!, { latDeg: 52.37, lonDeg: 4.89 })).toBeLessThan(10);
    expect(world.popLocations[1]).toEqual({ latDeg: 1.29, lonDeg: 103.85 });
    expect(world.deployment.sites[0]!.city).toBe('Amsterdam, NL');
  });

  it('turns a bad CSV line into a ScenarioError naming the CSV file and line', () => {
    const scenario = parseScenarioText(caidaScenario('6,48.85'), 'geo.yaml');
    expect(() => buildWorld(scenario, new RandomStreams(scenario.seed))).toThrow(ScenarioError);
    expect(() => buildWorld(scenario, new RandomStreams(scenario.seed))).toThrow(/geo\.csv:3: expected ASN,lat,lon\[,users\] \(3 or 4 fields\), got 2 field/);
  });

  it('rejects an unknown city and a site with both city and location, at the field', () => {
    expect(() => parseScenarioText(caidaScenario('6,1,2', 'pops: { sites: [ { name: x, upstreams: [3], city: "Atlantis, XX" } ] }'), 'geo.yaml')).toThrow(
      /geo\.yaml:\d+: pops\.sites\[0\]\.city: unknown city "Atlantis, XX"/,
    );
    expect(() =>
      parseScenarioText(caidaScenario('6,1,2', 'pops: { sites: [ { name: x, upstreams: [3], city: "Paris", location: { lat: 1, lon: 2 } } ] }'), 'geo.yaml'),
    ).toThrow(/either city or location/);
  });
});
