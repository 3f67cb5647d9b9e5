import { describe, expect, it } from 'vitest';
import { greatCircleKm } from '../geo/index.js';
import { parseScenarioText, ScenarioError } from '../scenario/index.js';
import { prepareRun } from './prepare-run.js';
import { simulate } from './simulate.js';

function scenarioText(extra: string, flaps = '  - { type: ddos, at: 20s, duration: 60s, volume: 20Gbps, sources: { count: 10 } }\n'): string {
  return `name: load-slice
seed: 3
duration: 2m
topology: { synthetic: { ases: 150 } }
pops: { count: 3 }
flaps:
${flaps}workload:
  - { protocol: dns-udp, arrivals: 20/s, duration: { fixed: 100ms } }
  - { protocol: websocket, arrivals: 2/s, duration: { fixed: 90s } }
architectures: [edge, global-hash]
${extra}`;
}

describe('the load pass in a run', () => {
  it('runs only for scenarios with capacities or attacks', () => {
    expect(prepareRun(parseScenarioText(scenarioText('', '  []\n').replace('flaps:\n  []\n', ''))).load).toBeUndefined();
    const run = prepareRun(parseScenarioText(scenarioText('')));
    expect(run.load).toBeDefined();
    expect(run.load!.attacks[0]!.sources.length).toBe(10);
    expect(run.load!.overload).toBeUndefined();
    expect(Array.from({ length: run.incidents.count }, (_, k) => run.incidents.at(k)).some((i) => i.incidentClass === 'ddos')).toBe(true);
  });

  it('an attack on unlimited PoPs breaks nothing and moves no other draw', async () => {
    const withAttack = await simulate(parseScenarioText(scenarioText('')), { workers: 1 });
    const without = await simulate(parseScenarioText(scenarioText('').replace(/flaps:\n.*\n/, '')), { workers: 1 });
    expect(withAttack.sessions).toBe(without.sessions);
    expect(withAttack.results.map((r) => r.brokenByCause)).toEqual(without.results.map((r) => r.brokenByCause));
  });

  it('an attack beyond capacity breaks sessions by overload, and DNS retries answer some late', async () => {
    // 20 Gbps over 3 PoPs of 1 Gbps: whatever the catchment, some PoP takes at least 6.7 Gbps and drops 85 %.
    const result = await simulate(parseScenarioText(scenarioText('capacity: { default: { bits: 1Gbps } }\n')), { workers: 1 });
    const get = (protocol: string, architecture: string) => result.results.find((r) => r.protocol === protocol && r.architecture === architecture)!;
    expect(get('websocket', 'edge').brokenByCause.overload).toBeGreaterThan(0);
    expect(get('dns-udp', 'edge').brokenByCause.overload).toBeGreaterThan(0);
    // Same packets, same fate under every architecture (common random numbers): overload is routing-blind.
    expect(get('dns-udp', 'global-hash').brokenByCause.overload).toBe(get('dns-udp', 'edge').brokenByCause.overload);
    // A dropped query is retried on the resolver's schedule: some are answered on a later attempt, with latency.
    const dns = get('dns-udp', 'edge');
    expect(dns.answeredByAttempt!.slice(1).reduce((s, x) => s + x, 0)).toBeGreaterThan(0);
    expect(dns.meanAddedLatencyMs!).toBeGreaterThan(0);
  });

  it('a PoP out of session capacity refuses new sessions with cause overload', async () => {
    const result = await simulate(parseScenarioText(scenarioText('capacity: { default: { sessions: 20 } }\n', '  []\n').replace('flaps:\n  []\n', '')), { workers: 1 });
    const ws = result.results.find((r) => r.protocol === 'websocket' && r.architecture === 'edge')!;
    expect(ws.brokenByCause.overload).toBeGreaterThan(0);
    // A DNS query opens no session a PoP keeps a slot for: never refused.
    const dns = result.results.find((r) => r.protocol === 'dns-udp' && r.architecture === 'edge')!;
    expect(dns.brokenByCause.overload).toBe(0);
  });
  it('draws sources concentrated in a region only among the client ASes whose home lies in it', () => {
    const run = prepareRun(parseScenarioText(scenarioText('', '  - { type: ddos, at: 20s, duration: 60s, volume: 20Gbps, sources: { count: 5, near: { lat: 50.11, lon: 8.68, radiusKm: 3000 } } }\n')));
    const frankfurt = { latDeg: 50.11, lonDeg: 8.68 };
    const inRegion = Array.from(run.world.clientCandidates).filter((a) => greatCircleKm(run.world.geography.pointsOf(a)[0]!, frankfurt) <= 3000);
    const sources = run.load!.attacks[0]!.sources.map((s) => s.asIndex);
    expect(sources.length).toBe(Math.min(5, inRegion.length));
    for (const a of sources) expect(inRegion).toContain(a);
    // Not every candidate is in the region, so the restriction is real.
    expect(inRegion.length).toBeLessThan(run.world.clientCandidates.length);
  });

  it('refuses a region that holds no client AS, naming the field', () => {
    // 1 km around a point in the South Pacific.
    const text = scenarioText('', '  - { type: ddos, at: 20s, duration: 60s, volume: 20Gbps, sources: { count: 5, near: { lat: -48.9, lon: -123.4, radiusKm: 1 } } }\n');
    expect(() => prepareRun(parseScenarioText(text))).toThrow(ScenarioError);
    expect(() => prepareRun(parseScenarioText(text))).toThrow(/flaps\[0\]\.sources\.near\.radiusKm.*no client AS/);
  });
});
