/**
 * End to end through simulate() on random small scenarios (src/arbitraries):
 *
 * - the results are consistent: every architecture judged the same sessions of a protocol (common
 *   random numbers), causes add up to the broken count, intervals hold their estimate, dns-udp's
 *   attempts add up;
 * - the scenario written as a file (scenarioToYaml) reads back to the same digest and runs to the
 *   same results: the file `checkScenarioProperty` writes reproduces the run;
 * - dns-udp under every architecture: no break without packet loss (scenarios whose flaps are only
 *   client flips and server churn);
 * - global-hash breaks no more sessions than edge when no server churns and no site dies.
 *
 * Each property classifies what it generated (flap types, lossless or not) and what it found, and
 * asserts that the run covered both quiet and eventful scenarios.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryScenario, classifyScenario, type ArbitraryFlapType } from '../../src/arbitraries/index.js';
import { parseScenarioText, scenarioDigest, scenarioToYaml, type Scenario } from '../../src/scenario/index.js';
import { simulate, type SimulationResult } from '../../src/simulate/index.js';

const NUM_RUNS = Number(process.env.ANYSIM_PROPERTY_RUNS ?? 40);
const SEED = 20_261_125;
const params = { numRuns: NUM_RUNS, seed: SEED };
const ASSERT_COVERAGE = NUM_RUNS >= 20;
const ROUNDING = 1e-12;

/** Flap types that neither churn servers nor kill a site. */
const NO_CHURN_NO_DEATH: readonly ArbitraryFlapType[] = ['client-flips', 'pop-withdraw', 'policy-shift', 'maintenance-drain', 'link-flaps'];

function count(labels: Map<string, number>, scenario: Scenario): void {
  for (const label of classifyScenario(scenario)) labels.set(label, (labels.get(label) ?? 0) + 1);
}

function brokenOf(result: SimulationResult, protocol: string, architecture: string): number {
  const entry = result.results.find((r) => r.protocol === protocol && r.architecture === architecture);
  if (entry === undefined) throw new Error(`no result for ${protocol} under ${architecture}`);
  return entry.broken;
}

describe('simulate on random scenarios (properties)', () => {
  it('gives consistent results, and the written scenario file reproduces them', async () => {
    const labels = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(arbitraryScenario(), async (scenario) => {
        count(labels, scenario);
        const result = await simulate(scenario);
        expect(result.scenarioDigest).toBe(scenarioDigest(scenario));
        for (const protocol of result.protocols) {
          const entries = result.results.filter((r) => r.protocol === protocol);
          expect(new Set(entries.map((r) => r.sessions)).size, `${protocol}: sessions per architecture`).toBe(1);
        }
        for (const r of result.results) {
          const what = `${r.protocol} under ${r.architecture}`;
          expect(r.broken, what).toBeLessThanOrEqual(r.sessions);
          expect(Object.values(r.brokenByCause).reduce((a, b) => a + b, 0), what).toBe(r.broken);
          const { low, estimate, high } = r.brokenFraction;
          // Rounding: wilsonInterval(0, 3) has low = 5.6e-17 (centre - half in floating point).
          expect(0 <= low && low <= estimate + ROUNDING && estimate <= high + ROUNDING && high <= 1, what).toBe(true);
          if (r.answeredByAttempt !== undefined) {
            expect(r.answeredByAttempt.reduce((a, b) => a + b, 0) + (r.failed ?? 0), what).toBe(r.sessions);
            expect(r.failed, what).toBe(r.broken);
          }
        }
        const reread = parseScenarioText(scenarioToYaml(scenario), 'written.yaml', { env: {} });
        expect(scenarioDigest(reread)).toBe(scenarioDigest(scenario));
        expect(await simulate(reread)).toEqual(result);
      }),
      params,
    );
    if (ASSERT_COVERAGE) {
      expect(labels.get('flaps:none') ?? 0).toBeGreaterThan(0);
      expect(labels.get('may-drop') ?? 0).toBeGreaterThan(0);
    }
  });

  it('dns-udp under every architecture: no break without packet loss', async () => {
    let queries = 0;
    let withFlips = 0;
    await fc.assert(
      fc.asyncProperty(arbitraryScenario({ flapTypes: ['client-flips', 'server-churn'], protocols: ['dns-udp', 'websocket'] }), async (scenario) => {
        const result = await simulate(scenario);
        if (scenario.flaps.some((f) => f.type === 'client-flips')) withFlips++;
        for (const r of result.results.filter((x) => x.protocol === 'dns-udp')) {
          queries += r.sessions;
          expect(r.broken, `dns-udp under ${r.architecture}`).toBe(0);
          expect(r.answeredByAttempt?.slice(1).reduce((a, b) => a + b, 0), `dns-udp under ${r.architecture}: retries`).toBe(0);
        }
      }),
      params,
    );
    if (ASSERT_COVERAGE) {
      expect(queries).toBeGreaterThan(0);
      expect(withFlips).toBeGreaterThan(0);
    }
  });

  it('global-hash breaks no more sessions than edge when no server churns and no site dies', async () => {
    let edgeWorse = 0;
    await fc.assert(
      fc.asyncProperty(arbitraryScenario({ flapTypes: NO_CHURN_NO_DEATH, architectures: ['edge', 'global-hash'] }), async (scenario) => {
        const result = await simulate(scenario);
        for (const protocol of result.protocols) {
          const edge = brokenOf(result, protocol, 'edge');
          const globalHash = brokenOf(result, protocol, 'global-hash');
          expect(globalHash, protocol).toBeLessThanOrEqual(edge);
          if (edge > globalHash) edgeWorse++;
        }
      }),
      params,
    );
    if (ASSERT_COVERAGE) expect(edgeWorse).toBeGreaterThan(0);
  });
});
