/**
 * Coverage of the replication intervals against a truth known in closed form (issue 13, item 1;
 * issue 7, item 4). With client flips at rate λ per client (every client unstable, no other flap)
 * and http-short sessions of fixed length d — http-short sends continuously, so a flip during
 * the session is always seen and, under `edge`, always breaks it — a session breaks iff a flip
 * falls in the part of its life inside the run [0, T] (flips happen only there). The run counts
 * sessions open at the start (arrived in [-d, 0)) and cuts sessions open at the end (censored
 * unless they broke); its broken fraction is broken / (sessions of known fate). With
 * q = e^(-λd) and B = ∫_0^d (1 - e^(-λu)) du = d - (1 - q)/λ, per unit of arrival rate:
 *
 *     E[broken]       = (T - d)(1 - q) + 2B     (whole sessions, plus those cut at either end)
 *     E[known fate]   = T + B                    (all that ended in the run, plus the broken cut ones)
 *     P = [(T - d)(1 - q) + 2B] / (T + B)       (d <= T)
 *
 * which tends to 1 - e^(-λd) as d/T -> 0. Sessions of one client that overlap share its flips,
 * so breaks cluster (small graphs make it worse): the binomial Wilson interval this suite checked
 * before needed sparse clients to hold. The replication t-interval must hold whatever the
 * clustering: over the generated scenarios, the nominal 95 % interval must cover P in 90-99 % of
 * them (with fewer runs, as in `npm test`: misses within the binomial(runs, 5 %) bound, mean +
 * 3 sd + 1). `ANYSIM_PROPERTY_RUNS=200` (or `npm run properties:deep`) runs the 200-scenario check.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BgpSimulation } from '../../src/routing/index.js';
import { parseScenarioValue } from '../../src/scenario/index.js';
import { Clock, RandomStreams } from '../../src/sim/index.js';
import { prepareRun, simulate, type PreparedRun } from '../../src/simulate/index.js';

const NUM_RUNS = Number(process.env.ANYSIM_PROPERTY_RUNS ?? 12);
const SEED = 2_017;
const HORIZON_MS = 3_600_000;
const REPLICATIONS = 5;

/** The closed form above, for rate λ per ms, length d and horizon T in ms (d <= T). */
export function expectedBreakFraction(ratePerMs: number, durationMs: number, horizonMs: number): number {
  const q = Math.exp(-ratePerMs * durationMs);
  const b = durationMs - (1 - q) / ratePerMs;
  return ((horizonMs - durationMs) * (1 - q) + 2 * b) / (horizonMs + b);
}

/** Share of a run's clients that some AS on their path can flip to another site (steady state). */
export function shareWithFlipAlternative(run: PreparedRun): number {
  const bgp = new BgpSimulation(new Clock(), run.world.graph, run.world.deployment, {}, new RandomStreams(1));
  const clients = run.population.asIndexes;
  return clients.filter((asIndex) => bgp.alternativeSite(asIndex, () => true) !== null).length / clients.length;
}

describe('client flips: replication intervals cover the closed form (calibration)', () => {
  it('the nominal 95 % interval of http-short under edge covers P in 90-99 % of scenarios', async () => {
    let runs = 0;
    let covered = 0;
    const misses: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 10, max: 600 }),
        fc.integer({ min: 100, max: 300 }),
        fc.nat(),
        async (flipsPerHour, durationS, ases, seed) => {
          const scenario = parseScenarioValue({
            name: 'flip-calibration',
            seed,
            replications: REPLICATIONS,
            duration: `${HORIZON_MS}ms`,
            topology: { synthetic: { ases } },
            pops: { count: 4 },
            flaps: [{ type: 'client-flips', rate: `${flipsPerHour}/h`, unstableFraction: 1 }],
            workload: [{ protocol: 'http-short', arrivals: '1/s', duration: { fixed: `${durationS}s` } }],
            architectures: ['edge'],
            // Synthetic ASNs are drawn from 1..399,999 and may include the default 64500.
            routing: { operatorAsn: 4_200_000_000 },
          });
          const result = await simulate(scenario, { workers: 1 });
          const edge = result.results[0]!;
          let share = 0;
          for (let r = 0; r < REPLICATIONS; r++) share += shareWithFlipAlternative(prepareRun(scenario, undefined, r)) / REPLICATIONS;
          const expected = share * expectedBreakFraction(flipsPerHour / 3_600_000, durationS * 1_000, HORIZON_MS);
          expect(edge.brokenByCause['pop-shift']).toBe(edge.broken);
          runs++;
          if (edge.brokenFraction.low <= expected && expected <= edge.brokenFraction.high) covered++;
          else misses.push(`λ = ${flipsPerHour}/h, d = ${durationS} s, ${ases} ASes, seed ${seed}: P = ${expected.toFixed(5)}, [${edge.brokenFraction.low.toFixed(5)}, ${edge.brokenFraction.high.toFixed(5)}]`);
        },
      ),
      { numRuns: NUM_RUNS, seed: SEED },
    );
    const coverage = covered / runs;
    console.log(`client-flips coverage: ${covered} of ${runs} nominal 95 % intervals hold the closed form (${(100 * coverage).toFixed(1)} %)`);
    if (runs >= 100) {
      expect(coverage, misses.join('\n')).toBeGreaterThanOrEqual(0.9);
      expect(coverage).toBeLessThanOrEqual(0.99);
    } else {
      expect(runs - covered, misses.join('\n')).toBeLessThanOrEqual(0.05 * runs + 3 * Math.sqrt(runs * 0.05 * 0.95) + 1);
    }
  });

  it('the closed form tends to 1 - e^(-λd) for short sessions and is 0 without flips', () => {
    expect(expectedBreakFraction(1e-9, 1_000, HORIZON_MS)).toBeCloseTo(1 - Math.exp(-1e-6), 9);
    const ratePerMs = 1 / 3_600_000;
    expect(Math.abs(expectedBreakFraction(ratePerMs, 60_000, 1e12) - (1 - Math.exp(-ratePerMs * 60_000)))).toBeLessThan(1e-6);
  });
});
