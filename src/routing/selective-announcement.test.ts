import { describe, expect, it } from 'vitest';
import { Clock, RandomStreams } from '../sim/index.js';
import { type AnycastDeployment, generateSyntheticTopology } from '../topology/index.js';
import { BgpSimulation } from './bgp-simulation.js';
import { catchmentMap } from './catchment.js';

const graph = generateSyntheticTopology({ ases: 300 }, new RandomStreams(21).stream('topology'));

/** pop0 dual-homed to two stubs' providers far apart; three single-homed sites elsewhere. */
const upstreamA = graph.asnAt(graph.asCount - 11);
const upstreamB = graph.asnAt(graph.asCount - 131);
const deployment: AnycastDeployment = {
  operatorAsn: 4_200_000_000,
  sites: [
    { name: 'pop0', upstreams: [upstreamA, upstreamB], peers: [] },
    ...[90, 170, 250].map((i, s) => ({ name: `pop${s + 1}`, upstreams: [graph.asnAt(graph.asCount - 1 - i)], peers: [] })),
  ],
};

function run() {
  const clock = new Clock();
  const simulation = new BgpSimulation(clock, graph, deployment, {}, new RandomStreams(5));
  return { clock, simulation };
}

describe('BgpSimulation: selective announcement and restore (operator responses)', () => {
  it('announcing to one upstream withdraws the route from the other, and converges to the filtered steady state', () => {
    const { clock, simulation } = run();
    const b = graph.indexOf(upstreamB);
    expect(simulation.bestRoute(b)).toEqual([upstreamB, deployment.operatorAsn]);
    simulation.setSiteAnnouncedNeighbours(0, [upstreamA]);
    clock.run();
    expect(simulation.matchesSteadyState()).toBe(true);
    // B no longer hears pop0 directly: any route it has now is longer than the direct one.
    const route = simulation.bestRoute(b);
    expect(route === null || route.length > 2).toBe(true);
    // A still does.
    expect(simulation.bestRoute(graph.indexOf(upstreamA))).toEqual([upstreamA, deployment.operatorAsn]);
  });

  it('announcing to every neighbour again (null) gives back the catchment it started with', () => {
    const { clock, simulation } = run();
    const before = catchmentMap(simulation.currentCatchment());
    simulation.setSiteAnnouncedNeighbours(0, [upstreamB]);
    clock.run();
    expect(catchmentMap(simulation.currentCatchment())).not.toEqual(before);
    simulation.setSiteAnnouncedNeighbours(0, null);
    clock.run();
    expect(catchmentMap(simulation.currentCatchment())).toEqual(before);
  });

  it('restore undoes a withdrawal, a prepend and a selective announcement in one step', () => {
    const { clock, simulation } = run();
    const before = catchmentMap(simulation.currentCatchment());
    simulation.setSitePrepend(0, 4);
    simulation.setSiteAnnouncedNeighbours(0, [upstreamA]);
    clock.run();
    simulation.withdrawSite(0);
    clock.run();
    expect(Object.values(catchmentMap(simulation.currentCatchment())).some((e) => e?.site === 'pop0')).toBe(false);
    simulation.restoreSite(0);
    clock.run();
    expect(catchmentMap(simulation.currentCatchment())).toEqual(before);
    expect(simulation.matchesSteadyState()).toBe(true);
  });

  it('refuses a neighbour the site has no link to', () => {
    const { simulation } = run();
    expect(() => simulation.setSiteAnnouncedNeighbours(1, [upstreamA])).toThrow(/no link/);
  });
});
