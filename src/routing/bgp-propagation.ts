/**
 * How BGP UPDATEs for one prefix (anycast or a PoP's unicast prefix) propagate on the virtual
 * clock, after RFC 4271: every AS keeps an Adj-RIB-In per neighbour (§3.2), runs the decision
 * process when one changes (§9.1, with the Gao-Rexford preference of route-preference.ts), and
 * sends UPDATEs to the neighbours its export policy allows (own and customer routes to all,
 * others to customers only; Gao & Rexford 2001), paced by a per-neighbour MRAI (§9.2.1.1;
 * withdrawals go at once unless WRATE is on). UPDATEs take a per-link delay plus a per-message
 * processing delay and stay in order per session (BGP runs over TCP). Route flap damping follows
 * RFC 2439. Sessions open (each end sends its exportable route) and close (routes learned over
 * them are dropped). The inputs that set this in motion, and the views of the routes, are
 * bgp-simulation.ts's.
 *
 * The routes the propagation starts with are the steady state (steady-state.ts).
 *
 * Waves: every input names the routing event it belongs to (a caller-defined id, `NO_WAVE`
 * when none), and every UPDATE carries the id of the wave that made it necessary, inherited along
 * the wave: an AS whose best route changes on receiving an UPDATE of wave w tags its new route
 * with w and its own UPDATEs carry w. When waves merge at an AS (an UPDATE of a later wave
 * arrives while the AS's route still carries an earlier one), the AS's change is credited to the
 * wave that caused it, the most recent to reach it; an UPDATE that leaves after an MRAI wait
 * carries the wave of the latest change it reports. Route and forwarding changes carry their
 * wave, so convergence is measured per event causally, however many events overlap.
 */
import type { Observable } from 'rxjs';
import { HotStream, type Clock, type RandomStream, type RandomStreams } from '../sim/index.js';
import type { AnycastDeployment, AsGraph } from '../topology/index.js';
import { type BgpConfig, type BgpConfigInput, resolveBgpConfig } from './bgp-config.js';
import { BgpFabric } from './bgp-fabric.js';
import { type BgpPrefixOptions, NO_ROUTE, OWN_ROUTE, PrefixState } from './bgp-prefix-state.js';
import { type ForwardingChange, ForwardingPlane } from './forwarding-plane.js';
import { MraiTimers } from './mrai.js';
import { RouteFlapDamping } from './route-flap-damping.js';
import { RoutePath } from './route-path.js';
import { routePreferred } from './route-preference.js';
import type { RoutingNetwork } from './routing-network.js';
import { solveSteadyState } from './steady-state.js';

/** A change of an AS's best route (Loc-RIB, RFC 4271 §3.2). */
export interface RouteChange {
  readonly timeMs: number;
  readonly asIndex: number;
  /** The routing event whose wave caused it (`NO_WAVE`: none named). */
  readonly wave: number;
}

/**
 * The UPDATE machinery and routing state of one prefix, the base of `BgpSimulation`
 * (bgp-simulation.ts), which adds the inputs and the views. Built either from an
 * {@link AnycastDeployment} (sites of the operator ASN; all of them, or
 * `options.originatingSites`, originate) or from a list of origin ASes of the graph that
 * originate the prefix themselves. Random streams taken (name `routing` unless
 * `options.streamName`): `<name>/processing-delay`, `<name>/mrai`, `<name>/hold-timer`, and
 * `routing/link-delay` when it builds its own fabric.
 */
export abstract class BgpPropagation {
  /** The resolved configuration. */
  readonly config: BgpConfig;
  /** The network the simulation runs on (ASes, then one node per site). */
  readonly network: RoutingNetwork;
  /** The shared static structure (network, sessions, link delays). */
  readonly fabric: BgpFabric;
  protected readonly graph: AsGraph;
  protected readonly deployment: AnycastDeployment | undefined;
  protected readonly state: PrefixState;
  protected readonly reverse: Uint32Array;
  private readonly relClass: Uint8Array;
  /** Tie-break rank of each Adj-RIB-In slot's neighbour (lower wins). */
  private readonly tieRank: Uint32Array;
  private readonly linkDelayMs: Float64Array;
  private readonly processingRandom: RandomStream;
  protected readonly holdRandom: RandomStream;
  private readonly mrai: MraiTimers;
  private readonly damping: RouteFlapDamping | undefined;
  protected readonly forwarding: ForwardingPlane;
  private readonly routeChangeStream = new HotStream<RouteChange>();
  // Aliases of the prefix state's arrays, named as RFC 4271 names them.
  protected readonly originId: Int32Array;
  protected readonly originates: Uint8Array;
  protected readonly bestSlot: Int32Array;
  private readonly bestPath: (RoutePath | null)[];
  private readonly slotWave: Int32Array;
  protected readonly unannounced: Uint8Array;
  private readonly ribIn: (RoutePath | null)[];
  private readonly ribOut: (RoutePath | null)[];
  protected readonly sessionUp: Uint8Array;
  protected readonly adminUp: Uint8Array;
  private readonly epoch: Uint32Array;
  private readonly lastArrivalMs: Float64Array;
  protected readonly siteAlive: boolean[];
  protected readonly siteAnnouncing: boolean[];
  protected readonly sitePrepend: number[];
  protected readonly siteLife: number[];
  private updates = 0;

  /** Forwarding outcome changes of ASes, emitted synchronously as the clock fires. */
  readonly forwardingChanges$: Observable<ForwardingChange>;
  /** Best-route changes of ASes, emitted synchronously as the clock fires. */
  readonly routeChanges$: Observable<RouteChange> = this.routeChangeStream.observable;

  /**
   * Starts in the steady state of `target` (the originating sites announcing, or all origin ASes
   * originating) with every session up. `config` fills in {@link DEFAULT_BGP_CONFIG}.
   */
  constructor(
    protected readonly clock: Clock,
    graph: AsGraph,
    target: AnycastDeployment | readonly number[],
    config: BgpConfigInput,
    randomStreams: RandomStreams,
    options: BgpPrefixOptions = {},
  ) {
    this.config = resolveBgpConfig(config);
    this.graph = graph;
    this.deployment = Array.isArray(target) ? undefined : (target as AnycastDeployment);
    const name = options.streamName ?? 'routing';
    if (options.fabric !== undefined && options.tieBreak !== undefined) throw new Error('a prefix on a shared fabric takes the fabric\'s tie-break');
    this.fabric =
      options.fabric ?? new BgpFabric(graph, this.deployment, this.config.linkDelayMs, randomStreams.stream('routing/link-delay'), options.tieBreak);
    this.network = this.fabric.network;
    const net = this.network;
    const slots = net.neighbours.length;
    this.reverse = this.fabric.reverse;
    this.relClass = this.fabric.relClass;
    this.tieRank = this.fabric.tieBreak.rankOfSlot;
    this.linkDelayMs = this.fabric.linkDelayMs;
    this.processingRandom = randomStreams.stream(`${name}/processing-delay`);
    this.mrai = new MraiTimers(slots, this.config.mraiMs, this.config.mraiJitter, randomStreams.stream(`${name}/mrai`), this.config.mraiTimers);
    this.holdRandom = randomStreams.stream(`${name}/hold-timer`);
    this.damping = this.config.damping === null ? undefined : new RouteFlapDamping(this.config.damping, slots);
    const state = new PrefixState(this.fabric, graph, target, options.originatingSites, options.unannouncedSlots ?? []);
    this.state = state;
    ({ originId: this.originId, originates: this.originates, bestSlot: this.bestSlot, bestPath: this.bestPath } = state);
    ({ slotWave: this.slotWave, unannounced: this.unannounced, ribIn: this.ribIn, ribOut: this.ribOut } = state);
    ({ sessionUp: this.sessionUp, adminUp: this.adminUp, epoch: this.epoch, lastArrivalMs: this.lastArrivalMs } = state);
    ({ siteAlive: this.siteAlive, siteAnnouncing: this.siteAnnouncing, sitePrepend: this.sitePrepend, siteLife: this.siteLife } = state);
    state.installSteadyState(solveSteadyState(net, state.initialSources, this.sessionUp, this.fabric.tieBreak));
    const terminal = new Int32Array(net.nodeCount).fill(-1);
    const hops = new Int32Array(net.nodeCount).fill(-1);
    for (let v = 0; v < net.nodeCount; v++) {
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

  /** Completes the streams. */
  dispose(): void {
    this.forwarding.complete();
    this.routeChangeStream.complete();
  }

  /** Re-derives an originating node's own route (site announce/withdraw/prepend, origin toggle). */
  protected refreshOrigin(node: number, wave: number): void {
    const s = node - this.network.asCount;
    const on = this.siteAnnouncing[s] === true && this.siteAlive[s] === true;
    const length = 1 + this.sitePrepend[s]!;
    const old = this.bestPath[node]!;
    const next = on ? (old !== null && old.length === length ? old : new RoutePath(node, length, null)) : null;
    if (next === old) return;
    this.bestPath[node] = next;
    this.bestSlot[node] = next === null ? NO_ROUTE : OWN_ROUTE;
    if (!this.siteAlive[s]) return;
    for (let k = this.network.offsets[node]!; k < this.network.offsets[node + 1]!; k++) this.advertise(node, k, wave);
  }

  protected eligible(k: number): boolean {
    return this.ribIn[k] !== null && (this.damping === undefined || !this.damping.isSuppressed(k));
  }

  /** Full decision process at AS `v` (RFC 4271 §9.1.2). */
  protected decide(v: number, wave: number): void {
    if (this.originates[v] === 1) {
      this.adopt(v, OWN_ROUTE, wave);
      return;
    }
    const net = this.network;
    let best = NO_ROUTE;
    for (let k = net.offsets[v]!; k < net.offsets[v + 1]!; k++) {
      if (!this.eligible(k)) continue;
      if (best === NO_ROUTE || this.slotPreferred(k, best)) best = k;
    }
    this.adopt(v, best, wave);
  }

  protected slotPreferred(a: number, b: number): boolean {
    return routePreferred(this.relClass[a]!, this.ribIn[a]!.length, this.tieRank[a]!, this.relClass[b]!, this.ribIn[b]!.length, this.tieRank[b]!);
  }

  /** Decision after Adj-RIB-In slot `k` of AS `v` changed: incremental unless it held the best route. */
  private reconsider(v: number, k: number, wave: number): void {
    if (this.originates[v] === 1) return;
    const best = this.bestSlot[v]!;
    if (best === k) this.decide(v, wave);
    else if (this.eligible(k) && (best === NO_ROUTE || this.slotPreferred(k, best))) this.adopt(v, k, wave);
  }

  /** Installs the route of `slot` (or own / none) as v's best, if it differs, and tells neighbours; the change belongs to `wave`. */
  private adopt(v: number, slot: number, wave: number): void {
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
    this.routeChangeStream.next({ timeMs: now, asIndex: v, wave });
    const net = this.network;
    this.forwarding.update(v, slot >= 0 ? net.neighbours[slot]! : -1, slot === OWN_ROUTE ? this.originId[v]! : -1, now, wave);
    for (let k = net.offsets[v]!; k < net.offsets[v + 1]!; k++) this.advertise(v, k, wave);
  }

  /** Brings slot k's announcement up to date, now or when the MRAI timer allows; the change reported belongs to `wave`. */
  protected advertise(u: number, k: number, wave: number): void {
    if (this.sessionUp[k] === 0) return;
    const want = this.state.exportTo(u, k);
    if (want === this.ribOut[k]) return;
    this.slotWave[k] = wave;
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
    const want = this.state.exportTo(u, k);
    if (want === this.ribOut[k]) return;
    this.send(k, want);
    this.mrai.start(k, now);
  }

  /** Sends an UPDATE on slot k carrying the wave of the latest change it reports. */
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
    const wave = this.slotWave[k]!;
    this.clock.schedule(arrivalMs, () => {
      if (this.epoch[r] === epoch) this.receive(v, r, path, wave);
    });
  }

  /** An UPDATE for slot r of AS v: loop check, damping, Adj-RIB-In, decision. */
  private receive(v: number, r: number, path: RoutePath | null, wave: number): void {
    const accepted = path !== null && path.contains(v) ? null : path;
    const old = this.ribIn[r]!;
    if (this.damping !== undefined && old !== null) {
      const kind = accepted === null ? 'withdrawal' : accepted.sameAs(old) ? undefined : 'attribute-change';
      if (kind !== undefined) this.chargeFlap(v, r, kind, wave);
    }
    this.ribIn[r] = accepted;
    this.reconsider(v, r, wave);
  }

  /** Charges a flap; a later reuse of the route belongs to the wave of the flap that suppressed it. */
  private chargeFlap(v: number, r: number, kind: 'withdrawal' | 'attribute-change', wave: number): void {
    const damping = this.damping!;
    const reuseAtMs = damping.charge(r, kind, this.clock.nowMs);
    if (reuseAtMs === undefined) return;
    this.clock.schedule(reuseAtMs, () => {
      if (damping.reuseIfDue(r, this.clock.nowMs)) this.reconsider(v, r, wave);
    });
  }

  /** The session on slot k (both directions) goes down: routes learned over it are dropped. */
  protected closeSession(k: number, wave: number): void {
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
        if (this.damping !== undefined) this.chargeFlap(owner, slot, 'withdrawal', wave);
        this.ribIn[slot] = null;
        this.reconsider(owner, slot, wave);
      }
    }
  }

  /** The session on slot k opens: each end sends its exportable route at once. */
  protected openSession(k: number, wave: number): void {
    const r = this.reverse[k]!;
    const net = this.network;
    for (const slot of [k, r]) {
      this.sessionUp[slot] = 1;
      this.ribOut[slot] = null;
      this.mrai.reset(slot);
    }
    this.advertise(net.neighbours[r]!, k, wave);
    this.advertise(net.neighbours[k]!, r, wave);
  }
}
