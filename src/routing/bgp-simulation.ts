/**
 * Event-driven BGP for one anycast prefix on the virtual clock, after RFC 4271: every AS keeps an
 * Adj-RIB-In per neighbour (§3.2), runs the decision process when one changes (§9.1, with the
 * Gao-Rexford preference of route-preference.ts), and sends UPDATEs to the neighbours its export
 * policy allows (own and customer routes to all, others to customers only; Gao & Rexford 2001),
 * paced by a per-neighbour MRAI (§9.2.1.1; withdrawals go at once unless WRATE is on). UPDATEs
 * take a per-link delay plus a per-message processing delay and stay in order per session (BGP
 * runs over TCP). Route flap damping follows RFC 2439. A silently dead PoP is noticed only when
 * each neighbour's hold timer expires (§6.5, §10): its last KEEPALIVE arrived some time within the
 * last keepalive interval (hold time / 3), so detection falls uniformly in the last third.
 *
 * The routes the simulation starts with are the steady state (steady-state.ts); after the inputs
 * stop and the clock runs dry, the routes equal the steady state of the final inputs again (tested).
 * A killed site keeps attracting packets until its neighbours notice: the data plane reports that
 * site; whether it answers is the PoP layer's business.
 */
import type { Observable } from 'rxjs';
import { HotStream, type Clock, type RandomStream, type RandomStreams } from '../sim/index.js';
import { type AnycastDeployment, type AsGraph, MAX_PREPEND, TopologyError } from '../topology/index.js';
import { type BgpConfig, type BgpConfigInput, resolveBgpConfig } from './bgp-config.js';
import { type Catchment, catchmentFromRoutes, catchmentMap, type CatchmentMap, originSources, siteSources } from './catchment.js';
import { type AdjRibInView, type FlipAlternative, findFlipAlternative } from './flip-alternative.js';
import { type ForwardingChange, ForwardingPlane } from './forwarding-plane.js';
import { MraiTimers } from './mrai.js';
import { RouteFlapDamping } from './route-flap-damping.js';
import { RoutePath } from './route-path.js';
import { classOfSlot, routePreferred, RouteClass } from './route-preference.js';
import { reverseSlots, routingNetwork, type RoutingNetwork } from './routing-network.js';
import { type NodeRoutes, type RouteSource, solveSteadyState } from './steady-state.js';

/** A change of an AS's best route (Loc-RIB, RFC 4271 §3.2). */
export interface RouteChange {
  readonly timeMs: number;
  readonly asIndex: number;
}

/** Most origins one simulation accepts (a limit). */
export const MAX_SIMULATION_ORIGINS = 100_000;

const NO_ROUTE = -1;
const OWN_ROUTE = -2;

/**
 * BGP dynamics of one anycast prefix: built either from an {@link AnycastDeployment} (sites of the
 * operator ASN) or from a list of origin ASes of the graph that originate the prefix themselves.
 * Random streams taken: `routing/link-delay`, `routing/processing-delay`, `routing/mrai`,
 * `routing/hold-timer`.
 */
export class BgpSimulation {
  /** The resolved configuration. */
  readonly config: BgpConfig;
  /** The network the simulation runs on (ASes, then one node per site). */
  readonly network: RoutingNetwork;
  private readonly graph: AsGraph;
  private readonly deployment: AnycastDeployment | undefined;
  private readonly origins: number[];
  private readonly reverse: Uint32Array;
  private readonly relClass: Uint8Array;
  private readonly linkDelayMs: Float64Array;
  private readonly processingRandom: RandomStream;
  private readonly holdRandom: RandomStream;
  private readonly mrai: MraiTimers;
  private readonly damping: RouteFlapDamping | undefined;
  private readonly forwarding: ForwardingPlane;
  private readonly routeChangeStream = new HotStream<RouteChange>();

  private readonly originId: Int32Array;
  private readonly originates: Uint8Array;
  private readonly bestSlot: Int32Array;
  private readonly bestPath: (RoutePath | null)[];
  private readonly ribIn: (RoutePath | null)[];
  private readonly ribOut: (RoutePath | null)[];
  private readonly sessionUp: Uint8Array;
  private readonly adminUp: Uint8Array;
  private readonly epoch: Uint32Array;
  private readonly lastArrivalMs: Float64Array;
  private readonly siteAlive: boolean[];
  private readonly siteAnnouncing: boolean[];
  private readonly sitePrepend: number[];
  private readonly siteLife: number[];
  private updates = 0;
  /** The read-only view {@link alternativeSite} queries, made on first use. */
  private flipView: AdjRibInView | undefined;

  /** Forwarding outcome changes of ASes, emitted synchronously as the clock fires. */
  readonly forwardingChanges$: Observable<ForwardingChange>;
  /** Best-route changes of ASes, emitted synchronously as the clock fires. */
  readonly routeChanges$: Observable<RouteChange> = this.routeChangeStream.observable;

  /**
   * Starts in the steady state of `target` (all sites announcing, or all origin ASes
   * originating) with every session up. `config` fills in {@link DEFAULT_BGP_CONFIG}.
   */
  constructor(
    private readonly clock: Clock,
    graph: AsGraph,
    target: AnycastDeployment | readonly number[],
    config: BgpConfigInput,
    randomStreams: RandomStreams,
  ) {
    this.config = resolveBgpConfig(config);
    this.graph = graph;
    const isDeployment = !Array.isArray(target);
    this.deployment = isDeployment ? (target as AnycastDeployment) : undefined;
    this.network = routingNetwork(graph, this.deployment);
    const net = this.network;
    const slots = net.neighbours.length;
    const nodes = net.nodeCount;
    this.reverse = reverseSlots(net);
    this.relClass = new Uint8Array(slots);
    for (let v = 0; v < nodes; v++) {
      for (let k = net.offsets[v]!; k < net.offsets[v + 1]!; k++) this.relClass[k] = classOfSlot(net, v, k);
    }
    const linkRandom = randomStreams.stream('routing/link-delay');
    this.linkDelayMs = new Float64Array(slots);
    for (let v = 0; v < nodes; v++) {
      for (let k = net.offsets[v]!; k < net.offsets[v + 1]!; k++) {
        if (net.neighbours[k]! > v) {
          const delay = linkRandom.uniform(this.config.linkDelayMs[0], this.config.linkDelayMs[1]);
          this.linkDelayMs[k] = delay;
          this.linkDelayMs[this.reverse[k]!] = delay;
        }
      }
    }
    this.processingRandom = randomStreams.stream('routing/processing-delay');
    this.mrai = new MraiTimers(
      slots,
      this.config.mraiMs,
      this.config.mraiJitter,
      randomStreams.stream('routing/mrai'),
      this.config.mraiTimers,
    );
    this.holdRandom = randomStreams.stream('routing/hold-timer');
    this.damping = this.config.damping === null ? undefined : new RouteFlapDamping(this.config.damping, slots);

    this.origins = [];
    this.originId = new Int32Array(nodes).fill(-1);
    this.originates = new Uint8Array(nodes);
    const sites = this.deployment?.sites ?? [];
    this.siteAlive = sites.map(() => true);
    this.siteAnnouncing = sites.map(() => true);
    this.sitePrepend = sites.map((site) => site.prepend ?? 0);
    this.siteLife = sites.map(() => 0);
    let sources: RouteSource[];
    if (isDeployment) {
      sources = siteSources(net, this.siteAnnouncing, this.sitePrepend);
      sites.forEach((_, s) => {
        this.originId[net.asCount + s] = s;
        this.originates[net.asCount + s] = 1;
      });
    } else {
      sources = originSources(graph, target as readonly number[]);
      for (const source of sources) {
        this.origins.push(net.nodeAsn[source.node]!);
        this.originId[source.node] = source.id;
        this.originates[source.node] = 1;
      }
    }
    this.sessionUp = new Uint8Array(slots).fill(1);
    this.adminUp = new Uint8Array(slots).fill(1);
    this.epoch = new Uint32Array(slots);
    this.lastArrivalMs = new Float64Array(slots);
    this.ribIn = new Array<RoutePath | null>(slots).fill(null);
    this.ribOut = new Array<RoutePath | null>(slots).fill(null);
    this.bestSlot = new Int32Array(nodes).fill(NO_ROUTE);
    this.bestPath = new Array<RoutePath | null>(nodes).fill(null);
    this.installSteadyState(solveSteadyState(net, sources));
    const terminal = new Int32Array(nodes).fill(-1);
    const hops = new Int32Array(nodes).fill(-1);
    for (let v = 0; v < nodes; v++) {
      if (this.bestSlot[v] === OWN_ROUTE) terminal[v] = this.originId[v]!;
      else if (this.bestSlot[v]! >= 0) hops[v] = net.neighbours[this.bestSlot[v]!]!;
    }
    this.forwarding = new ForwardingPlane(net.asCount, hops, terminal);
    this.forwardingChanges$ = this.forwarding.changes$;
  }

  /** UPDATE messages sent so far (announcements and withdrawals, one prefix each). */
  get updatesSent(): number {
    return this.updates;
  }

  /** Origin ASNs in origin-index order (origin mode; grows when a new AS is announced). */
  get originAsns(): readonly number[] {
    return this.origins;
  }

  /** Where packets from AS `asIndex` end now: origin or site index, BLACKHOLE (-1) or LOOP (-2). */
  servingSite(asIndex: number): number {
    this.checkAs(asIndex);
    return this.forwarding.outcomeOf(asIndex);
  }

  /**
   * Where a client flip of AS `asIndex` can send its packets now: the runner-up route to another
   * usable site of the nearest AS on its forwarding path (flip-alternative.ts), or null; `walked`
   * receives the ASes looked at. Read-only.
   */
  alternativeSite(asIndex: number, isSiteUsable: (site: number) => boolean, walked?: number[]): FlipAlternative | null {
    this.checkAs(asIndex);
    this.flipView ??= {
      network: this.network,
      bestSlot: this.bestSlot,
      usable: (k) => this.eligible(k),
      preferred: (a, b) => this.slotPreferred(a, b),
      outcomeOf: (v) => this.forwarding.outcomeOf(v),
      announces: (s) => this.siteAnnouncing[s] === true && this.siteAlive[s] === true,
    };
    return findFlipAlternative(this.flipView, asIndex, isSiteUsable, walked);
  }

  /** The best AS path of AS `asIndex` as ASNs (to the origin, prepends repeated), or null. */
  bestRoute(asIndex: number): number[] | null {
    this.checkAs(asIndex);
    const path = this.bestPath[asIndex]!;
    if (path === null) return null;
    const asns: number[] = [];
    for (let p: RoutePath | null = path; p !== null; p = p.rest) {
      const copies = p.rest === null ? p.length : p.length - p.rest.length;
      for (let c = 0; c < copies; c++) asns.push(this.network.nodeAsn[p.node]!);
    }
    return asns;
  }

  /** The current routes as a {@link Catchment} (the dynamic state, consistent at quiescence). */
  currentCatchment(): Catchment {
    const net = this.network;
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
      routes.routeClass[v] = slot === OWN_ROUTE ? RouteClass.Own : this.relClass[slot]!;
      routes.pathLength[v] = path.length;
      if (slot >= 0) routes.nextHop[v] = net.neighbours[slot]!;
      let end = path;
      while (end.rest !== null) end = end.rest;
      routes.origin[v] = this.originId[end.node]!;
    }
    return catchmentFromRoutes(net, this.origins.slice(), routes);
  }

  /** The steady state of the current inputs (sites announcing and alive, origins, sessions up). */
  steadyStateCatchment(): Catchment {
    return catchmentFromRoutes(this.network, this.origins.slice(), solveSteadyState(this.network, this.activeSources(), this.sessionUp));
  }

  /** Whether every AS's current best route equals the steady state of the current inputs. */
  matchesSteadyState(): boolean {
    return JSON.stringify(catchmentMap(this.currentCatchment())) === JSON.stringify(catchmentMap(this.steadyStateCatchment()));
  }

  /** Site `i` stops announcing: withdrawals go to its neighbours (graceful shutdown). */
  withdrawSite(i: number): void {
    this.checkSite(i);
    this.siteAnnouncing[i] = false;
    this.refreshOrigin(this.network.asCount + i);
  }

  /** Site `i` announces again (and comes back to life if it was killed). */
  announceSite(i: number): void {
    this.checkSite(i);
    const node = this.network.asCount + i;
    this.siteAnnouncing[i] = true;
    if (!this.siteAlive[i]) {
      this.siteAlive[i] = true;
      this.siteLife[i]!++;
      for (let k = this.network.offsets[node]!; k < this.network.offsets[node + 1]!; k++) {
        if (this.sessionUp[k] === 0 && this.adminUp[k] === 1) this.openSession(k);
      }
    }
    this.refreshOrigin(node);
  }

  /**
   * Site `i` dies silently: it sends nothing more, and each neighbour drops its routes only when
   * its hold timer expires, holdTimeMs minus up to a keepalive interval (holdTimeMs / 3) from now.
   */
  killSite(i: number): void {
    this.checkSite(i);
    if (!this.siteAlive[i]) return;
    this.siteAlive[i] = false;
    const life = ++this.siteLife[i]!;
    const node = this.network.asCount + i;
    const hold = this.config.holdTimeMs;
    for (let k = this.network.offsets[node]!; k < this.network.offsets[node + 1]!; k++) {
      const detectMs = hold - this.holdRandom.uniform(0, hold / 3);
      this.clock.scheduleAfter(detectMs, () => {
        if (this.siteLife[i] === life && this.sessionUp[k] === 1) this.closeSession(k);
      });
    }
  }

  /** Site `i` announces with `prepend` extra copies of the operator ASN (maintenance drains). */
  setSitePrepend(i: number, prepend: number): void {
    this.checkSite(i);
    if (!Number.isInteger(prepend) || prepend < 0 || prepend > MAX_PREPEND) {
      throw new RangeError(`prepend must be an integer in 0..${MAX_PREPEND}, got ${prepend}`);
    }
    this.sitePrepend[i] = prepend;
    this.refreshOrigin(this.network.asCount + i);
  }

  /** Origin AS `asn` stops originating (origin mode). */
  withdrawOrigin(asn: number): void {
    const node = this.originNode(asn);
    if (this.originates[node] === 0) return;
    this.originates[node] = 0;
    this.decide(node);
  }

  /** AS `asn` originates the prefix (origin mode); an AS not yet an origin gets the next origin index. */
  announceOrigin(asn: number): void {
    const node = this.originNode(asn);
    if (this.originId[node] === -1) {
      if (this.origins.length >= MAX_SIMULATION_ORIGINS) throw new RangeError(`more than ${MAX_SIMULATION_ORIGINS} origins`);
      this.originId[node] = this.origins.length;
      this.origins.push(asn);
    }
    if (this.originates[node] === 1) return;
    this.originates[node] = 1;
    this.decide(node);
  }

  /**
   * The link between ASes `asnA` and `asnB` fails: both ends drop the session at once. Naming the
   * operator ASN means the links of every site to the other AS (see {@link siteLinkDown}).
   */
  linkDown(asnA: number, asnB: number): void {
    this.takeLinksDown(this.linkSlots(asnA, asnB));
  }

  /** The link between ASes `asnA` and `asnB` comes back: the session opens and routes are exchanged. */
  linkUp(asnA: number, asnB: number): void {
    this.bringLinksUp(this.linkSlots(asnA, asnB));
  }

  /** The link between site `i` and its upstream or peer `neighbourAsn` fails. */
  siteLinkDown(i: number, neighbourAsn: number): void {
    this.takeLinksDown(this.siteLinkSlots(i, neighbourAsn));
  }

  /** The link between site `i` and its upstream or peer `neighbourAsn` comes back. */
  siteLinkUp(i: number, neighbourAsn: number): void {
    this.bringLinksUp(this.siteLinkSlots(i, neighbourAsn));
  }

  private takeLinksDown(slots: readonly number[]): void {
    for (const k of slots) {
      this.adminUp[k] = 0;
      this.adminUp[this.reverse[k]!] = 0;
      if (this.sessionUp[k] === 1) this.closeSession(k);
    }
  }

  private bringLinksUp(slots: readonly number[]): void {
    const asCount = this.network.asCount;
    const alive = (node: number): boolean => node < asCount || this.siteAlive[node - asCount] === true;
    for (const k of slots) {
      this.adminUp[k] = 1;
      this.adminUp[this.reverse[k]!] = 1;
      if (this.sessionUp[k] === 0 && alive(this.network.neighbours[this.reverse[k]!]!) && alive(this.network.neighbours[k]!)) {
        this.openSession(k);
      }
    }
  }

  private siteLinkSlots(i: number, neighbourAsn: number): number[] {
    this.checkSite(i);
    const net = this.network;
    const node = net.asCount + i;
    const neighbour = this.graph.indexOf(neighbourAsn);
    for (let k = net.offsets[node]!; k < net.offsets[node + 1]!; k++) if (net.neighbours[k] === neighbour) return [k];
    throw new TopologyError(`site ${i} has no link to AS ${neighbourAsn}`);
  }

  /** Completes the streams. */
  dispose(): void {
    this.forwarding.complete();
    this.routeChangeStream.complete();
  }

  private checkAs(asIndex: number): void {
    if (!(Number.isInteger(asIndex) && asIndex >= 0 && asIndex < this.network.asCount)) {
      throw new RangeError(`AS index ${asIndex} is outside 0..${this.network.asCount - 1}`);
    }
  }

  private checkSite(i: number): void {
    const count = this.deployment?.sites.length ?? 0;
    if (!(Number.isInteger(i) && i >= 0 && i < count)) throw new RangeError(`site index ${i} is outside 0..${count - 1}`);
  }

  private originNode(asn: number): number {
    if (this.deployment !== undefined) throw new Error('origin inputs need a simulation built from origin ASNs');
    const node = this.graph.indexOf(asn);
    if (node < 0) throw new TopologyError(`AS ${asn} is not in the topology`);
    return node;
  }

  private linkSlots(asnA: number, asnB: number): number[] {
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

  private activeSources(): RouteSource[] {
    const net = this.network;
    if (this.deployment !== undefined) {
      const active = this.siteAnnouncing.map((on, s) => on && this.siteAlive[s] === true);
      return siteSources(net, active, this.sitePrepend);
    }
    const sources: RouteSource[] = [];
    for (let v = 0; v < net.asCount; v++) {
      if (this.originates[v] === 1) sources.push({ node: v, id: this.originId[v]!, length: 1 });
    }
    return sources;
  }

  /** Copies a solved steady state into Loc-RIB, Adj-RIB-Out and Adj-RIB-In. */
  private installSteadyState(routes: NodeRoutes): void {
    const net = this.network;
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
        const path = this.exportTo(u, k);
        this.ribOut[k] = path;
        const v = net.neighbours[k]!;
        if (path !== null && v < net.asCount && !path.contains(v)) this.ribIn[this.reverse[k]!] = path;
      }
    }
    for (let v = 0; v < net.asCount; v++) {
      const slot = this.bestSlot[v]!;
      if (slot >= 0 && this.ribIn[slot] !== this.bestPath[v]!.rest) throw new Error(`invariant: steady state of node ${v} is not in its Adj-RIB-In`);
    }
  }

  /** What node `u` announces on slot `k` under its export policy, or null (withdrawn). */
  private exportTo(u: number, k: number): RoutePath | null {
    const path = this.bestPath[u]!;
    if (path === null) return null;
    const slot = this.bestSlot[u]!;
    if (slot === OWN_ROUTE || this.relClass[slot] === RouteClass.Customer) return path;
    return this.relClass[k] === RouteClass.Customer ? path : null;
  }

  /** Re-derives an originating node's own route (site announce/withdraw/prepend, origin toggle). */
  private refreshOrigin(node: number): void {
    const s = node - this.network.asCount;
    const on = this.siteAnnouncing[s] === true && this.siteAlive[s] === true;
    const length = 1 + this.sitePrepend[s]!;
    const old = this.bestPath[node]!;
    const next = on ? (old !== null && old.length === length ? old : new RoutePath(node, length, null)) : null;
    if (next === old) return;
    this.bestPath[node] = next;
    this.bestSlot[node] = next === null ? NO_ROUTE : OWN_ROUTE;
    if (!this.siteAlive[s]) return;
    for (let k = this.network.offsets[node]!; k < this.network.offsets[node + 1]!; k++) this.advertise(node, k);
  }

  private eligible(k: number): boolean {
    return this.ribIn[k] !== null && (this.damping === undefined || !this.damping.isSuppressed(k));
  }

  /** Full decision process at AS `v` (RFC 4271 §9.1.2). */
  private decide(v: number): void {
    if (this.originates[v] === 1) {
      this.adopt(v, OWN_ROUTE);
      return;
    }
    const net = this.network;
    let best = NO_ROUTE;
    for (let k = net.offsets[v]!; k < net.offsets[v + 1]!; k++) {
      if (!this.eligible(k)) continue;
      if (best === NO_ROUTE || this.slotPreferred(k, best)) best = k;
    }
    this.adopt(v, best);
  }

  private slotPreferred(a: number, b: number): boolean {
    const net = this.network;
    return routePreferred(
      net,
      this.relClass[a]!,
      this.ribIn[a]!.length,
      net.neighbours[a]!,
      this.relClass[b]!,
      this.ribIn[b]!.length,
      net.neighbours[b]!,
    );
  }

  /** Decision after Adj-RIB-In slot `k` of AS `v` changed: incremental unless it held the best route. */
  private reconsider(v: number, k: number): void {
    if (this.originates[v] === 1) return;
    const best = this.bestSlot[v]!;
    if (best === k) this.decide(v);
    else if (this.eligible(k) && (best === NO_ROUTE || this.slotPreferred(k, best))) this.adopt(v, k);
  }

  /** Installs the route of `slot` (or own / none) as v's best, if it differs, and tells neighbours. */
  private adopt(v: number, slot: number): void {
    const old = this.bestPath[v]!;
    let next: RoutePath | null;
    if (slot === OWN_ROUTE) next = old !== null && this.bestSlot[v] === OWN_ROUTE ? old : new RoutePath(v, 1, null);
    else if (slot === NO_ROUTE) next = null;
    else {
      const learned = this.ribIn[slot]!;
      next = old !== null && this.bestSlot[v] === slot && old.rest === learned ? old : new RoutePath(v, learned.length + 1, learned);
    }
    if (next === old) return;
    this.bestSlot[v] = slot;
    this.bestPath[v] = next;
    const now = this.clock.nowMs;
    this.routeChangeStream.next({ timeMs: now, asIndex: v });
    const net = this.network;
    this.forwarding.update(v, slot >= 0 ? net.neighbours[slot]! : -1, slot === OWN_ROUTE ? this.originId[v]! : -1, now);
    for (let k = net.offsets[v]!; k < net.offsets[v + 1]!; k++) this.advertise(v, k);
  }

  /** Brings slot k's announcement up to date, now or when the MRAI timer allows. */
  private advertise(u: number, k: number): void {
    if (this.sessionUp[k] === 0) return;
    const want = this.exportTo(u, k);
    if (want === this.ribOut[k]) return;
    const now = this.clock.nowMs;
    if (want === null && !this.config.wrate) {
      this.send(k, null);
      return;
    }
    if (this.mrai.isOpen(k, now)) {
      this.send(k, want);
      this.mrai.start(k, now);
      return;
    }
    const dueMs = this.mrai.defer(k, now);
    if (dueMs !== undefined) this.clock.schedule(dueMs, () => this.flush(u, k));
  }

  /** MRAI expiry on slot k: sends the then-current route if it changed. */
  private flush(u: number, k: number): void {
    const now = this.clock.nowMs;
    if (!this.mrai.takeDue(k, now) || this.sessionUp[k] === 0) return;
    const want = this.exportTo(u, k);
    if (want === this.ribOut[k]) return;
    this.send(k, want);
    this.mrai.start(k, now);
  }

  private send(k: number, path: RoutePath | null): void {
    this.updates++;
    this.ribOut[k] = path;
    const net = this.network;
    const v = net.neighbours[k]!;
    // Sites only originate: what they receive would be dropped (loop prevention or policy).
    if (v >= net.asCount) return;
    const now = this.clock.nowMs;
    const processing = this.processingRandom.uniform(this.config.processingDelayMs[0], this.config.processingDelayMs[1]);
    const arrivalMs = Math.max(now + this.linkDelayMs[k]! + processing, this.lastArrivalMs[k]!);
    this.lastArrivalMs[k] = arrivalMs;
    const r = this.reverse[k]!;
    const epoch = this.epoch[k]!;
    this.clock.schedule(arrivalMs, () => {
      if (this.epoch[r] === epoch) this.receive(v, r, path);
    });
  }

  /** An UPDATE for slot r of AS v: loop check, damping, Adj-RIB-In, decision. */
  private receive(v: number, r: number, path: RoutePath | null): void {
    const accepted = path !== null && path.contains(v) ? null : path;
    const old = this.ribIn[r]!;
    if (this.damping !== undefined && old !== null) {
      const kind = accepted === null ? 'withdrawal' : accepted.sameAs(old) ? undefined : 'attribute-change';
      if (kind !== undefined) this.chargeFlap(v, r, kind);
    }
    this.ribIn[r] = accepted;
    this.reconsider(v, r);
  }

  private chargeFlap(v: number, r: number, kind: 'withdrawal' | 'attribute-change'): void {
    const damping = this.damping!;
    const reuseAtMs = damping.charge(r, kind, this.clock.nowMs);
    if (reuseAtMs === undefined) return;
    this.clock.schedule(reuseAtMs, () => {
      if (damping.reuseIfDue(r, this.clock.nowMs)) this.reconsider(v, r);
    });
  }

  /** The session on slot k (both directions) goes down: routes learned over it are dropped. */
  private closeSession(k: number): void {
    const r = this.reverse[k]!;
    const net = this.network;
    for (const [slot, owner] of [
      [k, net.neighbours[r]!],
      [r, net.neighbours[k]!],
    ] as const) {
      this.sessionUp[slot] = 0;
      this.epoch[slot]!++;
      this.ribOut[slot] = null;
      this.mrai.reset(slot);
      if (owner < net.asCount && this.ribIn[slot] !== null) {
        if (this.damping !== undefined) this.chargeFlap(owner, slot, 'withdrawal');
        this.ribIn[slot] = null;
        this.reconsider(owner, slot);
      }
    }
  }

  /** The session on slot k opens: each end sends its exportable route at once. */
  private openSession(k: number): void {
    const r = this.reverse[k]!;
    const net = this.network;
    for (const slot of [k, r]) {
      this.sessionUp[slot] = 1;
      this.ribOut[slot] = null;
      this.mrai.reset(slot);
    }
    this.advertise(net.neighbours[r]!, k);
    this.advertise(net.neighbours[k]!, r);
  }
}

/** Catchment map of the current dynamic state (see {@link catchmentMap}). */
export function currentCatchmentMap(simulation: BgpSimulation): CatchmentMap {
  return catchmentMap(simulation.currentCatchment());
}
