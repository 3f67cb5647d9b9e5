/**
 * The report's first section: what was simulated, read back from the normalised scenario the run
 * carries — its description, topology, footprint, flap processes with their rates, workload and
 * replications — so a reader can judge the verdicts without opening the scenario file.
 */
import type { DurationDistribution, FlapSpec, Scenario } from '../scenario/index.js';
import type { SimulationResult } from '../simulate/index.js';
import { formatCount, formatDurationMs, formatPercent, formatRatePerS, markdownTable } from './format.js';

/** "lognormal, median 10.0 min, σ 1". */
export function formatDistribution(d: DurationDistribution): string {
  switch (d.kind) {
    case 'fixed':
      return `fixed ${formatDurationMs(d.valueMs)}`;
    case 'exponential':
      return `exponential, mean ${formatDurationMs(d.meanMs)}`;
    case 'lognormal':
      return `lognormal, median ${formatDurationMs(d.medianMs)}, σ ${d.sigma}`;
    case 'pareto':
      return `Pareto, scale ${formatDurationMs(d.scaleMs)}, shape ${d.shape}`;
  }
}

/** What one flap process does, and how often: [what, when or rate]. */
export function describeFlap(flap: FlapSpec): readonly [string, string] {
  const at = (ms: number): string => `at ${formatDurationMs(ms)}`;
  switch (flap.type) {
    case 'pop-withdraw':
      return [`${flap.pop} withdrawn${flap.reannounceAtMs === undefined ? '' : `, re-announced at ${formatDurationMs(flap.reannounceAtMs)}`}`, at(flap.atMs)];
    case 'pop-failure':
      return [
        `${flap.pop} fails; health checks every ${formatDurationMs(flap.healthCheckIntervalMs)}, ${flap.failureThreshold} misses${flap.recoverAtMs === undefined ? '' : `; back at ${formatDurationMs(flap.recoverAtMs)}`}`,
        at(flap.atMs),
      ];
    case 'silent-death':
      return [`${flap.pop} dies without a withdrawal (found by the BGP hold timer)`, at(flap.atMs)];
    case 'maintenance-drain':
      return [
        `${flap.pop} drained: prepend ${flap.prepend}, withdrawn ${formatDurationMs(flap.withdrawAfterMs)} later${flap.restoreAtMs === undefined ? '' : `, restored at ${formatDurationMs(flap.restoreAtMs)}`}`,
        at(flap.atMs),
      ];
    case 'link-down':
      return [`link AS${flap.a}–AS${flap.b} down${flap.upAtMs === undefined ? '' : `, up at ${formatDurationMs(flap.upAtMs)}`}`, at(flap.atMs)];
    case 'link-flaps':
      return [`${flap.links === 'pop-upstreams' ? 'PoP upstream links' : 'any link'} flap; down for ${formatDistribution(flap.downTime)}`, `${formatRatePerS(flap.ratePerS)} per link`];
    case 'policy-shift':
      return [`${flap.pop} prepends ${flap.prepend}`, at(flap.atMs)];
    case 'server-churn':
      return [`${flap.pop}: ${flap.action} ${flap.count} server${flap.count === 1 ? '' : 's'}`, at(flap.atMs)];
    case 'client-flips':
      return [`${formatPercent(flap.unstableFraction)} of client ASes flip to another PoP`, `${formatRatePerS(flap.ratePerS)} per unstable client`];
    case 'ddos': {
      const near = flap.sources.kind === 'drawn' && flap.sources.near !== undefined ? flap.sources.near : undefined;
      const region = near === undefined ? '' : ` within ${formatCount(near.radiusKm)} km of (${near.center.latDeg}, ${near.center.lonDeg})`;
      const sources = flap.sources.kind === 'asns' ? `AS${flap.sources.asns.join(', AS')}` : `${formatCount(flap.sources.count)} client ASes drawn by ${flap.sources.weighting}${region}`;
      const gbps = Number((flap.bitsPerS / 1e9).toPrecision(3));
      return [`DDoS of ${gbps} Gbit/s (${flap.packetBytes}-byte packets${flap.spoofed ? ', spoofed' : ''}) from ${sources} for ${formatDurationMs(flap.durationMs)}`, at(flap.atMs)];
    }
  }
}

function topologyText(scenario: Scenario, result: SimulationResult): string {
  const t = result.topology;
  const kind = scenario.topology.kind === 'synthetic' ? `a synthetic Internet-like graph of ${formatCount(scenario.topology.ases)} ASes` : `the CAIDA graph ${t.source}`;
  return (
    `${kind}: ${formatCount(t.ases)} ASes, ${formatCount(t.links)} links, ${formatCount(t.clientAses)} client ASes ` +
    `(${scenario.clients.ases === 'stubs' ? 'stub ASes' : 'every AS'}, weighted ${scenario.clients.weighting})` +
    (t.unreachableClientAses > 0 ? `; ${formatCount(t.unreachableClientAses)} more have no route to any PoP and host no clients` : '')
  );
}

/** The BGP neighbour links of the footprint: every PoP's upstreams and peers. */
export function popLinkCount(pops: SimulationResult['pops']): number {
  return pops.reduce((n, p) => n + p.upstreams.length + p.peers.length, 0);
}

function footprintText(result: SimulationResult): string {
  const pops = result.pops;
  const links = popLinkCount(pops);
  const listed = pops.length <= 12 ? pops.map((p) => `${p.name} (AS${p.upstreams.join(', AS')}${p.peers.length > 0 ? `; ${p.peers.length} peers` : ''})`).join(', ') : `${pops.slice(0, 10).map((p) => p.name).join(', ')} and ${pops.length - 10} more`;
  return `${pops.length} PoPs, ${formatCount(links)} BGP neighbour links: ${listed}`;
}

/** The `## Inputs` section. */
export function renderInputsSection(result: SimulationResult): string {
  const scenario = result.scenario;
  const out: string[] = ['## Inputs\n'];
  if (scenario.description !== '') out.push(`${scenario.description.trim()}\n`);
  out.push(
    [
      `- **Topology**: ${topologyText(scenario, result)}.`,
      `- **Footprint**: ${footprintText(result)}; ${scenario.servers.perPop} servers per PoP behind ${scenario.servers.algorithm}.`,
      `- **Run**: ${formatDurationMs(scenario.durationMs)} of virtual time, ${result.replications} independent replication${result.replications === 1 ? '' : 's'} ` +
        `(own flap draws, routes and sessions), seed \`${scenario.seed}\`; ${formatCount(result.sessions)} sessions judged under ` +
        `${result.architectures.length} architectures (${result.architectures.join(', ')}), each on the same sessions and history.`,
      `- **Intervals**: ${result.intervalMethod}.`,
    ].join('\n') + '\n',
  );
  if (scenario.flaps.length === 0) {
    out.push('No flap processes: nothing changes during the run.\n');
  } else {
    out.push(
      markdownTable(
        ['flap process', 'type', 'what', 'when / rate'],
        scenario.flaps.map((flap, i) => [`flaps[${i}]`, flap.type, ...describeFlap(flap)]),
      ) + '\n',
    );
  }
  out.push(
    markdownTable(
      ['protocol', 'arrivals', 'session length', 'notes'],
      scenario.workload.map((w) => [
        w.protocol,
        formatRatePerS(w.arrivalsPerS),
        formatDistribution(w.duration),
        [
          w.resolver === undefined ? '' : `resolver ${w.resolver.profile}: ${formatDurationMs(w.resolver.timeoutMs)} × ${w.resolver.attempts}`,
          w.packetIntervalMs === undefined ? '' : `a packet every ${formatDurationMs(w.packetIntervalMs)} when idle`,
          w.diurnal === undefined ? '' : `diurnal ±${formatPercent(w.diurnal.amplitude)}`,
        ]
          .filter((x) => x !== '')
          .join('; ') || '–',
      ]),
      ['l', 'r', 'l', 'l'],
    ) + '\n',
  );
  return out.join('\n');
}
