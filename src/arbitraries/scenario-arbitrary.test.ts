import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkScenarioConsistency, parseScenarioText, scenarioDigest, scenarioToYaml } from '../scenario/index.js';
import { arbitraryScenario } from './scenario-arbitrary.js';
import { scenarioSize } from './scenario-size.js';

describe('arbitraryScenario', () => {
  it('draws consistent scenarios within its bounds that a scenario file reproduces', () => {
    const options = { minAses: 120, maxAses: 150, minPops: 3, maxPops: 4, maxDurationMs: 120_000, maxFlaps: 6, protocols: ['db', 'quic'] as const };
    for (const scenario of fc.sample(arbitraryScenario({ ...options, protocols: [...options.protocols] }), { numRuns: 60, seed: 3 })) {
      const size = scenarioSize(scenario);
      expect(size.ases).toBeGreaterThanOrEqual(120);
      expect(size.ases).toBeLessThanOrEqual(150);
      expect(size.pops).toBeGreaterThanOrEqual(3);
      expect(size.pops).toBeLessThanOrEqual(4);
      expect(size.durationMs).toBeLessThanOrEqual(120_000);
      expect(size.flaps).toBeLessThanOrEqual(6);
      expect(scenario.workload.every((w) => w.protocol === 'db' || w.protocol === 'quic')).toBe(true);
      expect(checkScenarioConsistency(scenario)).toEqual([]);
      expect(scenarioDigest(parseScenarioText(scenarioToYaml(scenario), 'drawn.yaml', { env: {} }))).toBe(scenarioDigest(scenario));
    }
  });

  it('shrinks a failing scenario to the smallest it can draw', () => {
    const details = fc.check(fc.property(arbitraryScenario(), (scenario) => scenario.durationMs < 0), { seed: 11, numRuns: 1 });
    const smallest = details.counterexample![0];
    expect(scenarioSize(smallest)).toEqual({ ases: 100, pops: 2, flaps: 0, durationMs: 60_000 });
    expect(smallest.workload).toHaveLength(1);
    expect(smallest.workload[0]!.arrivalsPerS).toBe(0.1);
    expect(smallest.workload[0]!.duration).toEqual({ kind: 'fixed', valueMs: 1_000 });
  });

  it('is the same for the same seed', () => {
    const a = fc.sample(arbitraryScenario(), { numRuns: 5, seed: 8 }).map(scenarioDigest);
    const b = fc.sample(arbitraryScenario(), { numRuns: 5, seed: 8 }).map(scenarioDigest);
    expect(a).toEqual(b);
  });

  it('refuses bounds it cannot honour, naming them', () => {
    expect(() => arbitraryScenario({ minAses: 50 })).toThrow(/ASes must satisfy 100 <= min/);
    expect(() => arbitraryScenario({ maxAses: 6_000 })).toThrow(/5000/);
    expect(() => arbitraryScenario({ minDurationMs: 5_000 })).toThrow(/duration/);
    expect(() => arbitraryScenario({ flapTypes: [] })).toThrow(/maxFlaps: 0/);
  });
});
