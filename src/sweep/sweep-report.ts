/**
 * The merged report of a sweep: DIR/sweep.json (the SweepSummary), DIR/sweep/<protocol>.svg
 * (charts across the grid) and DIR/sweep.md (tables of the broken fraction per protocol x
 * architecture at every scenario point, pooled over seeds, and the list of cells). Written
 * atomically, markdown last; depends only on the plan and the cell files, never on how the cells
 * were run (workers, shards, resumes), so the same sweep always writes the same bytes.
 */
import { join } from 'node:path';
import { formatCount, formatPercent, markdownTable, writeFileAtomic } from '../report/index.js';
import { renderSweepCharts, type SweepChart } from './sweep-charts.js';
import type { SweepPlan } from './sweep-plan.js';
import { summarizeSweep, type SweepCellSummary, type SweepSummary } from './sweep-summary.js';

/** Names of the report's files inside the sweep's output directory. */
export const SWEEP_REPORT_FILES = { json: 'sweep.json', markdown: 'sweep.md', charts: 'sweep' } as const;

/** The summary's JSON text. */
export function sweepJson(summary: SweepSummary): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}

function interval(r: SweepSummary['points'][number]['results'][number]): string {
  const f = r.brokenFraction;
  return `${formatPercent(f.estimate)} [${formatPercent(f.low)}, ${formatPercent(f.high)}]`;
}

/** The markdown report; `charts` are linked relative to it. */
export function renderSweepMarkdown(summary: SweepSummary, charts: readonly SweepChart[]): string {
  const dims = summary.dimensions;
  const lines: string[] = [`# Sweep: ${summary.sweep}`, ''];
  if (summary.description !== '') lines.push(summary.description, '');
  lines.push(
    `Reproduce: \`anysim sweep ${summary.source}\` — plan ${summary.planDigest}, ${summary.cells.length} cells: ${summary.points.length} scenario points x ${summary.seeds.length} seeds (${summary.seeds.join(', ')}). ` +
      'Each cell is one `anysim run` of its scenario and seed; its full result is in cells/<cell>.json. ' +
      'The seeds of a scenario point are its independent replications: a broken fraction is the mean of the seeds\' fractions with a 95 % t-interval from their spread ' +
      '(one seed: the cell\'s own interval from its replications).',
    '',
    '## Grid',
    '',
    dims.length === 0 ? 'No grid: the base scenario under every seed.' : markdownTable(['dimension', 'values'], dims.map((d) => [`\`${d.name}\``, d.values.join(', ')])),
    '',
  );
  for (const protocol of summary.protocols) {
    lines.push(`## ${protocol}`, '');
    const chart = charts.find((c) => c.protocol === protocol);
    if (chart !== undefined) lines.push(`![${chart.title}](${SWEEP_REPORT_FILES.charts}/${chart.file})`, '');
    const architectures = summary.architectures.filter((a) => summary.points.some((p) => p.results.some((r) => r.protocol === protocol && r.architecture === a)));
    const rows = summary.points.map((point) => {
      const results = point.results.filter((r) => r.protocol === protocol);
      const sessions = results[0]?.sessions ?? 0;
      return [
        ...dims.map((d) => point.labels[d.name] ?? ''),
        formatCount(sessions),
        ...architectures.map((a) => {
          const r = results.find((x) => x.architecture === a);
          return r === undefined ? '–' : interval(r);
        }),
      ];
    });
    lines.push(
      markdownTable([...dims.map((d) => d.name), 'sessions', ...architectures], rows, [...dims.map(() => 'l' as const), 'r', ...architectures.map(() => 'r' as const)]),
      '',
    );
  }
  lines.push(
    '## Cells',
    '',
    markdownTable(['#', 'cell', 'seed', 'scenario digest', 'sessions'], summary.cells.map((c) => [String(c.index), `\`${c.id}\``, c.seed, c.scenarioDigest, formatCount(c.sessions)]), ['r', 'l', 'l', 'l', 'r']),
    '',
  );
  return lines.join('\n');
}

/** Writes sweep.json, the charts and sweep.md into `dir`; returns the paths written. */
export async function writeSweepReport(dir: string, plan: SweepPlan, cells: readonly SweepCellSummary[]): Promise<string[]> {
  const summary = summarizeSweep(plan, cells);
  const written: string[] = [];
  const jsonPath = join(dir, SWEEP_REPORT_FILES.json);
  writeFileAtomic(jsonPath, sweepJson(summary));
  written.push(jsonPath);
  const charts = await renderSweepCharts(summary);
  for (const chart of charts) {
    const path = join(dir, SWEEP_REPORT_FILES.charts, chart.file);
    writeFileAtomic(path, chart.svg);
    written.push(path);
  }
  const markdownPath = join(dir, SWEEP_REPORT_FILES.markdown);
  writeFileAtomic(markdownPath, renderSweepMarkdown(summary, charts));
  written.push(markdownPath);
  return written;
}
