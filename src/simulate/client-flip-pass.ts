/**
 * Client flips on the routing pass's clock. Flip instants are drawn first, from the
 * `client-flips` stream only (sessions/client-flips.ts), so the draws never depend on routing;
 * each instant then runs as a probe of the routing pass against the live BGP state:
 *
 * - a client on its routed path flips to the runner-up site of the nearest AS on that path that
 *   has one (BgpSimulation.alternativeSite): never to a withdrawn, dead (site outage in force,
 *   FlapPlan.siteOutages) or unreachable site; no flip when no AS on the path has one;
 * - a flipped client flips back to its routed site (if that site is usable), so flips alternate
 *   between two sites as Wei & Heidemann (TMA 2017) observed.
 *
 * A flip lasts until the client's next flip instant or its next route change (a forwarding change
 * of its own), or until the path it uses changes: a best-route change of an AS between the
 * client and the load balancer, a route or forwarding change of the neighbour the balancer sends
 * the flipped packets to, or a routing input or site outage after which the alternative query no
 * longer gives the same balancer, neighbour and site. Each flip is an incident of class
 * `client-flip`, registered after the flap plan's incidents.
 */
import type { ClientFlipProcess, FlapPlan, Incident } from '../flaps/index.js';
import type { BgpSimulation, FlipAlternative } from '../routing/index.js';
import { ClientFlipLogBuilder, drawFlipInstants, type ClientFlipLog, type FlipInstants } from '../sessions/index.js';
import type { RandomStream } from '../sim/index.js';
import type { RoutingProbe } from './routing-pass.js';

/** The flips of a run and their incidents. */
export interface ClientFlipsResult {
  readonly log: ClientFlipLog;
  /** One per flip, in log-id order; index i is incident `firstIncident + i` of the run. */
  readonly incidents: readonly Incident[];
}

const NONE = -1;

/** Draws the flip instants and judges them on the routing pass (see the file header). */
export class ClientFlipPass {
  private readonly instants: FlipInstants;
  private readonly builder = new ClientFlipLogBuilder();
  private readonly incidents: Incident[] = [];
  /** Per unstable client: the log id of its flip in force, or NONE. */
  private readonly activeFlip: Int32Array;
  private readonly activeAlternative: (FlipAlternative | null)[];
  private readonly unstableOfAs = new Map<number, number>();
  /** AS -> unstable clients whose flip ends when its best route changes. */
  private readonly routeWatch = new Map<number, Set<number>>();
  /** AS -> unstable clients whose flip ends when its forwarding outcome changes. */
  private readonly forwardingWatch = new Map<number, Set<number>>();
  private readonly revalidateAtMs: Float64Array;
  private subscribed = false;

  constructor(
    private readonly process: ClientFlipProcess,
    clients: Int32Array,
    private readonly plan: FlapPlan,
    horizonMs: number,
    private readonly firstIncident: number,
    random: RandomStream,
  ) {
    this.instants = drawFlipInstants(clients, process, horizonMs, random);
    const n = this.instants.clients.length;
    this.activeFlip = new Int32Array(n).fill(NONE);
    this.activeAlternative = new Array<FlipAlternative | null>(n).fill(null);
    this.instants.clients.forEach((asIndex, u) => this.unstableOfAs.set(asIndex, u));
    // A routing input or an outage start may take an alternative away without a route change.
    const times = [...plan.routing.map((r) => r.atMs), ...plan.siteOutages.flatMap((outages) => outages.map(([downMs]) => downMs))];
    this.revalidateAtMs = Float64Array.from(new Set(times)).sort();
  }

  /** The probes for the routing pass, in time order (flip instants merged with revalidations). */
  *probes(): Generator<RoutingProbe> {
    if (this.instants.clients.length === 0) return;
    const { timesMs } = this.instants;
    const cursor = new Uint32Array(timesMs.length);
    const heap = new FlipHeap(timesMs.length);
    timesMs.forEach((times, u) => heap.push(times[0]!, u));
    let r = 0;
    while (heap.size > 0 || r < this.revalidateAtMs.length) {
      const flipMs = heap.size > 0 ? heap.topTimeMs : Number.POSITIVE_INFINITY;
      if (r < this.revalidateAtMs.length && this.revalidateAtMs[r]! <= flipMs) {
        const atMs = this.revalidateAtMs[r++]!;
        yield { atMs, run: (bgp) => this.revalidate(bgp, atMs) };
        continue;
      }
      const u = heap.pop();
      const next = ++cursor[u]!;
      if (next < timesMs[u]!.length) heap.push(timesMs[u]![next]!, u);
      yield { atMs: flipMs, run: (bgp) => this.flip(bgp, u, flipMs) };
    }
  }

  /** The flips, once the routing pass has run. */
  result(): ClientFlipsResult {
    return { log: this.builder.build(), incidents: this.incidents };
  }

  /** Whether site `site` has no outage in force at `tMs`. */
  private usable(site: number, tMs: number): boolean {
    for (const [downMs, upMs] of this.plan.siteOutages[site] ?? []) if (downMs <= tMs && tMs < upMs) return false;
    return true;
  }

  private flip(bgp: BgpSimulation, u: number, tMs: number): void {
    this.subscribe(bgp);
    const asIndex = this.instants.clients[u]!;
    if (this.activeFlip[u] !== NONE) {
      const routed = bgp.servingSite(asIndex);
      if (routed >= 0 && this.usable(routed, tMs)) this.end(u, tMs);
      return;
    }
    const alternative = bgp.alternativeSite(asIndex, (site) => this.usable(site, tMs));
    if (alternative === null) return;
    const incident = this.firstIncident + this.incidents.length;
    this.incidents.push({ flapIndex: this.process.flapIndex, incidentClass: 'client-flip', startMs: tMs });
    this.activeFlip[u] = this.builder.start(asIndex, tMs, alternative.site, incident, alternative.neighbourNode);
    this.activeAlternative[u] = alternative;
    for (const v of alternative.pathAses) watch(this.routeWatch, v, u);
    watch(this.forwardingWatch, asIndex, u);
    if (alternative.neighbourNode < bgp.network.asCount) {
      watch(this.routeWatch, alternative.neighbourNode, u);
      watch(this.forwardingWatch, alternative.neighbourNode, u);
    }
  }

  /** After routing inputs at `tMs`: ends the flips whose alternative is not what it was. */
  private revalidate(bgp: BgpSimulation, tMs: number): void {
    this.subscribe(bgp);
    this.activeAlternative.forEach((was, u) => {
      if (was === null) return;
      const now = bgp.alternativeSite(this.instants.clients[u]!, (site) => this.usable(site, tMs));
      if (now === null || now.site !== was.site || now.balancerAs !== was.balancerAs || now.neighbourNode !== was.neighbourNode) this.end(u, tMs);
    });
  }

  private end(u: number, tMs: number): void {
    const alternative = this.activeAlternative[u];
    if (alternative === null || alternative === undefined) return;
    this.builder.end(this.activeFlip[u]!, tMs);
    this.activeFlip[u] = NONE;
    this.activeAlternative[u] = null;
    for (const v of alternative.pathAses) unwatch(this.routeWatch, v, u);
    unwatch(this.forwardingWatch, this.instants.clients[u]!, u);
    unwatch(this.routeWatch, alternative.neighbourNode, u);
    unwatch(this.forwardingWatch, alternative.neighbourNode, u);
  }

  /** Listens to route and forwarding changes from the first probe on (no flip is active before). */
  private subscribe(bgp: BgpSimulation): void {
    if (this.subscribed) return;
    this.subscribed = true;
    const endWatchers = (watchers: Map<number, Set<number>>, asIndex: number, timeMs: number): void => {
      const clients = watchers.get(asIndex);
      if (clients !== undefined) for (const u of [...clients]) this.end(u, timeMs);
    };
    bgp.routeChanges$.subscribe((change) => endWatchers(this.routeWatch, change.asIndex, change.timeMs));
    bgp.forwardingChanges$.subscribe((change) => endWatchers(this.forwardingWatch, change.asIndex, change.timeMs));
  }
}

function watch(watchers: Map<number, Set<number>>, asIndex: number, u: number): void {
  const set = watchers.get(asIndex);
  if (set === undefined) watchers.set(asIndex, new Set([u]));
  else set.add(u);
}

function unwatch(watchers: Map<number, Set<number>>, asIndex: number, u: number): void {
  const set = watchers.get(asIndex);
  if (set === undefined) return;
  set.delete(u);
  if (set.size === 0) watchers.delete(asIndex);
}

/** A binary min-heap of (time, unstable client) for merging the clients' flip instants. */
class FlipHeap {
  private readonly timesMs: Float64Array;
  private readonly clients: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.timesMs = new Float64Array(capacity);
    this.clients = new Int32Array(capacity);
  }

  get topTimeMs(): number {
    return this.timesMs[0]!;
  }

  push(tMs: number, u: number): void {
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(tMs, u, this.timesMs[parent]!, this.clients[parent]!)) break;
      this.timesMs[i] = this.timesMs[parent]!;
      this.clients[i] = this.clients[parent]!;
      i = parent;
    }
    this.timesMs[i] = tMs;
    this.clients[i] = u;
  }

  pop(): number {
    const top = this.clients[0]!;
    const tMs = this.timesMs[--this.size]!;
    const u = this.clients[this.size]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && before(this.timesMs[child + 1]!, this.clients[child + 1]!, this.timesMs[child]!, this.clients[child]!)) child++;
      if (!before(this.timesMs[child]!, this.clients[child]!, tMs, u)) break;
      this.timesMs[i] = this.timesMs[child]!;
      this.clients[i] = this.clients[child]!;
      i = child;
    }
    this.timesMs[i] = tMs;
    this.clients[i] = u;
    return top;
  }
}

/** Heap order: earlier time first, then the client drawn first. */
function before(aMs: number, aU: number, bMs: number, bU: number): boolean {
  return aMs < bMs || (aMs === bMs && aU < bU);
}
