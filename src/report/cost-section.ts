/**
 * "What each architecture costs" (issue 15, item 5): per protocol, every architecture on one
 * table with its breaks, the RTT it adds per packet and at the start, the share of packets it
 * forwards between PoPs, the backhaul that makes, and the address space it needs, so a review
 * sees the trade-off; the chart (cost-chart.ts) puts the same figures on one page.
 */
import type { ArchitectureCostResult, ReplicationInterval } from '../metrics/index.js';
import type { SimulationResult } from '../simulate/index.js';
import { formatPercent, markdownTable } from './format.js';
import { BASELINE_ARCHITECTURE } from './verdict.js';

/** A byte rate in the unit that reads best: "812 B/s", "41.2 kB/s", "3.05 MB/s" (SI). */
export function formatBytesPerS(bytesPerS: number): string {
  if (!Number.isFinite(bytesPerS)) return '∞';
  const units: readonly [string, number][] = [['GB/s', 1e9], ['MB/s', 1e6], ['kB/s', 1e3]];
  for (const [unit, size] of units) if (Math.abs(bytesPerS) >= size) return `${(bytesPerS / size).toPrecision(3)} ${unit}`;
  return `${Math.round(bytesPerS)} B/s`;
}

/** An interval with a formatter for its numbers; an unbounded side (one replication) as ∞. */
function withInterval(ci: ReplicationInterval, format: (x: number) => string): string {
  const side = (x: number): string => (Number.isFinite(x) ? format(x) : x > 0 ? '∞' : '-∞');
  return ci.low === ci.high ? format(ci.estimate) : `${format(ci.estimate)} [${side(ci.low)}, ${side(ci.high)}]`;
}

/** Milliseconds with one decimal ("12.3 ms"; a value that rounds to zero is "0.0 ms", never "-0.0 ms"). */
export function formatMs(ms: number): string {
  const text = ms.toFixed(1);
  return `${text === '-0.0' ? '0.0' : text} ms`;
}

/** The cost of `protocol` under `architecture`, if the run measured it. */
export function costOf(result: SimulationResult, protocol: string, architecture: string): ArchitectureCostResult | undefined {
  return result.architectureCosts.find((c) => c.protocol === protocol && c.architecture === architecture);
}

/** The `## What each architecture costs` section. */
export function renderCostSection(result: SimulationResult): string {
  if (result.architectureCosts.length === 0) return '';
  const rttKnown = result.architectureCosts.every((c) => c.addedRttPerPacketMs !== null);
  const prefixes = new Map(result.addressSpace.map((a) => [a.architecture, a]));
  const out: string[] = ['## What each architecture costs\n'];
  out.push(
    'On the same histories the breaks are judged on. **Added RTT** is over the anycast path of the moment (a packet served ' +
      'where it landed adds nothing): per packet, the mean over the time sessions were open (queries: per query); at the start, ' +
      'the extra wait before a session carries data (a forwarded handshake, the unicast hand-off\'s round trip, the unicast-dns ' +
      'lookup; for DNS the resolver\'s retries). **Forwarded**: packets that landed at another PoP and were carried to the one ' +
      'holding the state (daisy-chain, quic-lb), or served by a pool server in another PoP (global-hash). **Backhaul**: bytes/s ' +
      'between PoPs over the run, client to server (replies return directly from the owner PoP; the JSON also gives both ' +
      'directions). **Prefixes**: /24 IPv4 and /48 IPv6 prefixes announced (one per PoP for unicast designs; the longest ' +
      'prefixes commonly accepted). Mean over replications with the 95 % t-interval. Rules and sources: docs/pop.md, ' +
      '"Cost of each architecture".\n',
  );
  if (!rttKnown) out.push('This run has no geography, so added RTT is not measured (–); forwarding and backhaul are.\n');
  for (const protocol of result.protocols) {
    const rows = result.results
      .filter((r) => r.protocol === protocol)
      .map((r) => {
        const cost = costOf(result, protocol, r.architecture);
        const space = prefixes.get(r.architecture);
        return [
          r.architecture === BASELINE_ARCHITECTURE ? `${r.architecture} (baseline)` : r.architecture,
          withInterval(r.brokenFraction, formatPercent),
          cost?.addedRttPerPacketMs ? withInterval(cost.addedRttPerPacketMs, formatMs) : '–',
          cost?.addedStartMsPerSession ? withInterval(cost.addedStartMsPerSession, formatMs) : '–',
          cost === undefined ? '–' : withInterval(cost.forwardedShare, formatPercent),
          cost === undefined ? '–' : withInterval(cost.backhaulBytesPerS, formatBytesPerS),
          space === undefined ? '–' : `${space.ipv4Slash24} / ${space.ipv6Slash48}`,
        ];
      });
    out.push(`### ${protocol}\n`);
    out.push(
      markdownTable(
        ['architecture', 'broken % [95 % CI]', 'added RTT per packet', 'added at start', 'forwarded', 'backhaul', 'prefixes /24 / /48'],
        rows,
        ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
      ) + '\n',
    );
  }
  return out.join('\n');
}
