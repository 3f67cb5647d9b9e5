/**
 * Event-driven BGP for one prefix (anycast or a PoP's unicast prefix) on the virtual clock: the
 * inputs that drive it and the views of its routes. How UPDATEs propagate (RFC 4271 decision
 * process, MRAI, route flap damping, waves) is bgp-propagation.ts, the base class.
 *
 * Inputs: sites withdraw, announce, prepend, announce selectively and are restored; origin ASes
 * start and stop originating; links and sessions go down and come back. A silently dead PoP is
 * noticed only when each neighbour's hold timer expires (RFC 4271 §6.5, §10): its last KEEPALIVE
 * arrived some time within the last keepalive interval (hold time / 3), so detection falls
 * uniformly in the last third. A killed site keeps attracting packets until its neighbours
 * notice: the data plane reports that site; whether it answers is the PoP layer's business.
 *
 * The routes the simulation starts with are the steady state (steady-state.ts); after the inputs
 * stop and the clock runs dry, the routes equal the steady state of the final inputs again (tested).
 */
import { type AnycastDeployment, MAX_PREPEND, TopologyError } from '../topology/index.js';
import type { BgpFabric } from './bgp-fabric.js';
import { NO_WAVE } from './bgp-prefix-state.js';
import { BgpPropagation } from './bgp-propagation.js';
import { type Catchment, catchmentFromRoutes, catchmentMap, type CatchmentMap } from './catchment.js';
import { type AdjRibInView, type FlipAlternative, findFlipAlternative } from './flip-alternative.js';
import { solveSteadyState } from './steady-state.js';

export { type BgpPrefixOptions, NO_WAVE } from './bgp-prefix-state.js';

/** Most origins one simulation accepts (a limit). */
export const MAX_SIMULATION_ORIGINS = 100_000;

/**
 * BGP dynamics of one prefix: built either from an {@link AnycastDeployment} (sites of the
 * operator ASN; all of them, or `options.originatingSites`, originate) or from a list of origin
 * ASes of the graph that originate the prefix themselves. Several prefixes of one run share a
 * {@link BgpFabric} and the clock. Random streams taken (name `routing` unless
 * `options.streamName`): `<name>/processing-delay`, `<name>/mrai`, `<name>/hold-timer`, and
 * `routing/link-delay` when it builds its own fabric.
 */
export class BgpSimulation extends BgpPropagation {
  /** The read-only view {@link alternativeSite} queries, made on first use. */
  private flipView: AdjRibInView | undefined;

  /** Origin ASNs in origin-index order (origin mode; grows when a new AS is announced). */
  get originAsns(): readonly number[] {
    return this.state.origins;
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
    return this.state.bestRouteAsns(asIndex);
  }

  /** The current routes as a {@link Catchment} (the dynamic state, consistent at quiescence). */
  currentCatchment(): Catchment {
    return catchmentFromRoutes(this.network, this.state.origins.slice(), this.state.currentRoutes());
  }

  /** The steady state of the current inputs (sites announcing and alive, origins, sessions up). */
  steadyStateCatchment(): Catchment {
    return catchmentFromRoutes(this.network, this.state.origins.slice(), solveSteadyState(this.network, this.state.activeSources(), this.state.usableSessions(), this.fabric.tieBreak));
  }

  /** Whether every AS's current best route equals the steady state of the current inputs. */
  matchesSteadyState(): boolean {
    return JSON.stringify(catchmentMap(this.currentCatchment())) === JSON.stringify(catchmentMap(this.steadyStateCatchment()));
  }

  /** Site `i` stops announcing: withdrawals go to its neighbours (graceful shutdown). */
  withdrawSite(i: number, wave = NO_WAVE): void {
    this.fabric.checkSite(i);
    this.siteAnnouncing[i] = false;
    this.refreshOrigin(this.network.asCount + i, wave);
  }

  /** Site `i` announces again (and comes back to life if it was killed). */
  announceSite(i: number, wave = NO_WAVE): void {
    this.fabric.checkSite(i);
    const node = this.network.asCount + i;
    this.siteAnnouncing[i] = true;
    if (!this.siteAlive[i]) {
      this.siteAlive[i] = true;
      this.siteLife[i]!++;
      for (let k = this.network.offsets[node]!; k < this.network.offsets[node + 1]!; k++) {
        if (this.sessionUp[k] === 0 && this.adminUp[k] === 1 && this.unannounced[k] === 0) this.openSession(k, wave);
      }
    }
    this.refreshOrigin(node, wave);
  }

  /**
   * Site `i` dies silently: it sends nothing more, and each neighbour drops its routes only when
   * its hold timer expires, holdTimeMs minus up to a keepalive interval (holdTimeMs / 3) from now.
   * Returns the detection delay per slot of the site's row (ms from now); `detectionDelaysMs`
   * imposes them instead of drawing (other prefixes of the same sessions time out together).
   */
  killSite(i: number, wave = NO_WAVE, detectionDelaysMs?: readonly number[]): number[] {
    this.fabric.checkSite(i);
    if (!this.siteAlive[i]) return [];
    this.siteAlive[i] = false;
    const life = ++this.siteLife[i]!;
    const node = this.network.asCount + i;
    const hold = this.config.holdTimeMs;
    const delays: number[] = [];
    const first = this.network.offsets[node]!;
    for (let k = first; k < this.network.offsets[node + 1]!; k++) {
      const detectMs = detectionDelaysMs?.[k - first] ?? hold - this.holdRandom.uniform(0, hold / 3);
      delays.push(detectMs);
      this.clock.scheduleAfter(detectMs, () => {
        if (this.siteLife[i] === life && this.sessionUp[k] === 1) this.closeSession(k, wave);
      });
    }
    return delays;
  }

  /** Site `i` announces with `prepend` extra copies of the operator ASN (maintenance drains). */
  setSitePrepend(i: number, prepend: number, wave = NO_WAVE): void {
    this.fabric.checkSite(i);
    if (!Number.isInteger(prepend) || prepend < 0 || prepend > MAX_PREPEND) {
      throw new RangeError(`prepend must be an integer in 0..${MAX_PREPEND}, got ${prepend}`);
    }
    this.sitePrepend[i] = prepend;
    this.refreshOrigin(this.network.asCount + i, wave);
  }

  /**
   * Site `i` announces only to the upstreams and peers in `neighbourAsns` (selective announcement,
   * an outbound filter as operators configure it, or NO_EXPORT-style scoping), or to all of them
   * again when null. Sessions stay up: the others get a withdrawal (at once; an announcement waits
   * for MRAI like any other).
   */
  setSiteAnnouncedNeighbours(i: number, neighbourAsns: readonly number[] | null, wave = NO_WAVE): void {
    this.fabric.checkSite(i);
    const net = this.network;
    const node = net.asCount + i;
    const allowed = neighbourAsns === null ? undefined : new Set(neighbourAsns.map((asn) => this.fabric.siteLinkSlot(i, asn)));
    for (let k = net.offsets[node]!; k < net.offsets[node + 1]!; k++) this.state.exportFiltered[k] = allowed === undefined || allowed.has(k) ? 0 : 1;
    if (!this.siteAlive[i]) return;
    for (let k = net.offsets[node]!; k < net.offsets[node + 1]!; k++) this.advertise(node, k, wave);
  }

  /**
   * Site `i` goes back to its configured announcement in one step (the operator's restore after a
   * response): announced, to every neighbour, with the deployment's own prepend.
   */
  restoreSite(i: number, wave = NO_WAVE): void {
    this.fabric.checkSite(i);
    const net = this.network;
    const node = net.asCount + i;
    this.state.exportFiltered.fill(0, net.offsets[node]!, net.offsets[node + 1]!);
    this.sitePrepend[i] = this.deployment?.sites[i]?.prepend ?? 0;
    this.announceSite(i, wave);
    for (let k = net.offsets[node]!; k < net.offsets[node + 1]!; k++) this.advertise(node, k, wave);
  }

  /** Origin AS `asn` stops originating (origin mode). */
  withdrawOrigin(asn: number, wave = NO_WAVE): void {
    const node = this.originNode(asn);
    if (this.originates[node] === 0) return;
    this.originates[node] = 0;
    this.decide(node, wave);
  }

  /** AS `asn` originates the prefix (origin mode); an AS not yet an origin gets the next origin index. */
  announceOrigin(asn: number, wave = NO_WAVE): void {
    const node = this.originNode(asn);
    if (this.originId[node] === -1) {
      if (this.state.origins.length >= MAX_SIMULATION_ORIGINS) throw new RangeError(`more than ${MAX_SIMULATION_ORIGINS} origins`);
      this.originId[node] = this.state.origins.length;
      this.state.origins.push(asn);
    }
    if (this.originates[node] === 1) return;
    this.originates[node] = 1;
    this.decide(node, wave);
  }

  /**
   * The link between ASes `asnA` and `asnB` fails: both ends drop the session at once. Naming the
   * operator ASN means the links of every site to the other AS (see {@link siteLinkDown}).
   */
  linkDown(asnA: number, asnB: number, wave = NO_WAVE): void {
    this.takeLinksDown(this.fabric.linkSlots(asnA, asnB), wave);
  }

  /** The link between ASes `asnA` and `asnB` comes back: the session opens and routes are exchanged. */
  linkUp(asnA: number, asnB: number, wave = NO_WAVE): void {
    this.bringLinksUp(this.fabric.linkSlots(asnA, asnB), wave);
  }

  /** The link between site `i` and its upstream or peer `neighbourAsn` fails. */
  siteLinkDown(i: number, neighbourAsn: number, wave = NO_WAVE): void {
    this.takeLinksDown([this.fabric.siteLinkSlot(i, neighbourAsn)], wave);
  }

  /** The link between site `i` and its upstream or peer `neighbourAsn` comes back. */
  siteLinkUp(i: number, neighbourAsn: number, wave = NO_WAVE): void {
    this.bringLinksUp([this.fabric.siteLinkSlot(i, neighbourAsn)], wave);
  }

  /**
   * The links at `slots` (from BgpFabric.linkSlots or siteLinkSlot, looked up once for every
   * prefix on the fabric) fail: as {@link linkDown} or {@link siteLinkDown} with those slots.
   */
  linkSlotsDown(slots: readonly number[], wave = NO_WAVE): void {
    this.takeLinksDown(slots, wave);
  }

  /** The links at `slots` come back: as {@link linkUp} or {@link siteLinkUp} with those slots. */
  linkSlotsUp(slots: readonly number[], wave = NO_WAVE): void {
    this.bringLinksUp(slots, wave);
  }

  private takeLinksDown(slots: readonly number[], wave: number): void {
    for (const k of slots) {
      this.adminUp[k] = 0;
      this.adminUp[this.reverse[k]!] = 0;
      if (this.sessionUp[k] === 1) this.closeSession(k, wave);
    }
  }

  private bringLinksUp(slots: readonly number[], wave: number): void {
    const asCount = this.network.asCount;
    const alive = (node: number): boolean => node < asCount || this.siteAlive[node - asCount] === true;
    for (const k of slots) {
      this.adminUp[k] = 1;
      this.adminUp[this.reverse[k]!] = 1;
      if (this.unannounced[k] === 1 || this.unannounced[this.reverse[k]!] === 1) continue;
      if (this.sessionUp[k] === 0 && alive(this.network.neighbours[this.reverse[k]!]!) && alive(this.network.neighbours[k]!)) {
        this.openSession(k, wave);
      }
    }
  }

  private checkAs(asIndex: number): void {
    if (!(Number.isInteger(asIndex) && asIndex >= 0 && asIndex < this.network.asCount)) {
      throw new RangeError(`AS index ${asIndex} is outside 0..${this.network.asCount - 1}`);
    }
  }

  private originNode(asn: number): number {
    if (this.deployment !== undefined) throw new Error('origin inputs need a simulation built from origin ASNs');
    const node = this.graph.indexOf(asn);
    if (node < 0) throw new TopologyError(`AS ${asn} is not in the topology`);
    return node;
  }
}

/** Catchment map of the current dynamic state (see {@link catchmentMap}). */
export function currentCatchmentMap(simulation: BgpSimulation): CatchmentMap {
  return catchmentMap(simulation.currentCatchment());
}
