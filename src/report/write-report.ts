/**
 * Writes a run's outputs: the markdown report, its charts in a folder named after it, and the JSON
 * results. Every file is written atomically, and the markdown last, so an interrupted run never
 * leaves a half-written report nor a report pointing at missing charts.
 */
import { basename, dirname, join } from 'node:path';
import type { SimulationResult } from '../simulate/index.js';
import { writeFileAtomic } from './atomic-write.js';
import { renderCharts } from './charts.js';
import { renderMarkdownReport } from './markdown-report.js';
import { reportView, type ReportView } from './report-view.js';

/** Where to write; each output is optional. */
export interface ReportPaths {
  readonly markdownPath?: string;
  readonly jsonPath?: string;
}

/**
 * The JSON results exactly as `anysim run --json` writes them: the result, its verdicts
 * (`verdicts[]`: protocol, verdict, excess, allowance, drivingCause, architecture(s)) and the
 * yearly view (`perYear`: rates with sources, broken per million per year, session-cut chances).
 * An unbounded interval side (one replication) is written as null.
 */
export function resultJson(result: SimulationResult, view: ReportView = reportView(result)): string {
  const { rates, breaks, sessionCut } = view.yearly;
  return `${JSON.stringify({ ...result, verdicts: view.verdicts, perYear: { rates, breaks, sessionCut } }, null, 2)}\n`;
}

/** Writes the outputs and returns the paths written, in order. */
export async function writeReport(result: SimulationResult, paths: ReportPaths, view: ReportView = reportView(result)): Promise<string[]> {
  const written: string[] = [];
  if (paths.jsonPath !== undefined) {
    writeFileAtomic(paths.jsonPath, resultJson(result, view));
    written.push(paths.jsonPath);
  }
  if (paths.markdownPath !== undefined) {
    const stem = basename(paths.markdownPath, '.md');
    const chartDir = join(dirname(paths.markdownPath), stem);
    const charts = await renderCharts(result, view);
    for (const chart of charts) {
      const path = join(chartDir, chart.file);
      writeFileAtomic(path, chart.svg);
      written.push(path);
    }
    const links = charts.map((c) => ({ title: c.title, path: `${stem}/${c.file}`, section: c.section }));
    writeFileAtomic(paths.markdownPath, renderMarkdownReport(result, links, view));
    written.push(paths.markdownPath);
  }
  return written;
}
