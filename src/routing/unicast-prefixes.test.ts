import { describe, expect, it } from 'vitest';
import { Clock, RandomStreams } from '../sim/index.js';
import { type AnycastDeployment, type AsGraph, generateSyntheticTopology, Relationship } from '../topology/index.js';
import { BgpSimulation } from './bgp-simulation.js';
import { BLACKHOLE } from './forwarding-plane.js';
import { routingNetwork } from './routing-network.js';
import { solveSteadyState } from './steady-state.js';
import { type UnicastDynamics, type UnicastOutcomeChange, UnicastPrefixes } from './unicast-prefixes.js';
import { ValleyFreeReach } from './valley-free-reach.js';

const graph = generateSyntheticTopology({ ases: 300 }, new RandomStreams(21).stream('topology'));

/** Transit ASes (with customers) of the graph, in index order. */
function transitAses(g: AsGraph): number[] {
  const out: number[] = [];
  for (let i = 0; i < g.asCount; i++) {
    for (let k = g.offsets[i]!; k < g.offsets[i + 1]!; k++) {
      if (g.relationships[k] === Relationship.Customer) {
        out.push(g.asnAt(i));
        break;
      }
    }
  }
  return out;
}

const transit = transitAses(graph);
/** Site 0 single-homed, site 1 dual-homed, site 2 single-homed elsewhere. */
const deployment: AnycastDeployment = {
  operatorAsn: 4_200_000_000,
  sites: [
    { name: 'a', upstreams: [transit[5]!], peers: [] },
    { name: 'b', upstreams: [transit[9]!, transit[14]!], peers: [] },
    { name: 'c', upstreams: [transit[20]!], peers: [] },
  ],
};

function setUp(dynamics: UnicastDynamics, config = {}, announcedNeighbours?: readonly (readonly number[] | undefined)[]) {
  const clock = new Clock();
  const streams = new RandomStreams(7);
  const anycast = new BgpSimulation(clock, graph, deployment, config, streams);
  const changes: UnicastOutcomeChange[] = [];
  const unicast = new UnicastPrefixes(clock, graph, deployment, anycast.fabric, config, streams, {
    dynamics,
    onChange: (c) => changes.push(c),
    ...(announcedNeighbours === undefined ? {} : { announcedNeighbours }),
  });
  const outcome = (site: number, asIndex: number): number => {
    let value = unicast.initiallyReachable(site, asIndex) ? site : BLACKHOLE;
    for (const c of changes) if (c.site === site && c.asIndex === asIndex) value = c.outcome;
    return value;
  };
  return { clock, anycast, unicast, changes, outcome };
}

/** Steady-state reachability of site `site`'s prefix alone, with `downSlots` (site row) closed. */
function soleOriginReach(site: number, downNeighbours: readonly number[] = []): boolean[] {
  const net = routingNetwork(graph, deployment);
  const up = new Uint8Array(net.neighbours.length).fill(1);
  const node = net.asCount + site;
  for (let k = net.offsets[node]!; k < net.offsets[node + 1]!; k++) if (downNeighbours.includes(net.nodeAsn[net.neighbours[k]!]!)) up[k] = 0;
  const routes = solveSteadyState(net, [{ node, id: site, length: 1 }], up);
  return Array.from({ length: net.asCount }, (_, a) => routes.origin[a] === site);
}

describe('ValleyFreeReach', () => {
  it('gives, as an OR over the live neighbours, exactly the ASes the steady-state solver routes to a sole origin', () => {
    const net = routingNetwork(graph, deployment);
    const up = new Uint8Array(net.neighbours.length).fill(1);
    // Cut some AS-AS links too, so that some roots and cones change.
    for (let k = 0; k < net.offsets[net.asCount]!; k += 17) up[k] = 0;
    const reach = new ValleyFreeReach(net, up);
    let reachable = 0;
    deployment.sites.forEach((_, site) => {
      const node = net.asCount + site;
      const routes = solveSteadyState(net, [{ node, id: site, length: 1 }], up);
      const bits = new Uint32Array(Math.ceil(net.asCount / 32));
      for (let k = net.offsets[node]!; k < net.offsets[node + 1]!; k++) {
        const set = reach.from(net.neighbours[k]!, k >= net.providerStart[node]!);
        set.forEach((word, w) => (bits[w]! |= word));
      }
      for (let a = 0; a < net.asCount; a++) {
        const inSet = (bits[a >>> 5]! & (1 << (a & 31))) !== 0;
        expect(inSet, `AS index ${a}, site ${site}`).toBe(routes.origin[a] === site);
        if (inSet) reachable++;
      }
    });
    expect(reachable).toBeGreaterThan(100);
  });
});

describe.each(['bgp', 'steady-state'] as const)('UnicastPrefixes (%s dynamics)', (dynamics) => {
  it('starts with every AS that has a valley-free path reaching each PoP', () => {
    const { unicast } = setUp(dynamics);
    deployment.sites.forEach((_, site) => {
      const expected = soleOriginReach(site);
      expected.forEach((reachable, a) => expect(unicast.initiallyReachable(site, a)).toBe(reachable));
    });
  });

  it("black-holes a PoP's unicast prefix while the link to its only upstream is down, until it is back", () => {
    const { clock, unicast, outcome, changes } = setUp(dynamics);
    const upstream = deployment.sites[0]!.upstreams[0]!;
    const clients = soleOriginReach(0).flatMap((r, a) => (r ? [a] : []));
    clock.schedule(1_000, () => unicast.siteLinkDown(0, upstream, 3));
    clock.schedule(600_000, () => unicast.siteLinkUp(0, upstream, 4));
    clock.runUntil(599_999);
    for (const a of clients) expect(outcome(0, a)).toBe(BLACKHOLE);
    // The other PoPs' prefixes do not ride that link.
    expect(changes.every((c) => c.site === 0)).toBe(true);
    clock.run();
    for (const a of clients) expect(outcome(0, a)).toBe(0);
    expect(changes.filter((c) => c.outcome === BLACKHOLE).every((c) => c.wave === 3)).toBe(true);
    expect(changes.filter((c) => c.timeMs >= 600_000).every((c) => c.wave === 4)).toBe(true);
  });

  it('keeps a dual-homed PoP reachable through its other upstream, minus what only the failed one reached', () => {
    const { clock, unicast, outcome } = setUp(dynamics);
    const [first] = deployment.sites[1]!.upstreams;
    clock.schedule(1_000, () => unicast.siteLinkDown(1, first!, 0));
    clock.run();
    const expected = soleOriginReach(1, [first!]);
    expected.forEach((reachable, a) => expect(outcome(1, a) === 1).toBe(reachable));
  });

  it('announces a unicast prefix only to the neighbours the scenario names: the others never carry it', () => {
    const [first, second] = deployment.sites[1]!.upstreams;
    const { clock, unicast, changes, outcome } = setUp(dynamics, {}, [undefined, [second!], undefined]);
    const expected = soleOriginReach(1, [first!]);
    expected.forEach((reachable, a) => expect(unicast.initiallyReachable(1, a)).toBe(reachable));
    expect(expected.filter(Boolean).length).toBeGreaterThan(0);
    clock.schedule(1_000, () => unicast.siteLinkDown(1, first!, 1));
    clock.schedule(5_000, () => unicast.siteLinkUp(1, first!, 2));
    clock.run();
    expect(changes).toEqual([]);
    clock.schedule(clock.nowMs + 1_000, () => unicast.siteLinkDown(1, second!, 3));
    clock.run();
    for (let a = 0; a < graph.asCount; a++) expect(outcome(1, a)).toBe(BLACKHOLE);
  });

  it("drops a silently dead PoP's unicast origin only after its neighbours' hold timers expire", () => {
    const { clock, anycast, unicast, changes, outcome } = setUp(dynamics, { holdTimeMs: 90_000 });
    clock.schedule(1_000, () => unicast.killSite(1, 5, anycast.killSite(1, 5)));
    clock.runUntil(1_000 + 60_000 - 1);
    expect(changes).toHaveLength(0);
    clock.run();
    expect(changes.length).toBeGreaterThan(0);
    expect(Math.min(...changes.map((c) => c.timeMs))).toBeGreaterThanOrEqual(61_000);
    expect(changes.every((c) => c.wave === 5 && c.site === 1)).toBe(true);
    for (let a = 0; a < graph.asCount; a++) expect(outcome(1, a)).toBe(BLACKHOLE);
    // Brought back, it is reachable again.
    unicast.reviveSite(1, 6);
    anycast.announceSite(1, 6);
    clock.run();
    soleOriginReach(1).forEach((reachable, a) => expect(outcome(1, a) === 1).toBe(reachable));
  });
});

describe('UnicastPrefixes: bgp against steady-state dynamics', () => {
  it('ends, after a sequence of link flaps and a death, in the steady state of a sole-origin prefix (what steady-state dynamics jump to)', () => {
    const bgp = setUp('bgp', { mraiMs: 30_000 });
    const jump = setUp('steady-state', { mraiMs: 30_000 });
    const links: [number, number][] = [];
    for (let i = 0; i < graph.asCount && links.length < 6; i += 37) {
      const k = graph.offsets[i]!;
      if (k < graph.offsets[i + 1]!) links.push([graph.asnAt(i), graph.asnAt(graph.neighbours[k]!)]);
    }
    for (const run of [bgp, jump]) {
      links.forEach(([a, b], j) => run.clock.schedule(1_000 + j * 500, () => run.unicast.linkDown(a, b, j)));
      run.clock.schedule(2_000, () => run.unicast.siteLinkDown(1, deployment.sites[1]!.upstreams[1]!, 10));
      run.clock.schedule(4_000, () => run.unicast.linkUp(links[0]![0], links[0]![1], 11));
      run.clock.schedule(5_000, () => run.unicast.killSite(2, 12, run.anycast.killSite(2, 12)));
      run.clock.run();
    }
    expect(bgp.unicast.updatesSent).toBeGreaterThan(0);
    expect(jump.unicast.updatesSent).toBe(0);
    let delivered = 0;
    deployment.sites.forEach((_, site) => {
      for (let a = 0; a < graph.asCount; a++) {
        expect(bgp.outcome(site, a), `site ${site}, AS index ${a}`).toBe(jump.outcome(site, a));
        if (jump.outcome(site, a) === site) delivered++;
      }
    });
    expect(delivered).toBeGreaterThan(graph.asCount);
  });
});
