/**
 * `anysim converge`: BGP dynamics after routing events, run to quiescence (item 8 of issue 3).
 * Starts from the steady state of `--origins`, applies each `--event` (at time 0, or at `@S`
 * seconds when suffixed), runs the clock dry and reports UPDATEs sent, whether the final routes
 * equal the steady state, the final catchment map, convergence percentiles and per-AS settle
 * times (Labovitz et al., SIGCOMM 2000, for the terms). `--tie-break` picks the rule that decides
 * between equally preferred routes, as `anysim catchment --tie-break` and a scenario's
 * `routing.tieBreak` do (docs/routing.md "Tie-breaks").
 */
import { BgpSimulation, catchmentMap, ConvergenceRecorder } from '../routing/index.js';
import { Clock, RandomStreams } from '../sim/index.js';
import { TopologyError } from '../topology/index.js';
import type { AsGeography } from '../geo/index.js';
import { loadTopologyForCommand, parseAsnList } from './catchment-command.js';
import { commandGeography } from './catchment-latency-view.js';
import type { CliIo } from './cli-io.js';
import { didYouMean } from '../did-you-mean.js';
import { quoted } from '../message-text.js';
import { parseCommandArgs, parseDecimalFlag, parseEnumFlag } from './command-args.js';
import { DEFAULT_TIE_BREAK_RULE, parseTieBreakFlag, TIE_BREAK_HELP, tieBreakOfFlag } from './tie-break-flag.js';
import { UsageError } from './usage-error.js';

const USAGE = `usage: anysim converge --topology FILE --origins ASN[,ASN...] --event EVENT [--event EVENT ...]
                       [--mrai-s 30] [--wrate] [--damping] [--seed N] [--json]
                       [--tie-break lowest-asn|hot-potato|random] [--geography CSV]

  --topology FILE   CAIDA as-rel or as-rel2 file (plain, .gz or .bz2); default: $ANYSIM_CAIDA
  --origins LIST    ASNs originating the prefix at the start (steady state)
  --event EVENT     withdraw:ASN | announce:ASN | link-down:A-B | link-up:A-B, optionally @SECONDS
                    (default @0); announce may name an AS not in --origins
  --mrai-s S        MRAI in seconds (default 30; 0 turns it off)
  --mrai-timers M   busy (default: per-peer timers always running) or idle
  --wrate           rate-limit withdrawals by MRAI too
  --damping         route flap damping with RFC 2439 / Cisco defaults
  --seed N          root seed of the random streams (default 1)
  --tie-break RULE  ${TIE_BREAK_HELP}
  --geography CSV   AS locations for --tie-break hot-potato, ASN,lat,lon[,users] per line;
                    ASes it does not list are placed by the seeded fallback
  --json            print one JSON object
  --help            print this help
`;

/** Most events one run takes (a limit). */
export const MAX_CONVERGE_EVENTS = 10_000;

/** Latest event time, in seconds: 30 days, the longest scenario (src/scenario/units.ts). */
export const MAX_EVENT_TIME_S = 30 * 86_400;

const EVENT_KINDS = ['withdraw', 'announce', 'link-down', 'link-up'] as const;

interface ConvergeEvent {
  readonly kind: 'withdraw' | 'announce' | 'link-down' | 'link-up';
  readonly asns: readonly number[];
  readonly atMs: number;
}

function parseEvent(text: string): ConvergeEvent {
  const match = /^([a-z-]+):([0-9-]+)(?:@([^@]*))?$/.exec(text);
  const bad = (): UsageError =>
    new UsageError(`--event: expected withdraw:ASN, announce:ASN, link-down:A-B or link-up:A-B (optionally @SECONDS), got ${quoted(text)}${match === null ? '' : didYouMean(match[1]!, EVENT_KINDS)}`);
  if (match === null || !(EVENT_KINDS as readonly string[]).includes(match[1]!)) throw bad();
  const kind = match[1] as ConvergeEvent['kind'];
  const parts = match[2]!.split('-');
  const pair = kind === 'link-down' || kind === 'link-up';
  if (parts.length !== (pair ? 2 : 1) || parts.some((p) => p === '')) throw bad();
  const asns = parseAsnList(parts.join(','), '--event');
  const atMs = match[3] === undefined ? 0 : Math.round(parseDecimalFlag('--event: @SECONDS', match[3], { min: 0, max: MAX_EVENT_TIME_S, fraction: true, unit: 'seconds' }) * 1000);
  return { kind, asns, atMs };
}

/** Runs `anysim converge` with the words after the command name. */
export async function runConvergeCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs('converge', {
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      topology: { type: 'string' },
      origins: { type: 'string' },
      event: { type: 'string', multiple: true },
      'mrai-s': { type: 'string' },
      'mrai-timers': { type: 'string' },
      wrate: { type: 'boolean', default: false },
      damping: { type: 'boolean', default: false },
      seed: { type: 'string' },
      'tie-break': { type: 'string', default: DEFAULT_TIE_BREAK_RULE },
      geography: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help === true) {
    io.stdout(USAGE);
    return 0;
  }
  if (values.origins === undefined) throw new UsageError('--origins ASN[,ASN...] is required');
  const origins = parseAsnList(values.origins, '--origins');
  const eventTexts = values.event ?? [];
  if (eventTexts.length === 0) throw new UsageError('--event is required at least once');
  if (eventTexts.length > MAX_CONVERGE_EVENTS) throw new UsageError(`--event: more than ${MAX_CONVERGE_EVENTS} events`);
  const events = eventTexts.map(parseEvent).sort((a, b) => a.atMs - b.atMs);
  const mraiTimers = parseEnumFlag('--mrai-timers', values['mrai-timers'] ?? 'busy', ['busy', 'idle'] as const);
  const mraiS = values['mrai-s'] === undefined ? 30 : parseDecimalFlag('--mrai-s', values['mrai-s'], { min: 0, max: 3600, fraction: true, unit: 'seconds' });
  const seedText = values.seed ?? '1';
  parseDecimalFlag('--seed', seedText, { min: 0, max: Number.MAX_SAFE_INTEGER });
  const rule = parseTieBreakFlag(values['tie-break'] ?? DEFAULT_TIE_BREAK_RULE);
  if (values.geography !== undefined && rule !== 'hot-potato') throw new UsageError(`--geography: applies only with --tie-break hot-potato (got --tie-break ${rule})`);
  const graph = loadTopologyForCommand(values.topology);

  const clock = new Clock();
  const streams = new RandomStreams(Number(seedText));
  const geography = (): AsGeography => commandGeography(graph, values.geography, seedText);
  const tieBreak = tieBreakOfFlag(rule, geography, () => streams.stream('routing/tie-break'));
  let simulation: BgpSimulation;
  try {
    simulation = new BgpSimulation(
      clock,
      graph,
      origins,
      { mraiMs: mraiS * 1000, mraiTimers, wrate: values.wrate === true, damping: values.damping === true },
      streams,
      { tieBreak },
    );
  } catch (error) {
    if (error instanceof TopologyError) throw new UsageError(`--origins: ${error.message}`);
    throw error;
  }
  const startMs = events[0]!.atMs;
  const recorder = new ConvergenceRecorder(simulation, startMs);
  for (const event of events) {
    clock.schedule(event.atMs, () => {
      const [a, b] = event.asns as [number, number | undefined];
      if (event.kind === 'withdraw') simulation.withdrawOrigin(a);
      else if (event.kind === 'announce') simulation.announceOrigin(a);
      else if (event.kind === 'link-down') simulation.linkDown(a, b!);
      else simulation.linkUp(a, b!);
    });
  }
  try {
    clock.run();
  } catch (error) {
    if (error instanceof TopologyError) throw new UsageError(`--event: ${error.message}`);
    throw error;
  }
  const report = recorder.finish(clock.nowMs);
  const ases: Record<string, unknown> = {};
  for (const [i, figures] of report.ases) ases[String(graph.asnAt(i))] = figures;
  const result = {
    updates: simulation.updatesSent,
    finalMatchesSteadyState: simulation.matchesSteadyState(),
    quiescedAtMs: clock.nowMs,
    convergenceMs: report.convergenceMs,
    ases,
    final: catchmentMap(simulation.currentCatchment()),
  };
  if (values.json === true) {
    io.stdout(`${JSON.stringify(result)}\n`);
    return 0;
  }
  const { p50, p90, max } = report.convergenceMs;
  const routeChanged = [...report.ases.values()].filter((a) => a.routeSettledMs !== null).length;
  const blackholed = [...report.ases.values()].filter((a) => a.blackholeMs > 0).length;
  const looped = [...report.ases.values()].filter((a) => a.loopMs > 0).length;
  io.stdout(
    [
      `converged after ${events.length} event(s): quiet at ${(clock.nowMs / 1000).toFixed(1)} s`,
      `  UPDATE messages sent: ${result.updates}`,
      `  ASes whose best route changed: ${routeChanged} of ${graph.asCount}`,
      `  convergence (s): p50 ${(p50 / 1000).toFixed(1)}, p90 ${(p90 / 1000).toFixed(1)}, max ${(max / 1000).toFixed(1)}`,
      `  ASes black-holed at some point: ${blackholed}; in a loop: ${looped}`,
      `  final state equals the steady state: ${result.finalMatchesSteadyState ? 'yes' : 'NO'}`,
    ].join('\n') + '\n',
  );
  return 0;
}
