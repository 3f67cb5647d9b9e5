/**
 * Connection tracking in a load balancer: a fixed-capacity table from flow to server with LRU
 * eviction and an idle timeout (Katran keeps a per-CPU fixed-size LRU of flows; Maglev NSDI 2016
 * §3.3 keeps a connection tracking table so established flows stay on their server when the
 * backend set changes). Every operation is O(1): a Map keeps insertion order, so deleting and
 * re-inserting an entry on use makes its first key the least recently used.
 */

/** Largest conntrack capacity accepted. */
export const MAX_CONNTRACK_CAPACITY = 50_000_000;

interface ConntrackEntry {
  serverId: number;
  lastSeenMs: number;
}

/** A load balancer's conntrack table. Keys are flow hashes (or any integer flow id). */
export class Conntrack {
  private readonly entries = new Map<number, ConntrackEntry>();
  private evictedCount = 0;
  private expiredCount = 0;

  /**
   * @param capacity most entries held; inserting into a full table evicts the least recently used
   * @param idleTimeoutMs an entry not used for this long is gone
   */
  constructor(
    readonly capacity: number,
    readonly idleTimeoutMs: number,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > MAX_CONNTRACK_CAPACITY) {
      throw new RangeError(`conntrack capacity must be an integer in [1, ${MAX_CONNTRACK_CAPACITY}], got ${capacity}`);
    }
    if (!(idleTimeoutMs > 0)) throw new RangeError(`conntrack idleTimeoutMs must be > 0, got ${idleTimeoutMs}`);
  }

  /** Entries held (some may be idle past the timeout until touched or evicted). */
  get size(): number {
    return this.entries.size;
  }

  /** Entries pushed out by capacity (LRU). */
  get evictions(): number {
    return this.evictedCount;
  }

  /** Entries found idle past the timeout. */
  get expirations(): number {
    return this.expiredCount;
  }

  /**
   * The server holding `flow` at `nowMs`, refreshing its recency; undefined if it has no live
   * entry (never seen, evicted, or idle for `idleTimeoutMs` or more).
   */
  lookup(flow: number, nowMs: number): number | undefined {
    const entry = this.entries.get(flow);
    if (entry === undefined) return undefined;
    this.entries.delete(flow);
    if (nowMs - entry.lastSeenMs >= this.idleTimeoutMs) {
      this.expiredCount++;
      return undefined;
    }
    entry.lastSeenMs = nowMs;
    this.entries.set(flow, entry);
    return entry.serverId;
  }

  /** Records `flow` -> `serverId` at `nowMs` as most recently used, evicting the LRU entry if full. */
  insert(flow: number, serverId: number, nowMs: number): void {
    const existing = this.entries.get(flow);
    if (existing !== undefined) {
      this.entries.delete(flow);
    } else if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) {
        this.entries.delete(oldest);
        this.evictedCount++;
      }
    }
    this.entries.set(flow, { serverId, lastSeenMs: nowMs });
    if (this.entries.size > this.capacity) throw new Error('invariant: conntrack grew past its capacity');
  }

  /** The server for `flow`: its live entry if any, else `pick()` (the current table), recorded. */
  route(flow: number, nowMs: number, pick: () => number): number {
    const held = this.lookup(flow, nowMs);
    const serverId = held ?? pick();
    this.insert(flow, serverId, nowMs);
    return serverId;
  }

  /** Drops every entry of `serverId` (its flows are lost when it fails). O(size): churn is rare. */
  forgetServer(serverId: number): void {
    for (const [flow, entry] of this.entries) if (entry.serverId === serverId) this.entries.delete(flow);
  }
}

/**
 * How long an established flow's entry survives idleness, for per-session judgement without a
 * table per PoP: the idle timeout, shortened under capacity pressure. With K flows expected to be
 * live at once in a table of capacity C < K, LRU keeps the C most recently used; assuming last-use
 * times spread evenly over the idle-timeout window, an entry survives an idle gap shorter than
 * idleTimeoutMs * C / K (a uniform-recency form of Che's approximation for LRU caches).
 */
export function conntrackHorizonMs(capacity: number, idleTimeoutMs: number, expectedConcurrentFlows: number): number {
  if (!(expectedConcurrentFlows >= 0)) {
    throw new RangeError(`expectedConcurrentFlows must be >= 0, got ${expectedConcurrentFlows}`);
  }
  if (expectedConcurrentFlows <= capacity) return idleTimeoutMs;
  return (idleTimeoutMs * capacity) / expectedConcurrentFlows;
}
