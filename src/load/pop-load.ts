/**
 * Offered, delivered and dropped load per PoP over time, legitimate and attack traffic apart,
 * from a run's catchment timeline (docs/load.md). Time is cut into bins of `binMs` (1 s by
 * default); in each bin a PoP is offered the legitimate demand of the client ASes whose packets
 * land on it (weighted by their share of clients and by the part of the bin they land there) plus
 * the attack volume of the sources whose packets land on it. When the offered total exceeds the
 * PoP's packet or bit capacity, the PoP drops the same fraction of every packet (fluid fair share),
 * so in every bin and for each kind of traffic offered = delivered + dropped.
 */
import type { CatchmentTimeline } from '../sessions/index.js';
import { type AttackLoad, attackShares } from './attack-load.js';
import { BinCoverage } from './bin-coverage.js';
import { dropFraction, type PopCapacity, refusalFraction } from './capacity.js';
import { binCount, legitimateDemand, type LegitimateDemand, type ProtocolDemand } from './legitimate-demand.js';

/**
 * Default bin width, ms: the session pass's arrival tick (ARRIVAL_TICK_MS) and RFC 6298's initial
 * TCP retransmission timeout, the shortest timer a lost packet waits on before a retry (docs/load.md).
 */
export const LOAD_BIN_MS = 1_000;

/** Where clients are: AS indexes and their weights (as for ClientPopulation). */
export interface ClientWeights {
  readonly asIndexes: Int32Array;
  readonly weights: ArrayLike<number>;
}

/** What computePopLoad needs. */
export interface PopLoadInput {
  /** Where each AS's packets land at every instant. */
  readonly timeline: CatchmentTimeline;
  readonly popCount: number;
  readonly horizonMs: number;
  /** Bin width, ms (LOAD_BIN_MS when absent). */
  readonly binMs?: number;
  readonly clients: ClientWeights;
  /** Each protocol's demand, all clients together. */
  readonly protocols: readonly ProtocolDemand[];
  readonly attacks: readonly AttackLoad[];
  /** Capacity of each PoP (index = PoP index); a missing entry is unlimited. */
  readonly capacities: readonly PopCapacity[];
}

/** The traffic kinds kept apart. */
export type TrafficKind = 'legitimate' | 'attack';
/** Rate units. */
export type RateUnit = 'packetsPerS' | 'bitsPerS';

/** One kind of traffic at one PoP in one bin, in one unit. */
export interface LoadFlow {
  readonly offered: number;
  readonly delivered: number;
  readonly dropped: number;
}

/** A threshold on a PoP's offered load (legitimate plus attack); crossing either field counts. */
export interface LoadThreshold {
  readonly packetsPerS?: number;
  readonly bitsPerS?: number;
}

/** Per-PoP load over time. Arrays are PoP-major: index `pop * binCount + bin`. */
export class PopLoad {
  constructor(
    readonly popCount: number,
    readonly binCount: number,
    readonly binMs: number,
    /** Legitimate demand of all clients per bin. */
    readonly demand: LegitimateDemand,
    /** Share of all clients landing on each PoP in each bin (time-weighted). */
    readonly clientShare: Float64Array,
    /** Share of clients whose packets land nowhere (black hole, loop) in each bin. */
    readonly unreachedClientShare: Float64Array,
    /** Attack packets and bits per second offered to each PoP in each bin. */
    readonly attackPacketsPerS: Float64Array,
    readonly attackBitsPerS: Float64Array,
    /** Attack packets and bits per second whose route reaches no PoP, per bin. */
    readonly unreachedAttackPacketsPerS: Float64Array,
    readonly unreachedAttackBitsPerS: Float64Array,
    /** Fraction of inbound packets each PoP drops in each bin. */
    readonly dropFractions: Float64Array,
    private readonly capacities: readonly PopCapacity[],
  ) {}

  /** The bin holding `tMs` (clamped to the horizon). */
  binAt(tMs: number): number {
    return Math.min(this.binCount - 1, Math.max(0, Math.floor(tMs / this.binMs)));
  }

  /** Offered rate of one kind of traffic at `pop` in `bin`. */
  offered(pop: number, bin: number, kind: TrafficKind, unit: RateUnit): number {
    const i = pop * this.binCount + bin;
    if (kind === 'attack') return unit === 'packetsPerS' ? this.attackPacketsPerS[i]! : this.attackBitsPerS[i]!;
    const perClient = unit === 'packetsPerS' ? this.demand.packetsPerS[bin]! : this.demand.bitsPerS[bin]!;
    return this.clientShare[i]! * perClient;
  }

  /** The capacity `pop` was given (empty: unlimited). */
  capacityOf(pop: number): PopCapacity {
    return this.capacities[pop] ?? {};
  }

  /**
   * One series over all bins at `pop`: the offered, delivered or dropped rate of one kind of
   * traffic (for charts and tables; a new array).
   */
  series(pop: number, kind: TrafficKind, unit: RateUnit, part: keyof LoadFlow = 'offered'): Float64Array {
    const out = new Float64Array(this.binCount);
    for (let b = 0; b < this.binCount; b++) {
      const offered = this.offered(pop, b, kind, unit);
      const dropped = offered * this.dropFractions[pop * this.binCount + b]!;
      out[b] = part === 'offered' ? offered : part === 'dropped' ? dropped : offered - dropped;
    }
    return out;
  }

  /** Offered, delivered and dropped rate of one kind of traffic at `pop` in `bin`. */
  flow(pop: number, bin: number, kind: TrafficKind, unit: RateUnit): LoadFlow {
    const offered = this.offered(pop, bin, kind, unit);
    const dropped = offered * this.dropFractions[pop * this.binCount + bin]!;
    return { offered, delivered: offered - dropped, dropped };
  }

  /** Offered rate of all traffic (legitimate plus attack) at `pop` in `bin`. */
  totalOffered(pop: number, bin: number, unit: RateUnit): number {
    return this.offered(pop, bin, 'legitimate', unit) + this.offered(pop, bin, 'attack', unit);
  }

  /** Fraction of `pop`'s inbound packets dropped at `tMs`: the probability any one of them is lost. */
  dropProbabilityAt(pop: number, tMs: number): number {
    return this.dropFractions[pop * this.binCount + this.binAt(tMs)]!;
  }

  /** Legitimate sessions open at `pop` in `bin` (Little's law over its clients). */
  openSessions(pop: number, bin: number): number {
    return this.clientShare[pop * this.binCount + bin]! * this.demand.openSessions[bin]!;
  }

  /** Fraction of new sessions `pop` refuses at `tMs` for want of session capacity. */
  refusalProbabilityAt(pop: number, tMs: number): number {
    const bin = this.binAt(tMs);
    return refusalFraction(this.capacities[pop] ?? {}, this.openSessions(pop, bin));
  }

  /**
   * The start of the first bin at or after `fromMs` in which `pop`'s offered load (legitimate plus
   * attack) reaches `threshold` in packets or bits per second (at `fromMs` itself when its bin
   * does); undefined when it never does within the horizon.
   */
  firstCrossingMs(pop: number, threshold: LoadThreshold, fromMs = 0): number | undefined {
    if (threshold.packetsPerS === undefined && threshold.bitsPerS === undefined) throw new RangeError('a load threshold needs packetsPerS or bitsPerS');
    if (fromMs >= this.binCount * this.binMs) return undefined;
    for (let b = this.binAt(fromMs); b < this.binCount; b++) {
      const crossed =
        (threshold.packetsPerS !== undefined && this.totalOffered(pop, b, 'packetsPerS') >= threshold.packetsPerS) ||
        (threshold.bitsPerS !== undefined && this.totalOffered(pop, b, 'bitsPerS') >= threshold.bitsPerS);
      if (crossed) return Math.max(fromMs, b * this.binMs);
    }
    return undefined;
  }

  /** True when some PoP drops packets in some bin. */
  get overloaded(): boolean {
    return this.dropFractions.some((f) => f > 0);
  }
}

/** Per-PoP load over [0, horizonMs) from the catchment timeline, the workload and the attacks. */
export function computePopLoad(input: PopLoadInput): PopLoad {
  const { timeline, popCount, horizonMs, clients, attacks, capacities } = input;
  const binMs = input.binMs ?? LOAD_BIN_MS;
  const bins = binCount(horizonMs, binMs);
  const demand = legitimateDemand(input.protocols, horizonMs, binMs);

  // Clients: one extra row (index popCount) collects what lands nowhere.
  const clientCoverage = new BinCoverage(popCount + 1, bins, binMs, horizonMs);
  let totalWeight = 0;
  for (let i = 0; i < clients.asIndexes.length; i++) totalWeight += clients.weights[i]!;
  if (!(totalWeight > 0)) throw new RangeError('client weights must not all be zero');
  for (let i = 0; i < clients.asIndexes.length; i++) {
    const share = clients.weights[i]! / totalWeight;
    if (share > 0) addRoute(clientCoverage, timeline, clients.asIndexes[i]!, 0, horizonMs, share, popCount);
  }
  const clientRows = clientCoverage.build();

  const attackPps = new BinCoverage(popCount + 1, bins, binMs, horizonMs);
  const attackBps = new BinCoverage(popCount + 1, bins, binMs, horizonMs);
  for (const attack of attacks) {
    const shares = attackShares(attack);
    const endMs = attack.startMs + attack.durationMs;
    attack.sources.forEach((source, s) => {
      addRoute(attackPps, timeline, source.asIndex, attack.startMs, endMs, shares[s]! * attack.packetsPerS, popCount);
      addRoute(attackBps, timeline, source.asIndex, attack.startMs, endMs, shares[s]! * attack.bitsPerS, popCount);
    });
  }
  const ppsRows = attackPps.build();
  const bpsRows = attackBps.build();

  const popCells = popCount * bins;
  const dropFractions = new Float64Array(popCells);
  for (let p = 0; p < popCount; p++) {
    const capacity = capacities[p] ?? {};
    for (let b = 0; b < bins; b++) {
      const i = p * bins + b;
      const pps = clientRows[i]! * demand.packetsPerS[b]! + ppsRows[i]!;
      const bps = clientRows[i]! * demand.bitsPerS[b]! + bpsRows[i]!;
      dropFractions[i] = dropFraction(capacity, pps, bps);
    }
  }
  return new PopLoad(
    popCount,
    bins,
    binMs,
    demand,
    clientRows.subarray(0, popCells),
    clientRows.subarray(popCells),
    ppsRows.subarray(0, popCells),
    bpsRows.subarray(0, popCells),
    ppsRows.subarray(popCells),
    bpsRows.subarray(popCells),
    dropFractions,
    capacities,
  );
}

/** Adds `weight` along `asIndex`'s route over [fromMs, toMs): at its PoP, or the unreached row. */
function addRoute(coverage: BinCoverage, timeline: CatchmentTimeline, asIndex: number, fromMs: number, toMs: number, weight: number, unreachedRow: number): void {
  const end = timeline.endEntry(asIndex);
  for (let e = timeline.entryAt(asIndex, Math.max(0, fromMs)); e < end; e++) {
    const startMs = timeline.timesMs[e]!;
    if (startMs >= toMs) break;
    const nextMs = e + 1 < end ? timeline.timesMs[e + 1]! : Infinity;
    const landing = timeline.landings[e]!;
    coverage.add(landing >= 0 ? landing : unreachedRow, Math.max(startMs, fromMs), Math.min(nextMs, toMs), weight);
  }
}
