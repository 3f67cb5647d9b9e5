/**
 * The design-review report in markdown: the run's inputs; the verdicts on anycast's excess over
 * the unicast-dns baseline; per-incident impact and time to recover; expected breaks per year at
 * sourced rates and the chance a session of length L is cut; then the evidence (the run's own
 * totals with intervals from the spread between replications, causes, break probability against
 * duration, DNS attempts, catchment and PoP load, convergence), assumptions, a line that
 * reproduces the run, and an appendix with the long event tables. Plain GitHub markdown tables
 * that also read well in a terminal pager. Each section's renderer lives in its own file.
 */
import { BREAK_CAUSES } from '../sessions/index.js';
import type { ProtocolArchitectureResult } from '../metrics/index.js';
import type { CatchmentShift, SimulationResult } from '../simulate/index.js';
import { formatCount, formatDurationMs, formatPercent, markdownTable } from './format.js';
import { renderCatchmentQualitySection } from './catchment-quality-section.js';
import { renderCatchmentUncertaintyAppendix, renderCatchmentUncertaintySection } from './catchment-uncertainty-section.js';
import { renderCostSection } from './cost-section.js';
import { renderIncidentSection } from './incident-section.js';
import { renderInputsSection } from './inputs-section.js';
import { renderPerYearSection } from './per-year-section.js';
import { reportView, type ReportView } from './report-view.js';
import { renderAttackSections } from './attack-section.js';
import { renderResponseSection } from './response-section.js';
import { BASELINE_ARCHITECTURE } from './verdict.js';
import { renderVerdictSection } from './verdict-section.js';

/** A chart drawn beside the report. */
export interface ChartLink {
  readonly title: string;
  /** Path relative to the report file. */
  readonly path: string;
  /** The section it belongs to. */
  readonly section: 'duration' | 'session-cut' | 'catchment' | 'load' | 'cost' | 'attack';
}

function interval(r: ProtocolArchitectureResult): string {
  const ci = r.brokenFraction;
  return `${formatPercent(ci.estimate)} [${formatPercent(ci.low)}, ${formatPercent(ci.high)}]`;
}

/** "pop-shift 1,414; site-failure 200", largest first, or "–". */
function causeList(r: ProtocolArchitectureResult): string {
  const causes = BREAK_CAUSES.filter((c) => r.brokenByCause[c] > 0).sort((a, b) => r.brokenByCause[b] - r.brokenByCause[a]);
  return causes.length === 0 ? '–' : causes.map((c) => `${c} ${formatCount(r.brokenByCause[c])}`).join('; ');
}

function charts(links: readonly ChartLink[], section: ChartLink['section']): string[] {
  return links.filter((c) => c.section === section).map((c) => `![${c.title}](${c.path})\n`);
}

/** Renders the whole report. */
export function renderMarkdownReport(result: SimulationResult, chartLinks: readonly ChartLink[] = [], view: ReportView = reportView(result)): string {
  const out: string[] = [];
  const byProtocol = new Map<string, ProtocolArchitectureResult[]>();
  for (const r of result.results) byProtocol.set(r.protocol, [...(byProtocol.get(r.protocol) ?? []), r]);
  const pops = result.pops.map((p) => p.name);

  out.push(`# anysim report: ${result.scenarioName}\n`);
  out.push(
    `${formatCount(result.sessions)} sessions over ${formatDurationMs(result.durationMs)} × ${result.replications} replication${result.replications === 1 ? '' : 's'} ` +
      `on ${formatCount(result.topology.ases)} ASes with ${pops.length} PoPs. Each session is judged under every serving architecture ` +
      `on the same arrivals and the same route history; \`${BASELINE_ARCHITECTURE}\` is the baseline the others are compared with.\n`,
  );
  out.push(renderInputsSection(result));
  out.push(renderVerdictSection(result, view.verdicts));
  out.push(renderIncidentSection(result));
  const responses = renderResponseSection(result);
  if (responses !== '') out.push(responses);
  const attackCharts = chartLinks.filter((c) => c.section === 'attack');
  const attacks = renderAttackSections(result, (file) => attackCharts.find((c) => c.path.endsWith(`/${file}`))?.path);
  if (attacks !== '') out.push(attacks);
  out.push(renderPerYearSection(result, view.yearly));
  out.push(...charts(chartLinks, 'session-cut'));

  out.push("## This run's own totals\n");
  out.push(
    `What happened in these ${result.replications} replication${result.replications === 1 ? '' : 's'} (secondary to the yearly figures: it depends on how many incidents fell in the run). ` +
      `Broken fraction among sessions whose fate the run saw (sessions still open and unbroken at the end are censored, not counted as survived), ` +
      `mean over replications with its 95 % t-interval (${result.intervalMethod}); breaks per session-hour open; causes.\n`,
  );
  out.push(
    markdownTable(
      ['protocol', 'architecture', 'sessions', 'broken', 'censored', 'broken % [95 % CI]', 'per session-hour', 'causes'],
      result.results.map((r) => [
        r.protocol,
        r.architecture === BASELINE_ARCHITECTURE ? `${r.architecture} (baseline)` : r.architecture,
        formatCount(r.sessions),
        formatCount(r.broken),
        formatCount(r.censored),
        interval(r),
        r.brokenPerSessionHour.estimate.toPrecision(2),
        causeList(r),
      ]),
      ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'l'],
    ) + '\n',
  );

  out.push('## Break probability against session duration\n');
  out.push('Under plain anycast (`edge`): broken / sessions per duration bucket (drawn length), over this run.\n');
  const bucketLabels = result.results[0]?.breakByDuration.map((b) => b.bucket) ?? [];
  out.push(
    markdownTable(
      ['protocol', ...bucketLabels],
      [...byProtocol].map(([protocol, results]) => {
        const r = results.find((x) => x.architecture === 'edge') ?? results[0]!;
        return [protocol, ...r.breakByDuration.map((b) => (b.sessions === 0 ? '–' : `${formatPercent(b.broken / b.sessions)} (${formatCount(b.sessions)})`))];
      }),
    ) + '\n',
  );
  out.push(...charts(chartLinks, 'duration'));

  const dns = result.results.filter((r) => r.answeredByAttempt !== undefined);
  if (dns.length > 0) {
    out.push('## DNS over UDP: answers by attempt\n');
    const attempts = Math.max(...dns.map((r) => r.answeredByAttempt!.length));
    out.push(
      markdownTable(
        ['architecture', ...Array.from({ length: attempts }, (_, k) => `attempt ${k + 1}`), 'failed', 'mean added latency (answered)'],
        dns.map((r) => [
          r.architecture,
          ...Array.from({ length: attempts }, (_, k) => formatCount(r.answeredByAttempt![k] ?? 0)),
          formatCount(r.failed ?? 0),
          `${(r.meanAddedLatencyMs ?? 0).toFixed(2)} ms`,
        ]),
        ['l', ...Array.from({ length: attempts + 2 }, () => 'r' as const)],
      ) + '\n',
    );
  }

  out.push(renderCostSection(result));
  out.push(...charts(chartLinks, 'cost'));

  out.push('## Catchment and PoP load\n');
  out.push(`Replication ${result.shownReplication}'s route history.\n`);
  out.push(...charts(chartLinks, 'catchment'));
  if (result.catchmentAroundEvents.length > 0) {
    out.push('How each routing event moved client ASes between PoPs: see the appendix.\n');
  }
  out.push(renderLoadShare(result) + '\n');
  out.push(...charts(chartLinks, 'load'));
  out.push(renderCatchmentQualitySection(result));
  out.push(renderCatchmentUncertaintySection(result));

  out.push('## BGP convergence\n');
  out.push(
    `${formatCount(result.convergence.updates)} UPDATE messages over the run, ${formatCount(result.convergence.windows.length)} event windows; ` +
      'how long each took to settle is in the appendix.\n',
  );

  if (result.architectures.includes(BASELINE_ARCHITECTURE)) {
    out.push(`## The ${BASELINE_ARCHITECTURE} baseline\n`);
    out.push(
      `With \`${BASELINE_ARCHITECTURE}\` a client stays on the PoP DNS gave it (no flips, full stickiness) but a failed PoP keeps ` +
        `receiving its clients until health checks notice and resolvers' cached answers expire: failover takes ` +
        `${formatDurationMs(result.unicastDnsFailoverMs)} (detection + TTL). Anycast moves clients as fast as BGP converges ` +
        `but may move them when nothing failed: in replication ${result.shownReplication} ${formatCount(result.clientAsesMoved)} of ` +
        `${formatCount(result.topology.clientAses)} client ASes (${formatPercent(result.clientAsesMoved / Math.max(1, result.topology.clientAses))}; ` +
        `${formatPercent(result.clientUsersMovedShare)} of their users) changed PoP at least once. The verdicts above are the anycast architectures' excess over this baseline.\n`,
    );
  }

  out.push('## Assumptions\n');
  out.push(
    [
      `- Routing: Gao-Rexford policy (customer > peer > provider, then shortest AS path, then the tie-break rule \`${result.catchmentUncertainty.rule}\`), valley-free export, MRAI with jitter, withdrawals not rate-limited unless WRATE is on; see docs/routing.md.`,
      '- The route history is computed first (routes do not depend on sessions); sessions are then judged against it packet by packet. Sessions open at the start are drawn from the steady state; those still open and unbroken at the end are censored (docs/statistics.md).',
      '- A stateful session breaks on the first packet that lands where its state is not, or when its packets are lost longer than its protocol tolerates; idle sessions survive flips that no packet saw. Profiles and their sources: docs/sessions.md.',
      `- Client ASes stand for their users: all sessions of one AS share its route; arrivals are spread over client ASes ${
        result.scenario.clients.weighting === 'users' ? "in proportion to the geography's users, so session figures are per user" : `by \`${result.scenario.clients.weighting}\` weights (\`clients.weighting: users\` makes session figures per user)`
      }.`,
    ].join('\n') + '\n',
  );

  out.push('## Reproduce\n');
  out.push(`\`anysim ${result.anysimVersion}\`, seed \`${result.seed}\`, scenario digest \`${result.scenarioDigest}\`.\n`);

  out.push('## Appendix: event tables\n');
  out.push(`The routing events of replication ${result.shownReplication}; the JSON holds every event.\n`);
  if (result.catchmentAroundEvents.length > 0) {
    const shown = busiestWindows(result);
    out.push('### Catchment around events\n');
    out.push(
      `How ${shown.length < result.catchmentAroundEvents.length ? `the ${shown.length} routing events that moved the most ASes (of ${formatCount(result.catchmentAroundEvents.length)}; all are in the JSON)` : 'each routing event'} moved client ASes between PoPs (share before the event → once it settled; PoPs whose share moved by at least 0.5 points):\n`,
    );
    out.push(
      markdownTable(
        ['at', 'event', 'shift (client ASes)', 'shift (users)'],
        shown.map((i) => result.catchmentAroundEvents[i]!).map((e) => [
          formatDurationMs(e.atMs),
          e.description,
          describeShifts(e.shifts),
          describeShifts(e.userShifts),
        ]),
        ['r', 'l', 'l', 'l'],
      ) + '\n',
    );
  }
  out.push('### BGP convergence\n');
  if (result.convergence.windows.length > 0) {
    const windows = result.convergence.windows;
    const shown = busiestWindows(result);
    if (shown.length < windows.length) {
      const maxima = windows.map((w) => w.settledMs.max).sort((a, b) => a - b);
      const rank = (q: number): number => maxima[Math.min(maxima.length - 1, Math.floor(q * maxima.length))]!;
      out.push(
        `${formatCount(windows.length)} event windows; time until the last AS settled: median ${formatDurationMs(rank(0.5))}, ` +
          `p90 ${formatDurationMs(rank(0.9))}, max ${formatDurationMs(maxima[maxima.length - 1]!)}. The ${shown.length} windows that moved the most ASes:\n`,
      );
    }
    out.push(
      'Each row measures its own event\'s wave causally, until that wave is quiet, however many other events start meanwhile ' +
        '(* marks an event whose wave overlapped another\'s). Black hole: each black-holed or looped AS\'s longest spell without delivery, ' +
        'from the wave\'s drop until any change delivers again. Users: those ASes\' share of all users (the geography\'s weights). Unicast: routes to the PoPs\' own unicast prefixes (unicast-dns, unicast-handoff).\n',
    );
    out.push(
      markdownTable(
        ['at', 'event', 'ASes moved', 'users', 'settled p50', 'p90', 'max', 'ASes black-holed or looped', 'users', 'black hole p50', 'max', 'unicast: ASes moved', 'settled max', 'black-holed or looped'],
        shown.map((i) => windows[i]!).map((w) => [
          formatDurationMs(w.startMs),
          w.overlapsWith.length > 0 ? `${w.description} *` : w.description,
          formatCount(w.asesChanged),
          formatPercent(w.usersChangedShare),
          formatDurationMs(w.settledMs.p50),
          formatDurationMs(w.settledMs.p90),
          formatDurationMs(w.settledMs.max),
          formatCount(w.asesDropped),
          formatPercent(w.usersDroppedShare),
          formatDurationMs(w.blackholeMs.p50),
          formatDurationMs(w.blackholeMs.max),
          formatCount(w.unicastAsesChanged),
          formatDurationMs(w.unicastSettledMs.max),
          formatCount(w.unicastAsesDropped),
        ]),
        ['r', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
      ) + '\n',
    );
  } else {
    out.push('No routing events in this scenario.\n');
  }
  out.push(renderCatchmentUncertaintyAppendix(result));

  return out.join('\n');
}

/** "pop-1 20.0 % → 35.0 %; ..." or the sentence for no move. */
function describeShifts(shifts: readonly CatchmentShift[]): string {
  return shifts.length === 0 ? 'no PoP moved by 0.5 points' : shifts.map((x) => `${x.pop} ${formatPercent(x.before)} → ${formatPercent(x.after)}`).join('; ');
}

/** Most event windows listed in a table; the JSON holds them all. */
const WINDOWS_LISTED_MAX = 30;

/** Indexes of the event windows to list: all, or the busiest by client ASes moved, in time order. */
function busiestWindows(result: SimulationResult): number[] {
  const windows = result.convergence.windows;
  const all = windows.map((_, i) => i);
  if (windows.length <= WINDOWS_LISTED_MAX) return all;
  return all
    .sort((a, b) => windows[b]!.asesChanged - windows[a]!.asesChanged || a - b)
    .slice(0, WINDOWS_LISTED_MAX)
    .sort((a, b) => a - b);
}

/** Share of new sessions per PoP before the first routing event and over the run's last eighth. */
function renderLoadShare(result: SimulationResult): string {
  const { labels, sessions, binMs } = result.popLoad;
  const bins = sessions[0]?.length ?? 0;
  if (bins === 0) return '';
  const firstEventMs = result.convergence.events[0]?.atMs ?? result.durationMs;
  const firstEventBin = Math.min(bins, Math.max(1, Math.floor(firstEventMs / binMs)));
  const share = (from: number, to: number): number[] => {
    const sums = sessions.map((row) => row.slice(from, to).reduce((s, x) => s + x, 0));
    const total = sums.reduce((s, x) => s + x, 0);
    return sums.map((x) => (total === 0 ? 0 : x / total));
  };
  const before = share(0, firstEventBin);
  const last = share(Math.max(0, bins - Math.max(1, Math.floor(bins / 8))), bins);
  return (
    'Share of new sessions by the PoP their first packet reached: before the first routing event and over the last eighth of the run (how a failure or an attack spreads).\n\n' +
    markdownTable(
      ['PoP', 'before first event', 'end of run'],
      labels.map((name, i) => [name, formatPercent(before[i] ?? 0), formatPercent(last[i] ?? 0)]),
      ['l', 'r', 'r'],
    )
  );
}
