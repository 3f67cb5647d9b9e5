/**
 * A fast-check arbitrary of small valley-free AS topologies for property suites: a tier-1 clique,
 * then ASes that each buy transit from earlier ASes (so the provider-customer hierarchy is
 * acyclic, the Gao-Rexford condition for convergence) and peer with any other AS. It is built
 * from plain arrays so fast-check shrinks it structurally: fewer ASes, fewer providers, fewer
 * peerings, lower indexes.
 */
import fc from 'fast-check';
import { type AsGraph, buildAsGraph } from '../topology/index.js';

/** Bounds of {@link arbitraryTopology}. */
export interface ArbitraryTopologyOptions {
  /** Largest number of ASes (default 24, at most 1,000). */
  readonly maxAses?: number;
}

/** Largest `maxAses` accepted: property suites stay fast and ASNs stay distinct (see below). */
export const ARBITRARY_TOPOLOGY_MAX_ASES = 1_000;

// ASN of node i: 1 + (i * 37 + salt) mod 1009 is a permutation of 0..1008 because 1009 is prime,
// so ASN order is scrambled against creation order (ASN is a routing tie-break).
const ASN_MODULUS = 1_009;

interface AsSpec {
  readonly providers: readonly number[];
  readonly peers: readonly number[];
}

/** Builds the graph an {@link arbitraryTopology} draw describes. */
function toGraph(tier1: number, specs: readonly AsSpec[], salt: number): AsGraph {
  const n = tier1 + specs.length;
  const a: number[] = [];
  const b: number[] = [];
  const rel: number[] = [];
  const linked = new Set<number>();
  const asn = (i: number): number => 1 + ((i * 37 + salt) % ASN_MODULUS);
  const link = (x: number, y: number, code: number): void => {
    const key = x < y ? x * n + y : y * n + x;
    if (x === y || linked.has(key)) return;
    linked.add(key);
    a.push(asn(x));
    b.push(asn(y));
    rel.push(code);
  };
  for (let i = 0; i < tier1; i++) for (let j = i + 1; j < tier1; j++) link(i, j, 0);
  specs.forEach((spec, s) => {
    const i = tier1 + s;
    for (const p of spec.providers) link(p % i, i, -1);
  });
  specs.forEach((spec, s) => {
    const i = tier1 + s;
    for (const p of spec.peers) link(p % n, i, 0);
  });
  if (a.length === 0) {
    // A lone tier-1 AS still needs one link to exist in a link-defined graph: give it a stub.
    a.push(asn(0));
    b.push(asn(1));
    rel.push(-1);
  }
  return buildAsGraph({ a, b, rel, count: a.length });
}

/**
 * Random connected, valley-free-by-construction AS graphs of 2..maxAses ASes that shrink toward
 * the smallest failing case.
 *
 * @example
 * fc.assert(fc.property(arbitraryTopology({ maxAses: 30 }), (graph) => graph.asCount >= 2));
 */
export function arbitraryTopology(options: ArbitraryTopologyOptions = {}): fc.Arbitrary<AsGraph> {
  const maxAses = options.maxAses ?? 24;
  if (!Number.isInteger(maxAses) || maxAses < 2 || maxAses > ARBITRARY_TOPOLOGY_MAX_ASES) {
    throw new RangeError(`arbitraryTopology: maxAses must be an integer in 2..${ARBITRARY_TOPOLOGY_MAX_ASES}, got ${maxAses}`);
  }
  const spec = fc.record({
    providers: fc.array(fc.nat({ max: maxAses }), { minLength: 1, maxLength: 3 }),
    peers: fc.array(fc.nat({ max: maxAses }), { maxLength: 2 }),
  });
  return fc
    .record({
      tier1: fc.integer({ min: 1, max: Math.min(4, maxAses) }),
      // 'max' spreads sizes over the whole 2..maxAses range; shrinking still goes toward 2.
      specs: fc.array(spec, { maxLength: maxAses - 1, size: 'max' }),
      salt: fc.nat({ max: ASN_MODULUS - 1 }),
    })
    .map(({ tier1, specs, salt }) => toGraph(tier1, specs.slice(0, maxAses - tier1), salt));
}
