/**
 * The RTT part of `anysim catchment --rtt` (docs/geography.md): every AS placed (a geography CSV,
 * else the seeded fallback), each origin at its AS's home point, and per AS the RTT along its
 * route to the origin it reaches and the straight-line RTT to its nearest origin.
 */
import { GeographyCsvError, parseGeographyCsv, SiteIndex, worldCities, type AsGeography, type LatLon } from '../geo/index.js';
import { InputFileError, readRegularFile } from '../input-file.js';
import { clientLatency, type Catchment, type CatchmentMap } from '../routing/index.js';
import { RandomStreams } from '../sim/index.js';
import { buildAsGeography, type AsGraph } from '../topology/index.js';
import { UsageError } from './usage-error.js';

/** Largest geography CSV the command reads. */
const MAX_GEOGRAPHY_CSV_BYTES = 256 * 1024 * 1024;

/** Per AS index: origin index reached (-1: none), RTT to it, nearest origin index and its RTT. */
export interface CatchmentLatencies {
  readonly geography: AsGeography;
  readonly originLocations: readonly LatLon[];
  readonly rttMs: Float64Array;
  readonly nearestOrigin: Int32Array;
  readonly nearestRttMs: Float64Array;
}

/** Places the graph's ASes from `csvPath` (seeded fallback under `seed` for the rest; none: all fallback). */
export function commandGeography(graph: AsGraph, csvPath: string | undefined, seed: string): AsGeography {
  let rows;
  if (csvPath !== undefined) {
    try {
      rows = parseGeographyCsv(readRegularFile(csvPath, MAX_GEOGRAPHY_CSV_BYTES, 'a geography CSV').toString('utf8'), csvPath);
    } catch (error) {
      if (error instanceof GeographyCsvError || error instanceof InputFileError) throw new UsageError(`--geography: ${error.message}`);
      throw error;
    }
  }
  return buildAsGeography(graph, { cities: worldCities(), random: new RandomStreams(seed).stream('geo/as-cities'), ...(rows === undefined ? {} : { rows }) }).geography;
}

/** Latencies of every AS of an origin catchment, origins at their home points. */
export function catchmentLatencies(graph: AsGraph, catchment: Catchment, geography: AsGeography): CatchmentLatencies {
  const originLocations = catchment.originAsns.map((asn) => geography.pointsOf(graph.indexOf(asn))[0]!);
  const sites = new SiteIndex(originLocations);
  const rttMs = new Float64Array(graph.asCount);
  const nearestOrigin = new Int32Array(graph.asCount);
  const nearestRttMs = new Float64Array(graph.asCount);
  for (let i = 0; i < graph.asCount; i++) {
    const latency = clientLatency(catchment, geography, sites, i);
    rttMs[i] = latency.rttMs;
    nearestOrigin[i] = latency.nearestPopIndex;
    nearestRttMs[i] = latency.nearestRttMs;
  }
  return { geography, originLocations, rttMs, nearestOrigin, nearestRttMs };
}

/** The catchment map with `rttMs`, `nearestOrigin` and `nearestRttMs` (ms to 0.01) on every routed AS. */
export function catchmentMapWithRtt(graph: AsGraph, catchment: Catchment, map: CatchmentMap, latencies: CatchmentLatencies): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < graph.asCount; i++) {
    const key = String(graph.asnAt(i));
    const entry = map[key];
    out[key] =
      entry === null || entry === undefined
        ? null
        : {
            ...entry,
            rttMs: round2(latencies.rttMs[i]!),
            nearestOrigin: catchment.originAsns[latencies.nearestOrigin[i]!]!,
            nearestRttMs: round2(latencies.nearestRttMs[i]!),
          };
  }
  return out;
}

/** Summary lines: per origin, its ASes' median RTT to it and to their nearest origin, and how many are not on their nearest. */
export function latencySummary(catchment: Catchment, latencies: CatchmentLatencies): string[] {
  const lines = ['RTT (propagation, 2/3 c, route inflation 1.3; docs/geography.md): median to the origin reached / to the nearest origin'];
  catchment.originAsns.forEach((asn, origin) => {
    const reached: number[] = [];
    const nearest: number[] = [];
    let notNearest = 0;
    for (let i = 0; i < catchment.network.asCount; i++) {
      if (catchment.servingOrigin[i] !== origin) continue;
      reached.push(latencies.rttMs[i]!);
      nearest.push(latencies.nearestRttMs[i]!);
      if (latencies.nearestOrigin[i] !== origin) notNearest++;
    }
    if (reached.length === 0) return;
    lines.push(
      `  AS${asn}: ${median(reached).toFixed(1)} ms / ${median(nearest).toFixed(1)} ms; ${notNearest} of ${reached.length} ASes have another origin nearer`,
    );
  });
  return lines;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
