/**
 * The design-review verdict: does anycast add breaks a protocol cannot afford, over what the
 * same protocol suffers without anycast? `unicast-dns` is the BASELINE (clients pinned to one PoP
 * by DNS, failover by health checks and TTL), not a mitigation: a site failure breaks a session
 * under every design, so only the excess over the baseline is anycast's.
 *
 * The excess is paired (common random numbers): in each replication every architecture judged
 * the same sessions against the same history, so the per-replication difference
 * (broken under the architecture - broken under the baseline) / sessions removes the events'
 * luck from the comparison; its t-interval over replications is the excess's interval.
 *
 * Per protocol:
 * - **anycast-safe**: the excess's upper bound under plain anycast (`edge`) is within the
 *   protocol's allowance;
 * - **safe with mitigation**: not under `edge`, but under some other anycast architecture (named);
 * - **unsafe**: under none; the verdict names the cause that drives the excess.
 */
import { differenceInterval, type ReplicationInterval } from '../metrics/index.js';
import type { BreakCause } from '../pop/index.js';
import { formatPercent } from './format.js';

/** The architecture every excess is measured against. */
export const BASELINE_ARCHITECTURE = 'unicast-dns';

/** Plain anycast: state on the PoP's server, no mitigation. */
export const PLAIN_ANYCAST_ARCHITECTURE = 'edge';

/** A protocol's verdict. */
export type VerdictName = 'anycast-safe' | 'safe with mitigation' | 'unsafe';

/** One (protocol, architecture)'s counts in one replication: what the verdict reads. */
export interface ReplicatePairCounts {
  readonly protocol: string;
  readonly architecture: string;
  readonly sessions: number;
  readonly broken: number;
  readonly brokenByCause: Readonly<Record<BreakCause, number>>;
}

/** One replication: its pairs' counts. */
export interface ReplicateCounts {
  readonly results: readonly ReplicatePairCounts[];
}

/** An anycast architecture's excess over the baseline for one protocol. */
export interface ArchitectureExcess {
  readonly architecture: string;
  /** (broken - baseline broken) / sessions, mean over replications with its t-interval. */
  readonly excess: ReplicationInterval;
  readonly withinAllowance: boolean;
  /** The cause with the largest excess breaks over the baseline (null when no cause adds any). */
  readonly drivingCause: BreakCause | null;
}

/** A protocol's verdict (`verdicts[]` of the JSON). */
export interface ProtocolVerdict {
  readonly protocol: string;
  readonly verdict: VerdictName;
  /** The excess of the architecture the verdict rests on (`architecture`). */
  readonly excess: ReplicationInterval;
  readonly allowance: number;
  readonly allowanceSource: string;
  /** What drives plain anycast's excess over the baseline (null when nothing does). */
  readonly drivingCause: BreakCause | null;
  /** edge for anycast-safe and unsafe; the best mitigation for safe with mitigation. */
  readonly architecture: string;
  /** Every anycast architecture within the allowance. */
  readonly architectures: readonly string[];
  readonly baseline: string;
  readonly perArchitecture: readonly ArchitectureExcess[];
  /** One sentence for the report. */
  readonly reason: string;
}

function pairOf(replicate: ReplicateCounts, protocol: string, architecture: string): ReplicatePairCounts | undefined {
  return replicate.results.find((r) => r.protocol === protocol && r.architecture === architecture);
}

/**
 * The paired excess of `architecture` over the baseline for `protocol`: per replication
 * (broken - baseline broken) / sessions, then the t-interval over replications, within
 * [-100 %, 100 %] (unbounded with one replication). Without the baseline in the run the excess is the broken fraction itself.
 */
export function pairedExcess(
  replicates: readonly ReplicateCounts[],
  protocol: string,
  architecture: string,
  confidence = 0.95,
): { readonly excess: ReplicationInterval; readonly drivingCause: BreakCause | null } {
  const differences: number[] = [];
  const causeExcess = new Map<BreakCause, number>();
  for (const replicate of replicates) {
    const pair = pairOf(replicate, protocol, architecture);
    if (pair === undefined) continue;
    const baseline = pairOf(replicate, protocol, BASELINE_ARCHITECTURE);
    differences.push(pair.sessions === 0 ? 0 : (pair.broken - (baseline?.broken ?? 0)) / pair.sessions);
    for (const [cause, n] of Object.entries(pair.brokenByCause) as [BreakCause, number][]) {
      causeExcess.set(cause, (causeExcess.get(cause) ?? 0) + n - (baseline?.brokenByCause[cause] ?? 0));
    }
  }
  if (differences.length === 0) throw new RangeError(`no replication judged ${protocol} under ${architecture}`);
  const excess = differenceInterval(differences, confidence);
  // A cause drives an excess only where there is one: below the baseline nothing is anycast's.
  const ranked = excess.estimate > 0 ? [...causeExcess].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])) : [];
  return { excess, drivingCause: ranked[0]?.[0] ?? null };
}

/** "0.12 % [0.05 %, 0.19 %]" (an unbounded side shown as ∞). */
export function formatExcess(excess: ReplicationInterval): string {
  const side = (x: number): string => (Number.isFinite(x) ? formatPercent(x) : x > 0 ? '∞' : '-∞');
  return `${side(excess.estimate)} [${side(excess.low)}, ${side(excess.high)}]`;
}

/** The verdict for one protocol from its replications' counts. */
export function protocolVerdict(
  replicates: readonly ReplicateCounts[],
  protocol: string,
  architectures: readonly string[],
  allowance: number,
  allowanceSource: string,
  confidence = 0.95,
): ProtocolVerdict {
  const anycast = architectures.filter((a) => a !== BASELINE_ARCHITECTURE && replicates.some((r) => pairOf(r, protocol, a) !== undefined));
  if (anycast.length === 0) throw new RangeError(`${protocol}: no anycast architecture was judged`);
  const perArchitecture: ArchitectureExcess[] = anycast.map((architecture) => {
    const { excess, drivingCause } = pairedExcess(replicates, protocol, architecture, confidence);
    return { architecture, excess, withinAllowance: excess.high <= allowance, drivingCause };
  });
  const plain = perArchitecture.find((a) => a.architecture === PLAIN_ANYCAST_ARCHITECTURE) ?? perArchitecture[0]!;
  const safe = perArchitecture.filter((a) => a.withinAllowance);
  const hasBaseline = architectures.includes(BASELINE_ARCHITECTURE);
  const over = hasBaseline ? `over the ${BASELINE_ARCHITECTURE} baseline` : `(no ${BASELINE_ARCHITECTURE} baseline in the run: the whole broken fraction)`;
  const cause = plain.drivingCause === null ? '' : `, driven by ${plain.drivingCause}`;
  const plainText = `${plain.architecture} adds ${formatExcess(plain.excess)} ${over}${cause}`;
  const noSpread = replicates.length < 2 ? ' (one replication gives no interval: run two or more)' : '';
  const base = { protocol, allowance, allowanceSource, drivingCause: plain.drivingCause, baseline: BASELINE_ARCHITECTURE, perArchitecture };
  if (plain.withinAllowance && (plain.architecture === PLAIN_ANYCAST_ARCHITECTURE || safe.length === perArchitecture.length)) {
    return {
      ...base,
      verdict: 'anycast-safe',
      excess: plain.excess,
      architecture: plain.architecture,
      architectures: safe.map((a) => a.architecture),
      reason: `${plainText}; within the allowance of ${formatPercent(allowance)}`,
    };
  }
  if (safe.length > 0) {
    const best = [...safe].sort((a, b) => a.excess.high - b.excess.high || a.architecture.localeCompare(b.architecture))[0]!;
    return {
      ...base,
      verdict: 'safe with mitigation',
      excess: best.excess,
      architecture: best.architecture,
      architectures: safe.map((a) => a.architecture),
      reason: `${plainText}; within the allowance of ${formatPercent(allowance)} under ${safe.map((a) => `${a.architecture} (${formatExcess(a.excess)})`).join(', ')}`,
    };
  }
  const best = [...perArchitecture].sort((a, b) => a.excess.estimate - b.excess.estimate || a.architecture.localeCompare(b.architecture))[0]!;
  const undecided = plain.excess.low <= allowance ? '; the allowance lies inside the interval' : '';
  return {
    ...base,
    verdict: 'unsafe',
    excess: plain.excess,
    architecture: plain.architecture,
    architectures: [],
    reason:
      `${plainText}, above the allowance of ${formatPercent(allowance)}${undecided}${noSpread}` +
      (best.architecture === plain.architecture ? '' : `; the best, ${best.architecture}, adds ${formatExcess(best.excess)}`),
  };
}
