/**
 * Per-client anycast flips. Wei & Heidemann ("Does Anycast Hang up on You?", TMA 2017) found
 * about 1 % of vantage points "anycast unstable", mostly alternating between two sites; Zhang et
 * al. ("Characterizing Anycast Flipping", 2025) 0.8 % (2016) to 3.2 % (2024), and trace flips to
 * load balancing in transit networks. Each unstable client AS flips at Poisson times drawn before
 * routing runs (so the draws never depend on routes); each flip instant is then judged against the
 * live BGP state: it moves the client to the runner-up site of the nearest AS on its path that
 * has one (routing/flip-alternative.ts), or, when the client is flipped already, back to its
 * routed site. A flip lasts until the client's next flip instant, its next route change, or the
 * moment the alternative stops delivering (simulate/client-flip-pass.ts).
 *
 * With rate λ, a continuously sending session of duration d of a client that has an alternative
 * meets a flip instant with probability 1 - e^(-λd), the closed form the property suites check.
 */
import type { RandomStream } from '../sim/index.js';
import { appendChange, CatchmentTimeline } from './catchment-timeline.js';

/** The flip process as the draws need it. */
export interface ClientFlips {
  readonly ratePerS: number;
  /** Share of client ASes that flip at all, in [0, 1]. */
  readonly unstableFraction: number;
}

/** Most flips per AS: a rate that would exceed it over the horizon is refused. */
export const FLIPS_PER_AS_MAX = 1_000_000;

/** The flip instants of the unstable clients. */
export interface FlipInstants {
  /** Unstable client ASes, in the order drawn. */
  readonly clients: Int32Array;
  /** Sorted flip instants (ms) of each client in `clients`. */
  readonly timesMs: readonly Float64Array[];
}

/**
 * Draws which of `clients` (in this order, so the draws are the same for the same list) are
 * unstable and their Poisson flip instants over [0, horizonMs). One stream, nothing else.
 */
export function drawFlipInstants(clients: Int32Array, flips: ClientFlips, horizonMs: number, random: RandomStream): FlipInstants {
  const unstable: number[] = [];
  const timesMs: Float64Array[] = [];
  if (flips.ratePerS <= 0) return { clients: new Int32Array(0), timesMs };
  const expectedPerAs = (flips.ratePerS * horizonMs) / 1000;
  if (expectedPerAs > FLIPS_PER_AS_MAX) {
    throw new RangeError(`client-flips: ${expectedPerAs.toFixed(0)} flips per client over the run exceeds ${FLIPS_PER_AS_MAX}`);
  }
  const ratePerMs = flips.ratePerS / 1000;
  for (const asIndex of clients) {
    if (random.next() >= flips.unstableFraction) continue;
    const times: number[] = [];
    for (let t = random.exponential(ratePerMs); t < horizonMs; t += random.exponential(ratePerMs)) times.push(t);
    if (times.length === 0) continue;
    unstable.push(asIndex);
    timesMs.push(Float64Array.from(times));
  }
  return { clients: Int32Array.from(unstable), timesMs };
}

/**
 * The flips of a run, columnar, sorted by client AS and then start: from `startMs[i]` to
 * `endMs[i]` (Infinity: to the end of the route history) client `asIndex[i]` has a second path,
 * to `site[i]`, because of incident `incident[i]`; the load balancer sends it to routing-network
 * node `viaNode[i]` (an AS index, or the AS count plus a site index), whose own forwarding
 * delivers it to the site: the transit network a report can name for the flip.
 */
export class ClientFlipLog {
  constructor(
    readonly asIndex: Int32Array,
    readonly startMs: Float64Array,
    readonly endMs: Float64Array,
    readonly site: Int32Array,
    readonly incident: Int32Array,
    readonly viaNode: Int32Array,
    /** Every flip's start in ascending order: incident `firstIncident + k` (ClientFlipLogBuilder.build) starts at `incidentStartsMs[k]`. */
    readonly incidentStartsMs: Float64Array,
  ) {}

  /** Number of flips. */
  get count(): number {
    return this.asIndex.length;
  }
}

/**
 * Collects flips as they start and end (each client's in time order) and sorts them by client.
 * Columns of typed arrays, no object per flip: the Internet preset has millions (issue 12).
 */
export class ClientFlipLogBuilder {
  private count = 0;
  private asIndex = new Int32Array(1024);
  private startMs = new Float64Array(1024);
  private endMs = new Float64Array(1024);
  private site = new Int32Array(1024);
  private viaNode = new Int32Array(1024);

  /** Records a flip of `asIndex` to `site` via node `viaNode` from `atMs`; returns its id for {@link end}. */
  start(asIndex: number, atMs: number, site: number, viaNode: number): number {
    if (this.count === this.asIndex.length) this.grow();
    const id = this.count++;
    this.asIndex[id] = asIndex;
    this.startMs[id] = atMs;
    this.endMs[id] = Number.POSITIVE_INFINITY;
    this.site[id] = site;
    this.viaNode[id] = viaNode;
    return id;
  }

  /** Ends flip `id` at `atMs`. */
  end(id: number, atMs: number): void {
    if (atMs < this.startMs[id]!) throw new Error(`invariant: flip ${id} ends at ${atMs} ms before it starts`);
    this.endMs[id] = atMs;
  }

  /**
   * The log, sorted by client and start. Each flip is one incident: flips in order of start (ties
   * by client) are incidents `firstIncident`, `firstIncident + 1`, ...
   *
   * No comparison sort over all flips (the Internet preset has millions): a counting sort by
   * client (stable, and each client's flips were started in time order), then a merge of the
   * clients' runs numbers the incidents (ties, all but never met, by client, then as started).
   */
  build(firstIncident: number): ClientFlipLog {
    const n = this.count;
    const { asIndex, startMs } = this;
    let asEnd = 0;
    for (let id = 0; id < n; id++) asEnd = Math.max(asEnd, asIndex[id]! + 1);
    const firstOf = new Uint32Array(asEnd + 1);
    for (let id = 0; id < n; id++) firstOf[asIndex[id]! + 1]!++;
    for (let a = 0; a < asEnd; a++) firstOf[a + 1]! += firstOf[a]!;
    const order = new Uint32Array(n);
    for (let id = 0; id < n; id++) order[firstOf[asIndex[id]!]!++] = id;
    const int32Column = (values: Int32Array): Int32Array => {
      const out = new Int32Array(n);
      for (let to = 0; to < n; to++) out[to] = values[order[to]!]!;
      return out;
    };
    const float64Column = (values: Float64Array): Float64Array => {
      const out = new Float64Array(n);
      for (let to = 0; to < n; to++) out[to] = values[order[to]!]!;
      return out;
    };
    const clientOf = int32Column(asIndex);
    const starts = float64Column(startMs);
    for (let to = 1; to < n; to++) {
      if (clientOf[to] === clientOf[to - 1] && starts[to]! < starts[to - 1]!) {
        throw new Error(`invariant: flips of AS index ${clientOf[to]} started out of time order`);
      }
    }
    // Incidents in start order: a k-way merge of the clients' runs (each sorted), through a heap of
    // clients keyed by (start of their next flip, client): cache-friendly, log(clients) per flip.
    const runStart: number[] = [];
    for (let to = 0; to < n; to++) if (to === 0 || clientOf[to] !== clientOf[to - 1]) runStart.push(to);
    const clients = runStart.length;
    runStart.push(n);
    const next = Uint32Array.from(runStart.slice(0, clients));
    const heap = new Int32Array(clients);
    let size = 0;
    const before = (x: number, y: number): boolean => {
      const dx = starts[next[x]!]!;
      const dy = starts[next[y]!]!;
      return dx < dy || (dx === dy && x < y);
    };
    const siftDown = (from: number): void => {
      let i = from;
      const g = heap[i]!;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= size) break;
        if (child + 1 < size && before(heap[child + 1]!, heap[child]!)) child++;
        if (!before(heap[child]!, g)) break;
        heap[i] = heap[child]!;
        i = child;
      }
      heap[i] = g;
    };
    for (let g = 0; g < clients; g++) heap[size++] = g;
    for (let i = (size >>> 1) - 1; i >= 0; i--) siftDown(i);
    const incidentStartsMs = new Float64Array(n);
    const incident = new Int32Array(n);
    for (let rank = 0; rank < n; rank++) {
      const g = heap[0]!;
      const to = next[g]!++;
      incident[to] = firstIncident + rank;
      incidentStartsMs[rank] = starts[to]!;
      if (next[g] === runStart[g + 1]) heap[0] = heap[--size]!;
      if (size > 0) siftDown(0);
    }
    return new ClientFlipLog(clientOf, starts, float64Column(this.endMs), int32Column(this.site), incident, int32Column(this.viaNode), incidentStartsMs);
  }

  private grow(): void {
    const capacity = this.asIndex.length * 2;
    const grown = <T extends Int32Array | Float64Array>(values: T, make: (n: number) => T): T => {
      const out = make(capacity);
      out.set(values);
      return out;
    };
    this.asIndex = grown(this.asIndex, (k) => new Int32Array(k));
    this.startMs = grown(this.startMs, (k) => new Float64Array(k));
    this.endMs = grown(this.endMs, (k) => new Float64Array(k));
    this.site = grown(this.site, (k) => new Int32Array(k));
    this.viaNode = grown(this.viaNode, (k) => new Int32Array(k));
  }
}

/**
 * Per-packet flips: returns `timeline` with every flip laid over its client's route history. While
 * a flip lasts the client lands on the flip's site; when it ends, back on its routed landing (the
 * entry names the flip's incident, unless a route change of its own ends it at that instant).
 *
 * Written straight into the new timeline's columns, AS by AS (the log is sorted by client): one
 * scratch row is reused for each flipping AS, so millions of flips leave no per-AS arrays behind.
 */
export function overlayClientFlips(timeline: CatchmentTimeline, log: ClientFlipLog): CatchmentTimeline {
  if (log.count === 0) return timeline;
  const asCount = timeline.asCount;
  // A flip adds at most two entries (its start and its end).
  const capacity = timeline.timesMs.length + 2 * log.count;
  const offsets = new Uint32Array(asCount + 1);
  const times = new Float64Array(capacity);
  const landings = new Int32Array(capacity);
  const incidents = new Int32Array(capacity);
  const row: MergedRow = { times: [], landings: [], incidents: [] };
  let f = 0;
  let length = 0;
  for (let a = 0; a < asCount; a++) {
    if (f < log.count && log.asIndex[f] === a) {
      let to = f;
      while (to < log.count && log.asIndex[to] === a) to++;
      mergeFlips(timeline, a, log, f, to, row);
      times.set(row.times, length);
      landings.set(row.landings, length);
      incidents.set(row.incidents, length);
      length += row.times.length;
      f = to;
    } else {
      const first = timeline.firstEntry(a);
      const end = timeline.endEntry(a);
      times.set(timeline.timesMs.subarray(first, end), length);
      landings.set(timeline.landings.subarray(first, end), length);
      incidents.set(timeline.incidents.subarray(first, end), length);
      length += end - first;
    }
    offsets[a + 1] = length;
  }
  if (f < log.count) throw new RangeError(`client flip of AS index ${log.asIndex[f]} outside the timeline's ${asCount} ASes`);
  return new CatchmentTimeline(offsets, times.slice(0, length), landings.slice(0, length), incidents.slice(0, length));
}

/** One AS's merged route history, as appendChange builds it. */
interface MergedRow {
  readonly times: number[];
  readonly landings: number[];
  readonly incidents: number[];
}

/** Merges one AS's route history with its flips log[from, to) (sorted, not overlapping) into `row` (emptied first). */
function mergeFlips(timeline: CatchmentTimeline, asIndex: number, log: ClientFlipLog, from: number, to: number, row: MergedRow): void {
  const { times, landings, incidents } = row;
  times.length = 0;
  landings.length = 0;
  incidents.length = 0;
  const push = (atMs: number, landing: number, incident: number): void => {
    appendChange(times, landings, incidents, atMs, landing, incident);
  };
  let e = timeline.firstEntry(asIndex);
  const end = timeline.endEntry(asIndex);
  let routed = timeline.landings[e]!;
  push(0, routed, timeline.incidents[e++]!);
  let f = from;
  let flipped = false;
  for (;;) {
    const routeMs = e < end ? timeline.timesMs[e]! : Number.POSITIVE_INFINITY;
    const flipMs = f < to ? (flipped ? log.endMs[f]! : log.startMs[f]!) : Number.POSITIVE_INFINITY;
    if (routeMs === Number.POSITIVE_INFINITY && flipMs === Number.POSITIVE_INFINITY) break;
    if (routeMs <= flipMs) {
      routed = timeline.landings[e]!;
      // A route change of its own ends a flip at that instant (client-flip-pass.ts); the entry
      // is the route change's.
      if (routeMs === flipMs && flipped) {
        flipped = false;
        f++;
      }
      if (!flipped) push(routeMs, routed, timeline.incidents[e]!);
      e++;
    } else if (flipped) {
      flipped = false;
      push(flipMs, routed, log.incident[f++]!);
    } else {
      flipped = true;
      push(flipMs, log.site[f]!, log.incident[f]!);
    }
  }
}
