import { describe, expect, it } from 'vitest';
import { caida2016 } from '../../test/shared-data.js';
import { Clock, RandomStreams } from '../sim/index.js';
import { type AnycastDeployment, type AsGraph, buildAsGraph, generateSyntheticTopology, loadAsRelFile, TopologyError } from '../topology/index.js';
import type { BgpConfigInput } from './bgp-config.js';
import type { RouteChange } from './bgp-propagation.js';
import { BgpSimulation } from './bgp-simulation.js';
import { catchmentMap, steadyStateCatchment, steadyStateDeploymentCatchment } from './catchment.js';
import { BLACKHOLE, type ForwardingChange } from './forwarding-plane.js';

const synthetic = generateSyntheticTopology({ ases: 300 }, new RandomStreams(21).stream('topology'));

/** Four single-homed sites on stubs spread over the synthetic graph. */
function deploymentOn(graph: AsGraph): AnycastDeployment {
  const sites = [10, 90, 170, 250].map((i, s) => ({ name: `pop${s}`, upstreams: [graph.asnAt(graph.asCount - 1 - i)], peers: [] }));
  return { operatorAsn: 4_200_000_000, sites };
}

function simulate(graph: AsGraph, target: AnycastDeployment | number[], config: BgpConfigInput = {}, seed = 1) {
  const clock = new Clock();
  const simulation = new BgpSimulation(clock, graph, target, config, new RandomStreams(seed));
  return { clock, simulation };
}

describe('BgpSimulation: deployment', () => {
  const deployment = deploymentOn(synthetic);

  it('starts in the steady state', () => {
    const { simulation } = simulate(synthetic, deployment);
    expect(simulation.matchesSteadyState()).toBe(true);
    expect(catchmentMap(simulation.currentCatchment())).toEqual(catchmentMap(steadyStateDeploymentCatchment(synthetic, deployment)));
  });

  it('after a withdrawal converges to the steady state without that site, and back after re-announcing', () => {
    const { clock, simulation } = simulate(synthetic, deployment);
    const before = catchmentMap(simulation.currentCatchment());
    simulation.withdrawSite(1);
    clock.run();
    const without = catchmentMap(steadyStateDeploymentCatchment(synthetic, deployment, [true, false, true, true]));
    expect(catchmentMap(simulation.currentCatchment())).toEqual(without);
    expect(Object.values(without).some((e) => e?.site === 'pop1')).toBe(false);
    const updatesAfterWithdrawal = simulation.updatesSent;
    expect(updatesAfterWithdrawal).toBeGreaterThan(0);
    simulation.announceSite(1);
    clock.run();
    expect(catchmentMap(simulation.currentCatchment())).toEqual(before);
    expect(simulation.updatesSent).toBeGreaterThan(updatesAfterWithdrawal);
  });

  it('notices a silently killed site only when the hold timers expire', () => {
    const { clock, simulation } = simulate(synthetic, deployment);
    const upstream = synthetic.indexOf(deployment.sites[2]!.upstreams[0]!);
    expect(simulation.servingSite(upstream)).toBe(2);
    const changes: RouteChange[] = [];
    simulation.routeChanges$.subscribe((c) => changes.push(c));
    clock.schedule(1_000, () => simulation.killSite(2));
    clock.runUntil(1_000 + 60_000 - 1);
    expect(changes).toHaveLength(0);
    expect(simulation.servingSite(upstream)).toBe(2);
    clock.run();
    const upstreamChange = changes.find((c) => c.asIndex === upstream);
    expect(upstreamChange).toBeDefined();
    expect(upstreamChange!.timeMs).toBeGreaterThanOrEqual(1_000 + 60_000);
    expect(upstreamChange!.timeMs).toBeLessThanOrEqual(1_000 + 90_000);
    expect(simulation.servingSite(upstream)).not.toBe(2);
    expect(simulation.matchesSteadyState()).toBe(true);
  });

  it('drains a site by prepending', () => {
    const { clock, simulation } = simulate(synthetic, deployment);
    const served = (): number => Object.values(catchmentMap(simulation.currentCatchment())).filter((e) => e?.site === 'pop0').length;
    const before = served();
    simulation.setSitePrepend(0, 6);
    clock.run();
    expect(served()).toBeLessThan(before);
    expect(served()).toBeGreaterThan(0);
    expect(simulation.matchesSteadyState()).toBe(true);
  });

  it('takes one site link down and up', () => {
    const { clock, simulation } = simulate(synthetic, deployment);
    const upstreamAsn = deployment.sites[1]!.upstreams[0]!;
    const upstream = synthetic.indexOf(upstreamAsn);
    expect(simulation.servingSite(upstream)).toBe(1);
    simulation.siteLinkDown(1, upstreamAsn);
    clock.run();
    expect(simulation.servingSite(upstream)).not.toBe(1);
    expect(simulation.matchesSteadyState()).toBe(true);
    simulation.siteLinkUp(1, upstreamAsn);
    clock.run();
    expect(simulation.servingSite(upstream)).toBe(1);
    expect(() => simulation.siteLinkDown(1, deployment.sites[0]!.upstreams[0]!)).toThrow('site 1 has no link to AS');
  });

  it('emits forwarding changes in time order that replay to the final data plane', () => {
    const { clock, simulation } = simulate(synthetic, deployment);
    const outcomes = Array.from({ length: synthetic.asCount }, (_, i) => simulation.servingSite(i));
    const changes: ForwardingChange[] = [];
    simulation.forwardingChanges$.subscribe((c) => changes.push(c));
    simulation.withdrawSite(0);
    clock.schedule(5_000, () => simulation.withdrawSite(3));
    clock.schedule(200_000, () => simulation.announceSite(0));
    clock.run();
    expect(changes.length).toBeGreaterThan(0);
    for (let k = 1; k < changes.length; k++) expect(changes[k]!.timeMs).toBeGreaterThanOrEqual(changes[k - 1]!.timeMs);
    for (const c of changes) outcomes[c.asIndex] = c.servingSite;
    expect(outcomes).toEqual(Array.from({ length: synthetic.asCount }, (_, i) => simulation.servingSite(i)));
    expect(changes.some((c) => c.servingSite === BLACKHOLE || c.servingSite >= 0)).toBe(true);
  });

  it('is deterministic for a seed and varies with it', () => {
    const run = (seed: number): [number, number] => {
      const { clock, simulation } = simulate(synthetic, deployment, {}, seed);
      simulation.withdrawSite(2);
      clock.run();
      return [simulation.updatesSent, clock.nowMs];
    };
    expect(run(4)).toEqual(run(4));
    expect(run(4)[1]).not.toBe(run(5)[1]);
  });

  it('rejects bad inputs', () => {
    const { simulation } = simulate(synthetic, deployment);
    expect(() => simulation.withdrawSite(4)).toThrow(RangeError);
    expect(() => simulation.setSitePrepend(0, 17)).toThrow('prepend must be an integer in 0..16');
    expect(() => simulation.withdrawOrigin(synthetic.asnAt(0))).toThrow('origin inputs need a simulation built from origin ASNs');
    expect(() => simulation.servingSite(synthetic.asCount)).toThrow(RangeError);
  });
});

describe('BgpSimulation: the 2016 CAIDA graph', () => {
  const caida = caida2016();
  it.skipIf(!caida.present)(`withdraws one of 20 PoPs and settles on the steady state${caida.skipNote}`, () => {
    const graph = loadAsRelFile(caida.path);
    const tier1 = [174, 209, 286, 701, 1239, 1299, 2828, 2914, 3257, 3320, 3356, 5511, 6453, 6461, 6762, 7018, 12956];
    const deployment: AnycastDeployment = {
      operatorAsn: 4_200_000_000,
      sites: Array.from({ length: 20 }, (_, s) => ({ name: `pop${s}`, upstreams: [tier1[s % tier1.length]!], peers: [graph.asnAt(1_000 + 97 * s)] })),
    };
    const { clock, simulation } = simulate(graph, deployment);
    const servedBefore = Array.from({ length: graph.asCount }, (_, i) => simulation.servingSite(i)).filter((s) => s === 0).length;
    expect(servedBefore).toBeGreaterThan(0);
    simulation.withdrawSite(0);
    clock.run();
    expect(Array.from({ length: graph.asCount }, (_, i) => simulation.servingSite(i)).some((s) => s === 0)).toBe(false);
    expect(simulation.matchesSteadyState()).toBe(true);
  });
});

describe('BgpSimulation: origins', () => {
  // Two ASes: 1 originates, 2 is its provider.
  const pair = buildAsGraph({ a: [2], b: [1], rel: [-1], count: 1 });
  const asIndex2 = pair.indexOf(2);

  it('withdraws and re-announces an origin, and accepts a new origin AS', () => {
    const origins = [synthetic.asnAt(5), synthetic.asnAt(150)];
    const { clock, simulation } = simulate(synthetic, origins);
    simulation.withdrawOrigin(origins[0]!);
    clock.run();
    expect(catchmentMap(simulation.currentCatchment())).toEqual(catchmentMap(steadyStateCatchment(synthetic, [origins[1]!])));
    const newcomer = synthetic.asnAt(77);
    simulation.announceOrigin(newcomer);
    clock.run();
    expect(simulation.originAsns).toEqual([...origins, newcomer]);
    expect(simulation.matchesSteadyState()).toBe(true);
    expect(simulation.servingSite(77)).toBe(2);
  });

  it('takes routes down and up with a link', () => {
    const valley = buildAsGraph({ a: [10, 10, 20, 11, 21, 21, 50], b: [20, 11, 21, 30, 30, 40, 10], rel: [0, -1, -1, -1, -1, 0, -1], count: 7 });
    const { clock, simulation } = simulate(valley, [30]);
    const as11 = valley.indexOf(11);
    expect(simulation.bestRoute(as11)).toEqual([11, 30]);
    simulation.linkDown(11, 30);
    clock.run();
    expect(simulation.bestRoute(as11)).toEqual([11, 10, 20, 21, 30]);
    expect(simulation.matchesSteadyState()).toBe(true);
    simulation.linkUp(30, 11);
    clock.run();
    expect(simulation.bestRoute(as11)).toEqual([11, 30]);
    expect(() => simulation.linkDown(11, 40)).toThrow(TopologyError);
  });

  it('holds a second withdrawal behind MRAI only with WRATE', () => {
    const lastChange = (wrate: boolean): number => {
      const { clock, simulation } = simulate(pair, [1], { wrate, mraiTimers: 'idle' });
      let last = 0;
      simulation.routeChanges$.subscribe((c) => {
        if (c.asIndex === asIndex2) last = c.timeMs;
      });
      clock.schedule(0, () => simulation.withdrawOrigin(1));
      clock.schedule(40_000, () => simulation.announceOrigin(1));
      clock.schedule(41_000, () => simulation.withdrawOrigin(1));
      clock.run();
      expect(simulation.servingSite(asIndex2)).toBe(BLACKHOLE);
      return last;
    };
    // Idle timers: the announcement at 40 s starts the MRAI timer; with WRATE the withdrawal at 41 s waits for it.
    expect(lastChange(false)).toBeLessThan(42_000);
    expect(lastChange(true)).toBeGreaterThanOrEqual(40_000 + 0.75 * 30_000);
  });

  it('suppresses a flapping route under damping until its penalty decays to the reuse threshold', () => {
    const flap = (damping: boolean) => {
      const { clock, simulation } = simulate(pair, [1], { damping, mraiMs: 0 });
      for (let f = 0; f < 3; f++) {
        clock.schedule(f * 10_000, () => simulation.withdrawOrigin(1));
        clock.schedule(f * 10_000 + 5_000, () => simulation.announceOrigin(1));
      }
      clock.runUntil(5 * 60_000);
      const atFiveMinutes = simulation.servingSite(asIndex2);
      let back = 0;
      simulation.routeChanges$.subscribe((c) => (back = c.timeMs));
      clock.run();
      return { atFiveMinutes, back, final: simulation.servingSite(asIndex2), steady: simulation.matchesSteadyState() };
    };
    const plain = flap(false);
    expect(plain.atFiveMinutes).toBe(0);
    const damped = flap(true);
    expect(damped.atFiveMinutes).toBe(BLACKHOLE);
    expect(damped.final).toBe(0);
    expect(damped.steady).toBe(true);
    // Three withdrawals 10 s apart: penalty about 2,970 at 20 s, reuse after log2(2970/750) half-lives.
    expect(damped.back).toBeGreaterThan(25 * 60_000);
    expect(damped.back).toBeLessThan(35 * 60_000);
  });

  it('sends fewer UPDATEs with MRAI than without during path exploration', () => {
    const updates = (mraiMs: number): number => {
      const origins = [synthetic.asnAt(5)];
      const { clock, simulation } = simulate(synthetic, origins, { mraiMs });
      simulation.withdrawOrigin(origins[0]!);
      clock.run();
      expect(simulation.matchesSteadyState()).toBe(true);
      return simulation.updatesSent;
    };
    expect(updates(30_000)).toBeLessThan(updates(0));
  });
});
