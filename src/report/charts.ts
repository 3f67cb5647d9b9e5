/**
 * The report's charts, drawn by vega-lite and rendered to SVG by vega's headless view (no browser,
 * no canvas): break probability against session duration, the chance a session of length L is
 * cut, the catchment timeline, and PoP load over time. Specs are data-only, so the same result
 * renders the same bytes.
 *
 * Time axes run from 0 to the run's end exactly (no "nice" rounding past it). PoP load bins are
 * drawn from their own start and end (the last bin ends at the run's end), not re-binned by
 * vega-lite, whose binning folds the last value into the bin before it. Series get colours from a
 * 20-colour palette, with "other PoPs" grey and "no route" black, so 13 series never share one.
 */
import type { TopLevelSpec } from 'vega-lite';
import { type AttackView, NO_ROUTE_LABEL, OTHER_POPS_LABEL, type SimulationResult } from '../simulate/index.js';
import { attackChartFile, attackLoadSpec } from './attack-chart.js';
import { costChartSpec } from './cost-chart.js';
import { renderVegaLiteSvg } from './vega-svg.js';
import { SESSION_LENGTHS_MS } from './session-cut.js';
import { reportView, type ReportView } from './report-view.js';

/**
 * vega's tableau20 palette, the ten dark shades first and their light partners after, so a chart
 * with up to ten series never pairs two shades of one hue; the dark ones ordered so that the
 * first six (the architectures) are six different hues, with no green beside a teal.
 */
const SERIES_COLOURS: readonly string[] = [
  '#4c78a8', '#f58518', '#54a24b', '#e45756', '#b279a2', '#9e765f', '#d67195', '#b79a20', '#439894', '#79706e',
  '#9ecae9', '#ffbf79', '#88d27a', '#ff9d98', '#f2cf5b', '#83bcb6', '#fcbfd2', '#d6a5c9', '#d8b5a5', '#bab0ac',
];

/** One distinct colour per label: "other PoPs" grey, "no route" black, the rest from the palette (cycled past 20). */
export function seriesColours(labels: readonly string[]): string[] {
  let next = 0;
  return labels.map((label) => {
    if (label === NO_ROUTE_LABEL) return '#000000';
    if (label === OTHER_POPS_LABEL) return '#bdbdbd';
    return SERIES_COLOURS[next++ % SERIES_COLOURS.length]!;
  });
}

/** One PoP-load bar: its bin's start and end (minutes) and sessions. */
export interface LoadBar {
  readonly pop: string;
  readonly fromMinute: number;
  readonly toMinute: number;
  readonly sessions: number;
}

/** The PoP-load bars: bin i covers [i·binMs, min((i + 1)·binMs, run end)). */
export function loadBars(result: SimulationResult): LoadBar[] {
  const { labels, sessions, binMs } = result.popLoad;
  return sessions.flatMap((row, i) =>
    row.map((n, bin) => ({
      pop: labels[i]!,
      fromMinute: (bin * binMs) / 60_000,
      toMinute: Math.min((bin + 1) * binMs, result.durationMs) / 60_000,
      sessions: n,
    })),
  );
}

/** The time axis of the run: 0 to its end in minutes, not rounded past it. */
function runMinutesScale(result: SimulationResult): { readonly domain: [number, number]; readonly nice: false; readonly zero: true; readonly padding: 0 } {
  return { domain: [0, result.durationMs / 60_000], nice: false, zero: true, padding: 0 };
}

/** A rendered chart. */
export interface RenderedChart {
  /** File name, e.g. "break-by-duration.svg". */
  readonly file: string;
  readonly title: string;
  readonly section: 'duration' | 'session-cut' | 'catchment' | 'load' | 'cost' | 'attack';
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
      x: { field: 'minute', type: 'quantitative', title: 'time (min)', scale: runMinutesScale(result) },
      y: { field: 'share', type: 'quantitative', stack: 'normalize', title: 'share of client ASes', axis: { format: '.0%' } },
      color: { field: 'pop', type: 'nominal', sort: names, title: 'PoP', scale: { domain: names, range: seriesColours(names) } },
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
        color: { field: 'pop', type: 'nominal', sort: names, title: 'PoP', scale: { domain: names, range: seriesColours(names) } },
      },
    },
  };
}

function loadSpec(result: SimulationResult): TopLevelSpec {
  const names = [...result.popLoad.labels];
  return {
    title: 'New sessions per PoP over time',
    width: WIDTH,
    height: HEIGHT,
    data: { values: loadBars(result) },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'fromMinute', type: 'quantitative', title: 'time (min)', scale: runMinutesScale(result) },
      x2: { field: 'toMinute' },
      y: { field: 'sessions', type: 'quantitative', aggregate: 'sum', stack: 'zero', title: 'sessions' },
      color: { field: 'pop', type: 'nominal', sort: names, title: 'PoP', scale: { domain: names, range: seriesColours(names) } },
    },
  };
}

/** Minutes from 1 min to 1 day, log-spaced, for the session-cut curves. */
const CUT_CURVE_MINUTES: readonly number[] = Array.from({ length: 25 }, (_, k) => 10 ** ((k / 24) * Math.log10(1440)));

function sessionCutSpec(result: SimulationResult, view: ReportView): TopLevelSpec | undefined {
  const curves = view.yearly.sessionCut;
  if (curves.length === 0) return undefined;
  const values = curves.flatMap((c) =>
    CUT_CURVE_MINUTES.map((minutes) => ({
      protocol: c.protocol,
      architecture: c.architecture,
      minutes,
      cut: -Math.expm1((-c.breaksPerSessionHour * minutes) / 60),
    })),
  );
  const architectures = result.architectures.filter((a) => curves.some((c) => c.architecture === a));
  return {
    title: 'Chance a session of length L is cut (yearly incident rates)',
    data: { values },
    facet: { field: 'protocol', type: 'nominal', title: null, sort: [...new Set(curves.map((c) => c.protocol))] },
    columns: 2,
    spec: {
      width: 300,
      height: 160,
      mark: { type: 'line' },
      encoding: {
        x: {
          field: 'minutes',
          type: 'quantitative',
          scale: { type: 'log', domain: [1, 1440], nice: false },
          axis: { values: SESSION_LENGTHS_MS.map((ms) => ms / 60_000), title: 'session length (min; 1 min, 10 min, 1 h, 1 day)' },
        },
        y: { field: 'cut', type: 'quantitative', title: 'chance of a cut', axis: { format: '.1%' } },
        color: { field: 'architecture', type: 'nominal', sort: architectures, scale: { domain: architectures, range: seriesColours(architectures) } },
      },
    },
  };
}

/** Renders every chart of the report. */
export async function renderCharts(result: SimulationResult, view: ReportView = reportView(result)): Promise<RenderedChart[]> {
  const sessionCut = sessionCutSpec(result, view);
  return [
    ...(sessionCut === undefined
      ? []
      : [{ file: 'session-cut.svg', title: 'Chance a session of length L is cut', section: 'session-cut' as const, svg: await renderVegaLiteSvg(sessionCut) }]),
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
    ...(result.architectureCosts.length === 0
      ? []
      : [
          {
            file: 'architecture-cost.svg',
            title: 'Breaks vs added latency vs backhaul',
            section: 'cost' as const,
            svg: await renderVegaLiteSvg(costChartSpec(result, seriesColours(result.architectures))),
          },
        ]),
    ...(await attackCharts(result)),
  ];
}

/** One chart per attack, or with response plans one per attack and plan (each plan's own run). */
async function attackCharts(result: SimulationResult): Promise<RenderedChart[]> {
  const plans = result.responsePlans?.plans;
  const drawn = (result.attacks ?? []).flatMap((attack, i): { attack: AttackView; i: number; plan: string | undefined }[] =>
    plans === undefined
      ? [{ attack, i, plan: undefined }]
      : plans.flatMap((p) => (p.attacks?.[i] === undefined ? [] : [{ attack: p.attacks[i]!, i, plan: p.plan }])),
  );
  return Promise.all(
    drawn.map(async ({ attack, i, plan }) => ({
      file: attackChartFile(i, plan),
      title: `Offered and dropped load per PoP, flaps[${attack.flapIndex}]${plan === undefined ? '' : `, plan ${plan}`}`,
      section: 'attack' as const,
      svg: await renderVegaLiteSvg(attackLoadSpec(result, attack, seriesColours, plan)),
    })),
  );
}
