/**
 * The recorded {@link UnicastRoutes} of a run: where packets from each AS to each PoP's unicast
 * prefix ended over time. Most (PoP, AS) pairs never change (one PoP's unicast prefix moves only
 * when its own links or the links its routes cross fail), so the store keeps the initial outcome
 * of every pair as one bit per AS and PoP (reachable or black-holed in the steady state), and
 * only the changes after it, grouped per pair in CSR form: at Internet scale (275 PoPs, 55,809
 * ASes) the initial state is 1.9 MB.
 */
import type { UnicastRoutes } from './unicast-routes.js';

/** Hard cap on recorded unicast changes: a model that never settles fails with a clear message. */
export const UNICAST_CHANGES_MAX = 200_000_000;

const BLACKHOLE = -1;

/** Read-only history of every PoP's unicast prefix. */
export class UnicastHistory implements UnicastRoutes {
  private readonly wordsPerPop: number;
  private readonly popCount: number;
  /**
   * Per (PoP, 32-AS word), three numbers side by side so that one lookup reads one cache line:
   * the initial reachability bits, the bits of the pairs that changed (most queries stop here),
   * and how many changed pairs come before the word (pairs are in key order, PoP-major), which
   * with the changed bits below an AS gives its pair without a search.
   */
  private readonly index: Uint32Array;

  constructor(
    private readonly asCount: number,
    /** Per PoP: initial reachability, bit a set when AS a reaches the PoP. */
    initial: readonly Uint32Array[],
    /** Sorted keys pop * asCount + asIndex of the pairs that changed. */
    private readonly pairKeys: Float64Array,
    /** Entries of pair j are [pairStart[j], pairStart[j + 1]). */
    private readonly pairStart: Uint32Array,
    private readonly timesMs: Float64Array,
    private readonly outcomes: Int32Array,
    private readonly incidents: Int32Array,
  ) {
    this.wordsPerPop = Math.ceil(asCount / 32);
    this.popCount = initial.length;
    this.index = new Uint32Array(3 * this.popCount * this.wordsPerPop);
    initial.forEach((bits, pop) => {
      if (bits.length !== this.wordsPerPop) throw new RangeError(`unicast history: PoP ${pop} has ${bits.length} words of initial reachability, expected ${this.wordsPerPop}`);
      for (let w = 0; w < this.wordsPerPop; w++) this.index[3 * (pop * this.wordsPerPop + w)] = bits[w]!;
    });
    for (const key of pairKeys) {
      const pop = Math.floor(key / asCount);
      const asIndex = key - pop * asCount;
      this.index[3 * (pop * this.wordsPerPop + (asIndex >>> 5)) + 1]! |= 1 << (asIndex & 31);
    }
    let before = 0;
    for (let i = 0; i < this.index.length; i += 3) {
      this.index[i + 2] = before;
      before += popCount32(this.index[i + 1]!);
    }
  }

  /** (PoP, AS) pairs whose outcome changed at least once. */
  get pairsChanged(): number {
    return this.pairKeys.length;
  }

  /** Recorded changes over all pairs. */
  get changeCount(): number {
    return this.timesMs.length;
  }

  outcomeAt(pop: number, asIndex: number, tMs: number): number {
    const i = this.slotOf(pop, asIndex);
    const bit = 1 << (asIndex & 31);
    const pair = this.pairAt(i, bit);
    if (pair >= 0) {
      const entry = this.lastAtOrBefore(pair, tMs);
      if (entry >= this.pairStart[pair]!) return this.outcomes[entry]!;
    }
    return (this.index[i]! & bit) !== 0 ? pop : BLACKHOLE;
  }

  nextChangeAfterMs(pop: number, asIndex: number, tMs: number): number {
    const pair = this.pairAt(this.slotOf(pop, asIndex), 1 << (asIndex & 31));
    if (pair < 0) return Number.POSITIVE_INFINITY;
    const end = this.pairStart[pair + 1]!;
    const next = this.lastAtOrBefore(pair, tMs) + 1;
    const from = Math.max(next, this.pairStart[pair]!);
    return from < end ? this.timesMs[from]! : Number.POSITIVE_INFINITY;
  }

  incidentAt(pop: number, asIndex: number, tMs: number): number {
    const pair = this.pairAt(this.slotOf(pop, asIndex), 1 << (asIndex & 31));
    if (pair < 0) return -1;
    const entry = this.lastAtOrBefore(pair, tMs);
    return entry < this.pairStart[pair]! ? -1 : this.incidents[entry]!;
  }

  /** Where (PoP, AS)'s word starts in {@link index}; a RangeError for a pair outside the history. */
  private slotOf(pop: number, asIndex: number): number {
    if (!(pop >= 0 && pop < this.popCount && asIndex >= 0 && asIndex < this.asCount && (pop | 0) === pop && (asIndex | 0) === asIndex)) {
      throw new RangeError(`no unicast history for PoP ${pop}, AS index ${asIndex}`);
    }
    return 3 * (pop * this.wordsPerPop + (asIndex >>> 5));
  }

  /** The pair of the AS at `bit` of the word at `i`, or -1 when it never changed. */
  private pairAt(i: number, bit: number): number {
    const changed = this.index[i + 1]!;
    if ((changed & bit) === 0) return -1;
    return this.index[i + 2]! + popCount32(changed & (bit - 1));
  }

  /** Index of the last entry of `pair` starting at or before tMs (pairStart[pair] - 1 if none). */
  private lastAtOrBefore(pair: number, tMs: number): number {
    let lo = this.pairStart[pair]!;
    let hi = this.pairStart[pair + 1]!;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.timesMs[mid]! <= tMs) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }
}

/** Set bits of a 32-bit word (SWAR count). */
function popCount32(word: number): number {
  let v = word - ((word >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/**
 * Collects unicast outcome changes in time order and compacts them: equal-time changes of one pair
 * keep the last, and a change to the outcome already in force is dropped.
 */
export class UnicastHistoryBuilder {
  private keys = new Float64Array(1024);
  private times = new Float64Array(1024);
  private outcomes = new Int32Array(1024);
  private incidents = new Int32Array(1024);
  private count = 0;
  private lastTimeMs = 0;

  /** `initial[pop]` holds one bit per AS: set when the AS reaches the PoP's unicast prefix at time 0. */
  constructor(
    private readonly asCount: number,
    private readonly initial: readonly Uint32Array[],
  ) {}

  /** Records that packets from `asIndex` to PoP `pop`'s unicast prefix end at `outcome` from `timeMs` on, because of `incident`. */
  record(timeMs: number, pop: number, asIndex: number, outcome: number, incident: number): void {
    if (timeMs < this.lastTimeMs) throw new Error(`invariant: unicast changes out of time order (${timeMs} ms after ${this.lastTimeMs} ms)`);
    this.lastTimeMs = timeMs;
    if (!(pop >= 0 && pop < this.initial.length && asIndex >= 0 && asIndex < this.asCount && Number.isInteger(pop) && Number.isInteger(asIndex))) {
      throw new RangeError(`unicast change for PoP ${pop}, AS index ${asIndex}: outside ${this.initial.length} PoPs and ${this.asCount} ASes`);
    }
    if (this.count === this.keys.length) this.grow();
    const i = this.count++;
    this.keys[i] = pop * this.asCount + asIndex;
    this.times[i] = timeMs;
    this.outcomes[i] = outcome;
    this.incidents[i] = incident;
  }

  /** Compacts into a {@link UnicastHistory}. The builder should not be used afterwards. */
  build(): UnicastHistory {
    const n = this.count;
    const order = this.orderByKey();
    const pairKeys = new Float64Array(n);
    const pairStart = new Uint32Array(n + 1);
    const times = new Float64Array(n);
    const outcomes = new Int32Array(n);
    const incidents = new Int32Array(n);
    let pairs = 0;
    let length = 0;
    let j = 0;
    while (j < n) {
      const key = this.keys[order[j]!]!;
      const pop = Math.floor(key / this.asCount);
      const asIndex = key - pop * this.asCount;
      const initial = (this.initial[pop]![asIndex >>> 5]! & (1 << (asIndex & 31))) !== 0 ? pop : BLACKHOLE;
      const start = length;
      for (; j < n && this.keys[order[j]!] === key; j++) {
        const e = order[j]!;
        const timeMs = this.times[e]!;
        const outcome = this.outcomes[e]!;
        // Equal-time changes keep the last: drop the earlier one at this instant.
        if (length > start && times[length - 1] === timeMs) length--;
        const inForce = length > start ? outcomes[length - 1]! : initial;
        if (outcome === inForce) continue;
        times[length] = timeMs;
        outcomes[length] = outcome;
        incidents[length] = this.incidents[e]!;
        length++;
      }
      if (length > start) {
        pairKeys[pairs] = key;
        pairStart[pairs] = start;
        pairs++;
      }
    }
    pairStart[pairs] = length;
    return new UnicastHistory(
      this.asCount,
      this.initial,
      pairKeys.slice(0, pairs),
      pairStart.slice(0, pairs + 1),
      times.slice(0, length),
      outcomes.slice(0, length),
      incidents.slice(0, length),
    );
  }

  /**
   * Record indexes sorted by key, ties in record (time) order: two stable counting sorts, by AS
   * and then by PoP (linear; no comparison sort over millions of changes).
   */
  private orderByKey(): Uint32Array {
    const n = this.count;
    const pops = this.initial.length;
    const pass = (from: Uint32Array, buckets: number, bucketOf: (key: number) => number): Uint32Array => {
      const firstOf = new Uint32Array(buckets + 1);
      for (let j = 0; j < n; j++) firstOf[bucketOf(this.keys[from[j]!]!) + 1]!++;
      for (let b = 0; b < buckets; b++) firstOf[b + 1]! += firstOf[b]!;
      const to = new Uint32Array(n);
      for (let j = 0; j < n; j++) to[firstOf[bucketOf(this.keys[from[j]!]!)]!++] = from[j]!;
      return to;
    };
    const records = new Uint32Array(n);
    for (let i = 0; i < n; i++) records[i] = i;
    const byAs = pass(records, this.asCount, (key) => key % this.asCount);
    return pass(byAs, pops, (key) => Math.floor(key / this.asCount));
  }

  private grow(): void {
    const capacity = this.keys.length * 2;
    if (this.count >= UNICAST_CHANGES_MAX) throw new RangeError(`more than ${UNICAST_CHANGES_MAX} unicast route changes recorded: the route history is too long`);
    const grow = <T extends Float64Array | Int32Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.keys = grow(this.keys, (c) => new Float64Array(c));
    this.times = grow(this.times, (c) => new Float64Array(c));
    this.outcomes = grow(this.outcomes, (c) => new Int32Array(c));
    this.incidents = grow(this.incidents, (c) => new Int32Array(c));
  }
}
