/**
 * Client flips on the routing pass's clock. Flip instants are drawn first, from the
 * `client-flips` stream only (sessions/client-flips.ts), so the draws never depend on routing;
 * each instant is then judged against the live BGP state of the routing pass (a probe at time 0
 * schedules the reads on its clock):
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
 * the flipped packets to, or a routing input or site outage edge after which the alternative
 * query no longer gives the same balancer, neighbour and site. Each flip is an incident of class
 * `client-flip`, registered after the flap plan's incidents.
 *
 * Flip instants are many (the Internet preset has millions) and most find the network as the
 * client's previous instant did, so a client's answer is kept until one of those changes (or any
 * change of route of an AS the query walked): only then is BGP asked again. A runner-up route that
 * an AS on the path learns without changing its best route is therefore seen from the next such
 * change on; the answer never goes stale in a way that could send a client to a dead, withdrawn
 * or unreachable site.
 */
import { IncidentTable, type ClientFlipProcess, type FlapPlan } from '../flaps/index.js';
import type { BgpSimulation, FlipAlternative, RoutingNetwork } from '../routing/index.js';
import { ClientFlipLogBuilder, drawFlipInstants, type ClientFlipLog, type FlipInstants } from '../sessions/index.js';
import type { Clock, RandomStream } from '../sim/index.js';
import type { RoutingProbe } from './routing-pass.js';

/** The flips of a run and their incidents. */
export interface ClientFlipsResult {
  readonly log: ClientFlipLog;
  /**
   * The run's incidents: the plan's, then one per flip in start order (the log's incident column
   * indexes this table).
   */
  readonly incidents: IncidentTable;
}

const NONE = -1;

/** Draws the flip instants and judges them on the routing pass (see the file header). */
export class ClientFlipPass {
  private readonly instants: FlipInstants;
  private readonly builder = new ClientFlipLogBuilder();
  /** Per unstable client: the index of its first flip instant not yet applied. */
  private readonly nextInstant: Uint32Array;
  /** Per unstable client: the log id of its flip in force, or NONE. */
  private readonly activeFlip: Int32Array;
  /** Per unstable client: whether `alternative[u]` and `routed[u]` describe the current state. */
  private readonly known: Uint8Array;
  private readonly alternative: (FlipAlternative | null)[];
  /** Per unstable client: where its routed path lands while its answer is known. */
  private readonly routed: Int32Array;
  /** Per unstable client: whether a query is scheduled at its next instant. */
  private readonly queryPending: Uint8Array;
  /** Per unstable client: the ASes watched for it, [route watches, forwarding watches]. */
  private readonly watched: [number[], number[]][];
  /** AS -> unstable clients whose answer is stale (and flip ends) when its best route changes. */
  private readonly routeWatch = new Map<number, Set<number>>();
  /** AS -> unstable clients whose answer is stale when its forwarding outcome changes. */
  private readonly forwardingWatch = new Map<number, Set<number>>();
  /** Routing inputs and outage edges that may change alternatives without a watched route change. */
  private readonly losses: readonly AlternativeLoss[];
  private readonly walked: number[] = [];
  private bgp: BgpSimulation | undefined;
  private clock: Clock | undefined;

  constructor(
    private readonly process: ClientFlipProcess,
    clients: Int32Array,
    private readonly plan: FlapPlan,
    horizonMs: number,
    random: RandomStream,
  ) {
    this.instants = drawFlipInstants(clients, process, horizonMs, random);
    const n = this.instants.clients.length;
    this.nextInstant = new Uint32Array(n);
    this.activeFlip = new Int32Array(n).fill(NONE);
    this.known = new Uint8Array(n);
    this.alternative = new Array<FlipAlternative | null>(n).fill(null);
    this.routed = new Int32Array(n);
    this.queryPending = new Uint8Array(n);
    this.watched = Array.from({ length: n }, () => [[], []]);
    this.losses = alternativeLosses(plan);
  }

  /**
   * The probe for the routing pass: at time 0 it schedules, on the routing clock, each client's
   * first query and the revalidations after routing inputs and outage edges.
   */
  probes(): RoutingProbe[] {
    if (this.instants.clients.length === 0) return [];
    return [
      {
        atMs: 0,
        run: (bgp, clock) => {
          this.bgp = bgp;
          this.clock = clock;
          bgp.routeChanges$.subscribe((change) => this.staleWatchers(this.routeWatch, change.asIndex, change.timeMs));
          bgp.forwardingChanges$.subscribe((change) => this.staleWatchers(this.forwardingWatch, change.asIndex, change.timeMs));
          for (const loss of this.losses) clock.schedule(loss.atMs, () => this.revalidate(loss));
          for (let u = 0; u < this.instants.clients.length; u++) this.scheduleQuery(u);
        },
      },
    ];
  }

  /** The flips, once the routing pass has run: the instants no change interrupted are applied now. */
  result(): ClientFlipsResult {
    for (let u = 0; u < this.instants.clients.length; u++) this.applyInstants(u, Number.POSITIVE_INFINITY);
    const log = this.builder.build(this.plan.incidents.length);
    return { log, incidents: IncidentTable.of(this.plan.incidents).append(this.process.flapIndex, 'client-flip', log.incidentStartsMs) };
  }

  /** Whether site `site` has no outage in force at `tMs`. */
  private usable(site: number, tMs: number): boolean {
    for (const [downMs, upMs] of this.plan.siteOutages[site] ?? []) if (downMs <= tMs && tMs < upMs) return false;
    return true;
  }

  /** Schedules a query at client u's next instant, if it has one and none is pending. */
  private scheduleQuery(u: number): void {
    const times = this.instants.timesMs[u]!;
    const i = this.nextInstant[u]!;
    if (i >= times.length || this.queryPending[u] === 1) return;
    this.queryPending[u] = 1;
    this.clock!.schedule(times[i]!, () => {
      this.queryPending[u] = 0;
      if (this.known[u] === 0) this.query(u, times[i]!);
      this.applyInstants(u, times[i]!, true);
    });
  }

  /**
   * Applies client u's flip instants before `untilMs` (through it when `inclusive`) with its known
   * answer: a client on its routed path flips out to its alternative, a flipped one back to its
   * routed site (if that site is up).
   */
  private applyInstants(u: number, untilMs: number, inclusive = false): void {
    if (this.known[u] === 0) return;
    const times = this.instants.timesMs[u]!;
    const asIndex = this.instants.clients[u]!;
    const alternative = this.alternative[u]!;
    for (let i = this.nextInstant[u]!; i < times.length && (times[i]! < untilMs || (inclusive && times[i] === untilMs)); i = ++this.nextInstant[u]!) {
      const tMs = times[i]!;
      if (this.activeFlip[u] !== NONE) {
        const routed = this.routed[u]!;
        if (routed >= 0 && this.usable(routed, tMs)) this.endFlip(u, tMs);
      } else if (alternative !== null) {
        this.activeFlip[u] = this.builder.start(asIndex, tMs, alternative.site, alternative.neighbourNode);
      }
    }
  }

  /** Asks BGP for client u's alternative now and watches what it depends on. */
  private query(u: number, tMs: number): FlipAlternative | null {
    const bgp = this.bgp!;
    const asIndex = this.instants.clients[u]!;
    const alternative = bgp.alternativeSite(asIndex, (site) => this.usable(site, tMs), this.walked);
    const [routes, forwarding] = this.watched[u]!;
    routes.push(...this.walked);
    forwarding.push(asIndex);
    if (alternative !== null && alternative.neighbourNode < bgp.network.asCount) {
      routes.push(alternative.neighbourNode);
      forwarding.push(alternative.neighbourNode);
    }
    for (const v of routes) watch(this.routeWatch, v, u);
    for (const v of forwarding) watch(this.forwardingWatch, v, u);
    this.known[u] = 1;
    this.alternative[u] = alternative;
    this.routed[u] = bgp.servingSite(asIndex);
    return alternative;
  }

  /** After `loss`: the answers it may have changed are asked for again (active flips at once). */
  private revalidate(loss: AlternativeLoss): void {
    const tMs = loss.atMs;
    for (let u = 0; u < this.known.length; u++) {
      if (this.known[u] === 0) continue;
      const was = this.alternative[u]!;
      if (!takesAway(loss, was, this.bgp!.network)) continue;
      this.applyInstants(u, tMs);
      this.forget(u);
      if (this.activeFlip[u] === NONE) {
        this.scheduleQuery(u);
        continue;
      }
      const now = this.query(u, tMs);
      if (now === null || now.site !== was?.site || now.balancerAs !== was.balancerAs || now.neighbourNode !== was.neighbourNode) this.endFlip(u, tMs);
    }
  }

  /** A change at `timeMs` of an AS in `watchers`: the answers that depended on it are stale. */
  private staleWatchers(watchers: Map<number, Set<number>>, asIndex: number, timeMs: number): void {
    const clients = watchers.get(asIndex);
    if (clients === undefined) return;
    for (const u of [...clients]) {
      this.applyInstants(u, timeMs);
      this.endFlip(u, timeMs);
      this.forget(u);
      this.scheduleQuery(u);
    }
  }

  private endFlip(u: number, tMs: number): void {
    if (this.activeFlip[u] === NONE) return;
    this.builder.end(this.activeFlip[u]!, tMs);
    this.activeFlip[u] = NONE;
  }

  private forget(u: number): void {
    const [routes, forwarding] = this.watched[u]!;
    for (const v of routes) unwatch(this.routeWatch, v, u);
    for (const v of forwarding) unwatch(this.forwardingWatch, v, u);
    routes.length = 0;
    forwarding.length = 0;
    this.known[u] = 0;
    this.alternative[u] = null;
  }
}

/**
 * What may change a client's alternative without a route change on the ASes watched for it: its
 * site going (withdrawn, killed, an outage starting), the link between the load balancer and the
 * neighbour it uses going down (the session drops; the balancer's best route may not change), or
 * anything that may bring new alternatives (a site announced again or an outage ending; `any`).
 * New routes after a link comes back arrive as route changes.
 */
type AlternativeLoss =
  | { readonly atMs: number; readonly kind: 'site'; readonly site: number }
  | { readonly atMs: number; readonly kind: 'link'; readonly asnA: number; readonly asnB: number }
  | { readonly atMs: number; readonly kind: 'site-link'; readonly site: number; readonly neighbourAsn: number }
  | { readonly atMs: number; readonly kind: 'any' };

/** Whether `loss` may take `alternative` away (or, for `any`, bring one). */
function takesAway(loss: AlternativeLoss, alternative: FlipAlternative | null, network: RoutingNetwork): boolean {
  if (loss.kind === 'any') return true;
  if (alternative === null) return false;
  const balancerAsn = network.nodeAsn[alternative.balancerAs]!;
  switch (loss.kind) {
    case 'site':
      return alternative.site === loss.site;
    case 'site-link':
      return alternative.neighbourNode === network.asCount + loss.site && balancerAsn === loss.neighbourAsn;
    case 'link': {
      // The operator's ASN names every site's link to the other AS (BgpSimulation.linkDown).
      const neighbourAsn = network.nodeAsn[alternative.neighbourNode]!;
      return (balancerAsn === loss.asnA && neighbourAsn === loss.asnB) || (balancerAsn === loss.asnB && neighbourAsn === loss.asnA);
    }
  }
}

function alternativeLosses(plan: FlapPlan): AlternativeLoss[] {
  const losses: AlternativeLoss[] = [];
  for (const { atMs, action } of plan.routing) {
    switch (action.kind) {
      case 'withdraw-site':
      case 'kill-site':
        losses.push({ atMs, kind: 'site', site: action.site });
        break;
      case 'announce-site':
        losses.push({ atMs, kind: 'any' });
        break;
      case 'link-down':
        losses.push({ atMs, kind: 'link', asnA: action.a, asnB: action.b });
        break;
      case 'site-link-down':
        losses.push({ atMs, kind: 'site-link', site: action.site, neighbourAsn: action.neighbourAsn });
        break;
      default:
        break;
    }
  }
  plan.siteOutages.forEach((outages, site) => {
    for (const [downMs, upMs] of outages) {
      losses.push({ atMs: downMs, kind: 'site', site });
      if (Number.isFinite(upMs)) losses.push({ atMs: upMs, kind: 'any' });
    }
  });
  // Stable: equal times keep the routing inputs' order.
  return losses.sort((x, y) => x.atMs - y.atMs);
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
