/**
 * `anysim catchment`: the steady-state anycast catchment of a topology (item 5 of issue 3). With
 * `--json`, one JSON object keyed by ASN: `{"origin": <asn>, "path": [...]}` or null; without it,
 * a human summary: ASes per origin, unreachable ASes and the AS-path length histogram. With
 * `--rtt` (or `--geography CSV`), each routed AS also gets its RTT to the origin it reaches and
 * to its nearest origin (issue 15, item 2). `--tie-break` picks the rule that decides between
 * equally preferred routes (issue 15, item 3; docs/routing.md "Tie-breaks").
 */
import type { AsGeography } from '../geo/index.js';
import { catchmentMap, steadyStateCatchment } from '../routing/index.js';
import { RandomStreams } from '../sim/index.js';
import { type AsGraph, loadAsRelFile, TopologyError } from '../topology/index.js';
import type { CliIo } from './cli-io.js';
import { quoted } from '../message-text.js';
import { catchmentLatencies, catchmentMapWithRtt, commandGeography, latencySummary } from './catchment-latency-view.js';
import { parseCommandArgs } from './command-args.js';
import { DEFAULT_TIE_BREAK_RULE, parseTieBreakFlag, TIE_BREAK_HELP, tieBreakOfFlag } from './tie-break-flag.js';
import { UsageError } from './usage-error.js';

const USAGE = `usage: anysim catchment --topology FILE --origins ASN[,ASN...] [--json] [--rtt] [--geography CSV] [--seed TEXT]
                        [--tie-break lowest-asn|hot-potato|random]

  --topology FILE   CAIDA as-rel or as-rel2 file (plain, .gz or .bz2, detected by content);
                    default: the file named by the ANYSIM_CAIDA environment variable
  --origins LIST    comma-separated ASNs of the topology that originate the anycast prefix
  --json            print the catchment map as one JSON object
  --rtt             add each AS's RTT to the origin it reaches and to its nearest origin
                    (JSON: rttMs, nearestOrigin, nearestRttMs; docs/geography.md)
  --geography CSV   AS locations, ASN,lat,lon[,users] per line (implies --rtt); ASes it does
                    not list are placed by the seeded fallback
  --seed TEXT       seed of the fallback placement and of the random tie-break (default "1")
  --tie-break RULE  ${TIE_BREAK_HELP}
  --help            print this help
`;

/** Most ASNs in one list flag (a limit: origins of one prefix). */
export const MAX_ASN_LIST_LENGTH = 10_000;

/** Parses a comma-separated ASN list for `flag` (UsageError naming the flag and the bad item). */
export function parseAsnList(text: string, flag: string): number[] {
  const items = text.split(',');
  if (items.length > MAX_ASN_LIST_LENGTH) throw new UsageError(`${flag}: more than ${MAX_ASN_LIST_LENGTH} ASNs`);
  return items.map((item) => {
    if (!/^[0-9]{1,10}$/.test(item) || Number(item) < 1 || Number(item) > 4_294_967_295) {
      throw new UsageError(`${flag}: expected ASNs like 3356,174 (decimal, 1..4294967295, no blanks), got ${quoted(item)}`);
    }
    return Number(item);
  });
}

/**
 * Loads the topology of `--topology`, or of the `ANYSIM_CAIDA` environment variable when the flag
 * is absent (one variable points every command and preset at the CAIDA file), turning loader
 * errors into UsageErrors.
 */
export function loadTopologyForCommand(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): AsGraph {
  const path = flag ?? env['ANYSIM_CAIDA'];
  if (path === undefined || path === '') throw new UsageError('--topology FILE is required (or set ANYSIM_CAIDA to a CAIDA as-rel file)');
  try {
    return loadAsRelFile(path);
  } catch (error) {
    if (error instanceof TopologyError) throw new UsageError(`--topology: ${error.message}`);
    throw error;
  }
}

/** Runs `anysim catchment` with the words after the command name. */
export async function runCatchmentCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs('catchment', {
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      topology: { type: 'string' },
      origins: { type: 'string' },
      json: { type: 'boolean', default: false },
      rtt: { type: 'boolean', default: false },
      geography: { type: 'string' },
      seed: { type: 'string', default: '1' },
      'tie-break': { type: 'string', default: DEFAULT_TIE_BREAK_RULE },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help === true) {
    io.stdout(USAGE);
    return 0;
  }
  if (values.origins === undefined) throw new UsageError('--origins ASN[,ASN...] is required');
  const origins = parseAsnList(values.origins, '--origins');
  const rule = parseTieBreakFlag(values['tie-break'] ?? DEFAULT_TIE_BREAK_RULE);
  const graph = loadTopologyForCommand(values.topology);
  const seed = values.seed ?? '1';
  let geography: AsGeography | undefined;
  const geographyOnce = (): AsGeography => (geography ??= commandGeography(graph, values.geography, seed));
  let catchment;
  try {
    catchment = steadyStateCatchment(graph, origins, tieBreakOfFlag(rule, geographyOnce, () => new RandomStreams(seed).stream('routing/tie-break')));
  } catch (error) {
    if (error instanceof TopologyError) throw new UsageError(`--origins: ${error.message}`);
    throw error;
  }
  const latencies =
    values.rtt === true || values.geography !== undefined
      ? catchmentLatencies(graph, catchment, geographyOnce())
      : undefined;
  if (values.json === true) {
    const map = catchmentMap(catchment);
    io.stdout(`${JSON.stringify(latencies === undefined ? map : catchmentMapWithRtt(graph, catchment, map, latencies))}\n`);
    return 0;
  }
  const perOrigin = new Array<number>(origins.length).fill(0);
  const histogram = new Map<number, number>();
  let unreachable = 0;
  for (let i = 0; i < graph.asCount; i++) {
    const served = catchment.servingOrigin[i]!;
    if (served < 0) {
      unreachable++;
      continue;
    }
    perOrigin[served]!++;
    const length = catchment.pathLength[i]!;
    histogram.set(length, (histogram.get(length) ?? 0) + 1);
  }
  const lines = [`catchment of ${origins.length} origin(s) over ${graph.asCount} ASes, ${graph.linkCount} links`];
  origins.forEach((asn, id) => {
    lines.push(`  AS${asn}: ${perOrigin[id]} ASes (${((100 * perOrigin[id]!) / graph.asCount).toFixed(1)} %)`);
  });
  lines.push(`  unreachable: ${unreachable} ASes`);
  lines.push('AS-path length (ASes on the path, the AS itself included): ASes');
  for (const length of [...histogram.keys()].sort((a, b) => a - b)) lines.push(`  ${length}: ${histogram.get(length)}`);
  if (latencies !== undefined) lines.push(...latencySummary(catchment, latencies));
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
}
