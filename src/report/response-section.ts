/**
 * The `## Operator responses` section (docs/responses.md): each response plan the scenario names,
 * what it did, how many sessions broke under it per protocol and architecture (the run's broken
 * fraction with its interval over replications, docs/statistics.md), how many of those breaks the
 * responses themselves caused (sessions their routing events moved: response-induced shifts)
 * against the rest (the attack, overload, flaps), the paired difference to the first plan on the
 * same history, and per protocol which plan breaks fewer sessions. Empty without responses.
 */
import { responseIndexOf } from '../flaps/index.js';
import type { ResponseSpec } from '../scenario/index.js';
import type { ResponseComparison, RoutingEventResult, SimulationResult } from '../simulate/index.js';
import { formatBitsPerS } from './attack-section.js';
import { formatDurationMs, formatPercent, markdownTable } from './format.js';
import { PLAIN_ANYCAST_ARCHITECTURE } from './verdict.js';

/** A response in words: "20.0 min: withdraw fra", "when fra's load ≥ 20 Gbps (+2.0 min): withdraw fra, for 40.0 min". */
export function describeResponse(response: ResponseSpec): string {
  const action = response.action;
  const what =
    action.kind === 'withdraw'
      ? `withdraw ${response.pop}`
      : action.kind === 'prepend'
        ? `${response.pop} prepends ${action.prepend}`
        : action.kind === 'announce-to'
          ? `${response.pop} announces to ${action.neighbourAsns.map((asn) => `AS${asn}`).join(', ')} only`
          : `restore ${response.pop}`;
  const trigger = response.trigger;
  const when =
    trigger === undefined
      ? formatDurationMs(response.atMs)
      : `when ${response.pop}'s load ≥ ${trigger.bitsPerS === undefined ? `${Number((trigger.packetsPerS! / 1e6).toPrecision(3))} Mpps` : formatBitsPerS(trigger.bitsPerS)}` +
        `${response.atMs > 0 ? ` after ${formatDurationMs(response.atMs)}` : ''} (+${formatDurationMs(trigger.detectionDelayMs)} to detect)`;
  return `${when}: ${what}${response.forMs === undefined ? '' : `, restored ${formatDurationMs(response.forMs)} later`}`;
}

/** When each routing action of the plan's responses acted in a run (its convergence events), in words. */
function actedAt(events: readonly RoutingEventResult[]): string {
  const acted = events.filter((e) => responseIndexOf(e.flapIndex) !== undefined);
  return acted.length === 0 ? '–' : acted.map((e) => `${formatDurationMs(e.atMs)} ${e.description}`).join('; ');
}

function signedPercent(fraction: number): string {
  return `${fraction > 0 ? '+' : fraction < 0 ? '−' : ''}${formatPercent(Math.abs(fraction))}`;
}

function plansTable(result: SimulationResult): string {
  const runs = result.responsePlans?.plans;
  return markdownTable(
    ['plan', 'responses', `acted (replication ${result.shownReplication})`],
    (result.scenario.responses ?? []).map((plan, p) => [
      plan.name,
      plan.responses.length === 0 ? 'none (absorb)' : plan.responses.map(describeResponse).join('; '),
      actedAt(runs?.[p]?.convergence.events ?? (p === 0 ? result.convergence.events : [])),
    ]),
    ['l', 'l', 'l'],
  );
}

function comparisonTable(comparison: ResponseComparison, first: string): string {
  const rows = comparison.plans.flatMap((plan) =>
    plan.pairs.map((pair) => [
      pair.protocol,
      pair.architecture,
      plan.plan,
      `${formatPercent(pair.brokenFraction.estimate)} [${formatPercent(pair.brokenFraction.low)}, ${formatPercent(pair.brokenFraction.high)}]`,
      `${formatPercent(pair.byResponsesFraction.estimate)} [${formatPercent(pair.byResponsesFraction.low)}, ${formatPercent(pair.byResponsesFraction.high)}]`,
      `${formatPercent(pair.overloadFraction.estimate)} [${formatPercent(pair.overloadFraction.low)}, ${formatPercent(pair.overloadFraction.high)}]`,
      plan.plan === first
        ? '–'
        : `${signedPercent(pair.versusFirstPlan.estimate)} [${signedPercent(pair.versusFirstPlan.low)}, ${signedPercent(pair.versusFirstPlan.high)}]`,
    ]),
  );
  rows.sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
  return markdownTable(
    ['protocol', 'architecture', 'plan', 'broken % [95 % CI]', 'by the responses % [95 % CI]', 'by overload % [95 % CI]', `paired vs ${first} [95 % CI]`],
    rows,
    ['l', 'l', 'l', 'r', 'r', 'r', 'r'],
  );
}

function verdictLines(comparison: ResponseComparison): string[] {
  return comparison.verdicts
    .filter((v) => v.architecture === PLAIN_ANYCAST_ARCHITECTURE)
    .map((v) =>
      v.runnerUp === undefined
        ? `- ${v.protocol}: ${v.fewestBreaks} (the only plan).`
        : `- ${v.protocol}: **${v.fewestBreaks}** breaks fewest sessions under \`${v.architecture}\`` +
          (v.clear ? `; ahead of ${v.runnerUp} at 95 % (paired interval above 0).` : `; not told apart from ${v.runnerUp} at 95 % with these replications.`),
    );
}

/** The section, or '' when the scenario names no response. */
export function renderResponseSection(result: SimulationResult): string {
  const plans = result.scenario.responses ?? [];
  if (plans.length === 0) return '';
  const out = ['## Operator responses\n'];
  out.push(
    'Each response is a routing event of the same BGP run: its convergence, black holes and the traffic it moves are simulated. ' +
      'Breaks are blamed on the incident whose route change met the broken packet, so "broken by the responses" counts sessions ' +
      'the responses\' own shifts broke.\n',
  );
  out.push(plansTable(result) + '\n');
  const comparison = result.responsePlans;
  if (comparison === undefined) return out.join('\n');
  const first = comparison.plans[0]!.plan;
  out.push(
    `Each plan is its own run over the same seed: the same topology, flaps, attack and sessions (common random numbers). ` +
      `The paired column is that plan minus ${first}, per replication on the same history, with a t-interval over the ` +
      `${result.replications} replication${result.replications === 1 ? '' : 's'} (unbounded with one). Everything else in this report is plan ${first}'s run.\n`,
  );
  out.push(`Which plan breaks fewer sessions, per protocol, under plain anycast (\`${PLAIN_ANYCAST_ARCHITECTURE}\`):\n`);
  out.push(verdictLines(comparison).join('\n') + '\n');
  out.push(comparisonTable(comparison, first) + '\n');
  return out.join('\n');
}
