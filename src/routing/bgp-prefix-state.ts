/**
 * What BGP keeps for one prefix (RFC 4271 §3.2): per adjacency slot the Adj-RIB-In (the route
 * learned from that neighbour) and Adj-RIB-Out (the route last sent to it), per node the Loc-RIB
 * (best slot and AS path), the session flags, and who originates the prefix (sites of the
 * operator, or origin ASes). Each slot's pending UPDATE also carries the id of
 * the routing event whose change it reports (see bgp-propagation.ts). Typed arrays throughout:
 * one prefix costs about 60 bytes per adjacency slot.
 */
import { type AnycastDeployment, type AsGraph } from '../topology/index.js';
import type { BgpFabric } from './bgp-fabric.js';
import { originSources, siteSources } from './catchment.js';
import { RouteClass } from './route-preference.js';
import { RoutePath } from './route-path.js';
import type { NodeRoutes, RouteSource } from './steady-state.js';
import type { TieBreakSpec } from './tie-break.js';

/** Best slot of a node without a route. */
export const NO_ROUTE = -1;
/** Best slot of a node that originates the prefix. */
export const OWN_ROUTE = -2;
/** The wave id of inputs that name no routing event. */
export const NO_WAVE = -1;

/** How one prefix of a multi-prefix run shares the run (see {@link BgpFabric}). */
export interface BgpPrefixOptions {
  /** The fabric to run on (built from `graph` and the target when absent). */
  readonly fabric?: BgpFabric;
  /** Sites that originate this prefix (default: all of the deployment's). */
  readonly originatingSites?: readonly number[];
  /** Slots of site rows this prefix is never announced on (an export filter at the site). */
  readonly unannouncedSlots?: readonly number[];
  /** Prefix of the random streams' names (default `routing`). */
  readonly streamName?: string;
  /**
   * The tie-break rule of a fabric the simulation builds itself (default lowest ASN); with
   * `fabric` given, the fabric's rule applies and this must be absent.
   */
  readonly tieBreak?: TieBreakSpec;
}

/** The Loc-RIB, Adj-RIBs, sessions and originators of one prefix. */
export class PrefixState {
  /** Origin ASNs in origin-index order (origin mode). */
  readonly origins: number[] = [];
  /** Origin or site index per node that may originate, else -1. */
  readonly originId: Int32Array;
  /** 1 where an origin AS originates now (origin mode) or a site node may (deployment). */
  readonly originates: Uint8Array;
  readonly bestSlot: Int32Array;
  readonly bestPath: (RoutePath | null)[];
  /** The wave of the latest change each slot's next UPDATE reports. */
  readonly slotWave: Int32Array;
  /** 1 on site slots this prefix is never announced on (export filter). */
  readonly unannounced: Uint8Array;
  /**
   * 1 on site slots the operator has stopped announcing on for now (selective announcement, an
   * outbound filter at the site): the session stays up, the route is withdrawn from it.
   */
  readonly exportFiltered: Uint8Array;
  readonly ribIn: (RoutePath | null)[];
  readonly ribOut: (RoutePath | null)[];
  readonly sessionUp: Uint8Array;
  readonly adminUp: Uint8Array;
  /** Bumped when a session goes down, so UPDATEs in flight on it are dropped. */
  readonly epoch: Uint32Array;
  /** Arrival time of the last UPDATE per slot (UPDATEs stay in order: BGP runs over TCP). */
  readonly lastArrivalMs: Float64Array;
  readonly siteAlive: boolean[];
  readonly siteAnnouncing: boolean[];
  readonly sitePrepend: number[];
  /** Incremented when a site dies or comes back, so stale hold-timer expiries do nothing. */
  readonly siteLife: number[];
  /** What originates the prefix at the start. */
  readonly initialSources: readonly RouteSource[];

  /**
   * Empty RIBs for `fabric`; `target` names the originators (a deployment, of which
   * `originatingSites` announce, or origin ASNs); `unannouncedSlots` start down and stay so.
   */
  constructor(
    private readonly fabric: BgpFabric,
    graph: AsGraph,
    target: AnycastDeployment | readonly number[],
    originatingSites: readonly number[] | undefined,
    unannouncedSlots: readonly number[],
  ) {
    const net = fabric.network;
    const slots = net.neighbours.length;
    const nodes = net.nodeCount;
    this.originId = new Int32Array(nodes).fill(-1);
    this.originates = new Uint8Array(nodes);
    const deployment = Array.isArray(target) ? undefined : (target as AnycastDeployment);
    const sites = deployment?.sites ?? [];
    const originating = new Set(originatingSites ?? sites.map((_, s) => s));
    this.siteAlive = sites.map(() => true);
    this.siteAnnouncing = sites.map((_, s) => originating.has(s));
    this.sitePrepend = sites.map((site) => site.prepend ?? 0);
    this.siteLife = sites.map(() => 0);
    this.sessionUp = new Uint8Array(slots).fill(1);
    this.adminUp = new Uint8Array(slots).fill(1);
    this.unannounced = new Uint8Array(slots);
    this.exportFiltered = new Uint8Array(slots);
    for (const k of unannouncedSlots) {
      this.unannounced[k] = 1;
      this.sessionUp[k] = 0;
      this.sessionUp[fabric.reverse[k]!] = 0;
    }
    if (deployment !== undefined) {
      this.initialSources = siteSources(net, this.siteAnnouncing, this.sitePrepend);
      sites.forEach((_, s) => {
        this.originId[net.asCount + s] = s;
        this.originates[net.asCount + s] = 1;
      });
    } else {
      this.initialSources = originSources(graph, target as readonly number[]);
      for (const source of this.initialSources) {
        this.origins.push(net.nodeAsn[source.node]!);
        this.originId[source.node] = source.id;
        this.originates[source.node] = 1;
      }
    }
    this.epoch = new Uint32Array(slots);
    this.lastArrivalMs = new Float64Array(slots);
    this.ribIn = new Array<RoutePath | null>(slots).fill(null);
    this.ribOut = new Array<RoutePath | null>(slots).fill(null);
    this.bestSlot = new Int32Array(nodes).fill(NO_ROUTE);
    this.bestPath = new Array<RoutePath | null>(nodes).fill(null);
    this.slotWave = new Int32Array(slots).fill(NO_WAVE);
  }

  /** Copies a solved steady state into Loc-RIB, Adj-RIB-Out and Adj-RIB-In. */
  installSteadyState(routes: NodeRoutes): void {
    const net = this.fabric.network;
    const order = Array.from({ length: net.nodeCount }, (_, v) => v)
      .filter((v) => routes.routeClass[v]! !== RouteClass.None)
      .sort((a, b) => routes.pathLength[a]! - routes.pathLength[b]!);
    for (const v of order) {
      const hop = routes.nextHop[v]!;
      if (hop < 0) {
        this.bestSlot[v] = OWN_ROUTE;
        this.bestPath[v] = new RoutePath(v, routes.pathLength[v]!, null);
      } else {
        let slot = -1;
        for (let k = net.offsets[v]!; k < net.offsets[v + 1]!; k++) if (net.neighbours[k] === hop) slot = k;
        this.bestSlot[v] = slot;
        this.bestPath[v] = new RoutePath(v, routes.pathLength[v]!, this.bestPath[hop]!);
      }
    }
    for (let u = 0; u < net.nodeCount; u++) {
      for (let k = net.offsets[u]!; k < net.offsets[u + 1]!; k++) {
        if (this.sessionUp[k] === 0) continue;
        const path = this.exportTo(u, k);
        this.ribOut[k] = path;
        const v = net.neighbours[k]!;
        if (path !== null && v < net.asCount && !path.contains(v)) this.ribIn[this.fabric.reverse[k]!] = path;
      }
    }
    for (let v = 0; v < net.asCount; v++) {
      const slot = this.bestSlot[v]!;
      if (slot >= 0 && this.ribIn[slot] !== this.bestPath[v]!.rest) throw new Error(`invariant: steady state of node ${v} is not in its Adj-RIB-In`);
    }
  }

  /** What node `u` announces on slot `k` under its export policy, or null (withdrawn). */
  exportTo(u: number, k: number): RoutePath | null {
    const path = this.bestPath[u]!;
    if (path === null || this.exportFiltered[k] === 1) return null;
    const slot = this.bestSlot[u]!;
    const relClass = this.fabric.relClass;
    if (slot === OWN_ROUTE || relClass[slot] === RouteClass.Customer) return path;
    return relClass[k] === RouteClass.Customer ? path : null;
  }

  /** What originates the prefix under the current inputs (sites announcing and alive, origins on). */
  activeSources(): RouteSource[] {
    const net = this.fabric.network;
    if (this.fabric.deployment !== undefined) {
      const active = this.siteAnnouncing.map((on, s) => on && this.siteAlive[s] === true);
      return siteSources(net, active, this.sitePrepend);
    }
    const sources: RouteSource[] = [];
    for (let v = 0; v < net.asCount; v++) {
      if (this.originates[v] === 1) sources.push({ node: v, id: this.originId[v]!, length: 1 });
    }
    return sources;
  }

  /**
   * The sessions the steady state of the current inputs may use: `sessionUp` with the export-filtered
   * site slots (both directions) down, since a site announces nothing on them and imports nothing.
   */
  usableSessions(): Uint8Array {
    if (!this.exportFiltered.includes(1)) return this.sessionUp;
    const usable = this.sessionUp.slice();
    this.exportFiltered.forEach((filtered, k) => {
      if (filtered === 1) {
        usable[k] = 0;
        usable[this.fabric.reverse[k]!] = 0;
      }
    });
    return usable;
  }

  /** The current Loc-RIB as solver-style routes (consistent at quiescence). */
  currentRoutes(): NodeRoutes {
    const net = this.fabric.network;
    const routes: NodeRoutes = {
      routeClass: new Uint8Array(net.nodeCount),
      pathLength: new Int32Array(net.nodeCount),
      nextHop: new Int32Array(net.nodeCount).fill(-1),
      origin: new Int32Array(net.nodeCount).fill(-1),
    };
    for (let v = 0; v < net.nodeCount; v++) {
      const path = this.bestPath[v]!;
      if (path === null) continue;
      const slot = this.bestSlot[v]!;
      routes.routeClass[v] = slot === OWN_ROUTE ? RouteClass.Own : this.fabric.relClass[slot]!;
      routes.pathLength[v] = path.length;
      if (slot >= 0) routes.nextHop[v] = net.neighbours[slot]!;
      let end = path;
      while (end.rest !== null) end = end.rest;
      routes.origin[v] = this.originId[end.node]!;
    }
    return routes;
  }

  /** The best AS path of node `v` as ASNs (to the origin, prepends repeated), or null. */
  bestRouteAsns(v: number): number[] | null {
    const path = this.bestPath[v]!;
    if (path === null) return null;
    const asns: number[] = [];
    for (let p: RoutePath | null = path; p !== null; p = p.rest) {
      const copies = p.rest === null ? p.length : p.length - p.rest.length;
      for (let c = 0; c < copies; c++) asns.push(this.fabric.network.nodeAsn[p.node]!);
    }
    return asns;
  }
}
