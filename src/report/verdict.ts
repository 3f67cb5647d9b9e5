/**
 * The design-review verdict: does a protocol meet its SLO (the broken fraction it can afford)
 * behind anycast, and under which serving architecture? Judged on the 95 % Wilson interval so
 * that a verdict is not an artefact of a small sample:
 *
 * - meets: the interval's upper bound is within the SLO;
 * - misses: its lower bound is above the SLO;
 * - inconclusive: the interval straddles the SLO (run longer or with more sessions).
 *
 * Per protocol: `suitable` when plain anycast (`edge`) meets the SLO; `suitable with mitigation`
 * when another architecture does; otherwise `unsuitable`.
 */
import type { ProtocolArchitectureResult } from '../metrics/index.js';
import { formatPercent } from './format.js';

/** One (protocol, architecture) pair against its SLO. */
export type SloStanding = 'meets' | 'misses' | 'inconclusive';

/** A protocol's overall verdict. */
export type ProtocolVerdict = 'suitable' | 'suitable with mitigation' | 'unsuitable' | 'inconclusive';

/** How one result stands against `maxBrokenFraction`. */
export function sloStanding(result: ProtocolArchitectureResult, maxBrokenFraction: number): SloStanding {
  if (result.brokenFraction.high <= maxBrokenFraction) return 'meets';
  if (result.brokenFraction.low > maxBrokenFraction) return 'misses';
  return 'inconclusive';
}

/** A protocol's verdict over its results under every architecture, with the reason. */
export function protocolVerdict(
  results: readonly ProtocolArchitectureResult[],
  maxBrokenFraction: number,
): { readonly verdict: ProtocolVerdict; readonly reason: string } {
  const edge = results.find((r) => r.architecture === 'edge');
  const standing = (r: ProtocolArchitectureResult): SloStanding => sloStanding(r, maxBrokenFraction);
  const slo = `${formatPercent(maxBrokenFraction)} broken`;
  if (edge !== undefined && standing(edge) === 'meets') {
    return { verdict: 'suitable', reason: `plain anycast (edge) stays within ${slo}` };
  }
  const fixes = results.filter((r) => r.architecture !== 'edge' && standing(r) === 'meets').map((r) => r.architecture);
  if (fixes.length > 0) {
    return {
      verdict: 'suitable with mitigation',
      reason: `${edge === undefined ? 'edge not judged' : `edge ${standing(edge) === 'misses' ? 'misses' : 'may miss'} ${slo}`}; within it under ${fixes.join(', ')}`,
    };
  }
  if (results.some((r) => standing(r) === 'inconclusive')) {
    return { verdict: 'inconclusive', reason: `too few sessions to tell against ${slo}: run longer or with more arrivals` };
  }
  return { verdict: 'unsuitable', reason: `every architecture judged breaks more than ${slo}` };
}
