/**
 * Server churn inside a PoP (or a shared server pool) as a timeline of epochs. Churn is known in
 * advance for the whole run, so the session layer can ask "which server does this flow reach at
 * time t?" for any t, in any order: the time-ordered changes split the run into epochs, and each
 * epoch's backend table is built on first use and cached (a bounded LRU of tables).
 *
 * Kinds of change (Maglev NSDI 2016 §3.3, Katran, GLB Director):
 * - `add`: a new server joins the table.
 * - `drain`: the server leaves the table for new flows but keeps serving its established flows
 *   (reached through conntrack, or GLB second chance).
 * - `remove`: the server leaves the table and is taken away without draining: its flows lose
 *   their state and land on other servers (a backend remap).
 * - `fail`: the server dies: its flows are lost (a server failure); it leaves the table at once.
 * - `restore`: a failed server comes back empty (used for site recovery of a shared pool).
 */
import type { BackendHash } from './backend-hash.js';
import { GlbTable } from './glb-table.js';
import { buildBackendHash, type BackendHashOptions, type HashAlgorithmName } from './hash-algorithm.js';

/** What happens to a server. */
export type ServerChangeKind = 'add' | 'drain' | 'remove' | 'fail' | 'restore';

/** One change of a server set at `atMs`; `serverIndex` numbers servers in the order they appear. */
export interface ServerChange {
  readonly atMs: number;
  readonly kind: ServerChangeKind;
  readonly serverIndex: number;
  /** For `add`: the new server's name (hashed by the table). */
  readonly name?: string;
}

/** A server's state in one epoch. */
export type ServerStatus = 'absent' | 'active' | 'draining' | 'removed' | 'failed';

/** How the set's tables are built. */
export interface ServerTableSpec extends BackendHashOptions {
  readonly algorithm: HashAlgorithmName;
  /** GLB-style table with a secondary per row (requires `rendezvous`). */
  readonly secondChance?: boolean;
}

/** Most changes one timeline accepts. */
export const MAX_SERVER_CHANGES = 100_000;
/** Tables kept built at once per timeline. */
export const TABLE_CACHE_LIMIT = 32;
/** Returned when no server qualifies. */
export const NO_SERVER = -1;

interface EpochTable {
  readonly hash: BackendHash;
  readonly glb: GlbTable | undefined;
  /** Table index -> server index. */
  readonly serverOf: Uint32Array;
}

const ALLOWED_FROM: Record<ServerChangeKind, readonly ServerStatus[]> = {
  add: ['absent'],
  drain: ['active'],
  remove: ['active', 'draining'],
  fail: ['active', 'draining'],
  restore: ['failed'],
};

const STATUS_AFTER: Record<ServerChangeKind, ServerStatus> = {
  add: 'active',
  drain: 'draining',
  remove: 'removed',
  fail: 'failed',
  restore: 'active',
};

/** A server set's states and tables over time. */
export class ServerSetTimeline {
  private readonly changes: readonly ServerChange[];
  private readonly changeTimesMs: Float64Array;
  private readonly names: string[];
  private readonly initialCount: number;
  /** Per server: the times its state was lost (fail or remove), ascending. */
  private readonly lossTimesMs: number[][];
  private readonly lossKinds: ('fail' | 'remove')[][];
  /** Per server: its status after each of its own changes, with the change times (ascending). */
  private readonly historyTimesMs: number[][];
  private readonly historyStatuses: ServerStatus[][];
  private readonly tables = new Map<number, EpochTable>();

  /**
   * @param initialNames servers active from the start (indexes 0..n-1)
   * @param changes changes in any order; equal times apply in the given order
   */
  constructor(
    initialNames: readonly string[],
    changes: readonly ServerChange[],
    private readonly spec: ServerTableSpec,
  ) {
    if (changes.length > MAX_SERVER_CHANGES) {
      throw new RangeError(`${changes.length} server changes exceed the limit of ${MAX_SERVER_CHANGES}`);
    }
    if (spec.secondChance === true && spec.algorithm !== 'rendezvous') {
      throw new RangeError(`second chance uses GLB's rendezvous table: algorithm must be rendezvous, got ${spec.algorithm}`);
    }
    this.changes = changes
      .map((change, order) => ({ change, order }))
      .sort((a, b) => a.change.atMs - b.change.atMs || a.order - b.order)
      .map(({ change }) => change);
    this.changeTimesMs = Float64Array.from(this.changes, (c) => c.atMs);
    this.names = [...initialNames];
    this.initialCount = initialNames.length;
    const status: ServerStatus[] = initialNames.map(() => 'active');
    this.lossTimesMs = initialNames.map(() => []);
    this.lossKinds = initialNames.map(() => []);
    this.historyTimesMs = initialNames.map(() => []);
    this.historyStatuses = initialNames.map(() => []);
    for (const change of this.changes) {
      if (!Number.isFinite(change.atMs)) throw new RangeError(`server change time must be finite, got ${change.atMs}`);
      const i = change.serverIndex;
      if (change.kind === 'add') {
        if (i !== this.names.length) {
          throw new RangeError(`add at ${change.atMs} ms: the new server's index must be ${this.names.length}, got ${i}`);
        }
        this.names.push(change.name ?? `server-${i}`);
        status.push('absent');
        this.lossTimesMs.push([]);
        this.lossKinds.push([]);
        this.historyTimesMs.push([]);
        this.historyStatuses.push([]);
      }
      const from = status[i];
      if (from === undefined || !ALLOWED_FROM[change.kind].includes(from)) {
        throw new RangeError(`${change.kind} at ${change.atMs} ms: server ${i} is ${from ?? 'unknown'}`);
      }
      status[i] = STATUS_AFTER[change.kind];
      this.historyTimesMs[i]!.push(change.atMs);
      this.historyStatuses[i]!.push(status[i]!);
      if (change.kind === 'fail' || change.kind === 'remove') {
        this.lossTimesMs[i]!.push(change.atMs);
        this.lossKinds[i]!.push(change.kind);
      }
    }
    if (new Set(this.names).size !== this.names.length) throw new RangeError('server names must be distinct');
  }

  /** Servers ever known (initial and added). */
  get serverCount(): number {
    return this.names.length;
  }

  /** The name a server is hashed by. */
  serverName(serverIndex: number): string {
    const name = this.names[serverIndex];
    if (name === undefined) throw new RangeError(`no server ${serverIndex}`);
    return name;
  }

  /** The epoch in force at tMs: the number of changes at or before tMs. */
  epochAt(tMs: number): number {
    const times = this.changeTimesMs;
    let lo = 0;
    let hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (times[mid]! <= tMs) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Every server's status in an epoch. */
  statusesInEpoch(epoch: number): ServerStatus[] {
    const status: ServerStatus[] = this.names.map((_, i) => (i < this.initialCount ? 'active' : 'absent'));
    for (let k = 0; k < epoch; k++) {
      const change = this.changes[k]!;
      status[change.serverIndex] = STATUS_AFTER[change.kind];
    }
    return status;
  }

  /** A server's status at tMs, from its own change history (O(its changes)). */
  statusAt(serverIndex: number, tMs: number): ServerStatus {
    const times = this.historyTimesMs[serverIndex];
    if (times === undefined) throw new RangeError(`no server ${serverIndex}`);
    let status: ServerStatus = serverIndex < this.initialCount ? 'active' : 'absent';
    for (let k = 0; k < times.length && times[k]! <= tMs; k++) status = this.historyStatuses[serverIndex]![k]!;
    return status;
  }

  /** Where a new flow goes at tMs (the table's choice), or {@link NO_SERVER} if no server is active. */
  primary(flowHash: number, tMs: number): number {
    const table = this.tableAt(tMs);
    return table === undefined ? NO_SERVER : table.serverOf[table.hash.lookup(flowHash)]!;
  }

  /** The GLB second-chance server at tMs, or {@link NO_SERVER} (no second chance configured or none). */
  secondary(flowHash: number, tMs: number): number {
    const table = this.tableAt(tMs);
    if (table?.glb === undefined) return NO_SERVER;
    const second = table.glb.secondary(flowHash);
    return second < 0 ? NO_SERVER : table.serverOf[second]!;
  }

  /**
   * The first loss of a server's state in (fromMs, toMs]: `fail` or `remove`, or undefined if
   * its state survived the interval.
   */
  lossDuring(serverIndex: number, fromMs: number, toMs: number): 'fail' | 'remove' | undefined {
    const times = this.lossTimesMs[serverIndex];
    if (times === undefined) throw new RangeError(`no server ${serverIndex}`);
    for (let k = 0; k < times.length; k++) {
      const atMs = times[k]!;
      if (atMs > fromMs && atMs <= toMs) return this.lossKinds[serverIndex]![k];
    }
    return undefined;
  }

  private tableAt(tMs: number): EpochTable | undefined {
    const epoch = this.epochAt(tMs);
    // Hot path: almost every query hits the epoch of the previous one; skip the LRU bookkeeping.
    if (epoch === this.lastEpoch) return this.lastTable;
    const table = this.cachedTable(epoch);
    this.lastEpoch = epoch;
    this.lastTable = table;
    return table;
  }

  private lastEpoch = -1;
  private lastTable: EpochTable | undefined;

  private cachedTable(epoch: number): EpochTable | undefined {
    const cached = this.tables.get(epoch);
    if (cached !== undefined) {
      this.tables.delete(epoch);
      this.tables.set(epoch, cached);
      return cached;
    }
    const built = this.buildTable(epoch);
    if (built === undefined) return undefined;
    if (this.tables.size >= TABLE_CACHE_LIMIT) {
      const oldest = this.tables.keys().next().value;
      if (oldest !== undefined) this.tables.delete(oldest);
    }
    this.tables.set(epoch, built);
    return built;
  }

  private buildTable(epoch: number): EpochTable | undefined {
    const status = this.statusesInEpoch(epoch);
    const members: number[] = [];
    for (let i = 0; i < status.length; i++) {
      const s = status[i];
      if (s === 'active' || (this.spec.secondChance === true && s === 'draining')) members.push(i);
    }
    if (!members.some((i) => status[i] === 'active')) return undefined;
    const names = members.map((i) => this.names[i]!);
    const serverOf = Uint32Array.from(members);
    if (this.spec.secondChance === true) {
      const glb = new GlbTable(names, members.map((i) => status[i] === 'draining'));
      return { hash: glb, glb, serverOf };
    }
    return { hash: buildBackendHash(this.spec.algorithm, names, this.spec), glb: undefined, serverOf };
  }
}
