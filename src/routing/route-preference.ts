/**
 * The route preference of the Gao-Rexford model (Gao & Rexford, "Stable Internet Routing Without
 * Global Coordination", IEEE/ACM ToN 2001) as the BGP decision process of RFC 4271 §9.1.2.2
 * orders it here: own origination, then routes learned from customers, then from peers, then
 * from providers (LOCAL_PREF by relationship); then the shortest AS_PATH; then the scenario's
 * tie-break (tie-break.ts: lowest neighbour ASN by default, hot-potato or a random order).
 */
import type { RoutingNetwork } from './routing-network.js';

/** Route classes, higher is preferred. `None` means no route. */
export const RouteClass = { None: 0, Provider: 1, Peer: 2, Customer: 3, Own: 4 } as const;
/** One of the {@link RouteClass} codes. */
export type RouteClass = (typeof RouteClass)[keyof typeof RouteClass];

/** The class of a route learned over slot `k` of row `node` (by the neighbour's relationship). */
export function classOfSlot(network: RoutingNetwork, node: number, k: number): RouteClass {
  if (k < network.peerStart[node]!) return RouteClass.Customer;
  if (k < network.providerStart[node]!) return RouteClass.Peer;
  return RouteClass.Provider;
}

/**
 * Whether a route of class `classA`, length `lengthA` whose next hop has tie-break rank `rankA`
 * (tie-break.ts: lower wins) is preferred to one of class `classB`, length `lengthB`, rank `rankB`.
 */
export function routePreferred(classA: number, lengthA: number, rankA: number, classB: number, lengthB: number, rankB: number): boolean {
  if (classA !== classB) return classA > classB;
  if (lengthA !== lengthB) return lengthA < lengthB;
  return rankA < rankB;
}
