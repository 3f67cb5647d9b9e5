/**
 * Breaks per incident: which incident (and so which flap process, `flaps[i]`) broke each session
 * under each architecture, folded per incident class, with the reach and recovery of every
 * incident (incident-reach.ts). Incidents are the independent units of a run (one routing event
 * breaks many sessions of the same ASes at once), so the interval on "breaks per incident" is a
 * t-interval over incidents, pooled over replications: each incident is one observation.
 *
 * Memory: per-incident break counts are kept only for incidents that broke something (a row
 * each, found through one 4-byte index per incident), so a run with millions of harmless client
 * flips stays small.
 */
import { tap, type MonoTypeOperatorFunction } from 'rxjs';
import { INCIDENT_CLASSES, type IncidentClass, type IncidentTable } from '../flaps/index.js';
import type { SessionOutcome } from '../sessions/index.js';
import type { IncidentReach } from './incident-reach.js';
import { studentTQuantile } from './student-t.js';

/** Upper edges (ms) of the recovery-time histogram: 0, then 40 log bins a decade up to 10^9 ms (11.6 d). */
export const RECOVERY_BIN_EDGES_MS: readonly number[] = [0, ...Array.from({ length: 361 }, (_, k) => 10 ** (k / 40))];

/** The histogram bin of a recovery time: the first edge at or above it (the last bin holds the rest). */
export function recoveryBin(recoverMs: number): number {
  if (recoverMs <= 0) return 0;
  const k = Math.ceil(40 * Math.log10(Math.max(1, recoverMs)) - 1e-9);
  return Math.min(RECOVERY_BIN_EDGES_MS.length - 1, 1 + Math.max(0, k));
}

/** The q-quantile of a histogram: the upper edge of the bin where the cumulative count reaches q (bins within 6 %). */
export function histogramQuantileMs(histogram: readonly number[], q: number): number {
  const total = histogram.reduce((s, x) => s + x, 0);
  if (total === 0) return 0;
  let cumulative = 0;
  for (let b = 0; b < histogram.length; b++) {
    cumulative += histogram[b]!;
    if (cumulative >= q * total) return RECOVERY_BIN_EDGES_MS[b]!;
  }
  return RECOVERY_BIN_EDGES_MS[RECOVERY_BIN_EDGES_MS.length - 1]!;
}

/** One (protocol, architecture) slot of the per-pair arrays. */
export interface IncidentPair {
  readonly protocol: string;
  readonly architecture: string;
}

/** One incident class in one replication (or merged): plain data. */
export interface IncidentClassCounts {
  readonly incidentClass: IncidentClass;
  readonly incidents: number;
  /** Sessions broken under at least one architecture, blamed on an incident of the class. */
  readonly sessionsAffected: number;
  readonly clientAsesAffected: number;
  /** Sum over the class's incidents of the share of client users each affected (IncidentReach.userShareAffected). */
  readonly userShareAffected: number;
  /** Per pair (IncidentCounts.pairs order): breaks over the class's incidents. */
  readonly breaks: readonly number[];
  /** Per pair: sum over the class's incidents of (breaks of that incident)^2. */
  readonly breaksSquared: readonly number[];
  /** Incidents per recovery-time bin (RECOVERY_BIN_EDGES_MS). */
  readonly recoverMsHistogram: readonly number[];
}

/** The breaks one flap process caused. */
export interface FlapBreakCounts {
  readonly flapIndex: number;
  readonly incidents: number;
  /** Per pair. */
  readonly breaks: readonly number[];
}

/** Everything the incident tally counted: plain data, summed over replications by {@link mergeIncidentCounts}. */
export interface IncidentCounts {
  readonly pairs: readonly IncidentPair[];
  /** Classes with at least one incident, in INCIDENT_CLASSES order. */
  readonly classes: readonly IncidentClassCounts[];
  /** Flap processes with at least one incident, by flap index. */
  readonly byFlap: readonly FlapBreakCounts[];
  /** Per pair: breaks blamed on no incident. */
  readonly unattributed: readonly number[];
}

/** Counts breaks per incident from the outcome stream. */
export class IncidentTally {
  private readonly pairCount: number;
  private readonly pairBase: Int32Array;
  /** Per incident: its row in {@link rows} (-1: it broke nothing so far). */
  private readonly rowOf: Int32Array;
  /** Break counts per pair, one row of `pairCount` per incident that broke something. */
  private rows: Float64Array;
  private rowCount = 0;
  private readonly sessionsAffected: Float64Array;
  private readonly unattributed: Float64Array;
  /** The distinct incidents of the session being recorded: the first `distinctCount` entries. */
  private readonly distinct: Int32Array;
  private distinctCount = 0;

  /**
   * `judgedArchitectures[p]` lists the architecture indexes protocol p is judged under, in the
   * order of its verdict arrays (as for OutcomeTally).
   */
  constructor(
    private readonly protocols: readonly string[],
    private readonly architectures: readonly string[],
    private readonly judgedArchitectures: readonly (readonly number[])[],
    private readonly incidents: IncidentTable,
  ) {
    this.pairBase = new Int32Array(protocols.length);
    let base = 0;
    judgedArchitectures.forEach((judged, p) => {
      this.pairBase[p] = base;
      base += judged.length;
    });
    this.pairCount = base;
    this.rowOf = new Int32Array(incidents.count).fill(-1);
    this.rows = new Float64Array(64 * base);
    this.sessionsAffected = new Float64Array(incidents.count);
    this.unattributed = new Float64Array(base);
    this.distinct = new Int32Array(Math.max(0, ...judgedArchitectures.map((judged) => judged.length)));
  }

  /**
   * Adds one judged session: `causeCodes[a]` (0 unbroken) and `blamed[a]` (the incident blamed
   * for the break, -1 none) per judged architecture of protocol `protocolIndex`.
   */
  record(protocolIndex: number, causeCodes: ArrayLike<number>, blamed: ArrayLike<number>): void {
    const base = this.pairBase[protocolIndex]!;
    const judged = this.judgedArchitectures[protocolIndex]!.length;
    this.distinctCount = 0;
    for (let a = 0; a < judged; a++) {
      if (causeCodes[a] === 0) continue;
      const incident = blamed[a]!;
      if (!this.incidents.has(incident)) {
        this.unattributed[base + a]!++;
        continue;
      }
      // The row first: giving one may replace `rows`.
      const at = this.rowStart(incident) + base + a;
      this.rows[at]!++;
      let seen = false;
      for (let i = 0; i < this.distinctCount && !seen; i++) seen = this.distinct[i] === incident;
      if (!seen) this.distinct[this.distinctCount++] = incident;
    }
    for (let i = 0; i < this.distinctCount; i++) this.sessionsAffected[this.distinct[i]!]!++;
  }

  /** The counts, with each incident's reach and recovery from the route history. */
  counts(reach: IncidentReach): IncidentCounts {
    const classes = INCIDENT_CLASSES.map((incidentClass) => ({
      incidentClass,
      incidents: 0,
      sessionsAffected: 0,
      clientAsesAffected: 0,
      userShareAffected: 0,
      breaks: new Array<number>(this.pairCount).fill(0),
      breaksSquared: new Array<number>(this.pairCount).fill(0),
      recoverMsHistogram: new Array<number>(RECOVERY_BIN_EDGES_MS.length).fill(0),
    }));
    const flaps = new Map<number, { flapIndex: number; incidents: number; breaks: number[] }>();
    for (let k = 0; k < this.incidents.count; k++) {
      const entry = classes[this.incidents.classIndexOf(k)]!;
      entry.incidents++;
      entry.sessionsAffected += this.sessionsAffected[k]!;
      entry.clientAsesAffected += reach.clientAsesAffected[k] ?? 0;
      entry.userShareAffected += reach.userShareAffected[k] ?? 0;
      entry.recoverMsHistogram[recoveryBin(reach.recoverMs[k] ?? 0)]!++;
      const flapIndex = this.incidents.flapIndexOf(k);
      let flap = flaps.get(flapIndex);
      if (flap === undefined) {
        flap = { flapIndex, incidents: 0, breaks: new Array<number>(this.pairCount).fill(0) };
        flaps.set(flapIndex, flap);
      }
      flap.incidents++;
      const row = this.rowOf[k]!;
      if (row < 0) continue;
      for (let i = 0; i < this.pairCount; i++) {
        const n = this.rows[row * this.pairCount + i]!;
        entry.breaks[i]! += n;
        entry.breaksSquared[i]! += n * n;
        flap.breaks[i]! += n;
      }
    }
    return {
      pairs: this.pairs(),
      classes: classes.filter((c) => c.incidents > 0),
      byFlap: [...flaps.values()].sort((a, b) => a.flapIndex - b.flapIndex),
      unattributed: Array.from(this.unattributed),
    };
  }

  /** Where incident `k`'s row of break counts starts in {@link rows}, giving it one on first use. */
  private rowStart(k: number): number {
    let row = this.rowOf[k]!;
    if (row < 0) {
      row = this.rowCount++;
      this.rowOf[k] = row;
      if (this.rowCount * this.pairCount > this.rows.length) {
        const grown = new Float64Array(this.rows.length * 2);
        grown.set(this.rows);
        this.rows = grown;
      }
    }
    return row * this.pairCount;
  }

  private pairs(): IncidentPair[] {
    return this.judgedArchitectures.flatMap((judged, p) => judged.map((a) => ({ protocol: this.protocols[p]!, architecture: this.architectures[a]! })));
  }
}

/** Records every outcome in `tally` (blame from the judge's verdicts) and passes it on. */
export function tallyIncidents(tally: IncidentTally): MonoTypeOperatorFunction<SessionOutcome> {
  return tap((outcome) => tally.record(outcome.protocolIndex, outcome.verdicts.causeCodes, outcome.verdicts.incident));
}

const addInto = (target: number[], source: readonly number[]): void => {
  source.forEach((x, i) => {
    target[i] = (target[i] ?? 0) + x;
  });
};

/** Sums the counts of independent replications (the same scenario, so the same pairs). */
export function mergeIncidentCounts(all: readonly IncidentCounts[]): IncidentCounts {
  const first = all[0];
  if (first === undefined) throw new RangeError('mergeIncidentCounts needs at least one replication');
  const classes = new Map<
    IncidentClass,
    { incidents: number; sessionsAffected: number; clientAsesAffected: number; userShareAffected: number; breaks: number[]; breaksSquared: number[]; recoverMsHistogram: number[] }
  >();
  const flaps = new Map<number, { flapIndex: number; incidents: number; breaks: number[] }>();
  const unattributed: number[] = [];
  for (const counts of all) {
    for (const c of counts.classes) {
      const entry = classes.get(c.incidentClass) ?? {
        incidents: 0,
        sessionsAffected: 0,
        clientAsesAffected: 0,
        userShareAffected: 0,
        breaks: [],
        breaksSquared: [],
        recoverMsHistogram: [],
      };
      entry.incidents += c.incidents;
      entry.sessionsAffected += c.sessionsAffected;
      entry.clientAsesAffected += c.clientAsesAffected;
      entry.userShareAffected += c.userShareAffected;
      addInto(entry.breaks, c.breaks);
      addInto(entry.breaksSquared, c.breaksSquared);
      addInto(entry.recoverMsHistogram, c.recoverMsHistogram);
      classes.set(c.incidentClass, entry);
    }
    for (const f of counts.byFlap) {
      const entry = flaps.get(f.flapIndex) ?? { flapIndex: f.flapIndex, incidents: 0, breaks: [] };
      entry.incidents += f.incidents;
      addInto(entry.breaks, f.breaks);
      flaps.set(f.flapIndex, entry);
    }
    addInto(unattributed, counts.unattributed);
  }
  return {
    pairs: first.pairs,
    classes: INCIDENT_CLASSES.flatMap((incidentClass) => {
      const c = classes.get(incidentClass);
      return c === undefined ? [] : [{ incidentClass, ...c }];
    }),
    byFlap: [...flaps.values()].sort((a, b) => a.flapIndex - b.flapIndex),
    unattributed,
  };
}

/** A mean with its interval. */
export interface MeanInterval {
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
}

/**
 * The mean of n observations given their sum and sum of squares, with its two-sided t-interval
 * (n - 1 degrees of freedom), low clamped at 0 (counts). One observation has no spread: the
 * interval is unbounded above.
 */
export function meanIntervalFromSums(n: number, sum: number, sumOfSquares: number, confidence = 0.95): MeanInterval {
  if (n <= 0) return { estimate: 0, low: 0, high: 0 };
  const mean = sum / n;
  if (n === 1) return { estimate: mean, low: 0, high: Number.POSITIVE_INFINITY };
  const variance = Math.max(0, (sumOfSquares - (sum * sum) / n) / (n - 1));
  const half = studentTQuantile(1 - (1 - confidence) / 2, n - 1) * Math.sqrt(variance / n);
  return { estimate: mean, low: Math.max(0, mean - half), high: mean + half };
}

/** One incident class as the report shows it. */
export interface IncidentClassResult {
  readonly incidentClass: IncidentClass;
  /** Incidents over all replications. */
  readonly incidents: number;
  readonly sessionsAffectedPerIncident: number;
  readonly clientAsesAffectedPerIncident: number;
  /** Mean share of the client ASes' users that an incident affected (one per AS without user weights). */
  readonly userShareAffectedPerIncident: number;
  /** Time to recover over the class's incidents (histogram bins, within 6 %). */
  readonly recoverMs: { readonly p50: number; readonly p99: number };
  /** Per (protocol, architecture): mean breaks per incident with its t-interval over incidents. */
  readonly breaksPerIncident: readonly (IncidentPair & MeanInterval)[];
}

/** The breaks of one flap process, per (protocol, architecture). */
export interface FlapBreaksResult {
  readonly flapIndex: number;
  readonly incidents: number;
  readonly breaks: readonly (IncidentPair & { readonly breaks: number })[];
}

/** Per-incident results (`SimulationResult.incidents`). */
export interface IncidentResults {
  /** How the per-incident intervals are built, in words. */
  readonly intervalMethod: string;
  readonly classes: readonly IncidentClassResult[];
  readonly flaps: readonly FlapBreaksResult[];
  readonly unattributed: readonly (IncidentPair & { readonly breaks: number })[];
}

/** The report's per-incident figures from merged counts. */
export function incidentResults(counts: IncidentCounts, confidence = 0.95): IncidentResults {
  const perPair = <T>(values: readonly number[], make: (pair: IncidentPair, i: number, value: number) => T): T[] =>
    counts.pairs.map((pair, i) => make(pair, i, values[i] ?? 0));
  return {
    intervalMethod: `mean breaks per incident with a ${Math.round(confidence * 100)} % t-interval over incidents (each incident one observation, pooled over replications)`,
    classes: counts.classes.map((c) => ({
      incidentClass: c.incidentClass,
      incidents: c.incidents,
      sessionsAffectedPerIncident: c.sessionsAffected / c.incidents,
      clientAsesAffectedPerIncident: c.clientAsesAffected / c.incidents,
      userShareAffectedPerIncident: c.userShareAffected / c.incidents,
      recoverMs: { p50: histogramQuantileMs(c.recoverMsHistogram, 0.5), p99: histogramQuantileMs(c.recoverMsHistogram, 0.99) },
      breaksPerIncident: perPair(c.breaks, (pair, i, sum) => ({ ...pair, ...meanIntervalFromSums(c.incidents, sum, c.breaksSquared[i] ?? 0, confidence) })),
    })),
    flaps: counts.byFlap.map((f) => ({ flapIndex: f.flapIndex, incidents: f.incidents, breaks: perPair(f.breaks, (pair, _i, breaks) => ({ ...pair, breaks })) })),
    unattributed: perPair(counts.unattributed, (pair, _i, breaks) => ({ ...pair, breaks })),
  };
}
