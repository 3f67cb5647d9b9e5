import { describe, expect, it } from 'vitest';
import type { AsGeography, LatLon } from '../geo/index.js';
import { Clock, RandomStreams } from '../sim/index.js';
import { type AnycastDeployment, buildAsGraph, generateSyntheticTopology } from '../topology/index.js';
import { BgpSimulation } from './bgp-simulation.js';
import { catchmentMap, steadyStateCatchment, steadyStateDeploymentCatchment } from './catchment.js';
import { reverseSlots, routingNetwork } from './routing-network.js';
import { LOWEST_ASN, randomTieKey, tieBreakOn, type TieBreakSpec } from './tie-break.js';

const LONDON: LatLon = { latDeg: 51.5074, lonDeg: -0.1278 };
const PARIS: LatLon = { latDeg: 48.8566, lonDeg: 2.3522 };
const NEW_YORK: LatLon = { latDeg: 40.7128, lonDeg: -74.006 };
const TOKYO: LatLon = { latDeg: 35.6762, lonDeg: 139.6503 };

/** A geography from one point per AS index. */
function geographyOf(points: readonly LatLon[]): AsGeography {
  return { pointsOf: (i) => [points[i]!], usersOf: () => 1, sourceOf: () => 'city-draw' };
}

// Origin 1 under provider 10, origin 2 under provider 20, stub 30 multi-homed to 10 and 20
// (indexes in ASN order: 1->0, 2->1, 10->2, 20->3, 30->4).
const diamond = buildAsGraph({ a: [10, 20, 10, 20], b: [1, 2, 30, 30], rel: [-1, -1, -1, -1], count: 4 });

describe('tie-break ranks', () => {
  it('lowest-asn ranks every neighbour by ASN and operator sites by site order where their ASN falls', () => {
    const deployment: AnycastDeployment = {
      operatorAsn: 15,
      sites: [
        { name: 'b', upstreams: [20], peers: [] },
        { name: 'a', upstreams: [20], peers: [] },
      ],
    };
    const network = routingNetwork(diamond, deployment);
    const { rankOfSlot } = tieBreakOn(network, LOWEST_ASN);
    const row20 = diamond.indexOf(20);
    const ranked = [];
    for (let k = network.offsets[row20]!; k < network.offsets[row20 + 1]!; k++) ranked.push([network.nodeAsn[network.neighbours[k]!]!, network.neighbours[k]!, rankOfSlot[k]!]);
    ranked.sort((x, y) => x[2]! - y[2]!);
    // AS 2, then the two sites (ASN 15) in site order, then AS 30.
    expect(ranked.map(([asn, node]) => (asn === 15 ? `site${node! - network.asCount}` : String(asn)))).toEqual(['2', 'site0', 'site1', '30']);
  });

  it('hot-potato sends a multi-homed AS out through its nearer neighbour, whatever the ASNs', () => {
    // Stub 30 sits in Paris; provider 10 in New York, provider 20 in London: 20 is nearer.
    const geography = geographyOf([NEW_YORK, LONDON, NEW_YORK, LONDON, PARIS]);
    const spec: TieBreakSpec = { rule: 'hot-potato', geography };
    const hot = catchmentMap(steadyStateCatchment(diamond, [1, 2], spec));
    const low = catchmentMap(steadyStateCatchment(diamond, [1, 2]));
    expect(low['30']).toEqual({ origin: 1, path: [30, 10, 1] });
    expect(hot['30']).toEqual({ origin: 2, path: [30, 20, 2] });
    // Equal egress distances fall back to the lowest ASN.
    const tied = geographyOf([NEW_YORK, LONDON, LONDON, LONDON, PARIS]);
    expect(catchmentMap(steadyStateCatchment(diamond, [1, 2], { rule: 'hot-potato', geography: tied }))['30']).toEqual(low['30']);
  });

  it('hot-potato picks the nearer of two sites behind one upstream', () => {
    const deployment: AnycastDeployment = {
      operatorAsn: 64_512,
      sites: [
        { name: 'tokyo', upstreams: [20], peers: [] },
        { name: 'london', upstreams: [20], peers: [] },
      ],
    };
    const geography = geographyOf([NEW_YORK, NEW_YORK, NEW_YORK, PARIS, PARIS]);
    const spec: TieBreakSpec = { rule: 'hot-potato', geography, sitePoints: [TOKYO, LONDON] };
    expect(catchmentMap(steadyStateDeploymentCatchment(diamond, deployment))['20']).toMatchObject({ site: 'tokyo' });
    expect(catchmentMap(steadyStateDeploymentCatchment(diamond, deployment, undefined, spec))['20']).toMatchObject({ site: 'london' });
    expect(() => steadyStateDeploymentCatchment(diamond, deployment, undefined, { rule: 'hot-potato', geography })).toThrow(
      'need a point for each of the 2 sites',
    );
  });

  it('random orders each row as a permutation fixed by the salt, the same on every network of those ASes', () => {
    const graph = generateSyntheticTopology({ ases: 200 }, new RandomStreams(3).stream('topology'));
    const network = routingNetwork(graph);
    const a = tieBreakOn(network, { rule: 'random', salt: 7 });
    const again = tieBreakOn(network, { rule: 'random', salt: 7 });
    const other = tieBreakOn(network, { rule: 'random', salt: 8 });
    expect(again.rankOfSlot).toEqual(a.rankOfSlot);
    expect(other.rankOfSlot).not.toEqual(a.rankOfSlot);
    for (let v = 0; v < network.nodeCount; v++) {
      const ranks = [...a.rankOfSlot.subarray(network.offsets[v]!, network.offsets[v + 1]!)].sort((x, y) => x - y);
      expect(ranks).toEqual(ranks.map((_, r) => r));
      // Lower rank = lower key (or an equal key and a lower ASN).
      for (let k = network.offsets[v]!; k < network.offsets[v + 1]!; k++) {
        for (let j = network.offsets[v]!; j < network.offsets[v + 1]!; j++) {
          const keyK = randomTieKey(7, network.nodeAsn[v]!, network.nodeAsn[network.neighbours[k]!]!, 0);
          const keyJ = randomTieKey(7, network.nodeAsn[v]!, network.nodeAsn[network.neighbours[j]!]!, 0);
          if (keyK < keyJ) expect(a.rankOfSlot[k]!).toBeLessThan(a.rankOfSlot[j]!);
        }
      }
    }
  });

  it('random rules with different salts move some ASes between two tied origins', () => {
    const graph = generateSyntheticTopology({ ases: 500 }, new RandomStreams(5).stream('topology'));
    const origins = [graph.asnAt(graph.asCount - 1), graph.asnAt(graph.asCount - 2), graph.asnAt(3)];
    const shares = [1, 2, 3, 4].map((salt) => JSON.stringify(catchmentMap(steadyStateCatchment(graph, origins, { rule: 'random', salt }))));
    expect(new Set(shares).size).toBeGreaterThan(1);
  });

  it('rankAtNeighbour is the rank a node has in its neighbour\'s row', () => {
    const graph = generateSyntheticTopology({ ases: 150 }, new RandomStreams(9).stream('topology'));
    const deployment: AnycastDeployment = {
      operatorAsn: 4_200_000_000,
      sites: [
        { name: 'x', upstreams: [graph.asnAt(4), graph.asnAt(40)], peers: [graph.asnAt(41)] },
        { name: 'y', upstreams: [graph.asnAt(4)], peers: [] },
      ],
    };
    const network = routingNetwork(graph, deployment);
    const reverse = reverseSlots(network);
    const tie = tieBreakOn(network, { rule: 'random', salt: 1 });
    for (let u = 0; u < network.nodeCount; u++) {
      for (let k = network.offsets[u]!; k < network.offsets[u + 1]!; k++) {
        expect(network.neighbours[reverse[k]!]).toBe(u);
        expect(reverse[reverse[k]!]).toBe(k);
        expect(tie.rankAtNeighbour[k]).toBe(tie.rankOfSlot[reverse[k]!]);
      }
    }
  });
});

describe('BGP under each tie-break', () => {
  it('starts in and returns to the steady state of its own rule after a withdrawal', () => {
    const graph = generateSyntheticTopology({ ases: 300 }, new RandomStreams(21).stream('topology'));
    const points = Array.from({ length: graph.asCount }, (_, i) => [LONDON, PARIS, NEW_YORK, TOKYO][i % 4]!);
    const deployment: AnycastDeployment = {
      operatorAsn: 4_200_000_000,
      sites: [10, 90, 170, 250].map((i, s) => ({ name: `pop${s}`, upstreams: [graph.asnAt(graph.asCount - 1 - i)], peers: [] })),
    };
    const specs: TieBreakSpec[] = [
      LOWEST_ASN,
      { rule: 'hot-potato', geography: geographyOf(points), sitePoints: [LONDON, PARIS, NEW_YORK, TOKYO] },
      { rule: 'random', salt: 99 },
    ];
    const finals = specs.map((spec) => {
      const clock = new Clock();
      const simulation = new BgpSimulation(clock, graph, deployment, { mraiMs: 5_000 }, new RandomStreams(1), { tieBreak: spec });
      expect(catchmentMap(simulation.currentCatchment())).toEqual(catchmentMap(steadyStateDeploymentCatchment(graph, deployment, undefined, spec)));
      simulation.withdrawSite(2);
      clock.run();
      const final = catchmentMap(simulation.currentCatchment());
      expect(final).toEqual(catchmentMap(steadyStateDeploymentCatchment(graph, deployment, [true, true, false, true], spec)));
      return JSON.stringify(final);
    });
    // The rules do decide something on this graph.
    expect(new Set(finals).size).toBe(3);
  });
});
