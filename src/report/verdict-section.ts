/**
 * The verdicts of a run (verdict.ts) and their table: one row per protocol, in the report under
 * `## Verdicts` (scripts read it) and on the terminal after `anysim run`.
 */
import { DEFAULT_ALLOWANCE, DEFAULT_ALLOWANCE_SOURCE, type ProtocolName } from '../scenario/index.js';
import type { SimulationResult } from '../simulate/index.js';
import { formatPercent, markdownTable } from './format.js';
import { BASELINE_ARCHITECTURE, formatExcess, protocolVerdict, type ProtocolVerdict } from './verdict.js';

/** Where a protocol's allowance comes from: the scenario, or the documented default's source. */
export function allowanceSource(protocol: string, allowance: number): string {
  const name = protocol as ProtocolName;
  return DEFAULT_ALLOWANCE[name] === allowance ? DEFAULT_ALLOWANCE_SOURCE[name] : 'scenario (allowance)';
}

/** Every protocol's verdict, in workload order. */
export function resultVerdicts(result: SimulationResult): ProtocolVerdict[] {
  return result.protocols.map((protocol) => {
    const allowance = result.scenario.allowance[protocol as ProtocolName];
    return protocolVerdict(result.replicates, protocol, result.architectures, allowance, allowanceSource(protocol, allowance));
  });
}

const HEADER = ['protocol', 'verdict', `excess over ${BASELINE_ARCHITECTURE} [95 % CI]`, 'allowance', 'driving cause', 'why'] as const;

function rows(verdicts: readonly ProtocolVerdict[], emphasis: string): string[][] {
  return verdicts.map((v) => [
    v.protocol,
    `${emphasis}${v.verdict}${emphasis}`,
    `${v.architecture}: ${formatExcess(v.excess)}`,
    formatPercent(v.allowance),
    v.drivingCause ?? '–',
    v.reason,
  ]);
}

/** The `## Verdicts` section. */
export function renderVerdictSection(result: SimulationResult, verdicts: readonly ProtocolVerdict[]): string {
  const sources = [...new Set(verdicts.map((v) => `${v.protocol} ${formatPercent(v.allowance)}: ${v.allowanceSource}`))];
  return [
    '## Verdicts\n',
    `\`${BASELINE_ARCHITECTURE}\` is the baseline (clients pinned to a PoP by DNS; failover after health checks and the TTL), ` +
      `not a mitigation: a site failure breaks sessions under every design, so only the excess over the baseline is anycast's. ` +
      `The excess is paired: per replication, (broken under the architecture − broken under the baseline) / sessions, on the same ` +
      `sessions and the same history, then a 95 % t-interval over the ${result.replicates.length} replications. ` +
      `**anycast-safe**: plain anycast's (\`edge\`) upper bound is within the protocol's allowance; **safe with mitigation**: only ` +
      `other architectures' are (named); **unsafe**: none is.\n`,
    markdownTable([...HEADER], rows(verdicts, '**'), ['l', 'l', 'r', 'r', 'l', 'l']) + '\n',
    `Allowances (largest acceptable excess broken fraction): ${sources.join('; ')}.\n`,
  ].join('\n');
}

/** The verdict table for a terminal: fixed-width columns, no markdown emphasis. */
export function renderVerdictTerminalTable(verdicts: readonly ProtocolVerdict[]): string {
  const header = [...HEADER.slice(0, 5)];
  const body = rows(verdicts, '').map((row) => row.slice(0, 5));
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((row) => row[c]!.length)));
  const line = (cells: readonly string[]): string => cells.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n') + '\n';
}
