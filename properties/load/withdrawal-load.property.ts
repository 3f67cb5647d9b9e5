/**
 * Issue 16 item 5, first property: withdrawing a PoP never lowers the load of the PoPs that remain
 * (attack plus legitimate) at the new steady state. Offered load per PoP is the sum over the ASes
 * whose packets land there of what each AS sends (its legitimate load plus, for an attack source,
 * its attack volume): traffic follows each source AS's route (issue 16 item 2), so the claim is
 * about routes: after the withdrawal and BGP's convergence (event-driven, run to quiescence), no
 * AS that was routed to a remaining PoP is routed elsewhere. The same holds for the other
 * responses that only take announcements away: announcing the PoP to a subset of its upstreams
 * (selective announcement) never lowers the load of the other PoPs either.
 *
 * Why it should hold under Gao-Rexford policy: taking an origin's announcement away only removes
 * routes; an AS whose best route led to another PoP keeps it, since every AS on that route keeps
 * its own (induction from the PoP outward), and the routes that appear elsewhere are ones their
 * holders liked less than the route they lost, so they win nowhere they did not win before.
 * fast-check looks for a counterexample over random valley-free graphs, footprints and loads.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryTopology } from '../../src/arbitraries/index.js';
import { BgpSimulation } from '../../src/routing/index.js';
import { Clock, RandomStreams } from '../../src/sim/index.js';
import type { AnycastDeployment, AsGraph } from '../../src/topology/index.js';

const NUM_RUNS = Number(process.env.ANYSIM_PROPERTY_RUNS ?? 150);
const SEED = 16_005;

interface Case {
  readonly graph: AsGraph;
  readonly deployment: AnycastDeployment;
  /** Per AS index: legitimate load plus attack volume (any unit: packets/s). */
  readonly loadOfAs: readonly number[];
  /** The PoP the response acts on. */
  readonly site: number;
  /** For selective announcement: how many of its upstreams the PoP keeps (at least 1). */
  readonly keep: number;
}

/** A graph, 2-4 PoPs each on 1-2 distinct upstream ASes, per-AS legitimate load and a few attack sources. */
const arbitraryCase: fc.Arbitrary<Case> = arbitraryTopology({ maxAses: 30 }).chain((graph) =>
  fc
    .record({
      sites: fc.array(fc.uniqueArray(fc.nat({ max: graph.asCount - 1 }), { minLength: 1, maxLength: 2 }), { minLength: 2, maxLength: 4 }),
      legitimate: fc.array(fc.nat({ max: 1_000 }), { minLength: graph.asCount, maxLength: graph.asCount }),
      attackSources: fc.uniqueArray(fc.nat({ max: graph.asCount - 1 }), { maxLength: 4 }),
      attackVolume: fc.integer({ min: 1, max: 1_000_000 }),
      site: fc.nat(),
      keep: fc.nat(),
    })
    .map(({ sites, legitimate, attackSources, attackVolume, site, keep }) => {
      const loadOfAs = legitimate.map((load, a) => load + (attackSources.includes(a) ? attackVolume : 0));
      const deployment: AnycastDeployment = {
        operatorAsn: 4_200_000_000,
        sites: sites.map((upstreams, s) => ({ name: `pop${s}`, upstreams: upstreams.map((i) => graph.asnAt(i)), peers: [] })),
      };
      const chosen = site % sites.length;
      return { graph, deployment, loadOfAs, site: chosen, keep: 1 + (keep % sites[chosen]!.length) };
    }),
);

/** Offered load per PoP now: the sum of the load of the ASes whose packets land there. */
function popLoads(simulation: BgpSimulation, c: Case): number[] {
  const loads = c.deployment.sites.map(() => 0);
  for (let a = 0; a < c.graph.asCount; a++) {
    const site = simulation.servingSite(a);
    if (site >= 0) loads[site]! += c.loadOfAs[a]!;
  }
  return loads;
}

/** Loads before, and at the new steady state after `respond` (BGP run to quiescence). */
function loadsAround(c: Case, respond: (simulation: BgpSimulation) => void): { before: number[]; after: number[]; steady: boolean } {
  const clock = new Clock();
  const simulation = new BgpSimulation(clock, c.graph, c.deployment, {}, new RandomStreams(`withdrawal-load/${c.site}`));
  const before = popLoads(simulation, c);
  respond(simulation);
  clock.run();
  return { before, after: popLoads(simulation, c), steady: simulation.matchesSteadyState() };
}

const others = (c: Case): number[] => c.deployment.sites.map((_, s) => s).filter((s) => s !== c.site);

describe('responses and load at the new steady state (issue 16 item 5)', () => {
  it('withdrawing a PoP never lowers the load of the PoPs that remain', () => {
    fc.assert(
      fc.property(arbitraryCase, (c) => {
        const { before, after, steady } = loadsAround(c, (simulation) => simulation.withdrawSite(c.site));
        expect(steady).toBe(true);
        expect(after[c.site]).toBe(0);
        for (const s of others(c)) expect(after[s]).toBeGreaterThanOrEqual(before[s]!);
      }),
      { numRuns: NUM_RUNS, seed: SEED },
    );
  });

  it('announcing a PoP to a subset of its upstreams never lowers the load of the other PoPs', () => {
    fc.assert(
      fc.property(arbitraryCase, (c) => {
        const kept = c.deployment.sites[c.site]!.upstreams.slice(0, c.keep);
        const { before, after, steady } = loadsAround(c, (simulation) => simulation.setSiteAnnouncedNeighbours(c.site, kept));
        expect(steady).toBe(true);
        for (const s of others(c)) expect(after[s]).toBeGreaterThanOrEqual(before[s]!);
      }),
      { numRuns: NUM_RUNS, seed: SEED + 1 },
    );
  });

  it('the claim is not empty: a withdrawal moves load onto the remaining PoPs in most cases', () => {
    let moved = 0;
    fc.assert(
      fc.property(arbitraryCase, (c) => {
        const { before, after } = loadsAround(c, (simulation) => simulation.withdrawSite(c.site));
        if (others(c).some((s) => after[s]! > before[s]!)) moved++;
      }),
      { numRuns: 60, seed: SEED + 2 },
    );
    expect(moved).toBeGreaterThan(20);
  });
});
