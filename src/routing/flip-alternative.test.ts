import { describe, expect, it } from 'vitest';
import { Clock, RandomStreams } from '../sim/index.js';
import { type AnycastDeployment, buildAsGraph } from '../topology/index.js';
import { BgpSimulation } from './bgp-simulation.js';

const OPERATOR = 4_200_000_000;
const everySite = (): boolean => true;

/** AS 4 buys transit from AS 2 and AS 3; site a hangs below 2, site b below 5, a customer of 3. */
function dualHomed() {
  const graph = buildAsGraph({ a: [2, 3, 3], b: [4, 4, 5], rel: [-1, -1, -1], count: 3 });
  const deployment: AnycastDeployment = {
    operatorAsn: OPERATOR,
    sites: [
      { name: 'a', upstreams: [2], peers: [] },
      { name: 'b', upstreams: [5], peers: [] },
    ],
  };
  const clock = new Clock();
  const bgp = new BgpSimulation(clock, graph, deployment, { linkDelayMs: [10, 10], processingDelayMs: [1, 1] }, new RandomStreams(1));
  return { graph, clock, bgp, client: graph.indexOf(4) };
}

describe('BgpSimulation.alternativeSite', () => {
  it("finds the client's runner-up route to the other site, and the client itself as the balancer", () => {
    const { graph, bgp, client } = dualHomed();
    expect(bgp.servingSite(client)).toBe(0);
    const alternative = bgp.alternativeSite(client, everySite);
    expect(alternative?.site).toBe(1);
    expect(alternative?.balancerAs).toBe(client);
    expect(alternative?.neighbourNode).toBe(graph.indexOf(3));
    expect(alternative?.pathAses).toEqual([client]);
  });

  it('finds none when no AS on the path has a route to another site (single-homed chain)', () => {
    const graph = buildAsGraph({ a: [1, 2], b: [2, 3], rel: [-1, -1], count: 2 });
    const deployment: AnycastDeployment = { operatorAsn: OPERATOR, sites: [{ name: 'a', upstreams: [1], peers: [] }] };
    const bgp = new BgpSimulation(new Clock(), graph, deployment, {}, new RandomStreams(1));
    for (const asn of [1, 2, 3]) {
      expect(bgp.servingSite(graph.indexOf(asn))).toBe(0);
      expect(bgp.alternativeSite(graph.indexOf(asn), everySite)).toBeNull();
    }
  });

  it('finds the nearest AS with an alternative up the path', () => {
    // 3 is single-homed below 1; 1 has two customers, 2 (site a) and 4 (site b).
    const graph = buildAsGraph({ a: [1, 1, 1], b: [2, 3, 4], rel: [-1, -1, -1], count: 3 });
    const deployment: AnycastDeployment = {
      operatorAsn: OPERATOR,
      sites: [
        { name: 'a', upstreams: [2], peers: [] },
        { name: 'b', upstreams: [4], peers: [] },
      ],
    };
    const bgp = new BgpSimulation(new Clock(), graph, deployment, {}, new RandomStreams(1));
    const client = graph.indexOf(3);
    const alternative = bgp.alternativeSite(client, everySite);
    expect(alternative?.site).toBe(1 - bgp.servingSite(client));
    expect(alternative?.balancerAs).toBe(graph.indexOf(1));
    expect(alternative?.pathAses).toEqual([client, graph.indexOf(1)]);
  });

  it('never offers a site the caller knows to be dead, nor a killed or withdrawn one', () => {
    const { clock, bgp, client } = dualHomed();
    expect(bgp.alternativeSite(client, (site) => site !== 1)).toBeNull();
    bgp.killSite(1);
    // The routes to the killed site stay until the hold timers expire, but it is no alternative.
    expect(bgp.alternativeSite(client, everySite)).toBeNull();
    bgp.announceSite(1);
    clock.run();
    expect(bgp.alternativeSite(client, everySite)?.site).toBe(1);
    bgp.withdrawSite(1);
    expect(bgp.alternativeSite(client, everySite)).toBeNull();
  });

  it('never offers a route whose neighbour no longer delivers (a black hole before the withdrawal arrives)', () => {
    const { graph, clock, bgp, client } = dualHomed();
    bgp.siteLinkDown(1, 5);
    // AS 5 lost its route at once; AS 3 still has its stale one and AS 4 still holds 3's route.
    expect(bgp.servingSite(graph.indexOf(5))).toBeLessThan(0);
    expect(bgp.servingSite(graph.indexOf(3))).toBeLessThan(0);
    expect(bgp.alternativeSite(client, everySite)).toBeNull();
    bgp.siteLinkUp(1, 5);
    clock.run();
    expect(bgp.alternativeSite(client, everySite)?.site).toBe(1);
  });
});
