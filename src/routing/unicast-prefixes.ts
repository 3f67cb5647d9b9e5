/**
 * Each PoP's own unicast prefix, in the same BGP run as the anycast prefix (ARCHITECTURE.md:
 * "Unicast designs are routed too"). Site i originates prefix i alone, on the same sessions as
 * the anycast prefix (all of its upstreams and peers, or the subset the scenario names), so the
 * same link failures and silent deaths reach it; a withdrawal or a prepend of the anycast prefix
 * (a drain) does not: the PoP keeps its unicast address.
 *
 * Two dynamics, chosen per scenario:
 *
 * - `bgp`: every unicast prefix runs the full event-driven BGP of bgp-simulation.ts (Adj-RIB-In,
 *   decision process, MRAI per peer and prefix as RFC 4271 §9.2.1.1 defines it, path exploration)
 *   on the run's shared {@link BgpFabric} and clock, so unicast packets meet the transient black
 *   holes and loops of convergence hop by hop, exactly as anycast packets do. A prefix's state is
 *   built the first time an input reaches it; until then it is its steady state.
 * - `steady-state`: a unicast prefix jumps to the steady state of its current inputs at each input
 *   that reaches it (a link going down or up, each neighbour's hold timer noticing a dead site).
 *   It keeps the black holes of a PoP cut off from the network, but not the transient ones while
 *   routes converge. For Internet-scale runs: one PoP's unicast prefix reaches every AS, so one
 *   upstream link flap moves ~10^5 UPDATEs of it against ~10^2 of the anycast prefix (measured,
 *   docs/routing.md), and 275 prefixes of state over 4.8·10^5 adjacency slots do not fit.
 *
 * Outcomes are the data plane's: `site` when packets from an AS reach the PoP, BLACKHOLE or LOOP.
 */
import type { Clock, RandomStreams } from '../sim/index.js';
import type { AnycastDeployment, AsGraph } from '../topology/index.js';
import type { BgpConfigInput } from './bgp-config.js';
import type { BgpFabric } from './bgp-fabric.js';
import { BgpSimulation } from './bgp-simulation.js';
import { BLACKHOLE } from './forwarding-plane.js';
import { ValleyFreeReach } from './valley-free-reach.js';

/** How unicast prefixes converge: full BGP, or a jump to each new steady state. */
export type UnicastDynamics = 'bgp' | 'steady-state';

/** A change of where packets from one AS to one PoP's unicast prefix end. */
export interface UnicastOutcomeChange {
  readonly timeMs: number;
  /** The PoP (site index) whose prefix it is. */
  readonly site: number;
  readonly asIndex: number;
  /** `site` (delivered), BLACKHOLE or LOOP. */
  readonly outcome: number;
  /** The routing event whose wave caused it ({@link NO_WAVE}: none). */
  readonly wave: number;
}

/** Settings of the unicast prefixes of a run. */
export interface UnicastPrefixOptions {
  readonly dynamics: UnicastDynamics;
  /** Per site, the neighbour ASNs its unicast prefix is announced to (absent: all its links). */
  readonly announcedNeighbours?: readonly (readonly number[] | undefined)[];
  /** Called for every outcome change, synchronously as the clock fires. */
  readonly onChange: (change: UnicastOutcomeChange) => void;
}

/** Every PoP's unicast prefix, driven by the same inputs as the anycast prefix. */
export class UnicastPrefixes {
  private readonly network: BgpFabric['network'];
  private readonly words: number;
  /** Per site: steady-state reachability at the start, one bit per AS. */
  private readonly initial: Uint32Array[];
  private readonly unannounced: number[][];
  private readonly simulations: (BgpSimulation | undefined)[];
  /** Steady-state dynamics: link state per slot, site rows holding their own prefix's view. */
  private readonly up: Uint8Array;
  private readonly physicalUp: Uint8Array;
  /** 1 on a dead site's slots whose neighbour's hold timer has expired. */
  private readonly deadDetected: Uint8Array;
  private readonly current: Uint32Array[];
  /** Reachability through one neighbour of a site (key node * 2 + 1 for upstreams), until an AS link changes. */
  private readonly reachThrough = new Map<number, Uint32Array>();
  private readonly reach: ValleyFreeReach;
  private readonly siteLife: number[];
  private readonly siteAlive: boolean[];

  /** Solves every prefix's initial steady state; `fabric` is the anycast simulation's. */
  constructor(
    private readonly clock: Clock,
    private readonly graph: AsGraph,
    private readonly deployment: AnycastDeployment,
    private readonly fabric: BgpFabric,
    private readonly config: BgpConfigInput,
    private readonly streams: RandomStreams,
    private readonly options: UnicastPrefixOptions,
  ) {
    this.network = fabric.network;
    const net = this.network;
    const sites = deployment.sites.length;
    this.words = Math.ceil(net.asCount / 32);
    this.unannounced = deployment.sites.map((site, i) => {
      const announced = options.announcedNeighbours?.[i];
      if (announced === undefined) return [];
      return [...site.upstreams, ...site.peers].filter((asn) => !announced.includes(asn)).map((asn) => fabric.siteLinkSlot(i, asn));
    });
    this.simulations = new Array<BgpSimulation | undefined>(sites).fill(undefined);
    this.physicalUp = new Uint8Array(net.neighbours.length).fill(1);
    this.up = new Uint8Array(net.neighbours.length).fill(1);
    this.deadDetected = new Uint8Array(net.neighbours.length);
    this.reach = new ValleyFreeReach(net, this.up);
    this.siteLife = deployment.sites.map(() => 0);
    this.siteAlive = deployment.sites.map(() => true);
    this.initial = deployment.sites.map((_, i) => this.solve(i));
    this.current = this.initial.slice();
  }

  /** Whether AS `asIndex` reaches PoP `site`'s unicast prefix in the initial steady state. */
  initiallyReachable(site: number, asIndex: number): boolean {
    return (this.initial[site]![asIndex >>> 5]! & (1 << (asIndex & 31))) !== 0;
  }

  /** The initial steady-state reachability of `site`'s prefix, one bit per AS (do not modify). */
  initialReachability(site: number): Uint32Array {
    return this.initial[site]!;
  }

  /** UPDATEs sent for unicast prefixes (bgp dynamics; 0 under steady-state). */
  get updatesSent(): number {
    return this.simulations.reduce((sum, s) => sum + (s?.updatesSent ?? 0), 0);
  }

  /** Prefixes whose BGP state has been built (bgp dynamics). */
  get prefixesSimulated(): number {
    return this.simulations.filter((s) => s !== undefined).length;
  }

  /** Site `i` dies silently; its neighbours notice after `detectionDelaysMs` (per slot of its row, the anycast prefix's draws). */
  killSite(i: number, wave: number, detectionDelaysMs: readonly number[]): void {
    if (this.options.dynamics === 'bgp') {
      this.simulation(i).killSite(i, wave, detectionDelaysMs);
      return;
    }
    if (!this.siteAlive[i]) return;
    this.siteAlive[i] = false;
    const life = ++this.siteLife[i]!;
    const first = this.network.offsets[this.network.asCount + i]!;
    detectionDelaysMs.forEach((delayMs, j) => {
      this.clock.scheduleAfter(delayMs, () => {
        if (this.siteLife[i] !== life) return;
        this.deadDetected[first + j] = 1;
        this.refresh(i, wave);
      });
    });
  }

  /** Site `i` comes back to life (its anycast prefix is announced again); a no-op while it lives. */
  reviveSite(i: number, wave: number): void {
    if (this.options.dynamics === 'bgp') {
      if (this.simulations[i] !== undefined) this.simulations[i].announceSite(i, wave);
      return;
    }
    if (this.siteAlive[i]) return;
    this.siteAlive[i] = true;
    this.siteLife[i]!++;
    const node = this.network.asCount + i;
    this.deadDetected.fill(0, this.network.offsets[node]!, this.network.offsets[node + 1]!);
    this.refresh(i, wave);
  }

  /** The link between ASes `asnA` and `asnB` (the operator ASN: every site's link) goes down. */
  linkDown(asnA: number, asnB: number, wave: number): void {
    this.setLinks(this.fabric.linkSlots(asnA, asnB), 0, wave);
  }

  /** The link between ASes `asnA` and `asnB` comes back. */
  linkUp(asnA: number, asnB: number, wave: number): void {
    this.setLinks(this.fabric.linkSlots(asnA, asnB), 1, wave);
  }

  /** The link between site `i` and `neighbourAsn` goes down. */
  siteLinkDown(i: number, neighbourAsn: number, wave: number): void {
    this.setLinks([this.fabric.siteLinkSlot(i, neighbourAsn)], 0, wave);
  }

  /** The link between site `i` and `neighbourAsn` comes back. */
  siteLinkUp(i: number, neighbourAsn: number, wave: number): void {
    this.setLinks([this.fabric.siteLinkSlot(i, neighbourAsn)], 1, wave);
  }

  /** Completes the simulations' streams. */
  dispose(): void {
    for (const s of this.simulations) s?.dispose();
  }

  private setLinks(slots: readonly number[], value: 0 | 1, wave: number): void {
    const net = this.network;
    /** [site, the slot in the site's row] per link of a site. */
    const siteLinks: [number, number][] = [];
    const asLinks: number[] = [];
    for (const k of slots) {
      const a = net.neighbours[this.fabric.reverse[k]!]!;
      const b = net.neighbours[k]!;
      if (a >= net.asCount) siteLinks.push([a - net.asCount, k]);
      else if (b >= net.asCount) siteLinks.push([b - net.asCount, this.fabric.reverse[k]!]);
      else asLinks.push(k);
    }
    if (this.options.dynamics === 'bgp') {
      // The slots are looked up once here, not once per prefix (N + 2 adjacency scans per event).
      for (const [site, k] of siteLinks) {
        if (value === 0) this.simulation(site).linkSlotsDown([k], wave);
        else this.simulation(site).linkSlotsUp([k], wave);
      }
      for (const k of asLinks) {
        const link = this.fabric.linkSlots(net.nodeAsn[net.neighbours[this.fabric.reverse[k]!]!]!, net.nodeAsn[net.neighbours[k]!]!);
        for (let i = 0; i < this.simulations.length; i++) {
          if (value === 0) this.simulation(i).linkSlotsDown(link, wave);
          else this.simulation(i).linkSlotsUp(link, wave);
        }
      }
      return;
    }
    for (const k of slots) {
      this.physicalUp[k] = value;
      this.physicalUp[this.fabric.reverse[k]!] = value;
    }
    for (const k of asLinks) {
      this.up[k] = value;
      this.up[this.fabric.reverse[k]!] = value;
    }
    if (asLinks.length > 0) {
      this.reachThrough.clear();
      this.reach.linksChanged();
    }
    const sites = asLinks.length > 0 ? this.deployment.sites.map((_, i) => i) : [...new Set(siteLinks.map(([site]) => site))].sort((x, y) => x - y);
    for (const i of sites) this.refresh(i, wave);
  }

  /** Prefix `i`'s BGP simulation, built in its steady state on first use. */
  private simulation(i: number): BgpSimulation {
    const existing = this.simulations[i];
    if (existing !== undefined) return existing;
    const simulation = new BgpSimulation(this.clock, this.graph, this.deployment, this.config, this.streams, {
      fabric: this.fabric,
      originatingSites: [i],
      unannouncedSlots: this.unannounced[i]!,
      streamName: `routing/unicast/${i}`,
    });
    simulation.forwardingChanges$.subscribe(({ timeMs, asIndex, servingSite, wave }) =>
      this.options.onChange({ timeMs, site: i, asIndex, outcome: servingSite, wave }),
    );
    this.simulations[i] = simulation;
    return simulation;
  }

  /** Site `i`'s row of the steady-state link view: physically up, announced, and not found dead. */
  private syncSiteRow(i: number): void {
    const net = this.network;
    const node = net.asCount + i;
    const unannounced = this.unannounced[i]!;
    for (let k = net.offsets[node]!; k < net.offsets[node + 1]!; k++) {
      this.up[k] = this.physicalUp[k] === 1 && this.deadDetected[k] === 0 && !unannounced.includes(k) ? 1 : 0;
    }
  }

  /** Steady-state dynamics: moves prefix `i` to the steady state of its current inputs. */
  private refresh(i: number, wave: number): void {
    const next = this.solve(i);
    const old = this.current[i]!;
    this.current[i] = next;
    const now = this.clock.nowMs;
    for (let w = 0; w < this.words; w++) {
      let diff = (old[w]! ^ next[w]!) >>> 0;
      while (diff !== 0) {
        const bit = 31 - Math.clz32(diff);
        diff = (diff & ~(1 << bit)) >>> 0;
        const asIndex = w * 32 + bit;
        const reachable = (next[w]! & (1 << bit)) !== 0;
        this.options.onChange({ timeMs: now, site: i, asIndex, outcome: reachable ? i : BLACKHOLE, wave });
      }
    }
  }

  /**
   * Reachability of prefix `i` under the current link view: the union of what each of site i's
   * live sessions reaches (valley-free-reach.ts), per neighbour cached until an AS link changes.
   */
  private solve(i: number): Uint32Array {
    const net = this.network;
    const node = net.asCount + i;
    this.syncSiteRow(i);
    const bits = new Uint32Array(this.words);
    for (let k = net.offsets[node]!; k < net.offsets[node + 1]!; k++) {
      if (this.up[k] === 0) continue;
      const neighbour = net.neighbours[k]!;
      const upstream = k >= net.providerStart[node]!;
      const key = neighbour * 2 + (upstream ? 1 : 0);
      let reach = this.reachThrough.get(key);
      if (reach === undefined) {
        reach = this.reach.from(neighbour, upstream);
        this.reachThrough.set(key, reach);
      }
      for (let w = 0; w < this.words; w++) bits[w]! |= reach[w]!;
    }
    return bits;
  }
}
