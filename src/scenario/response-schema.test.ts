import { describe, expect, it } from 'vitest';
import { parseScenarioText } from './load-scenario.js';
import { scenarioDigest } from './scenario-digest.js';
import { scenarioToYaml } from './scenario-file-writer.js';
import { scenarioErrorOf as errorOf } from '../../test/scenario-values.js';

const BASE = `name: respond
duration: 2h
topology: { synthetic: { ases: 200 } }
pops:
  sites:
    - { name: fra, upstreams: [100, 101], peers: [150] }
    - { name: iad, upstreams: [102] }
workload:
  - protocol: websocket
    arrivals: 2/s
    duration: { fixed: 10m }
`;

describe('responses in the scenario file', () => {
  it('parses named plans of actions into response specs in ms', () => {
    const scenario = parseScenarioText(`${BASE}responses:
  - plan: absorb
  - plan: selective
    actions:
      - { action: announce-to, pop: fra, neighbours: [101, 150], at: 20m }
      - { action: prepend, pop: iad, prepend: 3, at: 25m }
      - { action: withdraw, pop: iad, at: 30m }
      - { action: restore, pop: fra, at: 1h }
`);
    expect(scenario.responses).toEqual([
      { name: 'absorb', responses: [] },
      {
        name: 'selective',
        responses: [
          { pop: 'fra', atMs: 1_200_000, action: { kind: 'announce-to', neighbourAsns: [101, 150] } },
          { pop: 'iad', atMs: 1_500_000, action: { kind: 'prepend', prepend: 3 } },
          { pop: 'iad', atMs: 1_800_000, action: { kind: 'withdraw' } },
          { pop: 'fra', atMs: 3_600_000, action: { kind: 'restore' } },
        ],
      },
    ]);
  });

  it('reads a load trigger (armed from at, default 0) and an automatic restore, and writes them back', () => {
    const scenario = parseScenarioText(`${BASE}responses:
  - plan: t
    actions:
      - { action: withdraw, pop: fra, when: { loadAbove: 40Gbps, detectionDelay: 30s }, for: 1h }
      - { action: announce-to, pop: fra, neighbours: [100], at: 10m, when: { loadAbove: 5Mpps, detectionDelay: 0s } }
`);
    expect(scenario.responses![0]!.responses).toEqual([
      { pop: 'fra', atMs: 0, action: { kind: 'withdraw' }, trigger: { bitsPerS: 40e9, detectionDelayMs: 30_000 }, forMs: 3_600_000 },
      { pop: 'fra', atMs: 600_000, action: { kind: 'announce-to', neighbourAsns: [100] }, trigger: { packetsPerS: 5e6, detectionDelayMs: 0 } },
    ]);
    const again = parseScenarioText(scenarioToYaml(scenario));
    expect(again.responses).toEqual(scenario.responses);
  });

  it('asks for at or when', () => {
    const error = errorOf(() => parseScenarioText(`${BASE}responses:\n  - plan: p\n    actions: [{ action: withdraw, pop: fra }]\n`, 'w.yaml'));
    expect(error.message).toContain('w.yaml:14: responses[0].actions[0].at: required field is missing; give at (a time) or when (a load trigger)');
  });

  it('leaves the field out when there are none, so older scenarios keep their digest', () => {
    const scenario = parseScenarioText(BASE);
    expect(scenario.responses).toBeUndefined();
    expect(scenarioDigest(parseScenarioText(`${BASE}responses: []\n`))).toBe(scenarioDigest(scenario));
  });

  it('writes them back so that the file reads as the same scenario', () => {
    const scenario = parseScenarioText(`${BASE}responses:
  - plan: p
    actions:
      - { action: announce-to, pop: fra, neighbours: [100], at: 90s }
      - { action: restore, pop: fra, at: 2m }
`);
    const again = parseScenarioText(scenarioToYaml(scenario));
    expect(again.responses).toEqual(scenario.responses);
    expect(scenarioDigest(again)).toBe(scenarioDigest(scenario));
  });

  it('points a bad action, an unknown PoP, a foreign neighbour, a late time and a duplicate plan at their lines', () => {
    const text = `${BASE}responses:
  - plan: p
    actions:
      - { action: blackhole, pop: fra, at: 1m }
  - plan: q
    actions:
      - { action: withdraw, pop: ams, at: 1m }
      - { action: announce-to, pop: fra, neighbours: [102], at: 1m }
      - { action: restore, pop: fra, at: 3h }
  - plan: q
`;
    const shape = errorOf(() => parseScenarioText(text, 'r.yaml'));
    expect(shape.message).toContain('r.yaml:15: responses[0].actions[0].action: expected action to be one of "withdraw", "prepend", "announce-to", "restore"; got the string "blackhole"');
    const fixed = text.replace('blackhole', 'withdraw');
    const cross = errorOf(() => parseScenarioText(fixed, 'r.yaml'));
    expect(cross.message).toContain('r.yaml:18: responses[1].actions[0].pop: unknown PoP "ams"');
    expect(cross.message).toContain('r.yaml:19: responses[1].actions[1].neighbours[0]: AS102 is not an upstream or peer of PoP "fra"');
    expect(cross.message).toContain("r.yaml:20: responses[1].actions[2].at: 3h is not before the scenario's end (duration 2h)");
    expect(cross.message).toContain('r.yaml:21: responses[2].plan: plan name "q" is already used by responses[1]');
  });
});
