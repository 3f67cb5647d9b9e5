import { describe, expect, it } from 'vitest';
import type { AsGeography, LatLon } from '../geo/index.js';
import { type AnycastDeployment, buildAsGraph } from '../topology/index.js';
import { catchmentUncertainty } from './catchment-uncertainty.js';

const LONDON: LatLon = { latDeg: 51.5, lonDeg: -0.1 };
const TOKYO: LatLon = { latDeg: 35.7, lonDeg: 139.7 };

describe('catchmentUncertainty', () => {
  // Providers 10 and 20 each host a PoP; stub 30 buys from both (indexes 0: 10, 1: 20, 2: 30).
  const graph = buildAsGraph({ a: [10, 20], b: [30, 30], rel: [-1, -1], count: 2 });
  const deployment: AnycastDeployment = {
    operatorAsn: 64_512,
    sites: [
      { name: 'tokyo', upstreams: [10], peers: [] },
      { name: 'london', upstreams: [20], peers: [] },
    ],
  };
  const points = [TOKYO, LONDON, LONDON];
  const geography: AsGeography = { pointsOf: (i) => [points[i]!], usersOf: () => 1, sourceOf: () => 'city-draw' };
  const result = catchmentUncertainty({
    graph,
    deployment,
    clientAses: [0, 1, 2],
    clientWeights: [1, 1, 2],
    rule: 'lowest-asn',
    lowestAsn: { rule: 'lowest-asn' },
    hotPotato: { rule: 'hot-potato', geography, sitePoints: [TOKYO, LONDON] },
    random: [1, 2, 3, 4, 5, 6, 7, 8].map((salt) => ({ rule: 'random', salt }) as const),
  });

  it('gives each PoP its weighted share under each rule, and the tied stub moves between them', () => {
    // Lowest ASN: 30 goes via 10 (tokyo); hot-potato: via 20, its London neighbour.
    expect(result.pops[0]).toMatchObject({ pop: 'tokyo', lowestAsn: 3 / 4, hotPotato: 1 / 4, min: 1 / 4, max: 3 / 4 });
    expect(result.pops[1]).toMatchObject({ pop: 'london', lowestAsn: 1 / 4, hotPotato: 3 / 4, min: 1 / 4, max: 3 / 4 });
    // Only the stub (weight 2 of 4) is decided by ties.
    expect(result.clientsDecidedByTies).toBe(2 / 4);
    expect(result.randomSeeds).toBe(8);
  });

  it('keeps the random range inside the overall range, and shares summing to one per rule', () => {
    for (const p of result.pops) {
      expect(p.randomMin).toBeLessThanOrEqual(p.randomMax);
      expect(p.min).toBeLessThanOrEqual(Math.min(p.randomMin, p.lowestAsn, p.hotPotato));
      expect(p.max).toBeGreaterThanOrEqual(Math.max(p.randomMax, p.lowestAsn, p.hotPotato));
    }
    expect(result.pops[0]!.lowestAsn + result.pops[1]!.lowestAsn).toBe(1);
    // Eight salts send the stub both ways.
    expect(result.pops[0]!.randomMin).toBe(1 / 4);
    expect(result.pops[0]!.randomMax).toBe(3 / 4);
  });
});
