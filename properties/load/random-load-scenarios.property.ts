/**
 * End to end through simulate() on random small scenarios that also draw the load parts
 * (`arbitraryScenario({ load: true })`: PoP capacities, a ddos attack, operator response plans):
 *
 * - the results hold together: causes add up to the broken count, and nothing breaks by
 *   `overload` in a scenario without capacities (unlimited PoPs drop nothing, docs/load.md);
 * - an attack is reported (its flap, its volume), and several plans are compared, one row each;
 * - the scenario written as a file (scenarioToYaml: capacity, the ddos flap and the responses
 *   with units) reads back to the same digest and runs to the same results.
 *
 * The suite asserts that its runs covered capacities, attacks, plans and at least one overload.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryScenario, classifyScenario } from '../../src/arbitraries/index.js';
import { parseScenarioText, scenarioDigest, scenarioToYaml } from '../../src/scenario/index.js';
import { simulate } from '../../src/simulate/index.js';

/** Each run is a whole simulate() (one per response plan, and again from the written file). */
const NUM_RUNS = Math.max(6, Math.floor(Number(process.env.ANYSIM_PROPERTY_RUNS ?? 40) / 3));
const SEED = 20_261_130;
const ASSERT_COVERAGE = NUM_RUNS >= 6;

describe('simulate on random scenarios with capacities, attacks and response plans (properties)', () => {
  it('gives consistent results, no overload without capacities, and the written file reproduces them', async () => {
    const labels = new Map<string, number>();
    let overloaded = 0;
    await fc.assert(
      fc.asyncProperty(arbitraryScenario({ load: true, maxFlaps: 2, maxPops: 4, maxDurationMs: 300_000 }), async (scenario) => {
        for (const label of classifyScenario(scenario)) labels.set(label, (labels.get(label) ?? 0) + 1);
        const result = await simulate(scenario);
        for (const r of result.results) {
          const what = `${r.protocol} under ${r.architecture}`;
          expect(Object.values(r.brokenByCause).reduce((a, b) => a + b, 0), what).toBe(r.broken);
          if (scenario.capacity === undefined) expect(r.brokenByCause.overload, what).toBe(0);
          if (r.brokenByCause.overload > 0) overloaded++;
        }
        const attacks = scenario.flaps.flatMap((flap, i) => (flap.type === 'ddos' ? [{ i, bitsPerS: flap.bitsPerS }] : []));
        expect((result.attacks ?? []).map((a) => ({ i: a.flapIndex, bitsPerS: a.bitsPerS }))).toEqual(attacks);
        const plans = scenario.responses ?? [];
        if (plans.length > 1) expect(result.responsePlans?.plans.length).toBe(plans.length);
        else expect(result.responsePlans).toBeUndefined();
        const reread = parseScenarioText(scenarioToYaml(scenario), 'written.yaml', { env: {} });
        expect(scenarioDigest(reread)).toBe(scenarioDigest(scenario));
        expect(await simulate(reread)).toEqual(result);
      }),
      { numRuns: NUM_RUNS, seed: SEED },
    );
    if (ASSERT_COVERAGE) {
      expect(labels.get('capacity') ?? 0).toBeGreaterThan(0);
      expect(labels.get('flap:ddos') ?? 0).toBeGreaterThan(0);
      expect(labels.get('responses') ?? 0).toBeGreaterThan(0);
      expect(overloaded).toBeGreaterThan(0);
    }
  });
});
