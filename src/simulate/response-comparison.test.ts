import { describe, expect, it } from 'vitest';
import { parseScenarioText, ScenarioError } from '../scenario/index.js';
import { simulate } from './simulate.js';

const BASE = `
name: plans
seed: 4
replications: 2
duration: 30m
topology: { synthetic: { ases: 200 } }
pops: { count: 3 }
workload:
  - protocol: websocket
    arrivals: 4/s
    duration: { lognormal: { median: 10m, sigma: 1 } }
architectures: [edge, unicast-dns]
`;

const PLANS = `responses:
  - plan: absorb
  - plan: withdraw
    actions:
      - { action: withdraw, pop: pop-0, at: 5m }
      - { action: restore, pop: pop-0, at: 15m }
`;

describe('response plans compared on one history', () => {
  it('runs each plan on the same draws: the first plan alone gives the same result; a withdrawal breaks sessions that absorbing does not', async () => {
    const both = await simulate(parseScenarioText(BASE + PLANS), { workers: 1 });
    const firstAlone = await simulate(parseScenarioText(`${BASE}responses:\n  - plan: absorb\n`), { workers: 1 });
    expect(both.results).toEqual(firstAlone.results);
    expect(both.replicates).toEqual(firstAlone.replicates);

    const comparison = both.responsePlans!;
    expect(comparison.plans.map((p) => [p.plan, p.responses])).toEqual([
      ['absorb', 0],
      ['withdraw', 2],
    ]);
    const edge = (plan: number) => comparison.plans[plan]!.pairs.find((x) => x.protocol === 'websocket' && x.architecture === 'edge')!;
    // Absorbing causes nothing; its paired difference with itself is exactly 0.
    expect(edge(0).brokenByResponses).toBe(0);
    // No capacity, no attack: nothing breaks by overload under any plan.
    expect(comparison.plans.flatMap((p) => p.pairs.map((x) => x.overloadFraction.estimate))).toEqual(comparison.plans.flatMap((p) => p.pairs.map(() => 0)));
    expect(edge(0).versusFirstPlan).toEqual({ estimate: 0, low: 0, high: 0 });
    // Withdrawing a PoP moves its websocket sessions: breaks blamed on the responses, and more breaks in all.
    expect(edge(1).brokenByResponses).toBeGreaterThan(0);
    expect(edge(1).versusFirstPlan.estimate).toBeGreaterThan(0);
    // unicast-dns pins sessions to a PoP's own prefix, which a withdrawal of the anycast prefix leaves announced.
    const unicast = comparison.plans[1]!.pairs.find((x) => x.architecture === 'unicast-dns')!;
    expect(unicast.brokenByResponses).toBe(0);
    // Response-induced breaks get an interval over replications, like every fraction.
    expect(edge(0).byResponsesFraction).toEqual({ estimate: 0, low: 0, high: 0 });
    expect(edge(1).byResponsesFraction.estimate).toBeGreaterThan(0);
    // Each replication's count is its own: they add up to the pooled count of the plan's run.
    const withdrawAlone = await simulate(parseScenarioText(BASE + PLANS.replace(/  - plan: absorb\n/, '')), { workers: 1 });
    const perReplication = withdrawAlone.replicates.map((r) => r.results.find((x) => x.protocol === 'websocket' && x.architecture === 'edge')!.brokenByResponses!);
    expect(perReplication.reduce((a, b) => a + b, 0)).toBe(edge(1).brokenByResponses);
    const verdict = comparison.verdicts.find((v) => v.protocol === 'websocket' && v.architecture === 'edge')!;
    expect(verdict.fewestBreaks).toBe('absorb');
    expect(verdict.runnerUp).toBe('withdraw');
    // The convergence of the withdraw plan's run lists its responses as routing events.
    expect(comparison.plans[1]!.convergence.events.map((e) => e.description)).toEqual(['withdraw pop-0', 'pop-0 restored']);
    // The whole scenario (both plans) is what the result names.
    expect(both.scenario.responses).toHaveLength(2);
  });

  it('names the plan and the action when a placed PoP lacks the neighbour a response names', async () => {
    const text = `${BASE}responses:\n  - plan: a\n  - plan: b\n    actions: [{ action: announce-to, pop: pop-0, neighbours: [1], at: 1m }]\n`;
    const run = simulate(parseScenarioText(text, 'p.yaml'), { workers: 1 });
    await expect(run).rejects.toBeInstanceOf(ScenarioError);
    await expect(run).rejects.toThrow(/responses: plan "b", actions\[0\]\.neighbours: AS1 is not an upstream or peer of PoP "pop-0"/);
  });
});
