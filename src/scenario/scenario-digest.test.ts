import { describe, expect, it } from 'vitest';
import { parseScenarioText } from './load-scenario.js';
import { canonicalScenarioJson, scenarioDigest } from './scenario-digest.js';

const BASE = `name: digest
duration: 1h
topology: { synthetic: { ases: 200 } }
pops: { count: 3 }
workload:
  - { protocol: db, arrivals: 1/s, duration: { fixed: 1s } }
`;

describe('scenarioDigest', () => {
  it('is 16 hex characters', () => {
    expect(scenarioDigest(parseScenarioText(BASE))).toMatch(/^[0-9a-f]{16}$/);
  });

  it('ignores layout, units, comments, key order and defaults written out', () => {
    const reordered = `# a comment
pops: { count: 3 }
workload:
  - { duration: { fixed: 1000ms }, arrivals: 60/m, protocol: db }
topology: { synthetic: { ases: 200 } }
duration: 60m
name: digest
seed: "1"
routing: { mrai: 30s }
`;
    expect(scenarioDigest(parseScenarioText(reordered))).toBe(scenarioDigest(parseScenarioText(BASE)));
  });

  it('changes with anything that can change results', () => {
    const base = scenarioDigest(parseScenarioText(BASE));
    for (const variant of [`${BASE}seed: 2\n`, BASE.replace('1h', '2h'), `${BASE}routing: { wrate: true }\n`, BASE.replace('1/s', '2/s')]) {
      expect(scenarioDigest(parseScenarioText(variant))).not.toBe(base);
    }
  });

  it('sorts keys at every level', () => {
    const json = canonicalScenarioJson(parseScenarioText(BASE));
    expect(json.indexOf('"architectures"')).toBeLessThan(json.indexOf('"clients"'));
    expect(json).toContain('"routing":{"damping":false,"holdTimeMs":90000');
  });
});
