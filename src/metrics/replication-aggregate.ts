/**
 * From the counts of independent replications to the run's figures: totals of every count, and
 * for each rate the mean over replications with its t-interval (replication-interval.ts). Each
 * replication also keeps its own counts (`ReplicateResult`) so that later analysis can pair
 * architectures within a replication: inside one replication every architecture judged the same
 * sessions against the same history (common random numbers), so differences between
 * architectures are best estimated per replication, then across replications.
 */
import type { BreakCause } from '../pop/index.js';
import { BREAK_CAUSES } from '../sessions/index.js';
import { DURATION_BUCKET_EDGES_MS, DURATION_BUCKET_LABELS } from './duration-buckets.js';
import type { PairCounts, ProtocolArchitectureResult } from './outcome-tally.js';
import { fractionInterval, rateInterval } from './replication-interval.js';

/** ms in an hour. */
const HOUR_MS = 3_600_000;

/** One protocol under one architecture in one replication. */
export interface ReplicatePairResult {
  readonly protocol: string;
  readonly architecture: string;
  readonly sessions: number;
  readonly broken: number;
  readonly censored: number;
  readonly exposureSessionHours: number;
  /** broken / (sessions - censored): the share broken among sessions whose fate the run saw. */
  readonly brokenFraction: number;
  /** broken / exposureSessionHours (0 with no exposure). */
  readonly brokenPerSessionHour: number;
  readonly brokenByCause: Readonly<Record<BreakCause, number>>;
  /** Of `broken`, those blamed on operator responses (present only in runs of a response plan). */
  readonly brokenByResponses?: number;
}

/** One replication's own figures (`SimulationResult.replicates[]`). */
export interface ReplicateResult {
  /** 0-based; replication r draws from the random streams named `rep/<r>/...` (r = 0: unprefixed). */
  readonly replication: number;
  /** Sessions judged, all protocols (counted once, not once per architecture). */
  readonly sessions: number;
  /** Of those, sessions already open at the start (stationary start). */
  readonly openAtStart: number;
  readonly results: readonly ReplicatePairResult[];
}

/**
 * The broken fraction among sessions whose fate is known: those that broke, plus those that ended
 * unbroken inside the run; sessions cut unbroken at the end are left out (0 when none is known).
 */
export function knownFateFraction(broken: number, sessions: number, censored: number): number {
  const known = sessions - censored;
  return known > 0 ? broken / known : 0;
}

function causesRecord(causes: readonly number[]): Record<BreakCause, number> {
  return Object.fromEntries(BREAK_CAUSES.map((cause, c) => [cause, causes[c] ?? 0])) as Record<BreakCause, number>;
}

/** One replication's figures from its counts. */
export function replicateResult(replication: number, sessions: number, openAtStart: number, counts: readonly PairCounts[]): ReplicateResult {
  return {
    replication,
    sessions,
    openAtStart,
    results: counts.map((c) => {
      const hours = c.exposureMs / HOUR_MS;
      return {
        protocol: c.protocol,
        architecture: c.architecture,
        sessions: c.sessions,
        broken: c.broken,
        censored: c.censored,
        exposureSessionHours: hours,
        brokenFraction: knownFateFraction(c.broken, c.sessions, c.censored),
        brokenPerSessionHour: hours > 0 ? c.broken / hours : 0,
        brokenByCause: causesRecord(c.causes),
      };
    }),
  };
}

function sumAt(rows: readonly (readonly number[])[], i: number): number {
  let sum = 0;
  for (const row of rows) sum += row[i] ?? 0;
  return sum;
}

/**
 * The run's results from every replication's counts (`perReplication[r]` in the same pair order
 * for every r): counts summed, rates as the mean over replications with a t-interval at
 * `confidence` (one replication: fractions [0, 1], rates [0, Infinity)).
 *
 * @throws RangeError with no replication, or replications whose pairs differ
 */
export function aggregateReplications(perReplication: readonly (readonly PairCounts[])[], confidence = 0.95): ProtocolArchitectureResult[] {
  const first = perReplication[0];
  if (first === undefined) throw new RangeError('aggregateReplications needs at least one replication');
  for (const counts of perReplication) {
    if (counts.length !== first.length || counts.some((c, i) => c.protocol !== first[i]!.protocol || c.architecture !== first[i]!.architecture)) {
      throw new RangeError('aggregateReplications: replications judged different protocol/architecture pairs');
    }
  }
  return first.map((pair, i) => {
    const rows = perReplication.map((counts) => counts[i]!);
    const sessions = rows.reduce((n, c) => n + c.sessions, 0);
    const broken = rows.reduce((n, c) => n + c.broken, 0);
    const censored = rows.reduce((n, c) => n + c.censored, 0);
    const exposureMs = rows.reduce((n, c) => n + c.exposureMs, 0);
    const fractions = rows.map((c) => knownFateFraction(c.broken, c.sessions, c.censored));
    const perHour = rows.map((c) => (c.exposureMs > 0 ? c.broken / (c.exposureMs / HOUR_MS) : 0));
    const causes = BREAK_CAUSES.map((_, c) => sumAt(rows.map((r) => r.causes), c));
    const byDurationSessions = rows.map((r) => r.byDurationSessions);
    const byDurationBroken = rows.map((r) => r.byDurationBroken);
    const byDurationCensored = rows.map((r) => r.byDurationCensored);
    const base: ProtocolArchitectureResult = {
      protocol: pair.protocol,
      architecture: pair.architecture,
      sessions,
      broken,
      censored,
      exposureSessionHours: exposureMs / HOUR_MS,
      brokenFraction: fractionInterval(fractions, confidence),
      brokenPerSessionHour: rateInterval(perHour, confidence),
      brokenByCause: causesRecord(causes),
      breakByDuration: DURATION_BUCKET_LABELS.map((bucket, b) => ({
        bucket,
        upToMs: Number.isFinite(DURATION_BUCKET_EDGES_MS[b]!) ? DURATION_BUCKET_EDGES_MS[b]! : null,
        sessions: sumAt(byDurationSessions, b),
        broken: sumAt(byDurationBroken, b),
        censored: sumAt(byDurationCensored, b),
      })),
    };
    if (pair.dns === undefined) return base;
    const answeredByAttempt = pair.dns.answeredByAttempt.map((_, k) => sumAt(rows.map((r) => r.dns?.answeredByAttempt ?? []), k));
    const answered = answeredByAttempt.reduce((s, x) => s + x, 0);
    const addedLatencyMs = rows.reduce((s, r) => s + (r.dns?.addedLatencyMs ?? 0), 0);
    return { ...base, answeredByAttempt, failed: sessions - answered, meanAddedLatencyMs: answered > 0 ? addedLatencyMs / answered : 0 };
  });
}

/** How the run's intervals were built, in words (`SimulationResult.intervalMethod`). */
export function intervalMethod(replications: number, confidence = 0.95): string {
  const percent = `${Math.round(confidence * 1000) / 10} %`;
  if (replications < 2) return `none: one replication, so no spread to measure (fractions shown as [0, 1]); run 2 or more replications for a ${percent} interval`;
  return `${percent} t-interval on the means of ${replications} independent replications (Student t, ${replications - 1} degrees of freedom)`;
}
