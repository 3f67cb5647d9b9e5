/**
 * Where a client flip can send a client's packets at one instant: the runner-up route (to a
 * different site) of the nearest AS on the client's forwarding path that has one. A per-packet
 * load balancer in a transit network (or an ECMP group, per flow) sends some packets along its
 * second path; Wei & Heidemann ("Does Anycast Hang up on You?", TMA 2017) saw unstable vantage
 * points mostly alternate between two sites, and Zhang et al. ("Characterizing Anycast Flipping",
 * 2025) trace flips to such load balancing. A route is an alternative only if the network can
 * deliver along it now: it is in the AS's Adj-RIB-In (RFC 4271 §3.2) and not suppressed by
 * damping, and the neighbour it came from forwards, hop by hop, to a site (not into a black hole
 * or a loop) that announces the prefix and that the caller says is usable (no outage in force).
 * Among an AS's alternatives the most preferred one (Gao-Rexford order, route-preference.ts) wins.
 */
import type { RoutingNetwork } from './routing-network.js';

/** What a flip of one client can use. */
export interface FlipAlternative {
  /** The site the flipped packets reach. */
  readonly site: number;
  /** The AS on the client's path whose runner-up route carries them (the load balancer). */
  readonly balancerAs: number;
  /** The routing-network node (AS or site) the balancer sends the flipped packets to. */
  readonly neighbourNode: number;
  /** ASes from the client to the balancer, inclusive: their best routes bring packets there. */
  readonly pathAses: readonly number[];
}

/** The read-only BGP state the query needs (a view of a BgpSimulation's private state). */
export interface AdjRibInView {
  readonly network: RoutingNetwork;
  /** Loc-RIB: the Adj-RIB-In slot of each node's best route, or a negative code (own, none). */
  readonly bestSlot: Int32Array;
  /** Whether slot `k` holds a route the decision process may use (present, not suppressed). */
  usable(k: number): boolean;
  /** Whether a route via slot `a` is preferred to one via slot `b` (both usable). */
  preferred(a: number, b: number): boolean;
  /** Where packets from node `v` end now: a site index, or a negative drop code. */
  outcomeOf(v: number): number;
  /** Whether site `s` announces the prefix and is alive as far as BGP knows. */
  announces(s: number): boolean;
}

/**
 * The alternative a flip of AS `asIndex` can use now, or null when no AS on its forwarding path
 * has one (or the client reaches no site). `isSiteUsable` rules out sites the caller knows to be
 * dead (a silently dead site keeps its routes until hold timers expire). `walked`, if given,
 * receives the ASes the query looked at (the path from the client to where it stopped), whose
 * route changes may change the answer.
 */
export function findFlipAlternative(
  view: AdjRibInView,
  asIndex: number,
  isSiteUsable: (site: number) => boolean,
  walked: number[] = [],
): FlipAlternative | null {
  const net = view.network;
  const routed = view.outcomeOf(asIndex);
  walked.length = 0;
  if (routed < 0) return null;
  const pathAses = walked;
  let x = asIndex;
  // A path reaching a site visits each AS at most once, so nodeCount bounds the walk.
  for (let hops = 0; hops < net.nodeCount && x < net.asCount; hops++) {
    pathAses.push(x);
    const best = view.bestSlot[x]!;
    if (best < 0) return null;
    let pick = -1;
    let pickSite = -1;
    // Rows list customers, then peers, then providers: the route class decides first, so the
    // first class with a candidate holds the most preferred one.
    const classEnds = [net.peerStart[x]!, net.providerStart[x]!, net.offsets[x + 1]!];
    let k = net.offsets[x]!;
    for (const classEnd of classEnds) {
      for (; k < classEnd; k++) {
        if (k === best || !view.usable(k)) continue;
        const site = view.outcomeOf(net.neighbours[k]!);
        if (site < 0 || site === routed || !view.announces(site) || !isSiteUsable(site)) continue;
        if (pick < 0 || view.preferred(k, pick)) {
          pick = k;
          pickSite = site;
        }
      }
      if (pick >= 0) break;
    }
    if (pick >= 0) return { site: pickSite, balancerAs: x, neighbourNode: net.neighbours[pick]!, pathAses: [...pathAses] };
    x = net.neighbours[best]!;
  }
  return null;
}
