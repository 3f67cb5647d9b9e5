/**
 * Catchments: which origin (or PoP site) each AS's traffic reaches, by which next hop and over how
 * long an AS path, and the exact JSON map `anysim catchment --json` prints. The term is the
 * anycast literature's (Vries et al., "Broad and Load-Aware Anycast Mapping with Verfploeter",
 * IMC 2017): the catchment of a site is the set of networks routed to it.
 */
import { type AnycastDeployment, type AsGraph, TopologyError } from '../topology/index.js';
import { routingNetwork, type RoutingNetwork } from './routing-network.js';
import { type NodeRoutes, type RouteSource, solveSteadyState } from './steady-state.js';
import { LOWEST_ASN, tieBreakOn, type TieBreakSpec } from './tie-break.js';

/** Most origins one catchment takes (a limit; 275 is the largest the benchmarks use). */
export const MAX_ORIGINS = 100_000;

/**
 * Routes per node of the network; nodes 0..graph.asCount-1 are the graph's ASes, node
 * graph.asCount + s is site s of `deployment`. `servingOrigin` indexes `originAsns` (origin
 * mode) or `deployment.sites`.
 */
export interface Catchment {
  readonly network: RoutingNetwork;
  /** Origin ASes in origin-index order (empty for a deployment). */
  readonly originAsns: readonly number[];
  /** Serving origin or site index per node, -1 without a route. */
  readonly servingOrigin: Int32Array;
  /** Next-hop node per node, -1 at an originating node or without a route. */
  readonly nextHop: Int32Array;
  /** AS-path length per node (the node and prepends included), 0 without a route. */
  readonly pathLength: Int32Array;
  /** {@link RouteClass} per node. */
  readonly routeClass: Uint8Array;
}

/** One AS's entry of the catchment map: its origin ASN and AS path, or null without a route. */
export type CatchmentEntry = { readonly origin: number; readonly site?: string; readonly path: readonly number[] } | null;

/** The JSON catchment map: every AS of the topology keyed by its ASN in decimal. */
export type CatchmentMap = Record<string, CatchmentEntry>;

/** Builds a {@link Catchment} from solver output. */
export function catchmentFromRoutes(network: RoutingNetwork, originAsns: readonly number[], routes: NodeRoutes): Catchment {
  return {
    network,
    originAsns,
    servingOrigin: routes.origin,
    nextHop: routes.nextHop,
    pathLength: routes.pathLength,
    routeClass: routes.routeClass,
  };
}

/** The origin-index route sources for `originAsns`, each an existing AS (else {@link TopologyError}). */
export function originSources(graph: AsGraph, originAsns: readonly number[]): RouteSource[] {
  if (originAsns.length > MAX_ORIGINS) throw new TopologyError(`${originAsns.length} origins exceed the limit of ${MAX_ORIGINS}`);
  const seen = new Set<number>();
  return originAsns.map((asn, id) => {
    const node = graph.indexOf(asn);
    if (node < 0) throw new TopologyError(`origin AS ${asn} is not in the topology`);
    if (seen.has(asn)) throw new TopologyError(`origin AS ${asn} is listed twice`);
    seen.add(asn);
    return { node, id, length: 1 };
  });
}

/**
 * The steady-state catchment when the existing ASes `originAsns` originate the prefix themselves
 * (origin index = position in `originAsns`), ties broken by `tieBreak`. Linear in the number of
 * links once the rule's ranks are built (once per graph and spec object).
 */
export function steadyStateCatchment(graph: AsGraph, originAsns: readonly number[], tieBreak: TieBreakSpec = LOWEST_ASN): Catchment {
  const network = routingNetwork(graph);
  return catchmentFromRoutes(network, originAsns, solveSteadyState(network, originSources(graph, originAsns), undefined, tieBreakOn(network, tieBreak)));
}

/** The route sources of the sites of `network`'s deployment that are active. */
export function siteSources(network: RoutingNetwork, active: readonly boolean[], prepends?: readonly number[]): RouteSource[] {
  const sites = network.deployment?.sites ?? [];
  const sources: RouteSource[] = [];
  sites.forEach((site, s) => {
    if (active[s] === true) sources.push({ node: network.asCount + s, id: s, length: 1 + (prepends?.[s] ?? site.prepend ?? 0) });
  });
  return sources;
}

/**
 * The steady-state catchment of an anycast deployment whose sites `activeSites[s]` announce
 * (default: all), ties broken by `tieBreak` (under lowest ASN, equal routes to two sites go to
 * the lower site index).
 */
export function steadyStateDeploymentCatchment(
  graph: AsGraph,
  deployment: AnycastDeployment,
  activeSites: readonly boolean[] = deployment.sites.map(() => true),
  tieBreak: TieBreakSpec = LOWEST_ASN,
): Catchment {
  const network = routingNetwork(graph, deployment);
  return catchmentFromRoutes(network, [], solveSteadyState(network, siteSources(network, activeSites), undefined, tieBreakOn(network, tieBreak)));
}

/**
 * The AS path of AS or node `node` as ASNs, from it to the origin (a site's operator ASN repeated
 * once per prepend), or null without a route. Throws if the next hops loop (never in a steady
 * state).
 */
export function catchmentPath(catchment: Catchment, node: number): number[] | null {
  if (catchment.servingOrigin[node]! < 0) return null;
  const { nodeAsn, nodeCount } = catchment.network;
  const path: number[] = [];
  let x = node;
  for (let steps = 0; ; steps++) {
    if (steps > nodeCount) throw new Error(`invariant: next hops from node ${node} loop`);
    const hop = catchment.nextHop[x]!;
    if (hop < 0) {
      for (let copy = 0; copy < catchment.pathLength[x]!; copy++) path.push(nodeAsn[x]!);
      return path;
    }
    path.push(nodeAsn[x]!);
    x = hop;
  }
}

/**
 * The catchment map of item 5 of issue 3: for every AS of the topology, keyed by its ASN,
 * `{"origin": <asn>, "path": [<this asn>, ..., <origin asn>]}` or null. For a deployment the
 * origin is the operator ASN and `site` names the PoP.
 */
export function catchmentMap(catchment: Catchment): CatchmentMap {
  const { network } = catchment;
  const map: CatchmentMap = {};
  const deployment = network.deployment;
  for (let i = 0; i < network.asCount; i++) {
    const path = catchmentPath(catchment, i);
    const served = catchment.servingOrigin[i]!;
    const key = String(network.nodeAsn[i]);
    if (path === null) map[key] = null;
    else if (deployment !== undefined) map[key] = { origin: deployment.operatorAsn, site: deployment.sites[served]!.name, path };
    else map[key] = { origin: catchment.originAsns[served]!, path };
  }
  return map;
}
