/**
 * The steady-state (converged) BGP routes toward one anycast prefix, computed directly instead of
 * by simulating messages: Gao-Rexford propagation in three phases, each a breadth-first pass in
 * order of AS-path length (Dial's bucket queue, since prepends start sites at different lengths):
 *
 * 1. customer routes climb from the origins to their providers (customer cones);
 * 2. one peer step: every AS with an own or customer route offers it to its peers;
 * 3. every AS with a route offers it to its customers, down the hierarchy.
 *
 * Each phase admits only the routes the export rule allows (own and customer routes to everyone,
 * peer and provider routes to customers only, Gao & Rexford 2001) and keeps the preferred one
 * (route-preference.ts), so the result is the unique stable state BGP converges to. The same
 * propagation idea drives simulators such as BGPsim and SimBGP; this is its own implementation.
 * Loop prevention never fires in a stable valley-free state (a shortest route cannot contain the
 * receiver), so no path is walked: the solver is linear in the number of adjacencies.
 */
import { MAX_PREPEND } from '../topology/index.js';
import { RouteClass } from './route-preference.js';
import type { RoutingNetwork } from './routing-network.js';
import { LOWEST_ASN, type TieBreak, tieBreakOn } from './tie-break.js';

/** An originating node: origin or site `id` announcing with AS-path length `length` (1 + prepends). */
export interface RouteSource {
  readonly node: number;
  readonly id: number;
  readonly length: number;
}

/** Best route per node of a {@link RoutingNetwork}; -1 where there is none. */
export interface NodeRoutes {
  /** {@link RouteClass} per node. */
  readonly routeClass: Uint8Array;
  /** AS-path length per node (ASes on the path, prepends and the node itself included), 0 without a route. */
  readonly pathLength: Int32Array;
  /** Next-hop node, -1 at an originating node or without a route. */
  readonly nextHop: Int32Array;
  /** Origin or site index of the route, -1 without a route. */
  readonly origin: Int32Array;
}

/**
 * Solves the steady state of `network` for `sources`. Site nodes (index >= asCount) only
 * originate, never import. `sessionUp`, when given, is 1 per slot whose BGP session is up.
 * Ties between equally preferred routes go by `tieBreak` (default lowest ASN, tie-break.ts).
 */
export function solveSteadyState(
  network: RoutingNetwork,
  sources: readonly RouteSource[],
  sessionUp?: Uint8Array,
  tieBreak: TieBreak = tieBreakOn(network, LOWEST_ASN),
): NodeRoutes {
  const { nodeCount, asCount, offsets, peerStart, providerStart, neighbours } = network;
  // The rank each sender has at the receiver, and the rank of each node's current next hop.
  const rankAt = tieBreak.rankAtNeighbour;
  const hopRank = new Uint32Array(nodeCount);
  const routeClass = new Uint8Array(nodeCount);
  const pathLength = new Int32Array(nodeCount);
  const nextHop = new Int32Array(nodeCount).fill(-1);
  const origin = new Int32Array(nodeCount).fill(-1);
  const maxLength = nodeCount + MAX_PREPEND + 2;
  const bucketHead = new Int32Array(maxLength + 1).fill(-1);
  const bucketNext = new Int32Array(nodeCount);
  let top = 0;
  let bottom = maxLength;
  const push = (node: number, length: number): void => {
    bucketNext[node] = bucketHead[length]!;
    bucketHead[length] = node;
    if (length > top) top = length;
    if (length < bottom) bottom = length;
  };
  const up = (k: number): boolean => sessionUp === undefined || sessionUp[k] === 1;

  for (const source of sources) {
    if (source.length < 1 || source.length > MAX_PREPEND + 1) {
      throw new RangeError(`route source length ${source.length} is outside 1..${MAX_PREPEND + 1}`);
    }
    if (routeClass[source.node] === RouteClass.Own) throw new Error(`invariant: node ${source.node} originates twice`);
    routeClass[source.node] = RouteClass.Own;
    pathLength[source.node] = source.length;
    origin[source.node] = source.id;
    push(source.node, source.length);
  }

  // Phase 1: customer routes climb to providers, shortest first.
  for (let length = bottom; length <= top; length++) {
    for (let u = bucketHead[length]!; u !== -1; u = bucketNext[u]!) {
      const next = length + 1;
      for (let k = providerStart[u]!; k < offsets[u + 1]!; k++) {
        if (!up(k)) continue;
        const v = neighbours[k]!;
        if (v >= asCount) continue;
        const cls = routeClass[v]!;
        if (cls < RouteClass.Customer) {
          routeClass[v] = RouteClass.Customer;
          pathLength[v] = next;
          nextHop[v] = u;
          hopRank[v] = rankAt[k]!;
          origin[v] = origin[u]!;
          push(v, next);
        } else if (cls === RouteClass.Customer && pathLength[v] === next && rankAt[k]! < hopRank[v]!) {
          nextHop[v] = u;
          hopRank[v] = rankAt[k]!;
          origin[v] = origin[u]!;
        }
      }
    }
    bucketHead[length] = -1;
  }

  // Phase 2: one peer step from every own or customer route.
  for (let u = 0; u < nodeCount; u++) {
    if (routeClass[u]! < RouteClass.Customer) continue;
    const next = pathLength[u]! + 1;
    for (let k = peerStart[u]!; k < providerStart[u]!; k++) {
      if (!up(k)) continue;
      const v = neighbours[k]!;
      if (v >= asCount) continue;
      const cls = routeClass[v]!;
      if (
        cls < RouteClass.Peer ||
        (cls === RouteClass.Peer &&
          (next < pathLength[v]! || (next === pathLength[v]! && rankAt[k]! < hopRank[v]!)))
      ) {
        routeClass[v] = RouteClass.Peer;
        pathLength[v] = next;
        nextHop[v] = u;
        hopRank[v] = rankAt[k]!;
        origin[v] = origin[u]!;
      }
    }
  }

  // Phase 3: every route flows down to customers, shortest first.
  top = 0;
  bottom = maxLength;
  for (let u = 0; u < nodeCount; u++) if (routeClass[u]! > RouteClass.None) push(u, pathLength[u]!);
  for (let length = bottom; length <= top; length++) {
    for (let u = bucketHead[length]!; u !== -1; u = bucketNext[u]!) {
      const next = length + 1;
      for (let k = offsets[u]!; k < peerStart[u]!; k++) {
        if (!up(k)) continue;
        const v = neighbours[k]!;
        if (v >= asCount) continue;
        const cls = routeClass[v]!;
        if (cls === RouteClass.None) {
          routeClass[v] = RouteClass.Provider;
          pathLength[v] = next;
          nextHop[v] = u;
          hopRank[v] = rankAt[k]!;
          origin[v] = origin[u]!;
          push(v, next);
        } else if (cls === RouteClass.Provider && pathLength[v] === next && rankAt[k]! < hopRank[v]!) {
          nextHop[v] = u;
          hopRank[v] = rankAt[k]!;
          origin[v] = origin[u]!;
        }
      }
    }
    bucketHead[length] = -1;
  }
  return { routeClass, pathLength, nextHop, origin };
}
