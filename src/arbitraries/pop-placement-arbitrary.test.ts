import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateDeployment } from '../topology/index.js';
import { arbitraryTopology } from './topology-arbitrary.js';
import { arbitraryPopPlacement } from './pop-placement-arbitrary.js';

describe('arbitraryPopPlacement', () => {
  it('places 2-6 PoPs by count by default', () => {
    for (const pops of fc.sample(arbitraryPopPlacement(), { seed: 1, numRuns: 100 })) {
      expect(pops.kind).toBe('count');
      if (pops.kind === 'count') {
        expect(pops.count).toBeGreaterThanOrEqual(2);
        expect(pops.count).toBeLessThanOrEqual(6);
        expect([1, 2]).toContain(pops.upstreamsPerPop);
      }
    }
  });

  it('given a graph, attaches named sites that form a valid deployment on it', () => {
    fc.assert(
      fc.property(arbitraryTopology({ maxAses: 20 }).chain((graph) => fc.tuple(fc.constant(graph), arbitraryPopPlacement({ graph, maxPops: 4 }))), ([graph, pops]) => {
        expect(pops.kind).toBe('sites');
        if (pops.kind !== 'sites') return;
        expect(() => validateDeployment(graph, { operatorAsn: 4_200_000_000, sites: pops.sites.map((s) => ({ ...s })) })).not.toThrow();
        for (const site of pops.sites) expect(site.peers.some((asn) => site.upstreams.includes(asn))).toBe(false);
      }),
      { seed: 9, numRuns: 100 },
    );
  });

  it('refuses bounds out of range', () => {
    expect(() => arbitraryPopPlacement({ minPops: 0 })).toThrow(/minPops/);
    expect(() => arbitraryPopPlacement({ minPops: 5, maxPops: 4 })).toThrow(/maxPops/);
    expect(() => arbitraryPopPlacement({ maxUpstreamsPerPop: 9 })).toThrow(/maxUpstreamsPerPop/);
  });
});
