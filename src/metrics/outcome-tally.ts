/**
 * Counts judged sessions per protocol and architecture: sessions, broken, causes, DNS attempts,
 * breaks by session duration, and load per PoP over time. Plain typed-array counters, fed from
 * the outcome stream by {@link tallyOutcomes}; memory is fixed by the scenario, not by how many
 * sessions ran.
 */
import { reduce, type OperatorFunction } from 'rxjs';
import { BREAK_CAUSES, type SessionOutcome } from '../sessions/index.js';
import type { BreakCause } from '../pop/index.js';
import { DURATION_BUCKET_EDGES_MS, DURATION_BUCKET_LABELS, durationBucket } from './duration-buckets.js';
import { wilsonInterval, type ProportionInterval } from './wilson-interval.js';

/** Most DNS attempts tallied (resolvers retry a handful of times). */
export const DNS_ATTEMPTS_MAX = 16;

/** What the tally needs to know about one protocol. */
export interface TalliedProtocol {
  readonly protocol: string;
  /** dns-udp: the per-attempt timeout (added latency per retry); undefined for stateful ones. */
  readonly dnsTimeoutMs?: number;
  readonly dnsAttempts?: number;
}

/** Breaks among sessions of one duration bucket. */
export interface DurationBucketResult {
  readonly bucket: string;
  readonly upToMs: number | null;
  readonly sessions: number;
  readonly broken: number;
}

/** The result for one protocol under one architecture (the JSON output's `results[]`). */
export interface ProtocolArchitectureResult {
  readonly protocol: string;
  readonly architecture: string;
  readonly sessions: number;
  readonly broken: number;
  readonly brokenFraction: ProportionInterval;
  readonly brokenByCause: Readonly<Record<BreakCause, number>>;
  readonly breakByDuration: readonly DurationBucketResult[];
  /** dns-udp: answeredByAttempt[k] = queries answered on attempt k + 1. */
  readonly answeredByAttempt?: readonly number[];
  /** dns-udp: queries no attempt answered. */
  readonly failed?: number;
  /** dns-udp: mean latency added by retries over answered queries, ms. */
  readonly meanAddedLatencyMs?: number;
}

/** Sessions by the PoP their first packet reached, over time bins (plus drops). */
export interface PopLoadResult {
  readonly binMs: number;
  /** sessionsByPop[pop][bin]; the last row counts sessions whose first packet was dropped. */
  readonly sessionsByPop: readonly (readonly number[])[];
}

/** Counters for every (protocol, architecture) pair. */
export class OutcomeTally {
  private readonly sessions: Float64Array;
  private readonly broken: Float64Array;
  private readonly causes: Float64Array;
  private readonly attempts: Float64Array;
  private readonly addedLatencyMs: Float64Array;
  private readonly byDurationSessions: Float64Array;
  private readonly byDurationBroken: Float64Array;
  private readonly popLoad: Float64Array;
  private readonly popBins: number;
  private readonly binMs: number;
  private readonly archCount: number;
  private readonly bucketCount = DURATION_BUCKET_EDGES_MS.length;
  private recorded = 0;

  /**
   * `judgedArchitectures[p]` lists, for protocol p, the indexes into `architectures` of the
   * architectures its sessions are judged under, in verdict order (an architecture that does not
   * apply to a protocol, such as quic-lb to TCP, is left out).
   */
  constructor(
    private readonly protocols: readonly TalliedProtocol[],
    private readonly architectures: readonly string[],
    private readonly judgedArchitectures: readonly (readonly number[])[],
    private readonly popCount: number,
    horizonMs: number,
    popBins = 48,
  ) {
    const pairs = protocols.length * architectures.length;
    this.archCount = architectures.length;
    this.sessions = new Float64Array(pairs);
    this.broken = new Float64Array(pairs);
    this.causes = new Float64Array(pairs * BREAK_CAUSES.length);
    this.attempts = new Float64Array(pairs * DNS_ATTEMPTS_MAX);
    this.addedLatencyMs = new Float64Array(pairs);
    this.byDurationSessions = new Float64Array(pairs * this.bucketCount);
    this.byDurationBroken = new Float64Array(pairs * this.bucketCount);
    this.popBins = popBins;
    this.binMs = Math.max(1, Math.ceil(horizonMs / popBins));
    this.popLoad = new Float64Array((popCount + 1) * popBins);
  }

  /** Sessions recorded so far. */
  get sessionCount(): number {
    return this.recorded;
  }

  /** Adds one judged session. */
  record(outcome: SessionOutcome): void {
    const p = outcome.protocolIndex;
    const bucket = durationBucket(outcome.session.durationMs);
    const { causeCodes, answeredAttempt, addedLatencyMs } = outcome.verdicts;
    const judged = this.judgedArchitectures[p]!;
    this.recorded++;
    for (let a = 0; a < judged.length; a++) {
      const pair = p * this.archCount + judged[a]!;
      this.sessions[pair]!++;
      this.byDurationSessions[pair * this.bucketCount + bucket]!++;
      const code = causeCodes[a]!;
      if (code !== 0) {
        this.broken[pair]!++;
        this.causes[pair * BREAK_CAUSES.length + code - 1]!++;
        this.byDurationBroken[pair * this.bucketCount + bucket]!++;
      }
      const attempt = answeredAttempt[a]!;
      if (attempt > 0) {
        this.attempts[pair * DNS_ATTEMPTS_MAX + Math.min(attempt, DNS_ATTEMPTS_MAX) - 1]!++;
        this.addedLatencyMs[pair]! += addedLatencyMs[a]!;
      }
    }
    const landing = outcome.initialLanding;
    const row = landing >= 0 && landing < this.popCount ? landing : this.popCount;
    const bin = Math.min(this.popBins - 1, Math.floor(outcome.session.startMs / this.binMs));
    this.popLoad[row * this.popBins + bin]!++;
  }

  /** The results, one per (protocol, architecture), protocols outer. */
  results(): ProtocolArchitectureResult[] {
    const out: ProtocolArchitectureResult[] = [];
    this.protocols.forEach((protocol, p) => {
      for (const a of this.judgedArchitectures[p]!) {
        const architecture = this.architectures[a]!;
        const pair = p * this.archCount + a;
        const sessions = this.sessions[pair]!;
        const broken = this.broken[pair]!;
        const brokenByCause = Object.fromEntries(
          BREAK_CAUSES.map((cause, c) => [cause, this.causes[pair * BREAK_CAUSES.length + c]!]),
        ) as Record<BreakCause, number>;
        const breakByDuration = DURATION_BUCKET_LABELS.map((bucket, b) => ({
          bucket,
          upToMs: Number.isFinite(DURATION_BUCKET_EDGES_MS[b]!) ? DURATION_BUCKET_EDGES_MS[b]! : null,
          sessions: this.byDurationSessions[pair * this.bucketCount + b]!,
          broken: this.byDurationBroken[pair * this.bucketCount + b]!,
        }));
        const base = {
          protocol: protocol.protocol,
          architecture,
          sessions,
          broken,
          brokenFraction: wilsonInterval(broken, sessions),
          brokenByCause,
          breakByDuration,
        };
        if (protocol.dnsTimeoutMs === undefined) {
          out.push(base);
          continue;
        }
        const attemptsShown = Math.min(DNS_ATTEMPTS_MAX, protocol.dnsAttempts ?? DNS_ATTEMPTS_MAX);
        const answeredByAttempt = Array.from({ length: attemptsShown }, (_, k) => this.attempts[pair * DNS_ATTEMPTS_MAX + k]!);
        const answered = answeredByAttempt.reduce((s, x) => s + x, 0);
        out.push({
          ...base,
          answeredByAttempt,
          failed: sessions - answered,
          meanAddedLatencyMs: answered > 0 ? this.addedLatencyMs[pair]! / answered : 0,
        });
      }
    });
    return out;
  }

  /** Sessions per PoP over time. */
  popLoadResult(): PopLoadResult {
    const rows: number[][] = [];
    for (let r = 0; r <= this.popCount; r++) {
      rows.push(Array.from(this.popLoad.subarray(r * this.popBins, (r + 1) * this.popBins)));
    }
    return { binMs: this.binMs, sessionsByPop: rows };
  }
}

/** Folds the outcome stream into `tally`, emitting it once the stream completes. */
export function tallyOutcomes(tally: OutcomeTally): OperatorFunction<SessionOutcome, OutcomeTally> {
  return reduce((acc: OutcomeTally, outcome: SessionOutcome) => {
    acc.record(outcome);
    return acc;
  }, tally);
}
