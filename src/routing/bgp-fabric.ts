/**
 * What every prefix of one BGP run shares: the routing network (ASes plus the operator's site
 * nodes), the reverse adjacency of each BGP session, the relationship class of each adjacency and
 * the one-way delay of each link. A real router carries all prefixes over the same sessions and
 * links (RFC 4271 §3: one BGP connection per peer carries UPDATEs for many prefixes), so the
 * anycast prefix and every PoP's unicast prefix run on one fabric: built once, drawn once.
 * The tie-break rule is part of it too (a router's decision process is the same for every
 * prefix): its per-slot ranks are computed once here.
 * Random stream taken: `routing/link-delay` (one draw per link, in slot order).
 */
import type { RandomStream } from '../sim/index.js';
import { type AnycastDeployment, type AsGraph, TopologyError } from '../topology/index.js';
import type { Range } from './bgp-config.js';
import { classOfSlot } from './route-preference.js';
import { reverseSlots, routingNetwork, type RoutingNetwork } from './routing-network.js';
import { LOWEST_ASN, type TieBreak, tieBreakOn, type TieBreakSpec } from './tie-break.js';

/** Static structure of a BGP run, shared by all its prefixes. */
export class BgpFabric {
  /** The network (ASes, then one node per site). */
  readonly network: RoutingNetwork;
  /** For each slot, the slot of the same session seen from the other end. */
  readonly reverse: Uint32Array;
  /** {@link RouteClass} of a route learned over each slot. */
  readonly relClass: Uint8Array;
  /** One-way message delay per slot, ms (equal in both directions of a link). */
  readonly linkDelayMs: Float64Array;
  /** How every AS breaks ties between equally preferred routes, as per-slot ranks. */
  readonly tieBreak: TieBreak;

  /**
   * Builds the network of `graph` (plus `deployment`'s sites), draws every link's delay from
   * `linkRandom` and ranks every AS's neighbours by `tieBreak`.
   */
  constructor(
    readonly graph: AsGraph,
    readonly deployment: AnycastDeployment | undefined,
    linkDelayMs: Range,
    linkRandom: RandomStream,
    tieBreak: TieBreakSpec = LOWEST_ASN,
  ) {
    this.network = routingNetwork(graph, deployment);
    const net = this.network;
    const slots = net.neighbours.length;
    this.reverse = reverseSlots(net);
    this.tieBreak = tieBreakOn(net, tieBreak, this.reverse);
    this.relClass = new Uint8Array(slots);
    this.linkDelayMs = new Float64Array(slots);
    for (let v = 0; v < net.nodeCount; v++) {
      for (let k = net.offsets[v]!; k < net.offsets[v + 1]!; k++) {
        this.relClass[k] = classOfSlot(net, v, k);
        if (net.neighbours[k]! > v) {
          const delay = linkRandom.uniform(linkDelayMs[0], linkDelayMs[1]);
          this.linkDelayMs[k] = delay;
          this.linkDelayMs[this.reverse[k]!] = delay;
        }
      }
    }
  }

  /** Number of sites of the deployment (0 in origin mode). */
  get siteCount(): number {
    return this.deployment?.sites.length ?? 0;
  }

  /** Throws a RangeError unless `i` is a site index. */
  checkSite(i: number): void {
    const count = this.siteCount;
    if (!(Number.isInteger(i) && i >= 0 && i < count)) throw new RangeError(`site index ${i} is outside 0..${count - 1}`);
  }

  /**
   * The slots (one per direction seen from `asnA`) of the link between ASes `asnA` and `asnB`;
   * the operator ASN stands for every site. A {@link TopologyError} when there is no such link.
   */
  linkSlots(asnA: number, asnB: number): number[] {
    const net = this.network;
    const ends = (asn: number): number[] => {
      if (this.deployment !== undefined && asn === this.deployment.operatorAsn) {
        return this.deployment.sites.map((_, s) => net.asCount + s);
      }
      const node = this.graph.indexOf(asn);
      return node < 0 ? [] : [node];
    };
    const slots: number[] = [];
    for (const a of ends(asnA)) {
      for (const b of ends(asnB)) {
        for (let k = net.offsets[a]!; k < net.offsets[a + 1]!; k++) if (net.neighbours[k] === b) slots.push(k);
      }
    }
    if (slots.length === 0) throw new TopologyError(`no link between AS ${asnA} and AS ${asnB}`);
    return slots;
  }

  /** The slot, in site `i`'s row, of its link to upstream or peer `neighbourAsn`. */
  siteLinkSlot(i: number, neighbourAsn: number): number {
    this.checkSite(i);
    const net = this.network;
    const node = net.asCount + i;
    const neighbour = this.graph.indexOf(neighbourAsn);
    for (let k = net.offsets[node]!; k < net.offsets[node + 1]!; k++) if (net.neighbours[k] === neighbour) return k;
    throw new TopologyError(`site ${i} has no link to AS ${neighbourAsn}`);
  }
}
