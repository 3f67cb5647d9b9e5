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

/**
 * Most PoP x bin cells a load keeps: beyond it the default bin widens by whole seconds (275 PoPs
 * over 24 h: 6 s bins), so memory stays near 16 MB of float32 per run (anysim choice).
 */
export const LOAD_CELLS_MAX = 4_000_000;

/** The default bin width for `popCount` PoPs over `horizonMs`: LOAD_BIN_MS, widened to keep cells under LOAD_CELLS_MAX. */
export function defaultLoadBinMs(popCount: number, horizonMs: number): number {
  const cells = Math.max(1, popCount) * Math.ceil(horizonMs / LOAD_BIN_MS);
  return LOAD_BIN_MS * Math.max(1, Math.ceil(cells / LOAD_CELLS_MAX));
}

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

/**
 * Per-PoP load over time. Client shares are kept for every (PoP, bin), PoP-major (`pop * binCount
 * + bin`) in float32; attack rates only over the bins some attack is active in; drop fractions
 * are computed from them when asked.
 */
export class PopLoad {
  constructor(
    readonly popCount: number,
    readonly binCount: number,
    readonly binMs: number,
    /** Legitimate demand of all clients per bin. */
    readonly demand: LegitimateDemand,
    /** Share of all clients landing on each PoP in each bin (time-weighted). */
    readonly clientShare: Float32Array,
    /** Share of clients whose packets land nowhere (black hole, loop) in each bin. */
    readonly unreachedClientShare: Float64Array,
    /** The attack window: bins [attackFirstBin, attackFirstBin + attackBinCount). */
    private readonly attackFirstBin: number,
    private readonly attackBinCount: number,
    /** Attack packets and bits per second per (PoP, window bin); row popCount: what reaches no PoP. */
    private readonly attackPackets: Float64Array,
    private readonly attackBits: Float64Array,
    private readonly capacities: readonly PopCapacity[],
  ) {}

  /**
   * Every (PoP, bin)'s drop fraction, PoP-major, built on each access (PoPs x bins float64: use
   * {@link dropFractionAt} where one value will do).
   */
  get dropFractions(): Float64Array {
    return this.everyCell((p, b) => this.dropFractionAt(p, b));
  }

  /** Attack packets per second offered to each (PoP, bin), PoP-major, built on each access. */
  get attackPacketsPerS(): Float64Array {
    return this.everyCell((p, b) => this.attackAt(p, b, 'packetsPerS'));
  }

  /** Attack bits per second offered to each (PoP, bin), PoP-major, built on each access. */
  get attackBitsPerS(): Float64Array {
    return this.everyCell((p, b) => this.attackAt(p, b, 'bitsPerS'));
  }

  /** Attack packets per second per bin whose routes reach no PoP, built on each access. */
  get unreachedAttackPacketsPerS(): Float64Array {
    return Float64Array.from({ length: this.binCount }, (_, b) => this.unreachedAttack(b, 'packetsPerS'));
  }

  /** Attack bits per second per bin whose routes reach no PoP, built on each access. */
  get unreachedAttackBitsPerS(): Float64Array {
    return Float64Array.from({ length: this.binCount }, (_, b) => this.unreachedAttack(b, 'bitsPerS'));
  }

  private everyCell(value: (pop: number, bin: number) => number): Float64Array {
    const out = new Float64Array(this.popCount * this.binCount);
    for (let p = 0; p < this.popCount; p++) for (let b = 0; b < this.binCount; b++) out[p * this.binCount + b] = value(p, b);
    return out;
  }

  /** The bin holding `tMs` (clamped to the horizon). */
  binAt(tMs: number): number {
    return Math.min(this.binCount - 1, Math.max(0, Math.floor(tMs / this.binMs)));
  }

  /** Attack rate in row `row` (a PoP, or popCount: unreached) in `bin`. */
  private attackAt(row: number, bin: number, unit: RateUnit): number {
    const w = bin - this.attackFirstBin;
    if (w < 0 || w >= this.attackBinCount) return 0;
    const i = row * this.attackBinCount + w;
    return unit === 'packetsPerS' ? this.attackPackets[i]! : this.attackBits[i]!;
  }

  /** Offered rate of one kind of traffic at `pop` in `bin`. */
  offered(pop: number, bin: number, kind: TrafficKind, unit: RateUnit): number {
    if (kind === 'attack') return this.attackAt(pop, bin, unit);
    const perClient = unit === 'packetsPerS' ? this.demand.packetsPerS[bin]! : this.demand.bitsPerS[bin]!;
    return this.clientShare[pop * this.binCount + bin]! * perClient;
  }

  /** Attack rate in `bin` whose sources' routes reach no PoP (black hole, loop). */
  unreachedAttack(bin: number, unit: RateUnit): number {
    return this.attackAt(this.popCount, bin, unit);
  }

  /** Offered rate of all traffic (legitimate plus attack) at `pop` in `bin`. */
  totalOffered(pop: number, bin: number, unit: RateUnit): number {
    return this.offered(pop, bin, 'legitimate', unit) + this.offered(pop, bin, 'attack', unit);
  }

  /** Fraction of `pop`'s inbound packets dropped in `bin` (fluid fair share on its binding limit). */
  dropFractionAt(pop: number, bin: number): number {
    const capacity = this.capacities[pop];
    if (capacity === undefined || (capacity.packetsPerS === undefined && capacity.bitsPerS === undefined)) return 0;
    return dropFraction(capacity, this.totalOffered(pop, bin, 'packetsPerS'), this.totalOffered(pop, bin, 'bitsPerS'));
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
      const flow = this.flow(pop, b, kind, unit);
      out[b] = flow[part];
    }
    return out;
  }

  /** Offered, delivered and dropped rate of one kind of traffic at `pop` in `bin`. */
  flow(pop: number, bin: number, kind: TrafficKind, unit: RateUnit): LoadFlow {
    const offered = this.offered(pop, bin, kind, unit);
    const dropped = offered * this.dropFractionAt(pop, bin);
    return { offered, delivered: offered - dropped, dropped };
  }

  /** Fraction of `pop`'s inbound packets dropped at `tMs`: the probability any one of them is lost. */
  dropProbabilityAt(pop: number, tMs: number): number {
    return this.dropFractionAt(pop, this.binAt(tMs));
  }

  /** Legitimate sessions open at `pop` in `bin` (Little's law over its clients). */
  openSessions(pop: number, bin: number): number {
    return this.clientShare[pop * this.binCount + bin]! * this.demand.openSessions[bin]!;
  }

  /** Fraction of new sessions `pop` refuses at `tMs` for want of session capacity. */
  refusalProbabilityAt(pop: number, tMs: number): number {
    return refusalFraction(this.capacityOf(pop), this.openSessions(pop, this.binAt(tMs)));
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
    for (let p = 0; p < this.popCount; p++) for (let b = 0; b < this.binCount; b++) if (this.dropFractionAt(p, b) > 0) return true;
    return false;
  }
}

/** Per-PoP load over [0, horizonMs) from the catchment timeline, the workload and the attacks. */
export function computePopLoad(input: PopLoadInput): PopLoad {
  const { timeline, popCount, horizonMs, clients, attacks, capacities } = input;
  const binMs = input.binMs ?? defaultLoadBinMs(popCount, horizonMs);
  const bins = binCount(horizonMs, binMs);
  const demand = legitimateDemand(input.protocols, horizonMs, binMs);

  // Clients: one extra row (index popCount) collects what lands nowhere.
  const clientCoverage = new BinCoverage(popCount + 1, bins, binMs, horizonMs);
  let totalWeight = 0;
  for (let i = 0; i < clients.asIndexes.length; i++) totalWeight += clients.weights[i]!;
  if (!(totalWeight > 0)) throw new RangeError('client weights must not all be zero');
  for (let i = 0; i < clients.asIndexes.length; i++) {
    const share = clients.weights[i]! / totalWeight;
    if (share > 0) addRoute(clientCoverage, timeline, clients.asIndexes[i]!, 0, horizonMs, share, popCount, 0);
  }
  const clientRows = clientCoverage.build();
  const popCells = popCount * bins;

  // Attacks: only over the bins some attack is active in.
  let firstMs = Infinity;
  let endMs = -Infinity;
  for (const a of attacks) {
    if (a.durationMs <= 0 || a.startMs >= horizonMs) continue;
    firstMs = Math.min(firstMs, a.startMs);
    endMs = Math.max(endMs, Math.min(horizonMs, a.startMs + a.durationMs));
  }
  const attackFirstBin = Number.isFinite(firstMs) ? Math.floor(firstMs / binMs) : 0;
  const attackBins = Number.isFinite(firstMs) ? Math.ceil(endMs / binMs) - attackFirstBin : 0;
  const windowStartMs = attackFirstBin * binMs;
  const windowHorizonMs = Math.min(horizonMs, (attackFirstBin + attackBins) * binMs) - windowStartMs;
  const attackPackets = new BinCoverage(popCount + 1, attackBins, binMs, windowHorizonMs);
  const attackBits = new BinCoverage(popCount + 1, attackBins, binMs, windowHorizonMs);
  for (const attack of attacks) {
    if (attackBins === 0) break;
    const shares = attackShares(attack);
    const attackEndMs = Math.min(horizonMs, attack.startMs + attack.durationMs);
    attack.sources.forEach((source, s) => {
      addRoute(attackPackets, timeline, source.asIndex, attack.startMs, attackEndMs, shares[s]! * attack.packetsPerS, popCount, windowStartMs);
      addRoute(attackBits, timeline, source.asIndex, attack.startMs, attackEndMs, shares[s]! * attack.bitsPerS, popCount, windowStartMs);
    });
  }
  return new PopLoad(
    popCount,
    bins,
    binMs,
    demand,
    Float32Array.from(clientRows.subarray(0, popCells)),
    clientRows.slice(popCells),
    attackFirstBin,
    attackBins,
    attackPackets.build(),
    attackBits.build(),
    capacities,
  );
}

/**
 * Adds `weight` along `asIndex`'s route over [fromMs, toMs): at its PoP, or the unreached row;
 * `originMs` is the time of the coverage's first bin.
 */
function addRoute(
  coverage: BinCoverage,
  timeline: CatchmentTimeline,
  asIndex: number,
  fromMs: number,
  toMs: number,
  weight: number,
  unreachedRow: number,
  originMs: number,
): void {
  const end = timeline.endEntry(asIndex);
  for (let e = timeline.entryAt(asIndex, Math.max(0, fromMs)); e < end; e++) {
    const startMs = timeline.timesMs[e]!;
    if (startMs >= toMs) break;
    const nextMs = e + 1 < end ? timeline.timesMs[e + 1]! : Infinity;
    const landing = timeline.landings[e]!;
    coverage.add(landing >= 0 ? landing : unreachedRow, Math.max(startMs, fromMs) - originMs, Math.min(nextMs, toMs) - originMs, weight);
  }
}
