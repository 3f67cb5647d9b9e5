/**
 * Where each client AS's packets land over the whole run: a piecewise-constant timeline per AS of
 * the serving PoP (site index >= 0) or a drop (black hole, loop). Routing does not depend on the
 * sessions that ride it, so the route history of a run is recorded first (from the routing
 * layer's forwarding-change stream, pushed as the clock fires) and every session is then judged
 * against it; a session sees the network only through its packets, so what matters is where the
 * timeline stands at each packet's send time.
 */

/** Hard cap on recorded changes: a flapping model that never settles fails with a clear message. */
export const TIMELINE_CHANGES_MAX = 200_000_000;

/**
 * Landings are the routing layer's forwarding outcomes: a PoP (site) index >= 0, or its drop codes
 * BLACKHOLE (-1) and LOOP (-2).
 */

/** A read-only, compacted timeline for many ASes (CSR over typed arrays). */
export class CatchmentTimeline {
  constructor(
    /** For AS index a, its entries are [offsets[a], offsets[a + 1]). */
    private readonly offsets: Uint32Array,
    /** Entry start times in ms, non-decreasing within an AS; the first entry of an AS is at 0. */
    readonly timesMs: Float64Array,
    /** Entry outcomes: PoP index or a drop code. */
    readonly landings: Int32Array,
    /**
     * The incident whose routing wave (or client flip) made each entry: an index into the run's
     * incident list, or -1 (NO_INCIDENT) for the initial state and unexplained changes. A break
     * that a landing change causes is blamed on this incident.
     */
    readonly incidents: Int32Array = new Int32Array(landings.length).fill(-1),
  ) {}

  /** Number of ASes covered. */
  get asCount(): number {
    return this.offsets.length - 1;
  }

  /** Total recorded entries (initial states included). */
  get entryCount(): number {
    return this.timesMs.length;
  }

  /** First entry index of AS `asIndex`. */
  firstEntry(asIndex: number): number {
    return this.offsets[asIndex]!;
  }

  /** One past the last entry index of AS `asIndex`. */
  endEntry(asIndex: number): number {
    return this.offsets[asIndex + 1]!;
  }

  /** The entry in force for `asIndex` at `tMs`: the last one starting at or before `tMs`. */
  entryAt(asIndex: number, tMs: number): number {
    let lo = this.offsets[asIndex]!;
    let hi = this.offsets[asIndex + 1]! - 1;
    if (lo > hi) throw new RangeError(`AS index ${asIndex} has no timeline`);
    const times = this.timesMs;
    // Invariant: times[lo] <= tMs (the first entry is at 0 and tMs >= 0).
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (times[mid]! <= tMs) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Where a packet from `asIndex` sent at `tMs` lands. */
  landingAt(asIndex: number, tMs: number): number {
    return this.landings[this.entryAt(asIndex, tMs)]!;
  }

  /** The incident behind the entry in force for `asIndex` at `tMs` (-1: none). */
  incidentAt(asIndex: number, tMs: number): number {
    return this.incidents[this.entryAt(asIndex, tMs)]!;
  }
}

/**
 * Appends to one AS's history (parallel arrays, in time order) that it lands on `landing` from
 * `atMs` on: a change at the instant of the last entry replaces it (and merges into the one
 * before when that lands the same), a change to the landing already in force is dropped.
 * Returns true when an entry was added.
 */
export function appendChange(times: number[], landings: number[], incidents: number[], atMs: number, landing: number, incident: number): boolean {
  const last = times.length - 1;
  if (last >= 0 && times[last] === atMs) {
    landings[last] = landing;
    incidents[last] = incident;
    if (last > 0 && landings[last - 1] === landing) {
      times.pop();
      landings.pop();
      incidents.pop();
    }
    return false;
  }
  if (last >= 0 && landings[last] === landing) return false;
  times.push(atMs);
  landings.push(landing);
  incidents.push(incident);
  return true;
}

/**
 * Collects forwarding changes in time order and compacts them. Equal-time changes of one AS keep
 * only the last (the state once that instant's events have all run); a change to the outcome
 * already in force is dropped.
 */
export class CatchmentTimelineBuilder {
  private readonly times: number[][];
  private readonly landings: number[][];
  private readonly incidents: number[][];
  private recorded = 0;
  private lastTimeMs = 0;

  /** `initial[a]` is AS a's landing at time 0. */
  constructor(initial: ArrayLike<number>) {
    this.times = [];
    this.landings = [];
    this.incidents = [];
    for (let a = 0; a < initial.length; a++) {
      this.times.push([0]);
      this.landings.push([initial[a]!]);
      this.incidents.push([-1]);
    }
  }

  /**
   * Records that AS `asIndex` lands on `landing` from `timeMs` on, because of `incident` (-1:
   * none known). Calls come in time order.
   */
  record(timeMs: number, asIndex: number, landing: number, incident = -1): void {
    if (timeMs < this.lastTimeMs) {
      throw new Error(`invariant: forwarding changes out of time order (${timeMs} ms after ${this.lastTimeMs} ms)`);
    }
    this.lastTimeMs = timeMs;
    const times = this.times[asIndex];
    const landings = this.landings[asIndex];
    const incidents = this.incidents[asIndex]!;
    if (times === undefined || landings === undefined) throw new RangeError(`AS index ${asIndex} out of range`);
    if (appendChange(times, landings, incidents, timeMs, landing, incident) && ++this.recorded > TIMELINE_CHANGES_MAX) {
      throw new RangeError(`more than ${TIMELINE_CHANGES_MAX} forwarding changes recorded: the route history is too long`);
    }
  }

  /** Compacts into typed arrays. The builder should not be used afterwards. */
  build(): CatchmentTimeline {
    const n = this.times.length;
    const offsets = new Uint32Array(n + 1);
    for (let a = 0; a < n; a++) offsets[a + 1] = offsets[a]! + this.times[a]!.length;
    const total = offsets[n]!;
    const timesMs = new Float64Array(total);
    const landings = new Int32Array(total);
    const incidents = new Int32Array(total);
    for (let a = 0; a < n; a++) {
      timesMs.set(this.times[a]!, offsets[a]!);
      landings.set(this.landings[a]!, offsets[a]!);
      incidents.set(this.incidents[a]!, offsets[a]!);
    }
    return new CatchmentTimeline(offsets, timesMs, landings, incidents);
  }
}
