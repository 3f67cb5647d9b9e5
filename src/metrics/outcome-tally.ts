/**
 * Counts judged sessions of one replication per protocol and architecture: sessions, broken,
 * censored (open and unbroken at the end), exposure (open time inside the run), causes, DNS
 * attempts, breaks by session duration, and load per PoP over time. Plain typed-array counters, fed from
 * the outcome stream by {@link tallyOutcomes}; memory is fixed by the scenario, not by how many
 * sessions ran.
 */
import { reduce, type OperatorFunction } from 'rxjs';
import { BREAK_CAUSES, type SessionOutcome } from '../sessions/index.js';
import type { BreakCause } from '../pop/index.js';
import { DURATION_BUCKET_EDGES_MS, durationBucket } from './duration-buckets.js';
import type { ReplicationInterval } from './replication-interval.js';

/** Most DNS attempts tallied (resolvers retry a handful of times). */
export const DNS_ATTEMPTS_MAX = 16;

/** What the tally needs to know about one protocol. */
export interface TalliedProtocol {
  readonly protocol: string;
  /** dns-udp: the per-attempt timeout (added latency per retry); undefined for stateful ones. */
  readonly dnsTimeoutMs?: number;
  readonly dnsAttempts?: number;
}

/** Breaks among sessions of one duration bucket (by drawn length). */
export interface DurationBucketResult {
  readonly bucket: string;
  readonly upToMs: number | null;
  readonly sessions: number;
  readonly broken: number;
  /** Sessions of the bucket still open and unbroken at the end of the run (fate unknown). */
  readonly censored: number;
}

/**
 * The result for one protocol under one architecture (the JSON output's `results[]`). Counts are
 * totals over every replication; the intervals come from the spread between replications.
 */
export interface ProtocolArchitectureResult {
  readonly protocol: string;
  readonly architecture: string;
  /** Sessions judged: those open at the start and those that arrived, over all replications. */
  readonly sessions: number;
  /** Sessions that broke during the run (a break is dated by the packet that met it). */
  readonly broken: number;
  /** Sessions still open and unbroken at the end: neither broken nor survived. */
  readonly censored: number;
  /** Session-hours spent open inside the run, the same for every architecture (offered exposure). */
  readonly exposureSessionHours: number;
  /** Mean over replications of broken / (sessions - censored), with its t-interval. */
  readonly brokenFraction: ReplicationInterval;
  /** Mean over replications of broken / exposureSessionHours, with its t-interval. */
  readonly brokenPerSessionHour: ReplicationInterval;
  readonly brokenByCause: Readonly<Record<BreakCause, number>>;
  readonly breakByDuration: readonly DurationBucketResult[];
  /** dns-udp: answeredByAttempt[k] = queries answered on attempt k + 1. */
  readonly answeredByAttempt?: readonly number[];
  /** dns-udp: queries no attempt answered. */
  readonly failed?: number;
  /** dns-udp: mean latency added by retries over answered queries, ms. */
  readonly meanAddedLatencyMs?: number;
}

/** One (protocol, architecture)'s raw counts in one replication: plain data, summed across replications. */
export interface PairCounts {
  readonly protocol: string;
  readonly architecture: string;
  readonly sessions: number;
  readonly broken: number;
  readonly censored: number;
  /** Open time inside the run, summed over sessions, ms. */
  readonly exposureMs: number;
  /** Breaks per cause, in BREAK_CAUSES order. */
  readonly causes: readonly number[];
  readonly byDurationSessions: readonly number[];
  readonly byDurationBroken: readonly number[];
  readonly byDurationCensored: readonly number[];
  /** dns-udp only: answers per attempt and the latency retries added, ms. */
  readonly dns?: { readonly answeredByAttempt: readonly number[]; readonly addedLatencyMs: number };
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
  private readonly censored: Float64Array;
  private readonly exposureMs: Float64Array;
  private readonly byDurationCensored: Float64Array;
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
    this.censored = new Float64Array(pairs);
    this.exposureMs = new Float64Array(pairs);
    this.byDurationCensored = new Float64Array(pairs * DURATION_BUCKET_EDGES_MS.length);
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
    const session = outcome.session;
    const bucket = durationBucket(outcome.plannedDurationMs);
    // Open time inside the run: sessions open at the start count from 0, cut ones to the horizon.
    const exposureMs = Math.max(0, session.startMs + session.durationMs - Math.max(0, session.startMs));
    const { causeCodes, answeredAttempt, addedLatencyMs } = outcome.verdicts;
    const judged = this.judgedArchitectures[p]!;
    this.recorded++;
    for (let a = 0; a < judged.length; a++) {
      const pair = p * this.archCount + judged[a]!;
      this.sessions[pair]!++;
      this.byDurationSessions[pair * this.bucketCount + bucket]!++;
      this.exposureMs[pair]! += exposureMs;
      const code = causeCodes[a]!;
      if (code !== 0) {
        this.broken[pair]!++;
        this.causes[pair * BREAK_CAUSES.length + code - 1]!++;
        this.byDurationBroken[pair * this.bucketCount + bucket]!++;
      } else if (outcome.censored) {
        this.censored[pair]!++;
        this.byDurationCensored[pair * this.bucketCount + bucket]!++;
      }
      const attempt = answeredAttempt[a]!;
      if (attempt > 0) {
        this.attempts[pair * DNS_ATTEMPTS_MAX + Math.min(attempt, DNS_ATTEMPTS_MAX) - 1]!++;
        this.addedLatencyMs[pair]! += addedLatencyMs[a]!;
      }
    }
    // Load counts the run's new sessions; those open at the start arrived before it.
    if (session.startMs < 0) return;
    const landing = outcome.initialLanding;
    const row = landing >= 0 && landing < this.popCount ? landing : this.popCount;
    const bin = Math.min(this.popBins - 1, Math.floor(session.startMs / this.binMs));
    this.popLoad[row * this.popBins + bin]!++;
  }

  /** The raw counts, one per judged (protocol, architecture), protocols outer. */
  counts(): PairCounts[] {
    const out: PairCounts[] = [];
    const buckets = this.bucketCount;
    const causeCount = BREAK_CAUSES.length;
    this.protocols.forEach((protocol, p) => {
      for (const a of this.judgedArchitectures[p]!) {
        const pair = p * this.archCount + a;
        const base = {
          protocol: protocol.protocol,
          architecture: this.architectures[a]!,
          sessions: this.sessions[pair]!,
          broken: this.broken[pair]!,
          censored: this.censored[pair]!,
          exposureMs: this.exposureMs[pair]!,
          causes: Array.from(this.causes.subarray(pair * causeCount, (pair + 1) * causeCount)),
          byDurationSessions: Array.from(this.byDurationSessions.subarray(pair * buckets, (pair + 1) * buckets)),
          byDurationBroken: Array.from(this.byDurationBroken.subarray(pair * buckets, (pair + 1) * buckets)),
          byDurationCensored: Array.from(this.byDurationCensored.subarray(pair * buckets, (pair + 1) * buckets)),
        };
        if (protocol.dnsTimeoutMs === undefined) {
          out.push(base);
          continue;
        }
        const attemptsShown = Math.min(DNS_ATTEMPTS_MAX, protocol.dnsAttempts ?? DNS_ATTEMPTS_MAX);
        out.push({
          ...base,
          dns: {
            answeredByAttempt: Array.from(this.attempts.subarray(pair * DNS_ATTEMPTS_MAX, pair * DNS_ATTEMPTS_MAX + attemptsShown)),
            addedLatencyMs: this.addedLatencyMs[pair]!,
          },
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
