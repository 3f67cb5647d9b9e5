/**
 * Charts across a sweep's grid, drawn by vega-lite and rendered to SVG by vega's headless view
 * (the report layer's pattern): one chart per protocol, the broken fraction (pooled over seeds) of
 * each serving architecture against the first grid dimension on the x axis, one panel per
 * combination of the other dimensions. Data-only specs: the same summary renders the same bytes.
 */
import type { TopLevelSpec } from 'vega-lite';
import { renderVegaLiteSvg } from '../report/index.js';
import type { SweepSummary } from './sweep-summary.js';

/** A rendered chart of the sweep. */
export interface SweepChart {
  /** File name, e.g. "websocket.svg". */
  readonly file: string;
  readonly title: string;
  readonly protocol: string;
  readonly svg: string;
}

const PANEL_WIDTH = 320;
const HEIGHT = 220;
/** Most panels per chart: beyond this a chart is unreadable; the tables still list every point. */
export const PANELS_MAX = 36;

function protocolSpec(summary: SweepSummary, protocol: string): TopLevelSpec {
  const [xDimension, ...others] = summary.dimensions;
  const xName = xDimension?.name ?? 'scenario';
  const panelOf = (labels: Readonly<Record<string, string>>): string => others.map((d) => `${d.name}=${labels[d.name]}`).join(', ');
  const panels = [...new Set(summary.points.map((p) => panelOf(p.labels)))];
  const shown = new Set(panels.slice(0, PANELS_MAX));
  const values = summary.points.flatMap((point) =>
    point.results
      .filter((r) => r.protocol === protocol && shown.has(panelOf(point.labels)))
      .map((r) => ({
        x: xDimension === undefined ? 'base' : point.labels[xDimension.name],
        panel: panelOf(point.labels),
        architecture: r.architecture,
        broken: r.brokenFraction.estimate,
      })),
  );
  return {
    title: `${protocol}: broken fraction across the sweep${panels.length > PANELS_MAX ? ` (first ${PANELS_MAX} of ${panels.length} panels)` : ''}`,
    width: PANEL_WIDTH,
    height: HEIGHT,
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'x', type: 'ordinal', sort: [...(xDimension?.values ?? ['base'])], title: xName },
      y: { field: 'broken', type: 'quantitative', title: 'broken fraction (pooled over seeds)', axis: { format: '.2%' } },
      color: { field: 'architecture', type: 'nominal', sort: [...summary.architectures] },
      ...(others.length === 0 ? {} : { column: { field: 'panel', type: 'nominal', sort: panels, title: others.map((d) => d.name).join(', ') } }),
    },
  };
}

/** File name of a protocol's chart. */
export function chartFileName(protocol: string): string {
  return `${protocol.replace(/[^A-Za-z0-9._-]/g, '_')}.svg`;
}

/** Renders one chart per protocol. */
export async function renderSweepCharts(summary: SweepSummary): Promise<SweepChart[]> {
  const charts: SweepChart[] = [];
  for (const protocol of summary.protocols) {
    charts.push({ file: chartFileName(protocol), title: `${protocol} across the grid`, protocol, svg: await renderVegaLiteSvg(protocolSpec(summary, protocol)) });
  }
  return charts;
}
