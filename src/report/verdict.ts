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

/** "0.21 % [0.18 %, 0.23 %], mostly pop-shift": a result's broken fraction and its main cause. */
export function describeBreaks(result: ProtocolArchitectureResult): string {
  const ci = result.brokenFraction;
  const causes = Object.entries(result.brokenByCause).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const main = causes[0];
  const share = main === undefined || result.broken === 0 ? '' : `, ${main[1] === result.broken ? 'all' : 'mostly'} ${main[0]}`;
  return `${formatPercent(ci.estimate)} [${formatPercent(ci.low)}, ${formatPercent(ci.high)}]${share}`;
}

/** A protocol's verdict over its results under every architecture, with the reason. */
export function protocolVerdict(
  results: readonly ProtocolArchitectureResult[],
  maxBrokenFraction: number,
): { readonly verdict: ProtocolVerdict; readonly reason: string } {
  const edge = results.find((r) => r.architecture === 'edge');
  const standing = (r: ProtocolArchitectureResult): SloStanding => sloStanding(r, maxBrokenFraction);
  const slo = `the SLO of ${formatPercent(maxBrokenFraction)}`;
  const edgeText = edge === undefined ? 'edge not judged' : `edge breaks ${describeBreaks(edge)}`;
  if (edge !== undefined && standing(edge) === 'meets') {
    return { verdict: 'suitable', reason: `plain anycast is within ${slo}: ${edgeText}` };
  }
  const fixes = results.filter((r) => r.architecture !== 'edge' && standing(r) === 'meets').map((r) => r.architecture);
  if (fixes.length > 0) {
    return { verdict: 'suitable with mitigation', reason: `${edgeText}; within ${slo} under ${fixes.join(', ')}` };
  }
  if (results.some((r) => standing(r) === 'inconclusive')) {
    return { verdict: 'inconclusive', reason: `too few sessions to tell against ${slo} (${edgeText}): run longer or with more arrivals` };
  }
  const best = [...results].sort((a, b) => a.brokenFraction.estimate - b.brokenFraction.estimate)[0];
  return {
    verdict: 'unsuitable',
    reason: `no architecture is within ${slo}; the best, ${best?.architecture ?? '–'}, breaks ${best === undefined ? '–' : describeBreaks(best)}`,
  };
}
