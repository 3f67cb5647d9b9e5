import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { popNames } from './consistency-checks.js';
import { loadScenarioFile } from './load-scenario.js';
import { REFERENCE_SCENARIO_TEXT, referenceScenario } from './reference-scenario.js';

const SCENARIOS_DIR = new URL('../../scenarios/', import.meta.url);
const presetFiles = readdirSync(SCENARIOS_DIR).filter((file) => file.endsWith('.yaml'));

describe('the reference scenario', () => {
  it('is the text of scenarios/reference.yaml', () => {
    expect(REFERENCE_SCENARIO_TEXT).toBe(readFileSync(new URL('reference.yaml', SCENARIOS_DIR), 'utf8'));
  });

  it('has the footprint, events, workload and SLOs of the design', () => {
    const scenario = referenceScenario();
    expect(scenario.topology).toEqual({ kind: 'synthetic', ases: 400 });
    expect(scenario.pops).toMatchObject({ kind: 'count', count: 4 });
    expect(scenario.durationMs).toBe(2 * 3_600_000);
    expect(scenario.flaps.slice(0, 2)).toEqual([
      { type: 'pop-withdraw', pop: 'pop-1', atMs: 30 * 60_000, reannounceAtMs: 50 * 60_000 },
      { type: 'silent-death', pop: 'pop-2', atMs: 80 * 60_000 },
    ]);
    expect(scenario.flaps[2]).toMatchObject({ type: 'link-flaps', links: 'pop-upstreams' });
    const rates = Object.fromEntries(scenario.workload.map((entry) => [entry.protocol, entry.arrivalsPerS]));
    expect(rates).toEqual({ 'dns-udp': 50, 'http-short': 20, websocket: 2, db: 0.5, quic: 5 });
    expect(scenario.workload.find((entry) => entry.protocol === 'dns-udp')!.resolver).toEqual({ profile: 'glibc', timeoutMs: 5_000, attempts: 2 });
    expect(scenario.workload.find((entry) => entry.protocol === 'websocket')!.duration).toEqual({ kind: 'lognormal', medianMs: 600_000, sigma: 1 });
    expect(scenario.workload.find((entry) => entry.protocol === 'db')!.duration).toEqual({ kind: 'exponential', meanMs: 3_600_000 });
    expect(scenario.architectures).toHaveLength(6);
    expect(scenario.allowance).toEqual({ 'dns-udp': 0.001, 'http-short': 0.001, websocket: 0.01, db: 0.01, quic: 0.005 });
  });

  it('returns a fresh object each call', () => {
    expect(referenceScenario()).not.toBe(referenceScenario());
    expect(referenceScenario()).toEqual(referenceScenario());
  });
});

describe('the presets', () => {
  it('include reference, cdn, root-like, calibration and caida', () => {
    expect(presetFiles.sort()).toEqual(expect.arrayContaining(['caida.yaml', 'calibration.yaml', 'cdn.yaml', 'reference.yaml', 'root-like.yaml']));
  });

  it.each(presetFiles)('%s parses and starts with a comment sentence on what it represents', (file) => {
    const path = new URL(file, SCENARIOS_DIR);
    const text = readFileSync(path, 'utf8');
    expect(text).toMatch(/^# [A-Z].{20,}\.\n/);
    const scenario = loadScenarioFile(path.pathname, { env: { ANYSIM_CAIDA: '/data/as-rel2.txt' } });
    expect(scenario.name).toBe(file.replace(/\.yaml$/, ''));
  });

  it('size cdn and root-like as described', () => {
    const cdn = loadScenarioFile(new URL('cdn.yaml', SCENARIOS_DIR).pathname);
    expect(popNames(cdn).length).toBeGreaterThanOrEqual(20);
    expect(cdn.topology.kind === 'synthetic' && cdn.topology.ases).toBeGreaterThanOrEqual(10_000);
    const root = loadScenarioFile(new URL('root-like.yaml', SCENARIOS_DIR).pathname);
    expect(popNames(root).length).toBeGreaterThan(275);
    expect(root.workload.map((entry) => entry.protocol)).toEqual(['dns-udp']);
  });

  it('ddos compares absorb, withdraw and selective announcement of the attacked PoP', () => {
    const ddos = loadScenarioFile(new URL('ddos.yaml', SCENARIOS_DIR).pathname);
    expect(ddos.flaps.filter((flap) => flap.type === 'ddos')).toHaveLength(1);
    expect(ddos.responses?.map((plan) => [plan.name, plan.responses.map((r) => `${r.action.kind} ${r.pop}`)])).toEqual([
      ['absorb', []],
      ['withdraw', ['withdraw fra']],
      ['selective', ['announce-to fra']],
    ]);
  });

  it('calibration has client flips only', () => {
    const calibration = loadScenarioFile(new URL('calibration.yaml', SCENARIOS_DIR).pathname);
    expect(calibration.flaps.map((flap) => flap.type)).toEqual(['client-flips']);
  });

  it('caida takes its file from ANYSIM_CAIDA', () => {
    const caida = loadScenarioFile(new URL('caida.yaml', SCENARIOS_DIR).pathname, { env: { ANYSIM_CAIDA: 'x/20161201.as-rel2.txt.bz2' } });
    expect(caida.topology).toEqual({ kind: 'caida', file: 'x/20161201.as-rel2.txt.bz2' });
  });
});
