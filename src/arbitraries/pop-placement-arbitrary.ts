/**
 * A fast-check arbitrary of anycast PoP placements in the scenario's terms (`PopsSpec`): by count
 * (the automatic, seeded placement of docs/scenarios.md: each PoP buys transit from distinct
 * transit ASes), or, given an AS graph, as named sites attached to chosen ASes of that graph, the
 * way an operator lists its footprint (Calder et al., IMC 2015). Built from integers, so it
 * shrinks toward fewer PoPs with fewer upstreams.
 */
import fc from 'fast-check';
import type { PopSpec, PopsSpec } from '../scenario/index.js';
import type { AsGraph } from '../topology/index.js';

/** Bounds of {@link arbitraryPopPlacement}. */
export interface ArbitraryPopPlacementOptions {
  /** Fewest PoPs (default 2: anycast needs two sites to shift between; at least 1). */
  readonly minPops?: number;
  /** Most PoPs (default 6, at most {@link ARBITRARY_POPS_MAX}). */
  readonly maxPops?: number;
  /** Most upstreams per PoP (default 2, at most 8). */
  readonly maxUpstreamsPerPop?: number;
  /**
   * Attach named sites (`site-0`, `site-1`, ...) to ASes of this graph instead of placing PoPs by
   * count; for scenarios on a CAIDA file holding this graph.
   */
  readonly graph?: AsGraph;
}

/** Largest `maxPops`: property runs stay well under a second each. */
export const ARBITRARY_POPS_MAX = 64;

const UPSTREAMS_MAX = 8;

function checkBound(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`arbitraryPopPlacement: ${name} must be an integer in ${min}..${max}, got ${value}`);
  }
}

/** Sites on `graph`: upstream and peer choices are AS indexes modulo the graph's size. */
function sitesOn(graph: AsGraph, drafts: readonly { readonly upstreams: readonly number[]; readonly peers: readonly number[] }[]): PopSpec[] {
  return drafts.map((draft, i) => {
    const upstreams = [...new Set(draft.upstreams.map((k) => graph.asnAt(k % graph.asCount)))];
    const peers = [...new Set(draft.peers.map((k) => graph.asnAt(k % graph.asCount)))].filter((asn) => !upstreams.includes(asn));
    return { name: `site-${i}`, upstreams, peers };
  });
}

/**
 * Random PoP placements that shrink toward `minPops` PoPs with one upstream each.
 *
 * @example
 * fc.assert(fc.property(arbitraryPopPlacement({ maxPops: 4 }), (pops) => pops.kind === 'count' && pops.count <= 4));
 */
export function arbitraryPopPlacement(options: ArbitraryPopPlacementOptions = {}): fc.Arbitrary<PopsSpec> {
  const minPops = options.minPops ?? 2;
  const maxPops = options.maxPops ?? 6;
  const maxUpstreams = options.maxUpstreamsPerPop ?? 2;
  checkBound('minPops', minPops, 1, ARBITRARY_POPS_MAX);
  checkBound('maxPops', maxPops, minPops, ARBITRARY_POPS_MAX);
  checkBound('maxUpstreamsPerPop', maxUpstreams, 1, UPSTREAMS_MAX);
  const graph = options.graph;
  if (graph === undefined) {
    return fc
      .record({ count: fc.integer({ min: minPops, max: maxPops }), upstreamsPerPop: fc.integer({ min: 1, max: maxUpstreams }) })
      .map(({ count, upstreamsPerPop }): PopsSpec => ({ kind: 'count', count, upstreamsPerPop }));
  }
  const draft = fc.record({
    upstreams: fc.array(fc.nat({ max: graph.asCount - 1 }), { minLength: 1, maxLength: maxUpstreams }),
    peers: fc.array(fc.nat({ max: graph.asCount - 1 }), { maxLength: 2 }),
  });
  return fc
    .array(draft, { minLength: minPops, maxLength: maxPops })
    .map((drafts): PopsSpec => ({ kind: 'sites', sites: sitesOn(graph, drafts) }));
}
