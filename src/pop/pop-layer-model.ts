/**
 * The PoP layer of one run, built from its configuration: every PoP's servers and hashing
 * algorithm, server churn and site outages as timelines known in advance, the shared server pool
 * of `global-hash`, the unicast-DNS failover parameters and the conntrack settings. Serving
 * architectures (architectures.ts) are rules over this model; they answer queries at any time t.
 *
 * Sources: Maglev NSDI 2016 §3.3-3.4 (conntrack and consistent hashing per load balancer), Katran
 * (fixed-size LRU conntrack), GLB Director (second chance), Amazon Route 53 health checks
 * (interval 30 s, failure threshold 3) for the unicast-DNS defaults, Linux IPVS (TCP established
 * timeout 900 s) for the conntrack idle timeout default.
 */
import type { RandomStream } from '../sim/index.js';
import { conntrackHorizonMs, MAX_CONNTRACK_CAPACITY } from './conntrack.js';
import { isHashAlgorithmName, type HashAlgorithmName } from './hash-algorithm.js';
import { NO_SERVER, ServerSetTimeline, type ServerChange, type ServerStatus } from './server-churn.js';
import type { BreakCause, SessionPlacement } from './serving-architecture.js';
import { SiteHealthTimeline, type SiteOutage } from './site-health.js';

/** One PoP's load-balancing setup. */
export interface PopConfig {
  /** The PoP's name; its servers are hashed by the names `${name}/s${serverId}`. */
  readonly name: string;
  /** Servers present from the start, ids 0..servers-1. */
  readonly servers: number;
  /** The load balancer's hashing algorithm. */
  readonly algorithm: HashAlgorithmName;
  /** Maglev table size M (prime); default 65537. */
  readonly tableSize?: number;
  /** Ring virtual nodes per server; default 160. */
  readonly vnodes?: number;
  /** GLB-style second chance (primary and secondary per row); requires `rendezvous`. */
  readonly secondChance?: boolean;
  /**
   * Flows expected to be live at once at this PoP's load balancer (count). When it exceeds the
   * conntrack capacity, entries are assumed evicted sooner (see {@link conntrackHorizonMs}).
   * Default 0: no capacity pressure.
   */
  readonly expectedConcurrentFlows?: number;
}

/** A kind of server churn (see server-churn.ts for the semantics). */
export type ChurnKind = 'add' | 'remove' | 'drain' | 'fail';

/** One server churn event at one PoP. */
export interface ChurnEvent {
  /** When it happens (ms). */
  readonly atMs: number;
  /** The PoP, an index into `pops`. */
  readonly popIndex: number;
  readonly kind: ChurnKind;
  /** The server; for `add`, the new server's id (default: the PoP's next unused id). */
  readonly serverId?: number;
  /** The incident it belongs to (index into the run's incident list); absent: -1, none known. */
  readonly incident?: number;
}

/** Per-PoP delay before a `global-hash` table update takes effect: one value, one per PoP, or a range drawn per PoP. */
export type UpdateDelaySpec = number | readonly number[] | { readonly minMs: number; readonly maxMs: number };

/** The shared pool of `global-hash`: every PoP's servers, one table, updates delayed per PoP. */
export interface GlobalHashConfig {
  /** The shared table's algorithm; default `maglev`. */
  readonly algorithm?: HashAlgorithmName;
  /** Maglev table size M (prime); default 65537. */
  readonly tableSize?: number;
  /** Ring virtual nodes per server; default 160. */
  readonly vnodes?: number;
  /** Delay (ms) from a pool change to a PoP applying it; default 0. */
  readonly updateDelayMs?: UpdateDelaySpec;
}

/** The non-anycast baseline's failover parameters. */
export interface UnicastDnsConfig {
  /** Time between health checks of a PoP (ms). */
  readonly healthCheckIntervalMs: number;
  /** Consecutive failed checks before the PoP is declared down (count). */
  readonly failureThreshold: number;
  /** TTL of the DNS answer (ms): clients keep using a cached answer this long. */
  readonly dnsTtlMs: number;
}

/** Conntrack of every load balancer. */
export interface ConntrackConfig {
  /** Entries per load balancer (count). */
  readonly capacity: number;
  /** An entry idle this long is dropped (ms). */
  readonly idleTimeoutMs: number;
}

/** Everything the PoP layer needs for one run. */
export interface PopLayerConfig {
  readonly pops: readonly PopConfig[];
  readonly churn?: readonly ChurnEvent[];
  readonly siteFailures?: readonly SiteOutage[];
  readonly globalHash?: GlobalHashConfig;
  readonly unicastDns?: UnicastDnsConfig;
  readonly conntrack?: ConntrackConfig;
}

/** Route 53's standard health check: every 30 s, 3 failures; a 60 s TTL. */
export const DEFAULT_UNICAST_DNS: UnicastDnsConfig = { healthCheckIntervalMs: 30_000, failureThreshold: 3, dnsTtlMs: 60_000 };
/** One million entries, idle timeout 900 s (IPVS's TCP established timeout). */
export const DEFAULT_CONNTRACK: ConntrackConfig = { capacity: 1_000_000, idleTimeoutMs: 900_000 };
/** Most PoPs one layer may have. */
export const MAX_POPS = 10_000;
/** Most servers one PoP may start with. */
export const MAX_SERVERS_PER_POP = 10_000;

/** Worst-case unicast-DNS failover time: detection (interval x threshold) plus the DNS TTL (ms). */
export function unicastDnsFailoverMs(config: UnicastDnsConfig): number {
  const { healthCheckIntervalMs, failureThreshold, dnsTtlMs } = config;
  if (!(healthCheckIntervalMs > 0)) throw new RangeError(`unicastDns.healthCheckIntervalMs must be > 0, got ${healthCheckIntervalMs}`);
  if (!Number.isInteger(failureThreshold) || failureThreshold < 1) {
    throw new RangeError(`unicastDns.failureThreshold must be an integer >= 1, got ${failureThreshold}`);
  }
  if (!(dnsTtlMs >= 0)) throw new RangeError(`unicastDns.dnsTtlMs must be >= 0, got ${dnsTtlMs}`);
  return healthCheckIntervalMs * failureThreshold + dnsTtlMs;
}

function serverName(pop: PopConfig, serverId: number): string {
  return `${pop.name}/s${serverId}`;
}

interface NormalizedChurn {
  readonly atMs: number;
  readonly popIndex: number;
  readonly kind: ChurnKind;
  readonly serverId: number;
  readonly incident: number;
}

/** The PoP layer of one run: timelines and parameters every architecture reads. */
export class PopLayerModel {
  /** The PoPs as configured. */
  readonly pops: readonly PopConfig[];
  /** Up/down state of every PoP site. */
  readonly sites: SiteHealthTimeline;
  /** Unicast-DNS parameters in force. */
  readonly unicastDns: UnicastDnsConfig;
  /** Unicast-DNS failover time (ms): detection + TTL. */
  readonly unicastDnsFailoverMs: number;
  /** Conntrack parameters in force. */
  readonly conntrack: ConntrackConfig;
  /** Per PoP: delay (ms) before it applies a shared-pool table update. */
  readonly globalUpdateDelayMs: readonly number[];
  /** The shared server pool of `global-hash` (every PoP's servers). */
  readonly sharedPool: ServerSetTimeline;
  private readonly popTimelines: readonly ServerSetTimeline[];
  private readonly horizonsMs: Float64Array;
  private readonly poolSites: number[];
  /** Per shared-pool server: its id at its own PoP. */
  private readonly poolServerIds: number[];
  /** Per PoP: its churn steps in time order (for blaming incidents). */
  private readonly churnByPop: readonly (readonly NormalizedChurn[])[];

  /** Builds the model; `random` is needed only when `globalHash.updateDelayMs` is a range. */
  constructor(config: PopLayerConfig, random?: RandomStream) {
    const pops = config.pops;
    if (pops.length === 0 || pops.length > MAX_POPS) throw new RangeError(`pops: need 1..${MAX_POPS} PoPs, got ${pops.length}`);
    pops.forEach((pop, p) => {
      if (!Number.isInteger(pop.servers) || pop.servers < 0 || pop.servers > MAX_SERVERS_PER_POP) {
        throw new RangeError(`pops[${p}].servers must be an integer in [0, ${MAX_SERVERS_PER_POP}], got ${pop.servers}`);
      }
      if (!isHashAlgorithmName(pop.algorithm)) throw new RangeError(`pops[${p}].algorithm: unknown algorithm ${String(pop.algorithm)}`);
    });
    if (new Set(pops.map((p) => p.name)).size !== pops.length) throw new RangeError('pops: names must be distinct');
    this.pops = pops;
    this.sites = new SiteHealthTimeline(pops.length, config.siteFailures ?? []);
    this.unicastDns = config.unicastDns ?? DEFAULT_UNICAST_DNS;
    this.unicastDnsFailoverMs = unicastDnsFailoverMs(this.unicastDns);
    this.conntrack = config.conntrack ?? DEFAULT_CONNTRACK;
    const { capacity, idleTimeoutMs } = this.conntrack;
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > MAX_CONNTRACK_CAPACITY) {
      throw new RangeError(`conntrack.capacity must be an integer in [1, ${MAX_CONNTRACK_CAPACITY}], got ${capacity}`);
    }
    if (!(idleTimeoutMs > 0)) throw new RangeError(`conntrack.idleTimeoutMs must be > 0, got ${idleTimeoutMs}`);
    this.horizonsMs = Float64Array.from(pops, (pop) => conntrackHorizonMs(capacity, idleTimeoutMs, pop.expectedConcurrentFlows ?? 0));

    const churn = normalizeChurn(pops, config.churn ?? []);
    this.churnByPop = pops.map((_, p) => churn.filter((c) => c.popIndex === p));
    this.popTimelines = pops.map((pop, p) => {
      const changes: ServerChange[] = churn
        .filter((c) => c.popIndex === p)
        .map((c) => ({ atMs: c.atMs, kind: c.kind, serverIndex: c.serverId, name: serverName(pop, c.serverId) }));
      const initial = Array.from({ length: pop.servers }, (_, s) => serverName(pop, s));
      return new ServerSetTimeline(initial, changes, pop);
    });

    const pool = buildSharedPool(pops, churn, this.sites);
    this.poolSites = pool.sites;
    this.poolServerIds = pool.serverIds;
    const globalHash = config.globalHash ?? {};
    this.sharedPool = new ServerSetTimeline(pool.initialNames, pool.changes, {
      algorithm: globalHash.algorithm ?? 'maglev',
      ...(globalHash.tableSize === undefined ? {} : { tableSize: globalHash.tableSize }),
      ...(globalHash.vnodes === undefined ? {} : { vnodes: globalHash.vnodes }),
    });
    this.globalUpdateDelayMs = resolveDelays(globalHash.updateDelayMs ?? 0, pops.length, random);
  }

  /** Number of PoPs. */
  get popCount(): number {
    return this.pops.length;
  }

  /** A PoP's server set over time. */
  popServers(popIndex: number): ServerSetTimeline {
    const timeline = this.popTimelines[popIndex];
    if (timeline === undefined) throw new RangeError(`no PoP ${popIndex} (there are ${this.pops.length})`);
    return timeline;
  }

  /** The PoP (site) a shared-pool server lives at. */
  poolSiteOf(poolIndex: number): number {
    const site = this.poolSites[poolIndex];
    if (site === undefined) throw new RangeError(`no shared-pool server ${poolIndex}`);
    return site;
  }

  /** How long a PoP's conntrack keeps an idle established flow (ms), capacity pressure included. */
  conntrackHorizonMs(popIndex: number): number {
    const horizon = this.horizonsMs[popIndex];
    if (horizon === undefined) throw new RangeError(`no PoP ${popIndex}`);
    return horizon;
  }

  /** A new session at PoP `popIndex` at tMs: placed (into `placement`) on the PoP's table choice, or why not. */
  openAtPop(flowHash: number, popIndex: number, tMs: number, placement: SessionPlacement): BreakCause | null {
    if (!this.sites.isUp(popIndex, tMs)) return 'site-failure';
    const serverId = this.popServers(popIndex).primary(flowHash, tMs);
    if (serverId === NO_SERVER) return 'server-failure';
    placement.popIndex = popIndex;
    placement.serverId = serverId;
    placement.openedAtMs = tMs;
    placement.flowHash = flowHash;
    return null;
  }

  /**
   * Whether the state holder lost the session's state in (openedAtMs, tMs]: its site failed
   * (`site-failure`), its server failed (`server-failure`) or was removed undrained (its flows
   * land elsewhere: `backend-remap`).
   */
  stateLoss(sitePop: number, servers: ServerSetTimeline, serverId: number, openedAtMs: number, tMs: number): BreakCause | null {
    if (this.sites.failedDuring(sitePop, openedAtMs, tMs)) return 'site-failure';
    const loss = servers.lossDuring(serverId, openedAtMs, tMs);
    if (loss === 'fail') return 'server-failure';
    if (loss === 'remove') return 'backend-remap';
    return null;
  }

  /**
   * The incident behind {@link stateLoss}'s answer for the same arguments: the site outage, or the
   * churn step that failed or removed the server; -1 when none is known. `pooled`: `serverId`
   * indexes the shared pool (global-hash) rather than the PoP's own servers.
   */
  stateLossIncident(sitePop: number, pooled: boolean, serverId: number, openedAtMs: number, tMs: number): number {
    const outage = this.sites.failureDuring(sitePop, openedAtMs, tMs);
    if (outage !== undefined) return outage.incident;
    const id = pooled ? this.poolServerIds[serverId] : serverId;
    for (const step of this.churnByPop[sitePop] ?? []) {
      if (step.serverId === id && (step.kind === 'fail' || step.kind === 'remove') && step.atMs > openedAtMs && step.atMs <= tMs) return step.incident;
    }
    return -1;
  }

  /**
   * The incident of the last churn step at or before tMs at PoP `popIndex` (any PoP when
   * `popIndex` < 0, for the shared pool): the table change blamed for a `backend-remap` of a
   * live server's flow. -1 when there was none.
   */
  tableChangeIncident(popIndex: number, tMs: number): number {
    let incident = -1;
    let latestMs = Number.NEGATIVE_INFINITY;
    const lists = popIndex < 0 ? this.churnByPop : [this.churnByPop[popIndex] ?? []];
    for (const list of lists) {
      for (const step of list) {
        if (step.atMs <= tMs && step.atMs >= latestMs) {
          latestMs = step.atMs;
          incident = step.incident;
        }
      }
    }
    if (popIndex >= 0) return incident;
    // The shared pool also changes when a site goes down or comes back.
    for (let p = 0; p < this.pops.length; p++) {
      for (const outage of this.sites.outagesOf(p)) {
        for (const edgeMs of [outage.downAtMs, outage.upAtMs]) {
          if (edgeMs <= tMs && edgeMs >= latestMs) {
            latestMs = edgeMs;
            incident = outage.incident;
          }
        }
      }
    }
    return incident;
  }

  /** Whether the placement's own PoP still holds its state at tMs (site and server alive, not removed). */
  popStateLoss(placement: Readonly<SessionPlacement>, tMs: number): BreakCause | null {
    const { popIndex, serverId, openedAtMs } = placement;
    return this.stateLoss(popIndex, this.popServers(popIndex), serverId, openedAtMs, tMs);
  }

  /** The incident behind {@link popStateLoss}'s answer. */
  popStateLossIncident(placement: Readonly<SessionPlacement>, tMs: number): number {
    return this.stateLossIncident(placement.popIndex, false, placement.serverId, placement.openedAtMs, tMs);
  }

  /**
   * A later packet that reached `popIndex` when the owner is found by forwarding (daisy-chain,
   * quic-lb): only the owner's state and the receiving site being up matter.
   */
  forwardedDelivery(placement: Readonly<SessionPlacement>, popIndex: number, tMs: number): BreakCause | null {
    const loss = this.popStateLoss(placement, tMs);
    if (loss !== null) return loss;
    return this.sites.isUp(popIndex, tMs) ? null : 'site-failure';
  }

  /** The incident behind {@link forwardedDelivery}'s answer `cause`. */
  forwardedIncidentOf(cause: BreakCause, placement: Readonly<SessionPlacement>, popIndex: number, tMs: number): number {
    if (this.popStateLoss(placement, tMs) !== null) return this.popStateLossIncident(placement, tMs);
    return cause === 'site-failure' ? (this.sites.outageAt(popIndex, tMs)?.incident ?? -1) : -1;
  }

  /** The incident behind a break `cause` found for a placement at its own PoP (edge, unicast). */
  popIncidentOf(cause: BreakCause, placement: Readonly<SessionPlacement>, tMs: number): number {
    if (this.popStateLoss(placement, tMs) !== null) return this.popStateLossIncident(placement, tMs);
    return cause === 'backend-remap' ? this.tableChangeIncident(placement.popIndex, tMs) : -1;
  }

  /**
   * A packet that reached the placement's own PoP at tMs: does that PoP's load balancer send it
   * to the state holder? The holder's state is checked first (its site and server alive, the
   * server not removed: {@link stateLoss}); then yes if the table still maps the flow to it, or
   * conntrack still holds the flow (idle gap below the conntrack horizon), or GLB second chance
   * names the holder as the row's secondary. Otherwise `backend-remap`.
   */
  inPopDelivery(placement: Readonly<SessionPlacement>, tMs: number, idleMs: number): BreakCause | null {
    const { popIndex, serverId, flowHash, openedAtMs } = placement;
    const servers = this.popServers(popIndex);
    const loss = this.stateLoss(popIndex, servers, serverId, openedAtMs, tMs);
    if (loss !== null) return loss;
    if (servers.primary(flowHash, tMs) === serverId) return null;
    if (idleMs < this.conntrackHorizonMs(popIndex)) return null;
    if (servers.secondary(flowHash, tMs) === serverId) return null;
    return 'backend-remap';
  }

  /** A pool server's status at tMs (site outages count as failures). */
  poolStatusAt(poolIndex: number, tMs: number): ServerStatus {
    return this.sharedPool.statusAt(poolIndex, tMs);
  }
}

function normalizeChurn(pops: readonly PopConfig[], churn: readonly ChurnEvent[]): NormalizedChurn[] {
  const nextId = pops.map((pop) => pop.servers);
  return churn
    .map((event, order) => ({ event, order }))
    .sort((a, b) => a.event.atMs - b.event.atMs || a.order - b.order)
    .map(({ event, order }) => {
      const pop = pops[event.popIndex];
      if (pop === undefined) throw new RangeError(`churn[${order}].popIndex ${event.popIndex}: there are ${pops.length} PoPs`);
      if (!Number.isFinite(event.atMs)) throw new RangeError(`churn[${order}].atMs must be finite, got ${event.atMs}`);
      let serverId = event.serverId;
      if (event.kind === 'add') {
        const expected = nextId[event.popIndex]!;
        serverId ??= expected;
        if (serverId !== expected) throw new RangeError(`churn[${order}]: an added server at PoP ${pop.name} must take id ${expected}, got ${serverId}`);
        nextId[event.popIndex] = expected + 1;
      } else if (serverId === undefined) {
        throw new RangeError(`churn[${order}]: ${event.kind} needs a serverId`);
      }
      return { atMs: event.atMs, popIndex: event.popIndex, kind: event.kind, serverId, incident: event.incident ?? -1 };
    });
}

interface SharedPool {
  readonly initialNames: string[];
  readonly changes: ServerChange[];
  readonly sites: number[];
  /** Per pool server: its id at its own PoP. */
  readonly serverIds: number[];
}

/**
 * The shared pool: every PoP's servers, with churn and site outages merged into one change list
 * (a server of a down site counts as failed, and comes back empty when the site recovers).
 */
function buildSharedPool(pops: readonly PopConfig[], churn: readonly NormalizedChurn[], sites: SiteHealthTimeline): SharedPool {
  const initialNames: string[] = [];
  const poolSites: number[] = [];
  const poolServerIds: number[] = [];
  const poolIndex = pops.map(() => new Map<number, number>());
  pops.forEach((pop, p) => {
    for (let s = 0; s < pop.servers; s++) {
      poolIndex[p]!.set(s, initialNames.length);
      initialNames.push(serverName(pop, s));
      poolSites.push(p);
      poolServerIds.push(s);
    }
  });
  type Step = { atMs: number; order: number; apply: () => void };
  const steps: Step[] = [];
  const churnStatus: ServerStatus[] = initialNames.map(() => 'active');
  const siteDown = pops.map(() => false);
  const effective: ServerStatus[] = initialNames.map(() => 'active');
  const changes: ServerChange[] = [];
  let added = initialNames.length;

  const settle = (g: number, atMs: number): void => {
    const alive = churnStatus[g] === 'active' || churnStatus[g] === 'draining';
    const want: ServerStatus = siteDown[poolSites[g]!] && alive ? 'failed' : churnStatus[g]!;
    const have = effective[g]!;
    if (want === have || (have === 'failed' && want === 'removed')) return;
    if (have === 'absent') changes.push({ atMs, kind: 'add', serverIndex: g, name: initialNames[g]! });
    else if (have === 'failed') changes.push({ atMs, kind: 'restore', serverIndex: g });
    if (want === 'draining') changes.push({ atMs, kind: 'drain', serverIndex: g });
    else if (want === 'failed') changes.push({ atMs, kind: 'fail', serverIndex: g });
    else if (want === 'removed') changes.push({ atMs, kind: 'remove', serverIndex: g });
    effective[g] = want;
  };

  churn.forEach((c, order) => {
    steps.push({
      atMs: c.atMs,
      order: 2 * order + 1,
      apply: () => {
        let g = poolIndex[c.popIndex]!.get(c.serverId);
        if (c.kind === 'add') {
          g = added++;
          poolIndex[c.popIndex]!.set(c.serverId, g);
          initialNames.push(serverName(pops[c.popIndex]!, c.serverId));
          poolSites.push(c.popIndex);
          poolServerIds.push(c.serverId);
          churnStatus.push('absent');
          effective.push('absent');
        }
        if (g === undefined) throw new RangeError(`churn: PoP ${pops[c.popIndex]!.name} has no server ${c.serverId}`);
        churnStatus[g] = c.kind === 'add' ? 'active' : c.kind === 'drain' ? 'draining' : c.kind === 'fail' ? 'failed' : 'removed';
        settle(g, c.atMs);
      },
    });
  });
  pops.forEach((_, p) => {
    for (const outage of sites.outagesOf(p)) {
      const flip = (down: boolean, atMs: number) => (): void => {
        siteDown[p] = down;
        for (let g = 0; g < poolSites.length; g++) if (poolSites[g] === p) settle(g, atMs);
      };
      steps.push({ atMs: outage.downAtMs, order: 0, apply: flip(true, outage.downAtMs) });
      if (Number.isFinite(outage.upAtMs)) steps.push({ atMs: outage.upAtMs, order: 0, apply: flip(false, outage.upAtMs) });
    }
  });
  steps.sort((a, b) => a.atMs - b.atMs || a.order - b.order);
  const initialCount = pops.reduce((sum, pop) => sum + pop.servers, 0);
  for (const step of steps) step.apply();
  // Added servers enter the pool through their `add` change, not as initial members.
  return { initialNames: initialNames.slice(0, initialCount), changes, sites: poolSites, serverIds: poolServerIds };
}

function resolveDelays(spec: UpdateDelaySpec, popCount: number, random: RandomStream | undefined): number[] {
  const check = (value: number, what: string): number => {
    if (!(value >= 0) || !Number.isFinite(value)) throw new RangeError(`globalHash.updateDelayMs${what} must be finite and >= 0, got ${value}`);
    return value;
  };
  if (typeof spec === 'number') return Array.from({ length: popCount }, () => check(spec, ''));
  if (Array.isArray(spec)) {
    const list = spec as readonly number[];
    if (list.length !== popCount) throw new RangeError(`globalHash.updateDelayMs lists ${list.length} delays for ${popCount} PoPs`);
    return list.map((value, p) => check(value, `[${p}]`));
  }
  const range = spec as { readonly minMs: number; readonly maxMs: number };
  check(range.minMs, '.minMs');
  check(range.maxMs, '.maxMs');
  if (range.maxMs < range.minMs) throw new RangeError(`globalHash.updateDelayMs: maxMs ${range.maxMs} < minMs ${range.minMs}`);
  if (random === undefined) throw new RangeError('globalHash.updateDelayMs is a range: pass a seeded random stream to draw per-PoP delays');
  return Array.from({ length: popCount }, () => random.uniform(range.minMs, range.maxMs));
}
