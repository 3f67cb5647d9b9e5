/**
 * The report's charts, drawn by vega-lite and rendered to SVG by vega's headless view (no browser,
 * no canvas): break probability against session duration, the catchment timeline, and PoP load
 * over time. Specs are data-only, so the same result renders the same bytes.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { SimulationResult } from '../simulate/index.js';
import { renderVegaLiteSvg } from './vega-svg.js';

/** A rendered chart. */
export interface RenderedChart {
  /** File name, e.g. "break-by-duration.svg". */
  readonly file: string;
  readonly title: string;
  readonly section: 'duration' | 'catchment' | 'load';
  readonly svg: string;
}

const WIDTH = 640;
/** Fewest sessions a duration bucket needs to be drawn. */
const CHART_MIN_BUCKET_SESSIONS = 20;
const HEIGHT = 260;

function breakByDurationSpec(result: SimulationResult): TopLevelSpec {
  const values = result.results
    .filter((r) => r.architecture === 'edge')
    .flatMap((r) =>
      r.breakByDuration
        // A bucket with a handful of sessions is noise on a chart (the table shows every count).
        .filter((b) => b.sessions >= CHART_MIN_BUCKET_SESSIONS)
        .map((b, order) => ({ protocol: r.protocol, bucket: b.bucket, order, broken: b.broken / b.sessions })),
    );
  return {
    title: 'Break probability against session duration (edge)',
    width: WIDTH,
    height: HEIGHT,
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'bucket', type: 'ordinal', sort: result.results[0]?.breakByDuration.map((b) => b.bucket) ?? [], title: 'session duration' },
      y: { field: 'broken', type: 'quantitative', title: 'broken fraction', axis: { format: '.2%' } },
      color: { field: 'protocol', type: 'nominal' },
    },
  };
}

function catchmentSpec(result: SimulationResult): TopLevelSpec {
  const names = [...result.catchment.labels];
  const values = result.catchment.points.flatMap((point) =>
    point.shares.map((share, i) => ({ minute: point.atMs / 60_000, pop: names[i], share })),
  );
  return {
    title: 'Catchment: share of client ASes per PoP',
    width: WIDTH,
    height: HEIGHT,
    data: { values },
    mark: { type: 'area', interpolate: 'step-after' },
    encoding: {
      x: { field: 'minute', type: 'quantitative', title: 'time (min)' },
      y: { field: 'share', type: 'quantitative', stack: 'normalize', title: 'share of client ASes', axis: { format: '.0%' } },
      color: { field: 'pop', type: 'nominal', sort: names, title: 'PoP' },
    },
  };
}

/** Longest event description shown in a facet title. */
const FACET_TITLE_MAX = 60;

function catchmentZoomSpec(result: SimulationResult): TopLevelSpec {
  const names = [...result.catchment.labels];
  const titleOf = (atMs: number, description: string): string => {
    const text = `${(atMs / 60_000).toFixed(1)} min: ${description}`;
    return text.length > FACET_TITLE_MAX ? `${text.slice(0, FACET_TITLE_MAX - 1)}…` : text;
  };
  const events = result.catchmentZooms.map((z) => titleOf(z.atMs, z.description));
  const values = result.catchmentZooms.flatMap((zoom, e) =>
    zoom.points.flatMap((point) => point.shares.map((share, i) => ({ event: events[e], seconds: point.offsetMs / 1000, pop: names[i], share }))),
  );
  return {
    title: 'Catchment around the busiest routing events (seconds from the event)',
    data: { values },
    facet: { field: 'event', type: 'nominal', sort: events, title: null },
    columns: 2,
    spec: {
      width: 300,
      height: 140,
      mark: { type: 'area', interpolate: 'step-after' },
      encoding: {
        x: { field: 'seconds', type: 'quantitative', title: 'seconds from the event' },
        y: { field: 'share', type: 'quantitative', stack: 'normalize', title: 'share of client ASes', axis: { format: '.0%' } },
        color: { field: 'pop', type: 'nominal', sort: names, title: 'PoP' },
      },
    },
  };
}

function loadSpec(result: SimulationResult): TopLevelSpec {
  const names = [...result.popLoad.labels];
  const binMin = result.popLoad.binMs / 60_000;
  const values = result.popLoad.sessions.flatMap((row, i) =>
    row.map((sessions, bin) => ({ minute: bin * binMin, pop: names[i], sessions })),
  );
  return {
    title: 'New sessions per PoP over time',
    width: WIDTH,
    height: HEIGHT,
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'minute', type: 'quantitative', bin: { step: binMin }, title: 'time (min)' },
      y: { field: 'sessions', type: 'quantitative', aggregate: 'sum', title: 'sessions' },
      color: { field: 'pop', type: 'nominal', sort: names, title: 'PoP' },
    },
  };
}

/** Renders every chart of the report. */
export async function renderCharts(result: SimulationResult): Promise<RenderedChart[]> {
  return [
    { file: 'break-by-duration.svg', title: 'Break probability against session duration', section: 'duration', svg: await renderVegaLiteSvg(breakByDurationSpec(result)) },
    { file: 'catchment.svg', title: 'Catchment timeline', section: 'catchment', svg: await renderVegaLiteSvg(catchmentSpec(result)) },
    ...(result.catchmentZooms.length === 0
      ? []
      : [
          {
            file: 'catchment-events.svg',
            title: 'Catchment around the busiest routing events',
            section: 'catchment' as const,
            svg: await renderVegaLiteSvg(catchmentZoomSpec(result)),
          },
        ]),
    { file: 'pop-load.svg', title: 'PoP load over time', section: 'load', svg: await renderVegaLiteSvg(loadSpec(result)) },
  ];
}
