import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenarioText, parseScenarioValue } from './load-scenario.js';
import { canonicalScenarioJson, scenarioDigest } from './scenario-digest.js';
import { ScenarioError } from './scenario-error.js';
import { scenarioToFileObject, scenarioToYaml } from './scenario-file-writer.js';
import type { Scenario } from './scenario.js';

const SCENARIOS_DIR = new URL('../../scenarios/', import.meta.url);

/** Every flap type, every distribution, every resolver form, odd fractional values. */
const EVERYTHING = `name: every-field
description: "two\\nlines"
seed: 42
duration: 2h
topology: { caida: { file: data/x.as-rel.txt } }
pops:
  sites:
    - { name: a, upstreams: [174, 3356], peers: [6939], unicastUpstreams: [3356], unicastPeers: [] }
    - { name: b, upstreams: [1299] }
servers: { perPop: 4, algorithm: ring, tableSize: 10, vnodes: 7, conntrack: { capacity: 99, idleTimeout: 1.5s } }
serving: { globalHashUpdateDelay: [0ms, 0.25ms], healthCheckInterval: 3s, failureThreshold: 2, dnsTtl: 0s }
routing: { operatorAsn: 7, mrai: 0s, mraiTimers: idle, wrate: true, damping: true, holdTime: 3s, linkDelay: [0ms, 1ms], processingDelay: [2ms, 2ms], unicastDynamics: steady-state }
clients: { ases: all, weighting: degree }
flaps:
  - { type: pop-withdraw, pop: a, at: 0s, reannounceAt: 10m }
  - { type: pop-withdraw, pop: b, at: 1s }
  - { type: pop-failure, pop: a, at: 20m, recoverAt: 30m }
  - { type: pop-failure, pop: b, at: 20m, healthCheckInterval: 1s, failureThreshold: 9 }
  - { type: silent-death, pop: b, at: 1h }
  - { type: maintenance-drain, pop: a, at: 5m, prepend: 2, withdrawAfter: 1m, restoreAt: 1h }
  - { type: maintenance-drain, pop: b, at: 5m }
  - { type: link-down, a: 174, b: 7, at: 1m, upAt: 2m }
  - { type: link-flaps, rate: 0.0000001/s, downTime: { pareto: { scale: 10s, shape: 1.5 } }, links: any }
  - { type: policy-shift, pop: a, at: 7m, prepend: 0 }
  - { type: server-churn, pop: a, at: 8m, action: drain, count: 2 }
  - { type: client-flips, rate: 3/h, unstableFraction: 0.01 }
workload:
  - { protocol: dns-udp, arrivals: 1/h, duration: { fixed: 1ms }, resolver: c-ares }
  - { protocol: http-short, arrivals: 0.3/s, duration: { exponential: { mean: 1h1ms } }, diurnal: { amplitude: 0.5, peak: 14h } }
  - { protocol: websocket, arrivals: 7/d, duration: { lognormal: { median: 30s, sigma: 1.2 } }, packetInterval: 10s }
  - { protocol: db, arrivals: 2/s, duration: { pareto: { scale: 1s, shape: 0.5 } } }
  - { protocol: quic, arrivals: 9/m, duration: { fixed: 0.001ms } }
architectures: [unicast-dns, edge]
slo: { maxBrokenFraction: { db: 0.5 } }
`;

function roundTrip(scenario: Scenario): Scenario {
  return parseScenarioText(scenarioToYaml(scenario, 'written by a test'), 'round-trip.yaml', { env: {} });
}

describe('scenarioToFileObject / scenarioToYaml', () => {
  it('writes every field so that the scenario reads back identical', () => {
    const scenario = parseScenarioText(EVERYTHING, 'every.yaml', { env: {} });
    const back = roundTrip(scenario);
    expect(canonicalScenarioJson(back)).toBe(canonicalScenarioJson(scenario));
    expect(scenarioDigest(back)).toBe(scenarioDigest(scenario));
    expect(back.workload[0]!.resolver?.profile).toBe('c-ares');
  });

  it('round-trips every preset in scenarios/', () => {
    const presets = readdirSync(SCENARIOS_DIR).filter((name) => name.endsWith('.yaml'));
    expect(presets.length).toBeGreaterThan(0);
    for (const name of presets) {
      const scenario = parseScenarioText(readFileSync(new URL(name, SCENARIOS_DIR), 'utf8'), name, { env: { ANYSIM_CAIDA: 'caida.txt' } });
      expect(scenarioDigest(parseScenarioValue(scenarioToFileObject(scenario), name, { env: {} })), name).toBe(scenarioDigest(scenario));
    }
  });

  it('writes values below 1e-6 in plain decimals that read back exactly', () => {
    const base = parseScenarioText(EVERYTHING, 'every.yaml', { env: {} });
    const tiny: Scenario = { ...base, workload: base.workload.map((w) => ({ ...w, arrivalsPerS: 1.2345e-9 })) };
    const object = scenarioToFileObject(tiny) as { workload: { arrivals: string }[] };
    expect(object.workload[0]!.arrivals).toBe('0.0000000012345/s');
    expect(roundTrip(tiny).workload[0]!.arrivalsPerS).toBe(1.2345e-9);
  });

  it('writes a custom resolver as timeout and attempts, even when it equals a profile', () => {
    const base = parseScenarioText(EVERYTHING, 'every.yaml', { env: {} });
    const custom: Scenario = {
      ...base,
      workload: [{ ...base.workload[0]!, resolver: { profile: 'custom', timeoutMs: 5_000, attempts: 2 } }],
    };
    expect(roundTrip(custom).workload[0]!.resolver).toEqual({ profile: 'custom', timeoutMs: 5_000, attempts: 2 });
  });

  it('refuses a CAIDA path that would be substituted again, and values too small for a unit string', () => {
    const base = parseScenarioText(EVERYTHING, 'every.yaml', { env: {} });
    expect(() => scenarioToFileObject({ ...base, topology: { kind: 'caida', file: '${HOME}/x' } })).toThrow(ScenarioError);
    expect(() => scenarioToFileObject({ ...base, durationMs: 1e-70 })).toThrow(/64-character limit/);
  });

  it('puts the comment first, as # lines', () => {
    const text = scenarioToYaml(parseScenarioText(EVERYTHING, 'every.yaml', { env: {} }), 'line one\nline two');
    expect(text.startsWith('# line one\n# line two\nname: every-field\n')).toBe(true);
  });
});
