/**
 * The graph the routing layer runs on: the AS graph plus one node per PoP site of an anycast
 * deployment, with each row regrouped by relationship (customers, then peers, then providers) so
 * that Gao-Rexford propagation (Gao & Rexford 2001) scans only the adjacencies a phase can use.
 * Nodes 0..asCount-1 are the graph's ASes (same indexes); node asCount + s is site s, whose ASN is
 * the operator's. Built once per (graph, deployment) and cached for plain graphs.
 */
import { type AnycastDeployment, type AsGraph, Relationship, validateDeployment } from '../topology/index.js';

/** Adjacency arrays of a {@link AsGraph} plus site nodes, rows grouped by relationship. */
export interface RoutingNetwork {
  readonly graph: AsGraph;
  /** ASes of the graph; nodes at or above this index are sites. */
  readonly asCount: number;
  /** ASes plus sites. */
  readonly nodeCount: number;
  /** ASN per node (sites carry the operator ASN). */
  readonly nodeAsn: Uint32Array;
  /** Row starts, nodeCount + 1 entries; row i is customers, then peers, then providers. */
  readonly offsets: Uint32Array;
  /** First peer slot of each row. */
  readonly peerStart: Uint32Array;
  /** First provider slot of each row. */
  readonly providerStart: Uint32Array;
  /** Neighbour node per slot. */
  readonly neighbours: Uint32Array;
  /** The deployment whose sites were appended, if any. */
  readonly deployment: AnycastDeployment | undefined;
}

const plainNetworks = new WeakMap<AsGraph, RoutingNetwork>();
const deploymentNetworks = new WeakMap<AsGraph, WeakMap<AnycastDeployment, RoutingNetwork>>();

/**
 * The routing network of `graph`, optionally with `deployment`'s sites appended (validated with
 * {@link validateDeployment}). Cached per graph and deployment object (both immutable), so the
 * per-network tie-break ranks (tie-break.ts) are computed once.
 */
export function routingNetwork(graph: AsGraph, deployment?: AnycastDeployment): RoutingNetwork {
  if (deployment === undefined) {
    const cached = plainNetworks.get(graph);
    if (cached !== undefined) return cached;
  } else {
    const cached = deploymentNetworks.get(graph)?.get(deployment);
    if (cached !== undefined) return cached;
    validateDeployment(graph, deployment);
  }
  const n = graph.asCount;
  const sites = deployment?.sites ?? [];
  const nodeCount = n + sites.length;
  // Extra adjacencies per AS from sites: upstreams see a customer, peers a peer.
  const extraCustomers = new Uint32Array(n);
  const extraPeers = new Uint32Array(n);
  let extra = 0;
  for (const site of sites) {
    for (const asn of site.upstreams) extraCustomers[graph.indexOf(asn)]!++;
    for (const asn of site.peers) extraPeers[graph.indexOf(asn)]!++;
    extra += 2 * (site.upstreams.length + site.peers.length);
  }
  const offsets = new Uint32Array(nodeCount + 1);
  const peerStart = new Uint32Array(nodeCount);
  const providerStart = new Uint32Array(nodeCount);
  const neighbours = new Uint32Array(graph.neighbours.length + extra);
  const rel = graph.relationships;
  const nb = graph.neighbours;
  let w = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = w;
    const s = graph.offsets[i]!;
    const e = graph.offsets[i + 1]!;
    for (let k = s; k < e; k++) if (rel[k] === Relationship.Customer) neighbours[w++] = nb[k]!;
    if (extraCustomers[i]! > 0) {
      sites.forEach((site, si) => {
        if (site.upstreams.some((asn) => graph.indexOf(asn) === i)) neighbours[w++] = n + si;
      });
    }
    peerStart[i] = w;
    for (let k = s; k < e; k++) if (rel[k] === Relationship.Peer) neighbours[w++] = nb[k]!;
    if (extraPeers[i]! > 0) {
      sites.forEach((site, si) => {
        if (site.peers.some((asn) => graph.indexOf(asn) === i)) neighbours[w++] = n + si;
      });
    }
    providerStart[i] = w;
    for (let k = s; k < e; k++) if (rel[k] === Relationship.Provider) neighbours[w++] = nb[k]!;
  }
  sites.forEach((site, si) => {
    const node = n + si;
    offsets[node] = w;
    peerStart[node] = w;
    for (const idx of site.peers.map((asn) => graph.indexOf(asn)).sort((x, y) => x - y)) neighbours[w++] = idx;
    providerStart[node] = w;
    for (const idx of site.upstreams.map((asn) => graph.indexOf(asn)).sort((x, y) => x - y)) neighbours[w++] = idx;
  });
  offsets[nodeCount] = w;
  if (w !== neighbours.length) throw new Error(`invariant: routing network filled ${w} of ${neighbours.length} slots`);
  const nodeAsn = new Uint32Array(nodeCount);
  nodeAsn.set(graph.asns);
  if (deployment !== undefined) nodeAsn.fill(deployment.operatorAsn, n);
  const network: RoutingNetwork = {
    graph,
    asCount: n,
    nodeCount,
    nodeAsn,
    offsets,
    peerStart,
    providerStart,
    neighbours,
    deployment,
  };
  if (deployment === undefined) plainNetworks.set(graph, network);
  else {
    let perGraph = deploymentNetworks.get(graph);
    if (perGraph === undefined) {
      perGraph = new WeakMap();
      deploymentNetworks.set(graph, perGraph);
    }
    perGraph.set(deployment, network);
  }
  return network;
}

/**
 * For each slot k (row u, neighbour v) the slot in row v that points back to u: the BGP session
 * seen from the other end. Rows list each relationship group in ascending node order, so visiting
 * the rows in node order meets each row's group entries in order: one cursor per (node, group)
 * finds every reverse slot in O(E) without a map.
 */
export function reverseSlots(network: RoutingNetwork): Uint32Array {
  const { offsets, peerStart, providerStart, neighbours, nodeCount } = network;
  const reverse = new Uint32Array(neighbours.length);
  const customerCursor = offsets.slice(0, nodeCount);
  const peerCursor = peerStart.slice();
  const providerCursor = providerStart.slice();
  for (let u = 0; u < nodeCount; u++) {
    for (let k = offsets[u]!; k < offsets[u + 1]!; k++) {
      const v = neighbours[k]!;
      // u's customer v sees u as a provider, a peer as a peer, a provider sees a customer.
      const back = k < peerStart[u]! ? providerCursor[v]!++ : k < providerStart[u]! ? peerCursor[v]!++ : customerCursor[v]!++;
      if (neighbours[back] !== u) throw new Error(`invariant: link ${u}-${v} has no matching reverse adjacency`);
      reverse[k] = back;
    }
  }
  return reverse;
}
