/**
 * The cost of each architecture over a run (issue 15, item 5): sums of the session layer's
 * per-session costs (src/sessions/session-cost.ts) per (protocol, architecture) in one
 * replication, and the run's figures with t-intervals over replications (docs/statistics.md):
 *
 * - added RTT per packet: for stateful protocols the mean over served time (packets go out at a
 *   steady rate while open), for queries the mean over answered queries;
 * - added wait at the start, per session that opened;
 * - the share of packets forwarded between PoPs;
 * - backhaul between PoPs in bytes/s over the run: forwarded open time at the protocol's
 *   client-to-server byte rate plus forwarded start exchanges (traffic-profile.ts). Replies
 *   return directly from the owner (src/pop/architecture-cost.ts); `bothWays` adds the replies,
 *   the figure for a design that returns them through the landing PoP.
 */
import { tap, type MonoTypeOperatorFunction } from 'rxjs';
import { flowBytesPerS, type SessionOutcome, type TrafficProfile } from '../sessions/index.js';
import { fractionInterval, rateInterval, replicationInterval, type ReplicationInterval } from './replication-interval.js';

/** One (protocol, architecture)'s cost sums in one replication: plain data. */
export interface CostCounts {
  readonly protocol: string;
  readonly architecture: string;
  /** A query protocol (dns-udp): costed per answered query rather than per served time. */
  readonly query: boolean;
  /** Sessions the architecture served (opened, or answered). */
  readonly served: number;
  /** Served open time inside the run, ms (stateful protocols). */
  readonly servedMs: number;
  /** Of it, forwarded between PoPs, ms. */
  readonly forwardedMs: number;
  /** Start exchanges (handshakes, queries) forwarded between PoPs inside the run. */
  readonly startsForwarded: number;
  /** Σ added RTT × served time (stateful, ms·ms) or Σ added RTT (queries, ms); NaN without an RTT model. */
  readonly addedRttSum: number;
  /** Σ added start wait over served sessions, ms; NaN without an RTT model. */
  readonly startAddedMsSum: number;
  /** Bytes carried between PoPs, client to server. */
  readonly backhaulBytes: number;
  /** Bytes carried between PoPs, both directions. */
  readonly backhaulBytesBothWays: number;
}

/** What the cost tally needs to know about one protocol. */
export interface CostedProtocol {
  readonly protocol: string;
  /** Queries (dns-udp) are costed per query, not per served time. */
  readonly query: boolean;
  readonly traffic: TrafficProfile;
}

/** Sums of every (protocol, architecture)'s costs in one replication. */
export class CostTally {
  private readonly sums: Float64Array;
  private readonly archCount: number;
  private static readonly FIELDS = 8;
  /** Per protocol: bytes per ms while open (up, down) and bytes of the start exchange (up, down). */
  private readonly bytes: Float64Array;

  /** `judgedArchitectures[p]`: indexes into `architectures` of protocol p's verdict slots (as OutcomeTally). */
  constructor(
    private readonly protocols: readonly CostedProtocol[],
    private readonly architectures: readonly string[],
    private readonly judgedArchitectures: readonly (readonly number[])[],
  ) {
    this.archCount = architectures.length;
    this.sums = new Float64Array(protocols.length * architectures.length * CostTally.FIELDS);
    this.bytes = Float64Array.from(
      protocols.flatMap(({ traffic }) => [flowBytesPerS(traffic.openUp) / 1_000, flowBytesPerS(traffic.openDown) / 1_000, flowBytesPerS(traffic.startUp), flowBytesPerS(traffic.startDown)]),
    );
  }

  /** Adds one judged session's costs (an outcome without costs adds nothing). */
  record(outcome: SessionOutcome): void {
    const costs = outcome.costs;
    if (costs === undefined) return;
    const p = outcome.protocolIndex;
    const query = this.protocols[p]!.query;
    const bytes = this.bytes;
    const upBytesPerMs = bytes[p * 4]!;
    const downBytesPerMs = bytes[p * 4 + 1]!;
    const startUpBytes = bytes[p * 4 + 2]!;
    const startDownBytes = bytes[p * 4 + 3]!;
    const judged = this.judgedArchitectures[p]!;
    const sums = this.sums;
    for (let a = 0; a < judged.length; a++) {
      if (costs.served[a] === 0) continue;
      const base = (p * this.archCount + judged[a]!) * CostTally.FIELDS;
      const forwardedMs = costs.forwardedMs[a]!;
      const starts = costs.startForwarded[a]!;
      sums[base]! += 1;
      sums[base + 1]! += costs.servedMs[a]!;
      sums[base + 2]! += forwardedMs;
      sums[base + 3]! += starts;
      sums[base + 4]! += query ? costs.addedRttMs[a]! : costs.addedRttMs[a]! * costs.servedMs[a]!;
      sums[base + 5]! += costs.startAddedMs[a]!;
      const upBytes = forwardedMs * upBytesPerMs + starts * startUpBytes;
      sums[base + 6]! += upBytes;
      sums[base + 7]! += upBytes + forwardedMs * downBytesPerMs + starts * startDownBytes;
    }
  }

  /** The sums, one per judged (protocol, architecture), protocols outer (OutcomeTally.counts order). */
  counts(): CostCounts[] {
    const out: CostCounts[] = [];
    this.protocols.forEach((protocol, p) => {
      for (const a of this.judgedArchitectures[p]!) {
        const base = (p * this.archCount + a) * CostTally.FIELDS;
        const s = this.sums;
        out.push({
          protocol: protocol.protocol,
          architecture: this.architectures[a]!,
          query: protocol.query,
          served: s[base]!,
          servedMs: s[base + 1]!,
          forwardedMs: s[base + 2]!,
          startsForwarded: s[base + 3]!,
          addedRttSum: s[base + 4]!,
          startAddedMsSum: s[base + 5]!,
          backhaulBytes: s[base + 6]!,
          backhaulBytesBothWays: s[base + 7]!,
        });
      }
    });
    return out;
  }
}

/** Folds the outcome stream's costs into `tally`, passing outcomes on unchanged. */
export function tallyCosts(tally: CostTally): MonoTypeOperatorFunction<SessionOutcome> {
  return tap((outcome) => tally.record(outcome));
}

/** One (protocol, architecture)'s cost over the run (`SimulationResult.architectureCosts[]`). */
export interface ArchitectureCostResult {
  readonly protocol: string;
  readonly architecture: string;
  /** Sessions it served, over all replications. */
  readonly sessionsServed: number;
  /** Share of packets that landed at another PoP and were carried to the state holder's (mean over replications, t-interval). */
  readonly forwardedShare: ReplicationInterval;
  /** Bytes per second between PoPs, client to server (replies return directly from the owner). */
  readonly backhaulBytesPerS: ReplicationInterval;
  /** The same with the replies carried back through the landing PoP. */
  readonly backhaulBytesPerSBothWays: ReplicationInterval;
  /** Added RTT per packet, ms (null without an RTT model). */
  readonly addedRttPerPacketMs: ReplicationInterval | null;
  /** Added wait before a session could exchange data, ms per served session (null without an RTT model). */
  readonly addedStartMsPerSession: ReplicationInterval | null;
}

/** Per-replication figures of one pair. */
function replicationFigures(c: CostCounts, horizonMs: number): { forwarded: number; bytes: number; bytesBoth: number; rtt: number; start: number } {
  const perPacketWeight = c.query ? c.served : c.servedMs;
  return {
    forwarded: c.query ? (c.served > 0 ? c.startsForwarded / c.served : 0) : c.servedMs > 0 ? c.forwardedMs / c.servedMs : 0,
    bytes: horizonMs > 0 ? c.backhaulBytes / (horizonMs / 1_000) : 0,
    bytesBoth: horizonMs > 0 ? c.backhaulBytesBothWays / (horizonMs / 1_000) : 0,
    rtt: perPacketWeight > 0 ? c.addedRttSum / perPacketWeight : 0,
    start: c.served > 0 ? c.startAddedMsSum / c.served : 0,
  };
}

/**
 * The run's cost figures from every replication's sums (same pair order in each): means over
 * replications with t-intervals at `confidence`. RTT figures are null when any replication had
 * no RTT model (NaN sums).
 *
 * @throws RangeError with no replication, or replications whose pairs differ
 */
export function aggregateCosts(
  perReplication: readonly (readonly CostCounts[])[],
  horizonMs: number,
  confidence = 0.95,
): ArchitectureCostResult[] {
  const first = perReplication[0];
  if (first === undefined) throw new RangeError('aggregateCosts needs at least one replication');
  for (const counts of perReplication) {
    if (counts.length !== first.length || counts.some((c, i) => c.protocol !== first[i]!.protocol || c.architecture !== first[i]!.architecture)) {
      throw new RangeError('aggregateCosts: replications costed different protocol/architecture pairs');
    }
  }
  return first.map((pair, i) => {
    const rows = perReplication.map((counts) => counts[i]!);
    const figures = rows.map((c) => replicationFigures(c, horizonMs));
    const rttKnown = figures.every((f) => Number.isFinite(f.rtt) && Number.isFinite(f.start));
    return {
      protocol: pair.protocol,
      architecture: pair.architecture,
      sessionsServed: rows.reduce((n, c) => n + c.served, 0),
      forwardedShare: fractionInterval(figures.map((f) => f.forwarded), confidence),
      backhaulBytesPerS: rateInterval(figures.map((f) => f.bytes), confidence),
      backhaulBytesPerSBothWays: rateInterval(figures.map((f) => f.bytesBoth), confidence),
      addedRttPerPacketMs: rttKnown ? replicationInterval(figures.map((f) => f.rtt), confidence) : null,
      addedStartMsPerSession: rttKnown ? replicationInterval(figures.map((f) => f.start), confidence) : null,
    };
  });
}
