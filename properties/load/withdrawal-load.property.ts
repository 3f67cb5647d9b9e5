/**
 * Issue 16 item 5, first property: "withdrawing a PoP never lowers the load of the PoPs that
 * remain (attack plus legitimate) at the new steady state". Offered load per PoP is the sum over
 * the ASes whose packets land there of what each AS sends (its legitimate load plus, for an attack
 * source, its attack volume): traffic follows each source AS's route (issue 16 item 2), so the
 * claim is about routes after the withdrawal and BGP's convergence (event-driven, run to
 * quiescence).
 *
 * As stated, PoP by PoP, the claim is false under Gao-Rexford policy, and fast-check found why
 * (the first test keeps the case): an AS that preferred a long customer route to the withdrawn PoP
 * over a short peer route to PoP B falls back to the short one and exports it to its customers;
 * one of them, which had a route to PoP C, now hears a route to B as short as its route to C and
 * the tie-break (lowest neighbour ASN, RFC 4271 §9.1.2.2 as the project models it) moves it to B.
 * C loses that AS's load though C itself changed nothing. (Any route that gets shorter can do
 * this, ties are not needed; the preference of class over length is what lets a withdrawal make
 * routes shorter.)
 *
 * What does hold, and is checked here over random valley-free graphs, footprints and loads: the
 * PoPs that remain never lose load together (an AS that reached a remaining PoP still reaches one:
 * reachability in a Gao-Rexford steady state is valley-free reachability, which a withdrawal of
 * another PoP leaves alone), and the same for a selective announcement (the PoP announced to a
 * subset of its upstreams).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryTopology } from '../../src/arbitraries/index.js';
import { BgpSimulation } from '../../src/routing/index.js';
import { Clock, RandomStreams } from '../../src/sim/index.js';
import { type AnycastDeployment, AsGraph } from '../../src/topology/index.js';

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

/** The case fast-check found: withdrawing pop0 takes AS139's load away from pop2 (see the header). */
function counterexample(): Case {
  const asns = [28, 65, 102, 139, 176, 213, 250, 287, 324, 361, 398, 435, 472, 509, 546, 583, 620, 926, 963, 1000];
  const offsets = [0, 4, 11, 18, 22, 28, 32, 38, 42, 47, 51, 54, 57, 63, 68, 72, 73, 77, 82, 89, 96];
  const neighbours = [
    2, 9, 10, 18, 6, 7, 8, 9, 13, 17, 19, 0, 4, 5, 6, 9, 12, 16, 6, 13, 18, 19, 2, 6, 12, 16, 17, 18, 2, 7, 9, 13, 1, 2, 3, 4, 13, 19, 1, 5, 8, 14, 1,
    7, 12, 15, 16, 0, 1, 2, 5, 0, 11, 17, 10, 12, 18, 2, 4, 8, 11, 14, 16, 1, 3, 5, 6, 19, 7, 12, 18, 19, 8, 2, 4, 8, 12, 1, 4, 10, 18, 19, 0, 3, 4,
    11, 14, 17, 19, 1, 3, 6, 13, 14, 17, 18,
  ];
  const relationships = [
    0, 0, 0, 2, 0, 0, 0, 1, 0, 2, 2, 2, 1, 0, 1, 0, 1, 0, 0, 1, 2, 2, 1, 1, 1, 1, 2, 2, 2, 0, 1, 1, 2, 1, 2, 1, 0, 2, 2, 2, 1, 1, 2, 1, 1, 0, 1, 2, 1,
    2, 1, 2, 0, 2, 2, 0, 2, 1, 1, 1, 2, 0, 0, 2, 1, 1, 2, 1, 1, 2, 2, 2, 2, 2, 1, 1, 2, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0, 1, 1,
  ];
  const graph = new AsGraph(Uint32Array.from(asns), Uint32Array.from(offsets), Uint32Array.from(neighbours), Uint8Array.from(relationships));
  const deployment: AnycastDeployment = {
    operatorAsn: 4_200_000_000,
    sites: [
      { name: 'pop0', upstreams: [213], peers: [] },
      { name: 'pop1', upstreams: [926], peers: [] },
      { name: 'pop2', upstreams: [65], peers: [] },
    ],
  };
  return { graph, deployment, loadOfAs: asns.map((asn) => (asn === 139 ? 687 : 0)), site: 0, keep: 1 };
}

const sum = (values: readonly number[], sites: readonly number[]): number => sites.reduce((total, s) => total + values[s]!, 0);

describe('responses and load at the new steady state (issue 16 item 5)', () => {
  it('PoP by PoP the claim fails: a withdrawal can shorten routes elsewhere and move load between remaining PoPs', () => {
    const c = counterexample();
    const { before, after, steady } = loadsAround(c, (simulation) => simulation.withdrawSite(0));
    expect(steady).toBe(true);
    expect(before).toEqual([0, 0, 687]);
    expect(after).toEqual([0, 687, 0]);
  });

  it('withdrawing a PoP never lowers the load of the PoPs that remain, taken together', () => {
    fc.assert(
      fc.property(arbitraryCase, (c) => {
        const { before, after, steady } = loadsAround(c, (simulation) => simulation.withdrawSite(c.site));
        expect(steady).toBe(true);
        expect(after[c.site]).toBe(0);
        expect(sum(after, others(c))).toBeGreaterThanOrEqual(sum(before, others(c)));
      }),
      { numRuns: NUM_RUNS, seed: SEED },
    );
  });

  it('announcing a PoP to a subset of its upstreams never lowers the load of the other PoPs, taken together', () => {
    fc.assert(
      fc.property(arbitraryCase, (c) => {
        const kept = c.deployment.sites[c.site]!.upstreams.slice(0, c.keep);
        const { before, after, steady } = loadsAround(c, (simulation) => simulation.setSiteAnnouncedNeighbours(c.site, kept));
        expect(steady).toBe(true);
        expect(sum(after, others(c))).toBeGreaterThanOrEqual(sum(before, others(c)));
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
