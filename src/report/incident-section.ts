/**
 * The per-incident sections: for each incident class, how many incidents the run saw, how far
 * each reached (sessions, client ASes), how long it took to recover, and how many sessions each
 * broke per protocol and architecture; then which flap process (`flaps[i]`) caused what share of
 * the breaks.
 */
import { responseIndexOf } from '../flaps/index.js';
import type { IncidentClassResult, IncidentResults } from '../metrics/index.js';
import type { SimulationResult } from '../simulate/index.js';
import { formatCount, formatDurationMs, formatMean, formatMeanInterval, formatPercent, markdownTable } from './format.js';
import { describeFlap } from './inputs-section.js';
import { describeResponse } from './response-section.js';
import { PLAIN_ANYCAST_ARCHITECTURE } from './verdict.js';

function reachTable(classes: readonly IncidentClassResult[]): string {
  return markdownTable(
    ['incident class', 'incidents', 'sessions broken / incident', 'client ASes affected / incident', 'users affected / incident', 'time to recover p50', 'p99'],
    classes.map((c) => [
      c.incidentClass,
      formatCount(c.incidents),
      formatMean(c.sessionsAffectedPerIncident),
      formatMean(c.clientAsesAffectedPerIncident),
      formatPercent(c.userShareAffectedPerIncident),
      formatDurationMs(c.recoverMs.p50),
      formatDurationMs(c.recoverMs.p99),
    ]),
    ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
  );
}

function breaksTable(classes: readonly IncidentClassResult[], architectures: readonly string[]): string {
  const rows = classes.flatMap((c) => {
    const protocols = [...new Set(c.breaksPerIncident.map((b) => b.protocol))];
    return protocols.map((protocol) => [
      c.incidentClass,
      protocol,
      ...architectures.map((architecture) => {
        const b = c.breaksPerIncident.find((x) => x.protocol === protocol && x.architecture === architecture);
        return b === undefined ? '–' : formatMeanInterval(b);
      }),
    ]);
  });
  return markdownTable(['incident class', 'protocol', ...architectures], rows, ['l', 'l', ...architectures.map(() => 'r' as const)]);
}

function flapShareTable(result: SimulationResult, incidents: IncidentResults): string {
  const protocols = result.protocols;
  const edgeBreaks = (list: readonly { protocol: string; architecture: string; breaks: number }[], protocol: string): number =>
    list.find((b) => b.protocol === protocol && b.architecture === PLAIN_ANYCAST_ARCHITECTURE)?.breaks ?? 0;
  const totals = protocols.map(
    (protocol) => incidents.flaps.reduce((s, f) => s + edgeBreaks(f.breaks, protocol), 0) + edgeBreaks(incidents.unattributed, protocol),
  );
  const share = (n: number, p: number): string => (totals[p] === 0 ? '–' : formatPercent(n / totals[p]!));
  const rows = incidents.flaps.map((f) => {
    const responseIndex = responseIndexOf(f.flapIndex);
    if (responseIndex !== undefined) {
      const response = result.scenario.responses?.[0]?.responses[responseIndex];
      const what = response === undefined ? 'response' : `response: ${describeResponse(response)}`;
      return [`responses[0].actions[${responseIndex}]`, what, formatCount(f.incidents), ...protocols.map((protocol, p) => share(edgeBreaks(f.breaks, protocol), p))];
    }
    const flap = result.scenario.flaps[f.flapIndex];
    const what = flap === undefined ? 'client flips' : `${flap.type}: ${describeFlap(flap)[0]}`;
    return [`flaps[${f.flapIndex}]`, what, formatCount(f.incidents), ...protocols.map((protocol, p) => share(edgeBreaks(f.breaks, protocol), p))];
  });
  const unattributed = protocols.map((protocol) => edgeBreaks(incidents.unattributed, protocol));
  if (unattributed.some((n) => n > 0)) rows.push(['–', 'no incident (the state the run started in)', '–', ...unattributed.map((n, p) => share(n, p))]);
  return markdownTable(['process', 'what', 'incidents', ...protocols], rows, ['l', 'l', 'r', ...protocols.map(() => 'r' as const)]);
}

/** The `## Per incident` section (empty when the run had no incident). */
export function renderIncidentSection(result: SimulationResult): string {
  const incidents = result.incidents;
  if (incidents.classes.length === 0) return '## Per incident\n\nNo incidents in this run.\n';
  return [
    '## Per incident\n',
    `Incidents pooled over the ${result.replications} replication${result.replications === 1 ? '' : 's'}. A break is blamed on the incident whose ` +
      'route change or outage the broken packet met. Client ASes affected: the incident moved their packets or killed their PoP; ' +
      'users affected: those ASes\' share of all client users (the geography\'s user weights, docs/geography.md). ' +
      'Time to recover: from the incident to the last client AS it cut off (black hole, loop or dead PoP) reaching a live PoP again ' +
      '(0 when it moved clients straight between live PoPs); p50 and p99 over incidents, within 6 %.\n',
    reachTable(incidents.classes) + '\n',
    `Broken sessions per incident, mean [95 % CI]: ${incidents.intervalMethod}.\n`,
    breaksTable(incidents.classes, result.architectures) + '\n',
    '### Which flap process caused the breaks\n',
    `Share of each protocol's breaks under plain anycast (\`${PLAIN_ANYCAST_ARCHITECTURE}\`) caused by each flap process:\n`,
    flapShareTable(result, incidents) + '\n',
  ].join('\n');
}
