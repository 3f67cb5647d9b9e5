/**
 * The AS-level graph in compressed sparse row (CSR) form: one row of neighbours per AS, each
 * adjacency tagged with the neighbour's business relationship seen from the AS (Gao, "On
 * Inferring Autonomous System Relationships in the Internet", IEEE/ACM ToN 2001: customer, peer,
 * provider). Typed arrays keep the whole 2016 CAIDA graph (55,809 ASes, 239,064 links) in a few
 * MB and make a linear pass over it cache-friendly, which is what the routing solvers need.
 */
import { TopologyError } from './topology-error.js';

/**
 * The relationship of a neighbour from the point of view of the AS whose row it is in:
 * `Customer` (the neighbour buys transit from this AS), `Peer` (settlement-free), `Provider`
 * (this AS buys transit from the neighbour).
 */
export const Relationship = { Customer: 0, Peer: 1, Provider: 2 } as const;
/** One of the {@link Relationship} codes. */
export type Relationship = (typeof Relationship)[keyof typeof Relationship];

/** Largest graph accepted: a limit so a corrupt input fails fast instead of exhausting memory. */
export const MAX_AS_COUNT = 2_000_000;
/** Largest link count accepted (the 2016 CAIDA file has 239,064). */
export const MAX_LINK_COUNT = 20_000_000;
/** Largest 32-bit ASN (RFC 6793). */
export const MAX_ASN = 4_294_967_295;

/**
 * Links in columns: link k joins `a[k]` and `b[k]` with CAIDA code `rel[k]` (-1: a is a provider
 * of b; 0: a and b are peers). Columns keep a 239k-link load free of per-link objects.
 */
export interface AsLinkColumns {
  readonly a: ArrayLike<number>;
  readonly b: ArrayLike<number>;
  readonly rel: ArrayLike<number>;
  readonly count: number;
}

/**
 * An immutable AS graph in CSR form. AS indexes run 0..asCount-1 in ascending ASN order; row i
 * is `neighbours[offsets[i] .. offsets[i+1])`, sorted by neighbour index, and
 * `relationships[k]` is the role of `neighbours[k]` seen from AS i.
 */
export class AsGraph {
  /** ASN per AS index, ascending. */
  readonly asns: Uint32Array;
  /** Row starts, length asCount + 1. */
  readonly offsets: Uint32Array;
  /** Neighbour AS indexes, two entries per link. */
  readonly neighbours: Uint32Array;
  /** {@link Relationship} of each adjacency, from the row's AS. */
  readonly relationships: Uint8Array;

  /** Use {@link buildAsGraph}; the constructor checks the CSR invariants it is handed. */
  constructor(asns: Uint32Array, offsets: Uint32Array, neighbours: Uint32Array, relationships: Uint8Array) {
    if (offsets.length !== asns.length + 1) throw new Error('invariant: offsets length must be asCount + 1');
    if (neighbours.length !== relationships.length || offsets[asns.length] !== neighbours.length) {
      throw new Error('invariant: adjacency arrays disagree with offsets');
    }
    for (let i = 1; i < asns.length; i++) {
      if (asns[i - 1]! >= asns[i]!) throw new Error('invariant: ASNs must be strictly ascending');
    }
    this.asns = asns;
    this.offsets = offsets;
    this.neighbours = neighbours;
    this.relationships = relationships;
  }

  /** Number of ASes. */
  get asCount(): number {
    return this.asns.length;
  }

  /** Number of links (each stored twice, once per end). */
  get linkCount(): number {
    return this.neighbours.length / 2;
  }

  /** The index of `asn`, or -1 when the graph has no such AS (binary search, O(log n)). */
  indexOf(asn: number): number {
    const asns = this.asns;
    let lo = 0;
    let hi = asns.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = asns[mid]!;
      if (v === asn) return mid;
      if (v < asn) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** The ASN at `index`. */
  asnAt(index: number): number {
    const asn = this.asns[index];
    if (asn === undefined) throw new RangeError(`AS index ${index} is outside 0..${this.asCount - 1}`);
    return asn;
  }

  /** Number of neighbours of the AS at `index`. */
  degree(index: number): number {
    return this.offsets[index + 1]! - this.offsets[index]!;
  }

  /**
   * The relationship of `neighbourIndex` seen from `index`, or undefined when they are not
   * adjacent (binary search in the sorted row).
   */
  relationshipBetween(index: number, neighbourIndex: number): Relationship | undefined {
    const slot = this.adjacencySlot(index, neighbourIndex);
    return slot < 0 ? undefined : (this.relationships[slot] as Relationship);
  }

  /** The position k of `neighbourIndex` in the row of `index`, or -1 when they are not adjacent. */
  adjacencySlot(index: number, neighbourIndex: number): number {
    let lo = this.offsets[index]!;
    let hi = this.offsets[index + 1]! - 1;
    const nb = this.neighbours;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = nb[mid]!;
      if (v === neighbourIndex) return mid;
      if (v < neighbourIndex) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}

/** A pair of links naming the same two ASes, found while building; `first` < `second`. */
export interface DuplicateLink {
  readonly first: number;
  readonly second: number;
}

/** The graph and the duplicate pairs the builder dropped (it keeps the first link of a pair). */
export interface AsGraphBuild {
  readonly graph: AsGraph;
  readonly duplicates: readonly DuplicateLink[];
}

/**
 * Builds the CSR graph from link columns in O(E log d). Duplicate pairs (either orientation) are
 * dropped after the first and reported so the caller (the as-rel loader) can decide between a
 * counted skip and an error with the line numbers. Self-links and bad codes throw.
 */
export function buildAsGraphReportingDuplicates(links: AsLinkColumns): AsGraphBuild {
  const m = links.count;
  if (m > MAX_LINK_COUNT) throw new TopologyError(`too many links: ${m} > limit ${MAX_LINK_COUNT}`);
  const endpoints = new Float64Array(2 * m);
  for (let k = 0; k < m; k++) {
    const a = links.a[k]!;
    const b = links.b[k]!;
    const rel = links.rel[k]!;
    if (a === b) throw new TopologyError(`link ${k}: self-link of AS ${a}`);
    if (rel !== -1 && rel !== 0) throw new TopologyError(`link ${k}: unknown relationship code ${rel}`);
    endpoints[2 * k] = a;
    endpoints[2 * k + 1] = b;
  }
  const asnsSorted = endpoints.slice().sort();
  let n = 0;
  for (let i = 0; i < asnsSorted.length; i++) {
    if (i === 0 || asnsSorted[i] !== asnsSorted[i - 1]) asnsSorted[n++] = asnsSorted[i]!;
  }
  if (n > MAX_AS_COUNT) throw new TopologyError(`too many ASes: ${n} > limit ${MAX_AS_COUNT}`);
  const asns = new Uint32Array(n);
  for (let i = 0; i < n; i++) asns[i] = asnsSorted[i]!;
  const index = (asn: number): number => {
    let lo = 0;
    let hi = n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = asns[mid]!;
      if (v === asn) return mid;
      if (v < asn) lo = mid + 1;
      else hi = mid - 1;
    }
    throw new Error(`invariant: ASN ${asn} missing from its own index`);
  };
  const ia = new Uint32Array(m);
  const ib = new Uint32Array(m);
  const degree = new Uint32Array(n + 1);
  for (let k = 0; k < m; k++) {
    ia[k] = index(links.a[k]!);
    ib[k] = index(links.b[k]!);
    degree[ia[k]!]!++;
    degree[ib[k]!]!++;
  }
  const start = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = start[i]! + degree[i]!;
  const fill = start.slice(0, n);
  const rowNeighbour = new Uint32Array(2 * m);
  const rowLink = new Uint32Array(2 * m);
  for (let k = 0; k < m; k++) {
    const a = ia[k]!;
    const b = ib[k]!;
    rowNeighbour[fill[a]!] = b;
    rowLink[fill[a]!++] = k;
    rowNeighbour[fill[b]!] = a;
    rowLink[fill[b]!++] = k;
  }
  // Sort each row by (neighbour, link) so duplicates sit side by side and lookups can bisect.
  const duplicates: DuplicateLink[] = [];
  const dropped = new Uint8Array(m);
  const order: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = start[i]!;
    const e = start[i + 1]!;
    order.length = 0;
    for (let p = s; p < e; p++) order.push(p);
    order.sort((x, y) => rowNeighbour[x]! - rowNeighbour[y]! || rowLink[x]! - rowLink[y]!);
    let groupFirst = order.length > 0 ? rowLink[order[0]!]! : 0;
    for (let q = 1; q < order.length; q++) {
      const prev = order[q - 1]!;
      const cur = order[q]!;
      if (rowNeighbour[prev] !== rowNeighbour[cur]) {
        groupFirst = rowLink[cur]!;
      } else if (i < rowNeighbour[cur]!) {
        duplicates.push({ first: groupFirst, second: rowLink[cur]! });
        dropped[rowLink[cur]!] = 1;
      }
    }
  }
  let kept = 0;
  for (let k = 0; k < m; k++) if (dropped[k] === 0) kept++;
  const offsets = new Uint32Array(n + 1);
  const neighbours = new Uint32Array(2 * kept);
  const relationships = new Uint8Array(2 * kept);
  let w = 0;
  for (let i = 0; i < n; i++) {
    const s = start[i]!;
    const e = start[i + 1]!;
    order.length = 0;
    for (let p = s; p < e; p++) if (dropped[rowLink[p]!] === 0) order.push(p);
    order.sort((x, y) => rowNeighbour[x]! - rowNeighbour[y]!);
    for (const p of order) {
      const k = rowLink[p]!;
      neighbours[w] = rowNeighbour[p]!;
      if (links.rel[k] === 0) relationships[w] = Relationship.Peer;
      else relationships[w] = ia[k] === i ? Relationship.Customer : Relationship.Provider;
      w++;
    }
    offsets[i + 1] = w;
  }
  return { graph: new AsGraph(asns, offsets, neighbours, relationships), duplicates };
}

/**
 * Builds the CSR graph from link columns; any duplicate pair throws (use the as-rel loader for
 * files, which reports duplicates by line).
 */
export function buildAsGraph(links: AsLinkColumns): AsGraph {
  const { graph, duplicates } = buildAsGraphReportingDuplicates(links);
  const dup = duplicates[0];
  if (dup !== undefined) {
    throw new TopologyError(`links ${dup.first} and ${dup.second} both join AS ${links.a[dup.second]} and AS ${links.b[dup.second]}`);
  }
  return graph;
}
