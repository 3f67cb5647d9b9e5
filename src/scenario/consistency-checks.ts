/**
 * Checks across fields that the schema cannot make one field at a time: PoP names that flaps refer
 * to, duplicated upstreams and protocols, event order (a re-announcement before its withdrawal),
 * events after the scenario's end, Maglev's prime table size (NSDI 2016 §3.4). Problems carry
 * paths in the file's own field names (`flaps[2].reannounceAt`), since the user fixes the file.
 * Whether named ASes exist is checked once the topology is loaded: checkScenarioAgainstTopology.
 */
import type { FieldPath, ScenarioProblem } from './scenario-error.js';
import type { FlapSpec, Scenario } from './scenario.js';
import { formatDurationMs } from './units.js';

/** Names a flap can use for a PoP: the sites' names, or pop-0 .. pop-<count-1> for PoPs by count. */
export function popNames(scenario: Scenario): readonly string[] {
  const pops = scenario.pops;
  if (pops.kind === 'sites') return pops.sites.map((site) => site.name);
  return Array.from({ length: pops.count }, (_, i) => `pop-${i}`);
}

function isPrime(n: number): boolean {
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d += 1) if (n % d === 0) return false;
  return true;
}

function checkSites(scenario: Scenario, problems: ScenarioProblem[]): void {
  if (scenario.pops.kind !== 'sites') return;
  const seenNames = new Map<string, number>();
  scenario.pops.sites.forEach((site, i) => {
    const base: FieldPath = ['pops', 'sites', i];
    const earlier = seenNames.get(site.name);
    if (earlier !== undefined) problems.push({ path: [...base, 'name'], message: `PoP name "${site.name}" is already used by pops.sites[${earlier}]` });
    else seenNames.set(site.name, i);
    const upstreams = new Set<number>();
    site.upstreams.forEach((asn, j) => {
      if (upstreams.has(asn)) problems.push({ path: [...base, 'upstreams', j], message: `upstream AS${asn} is listed twice for PoP "${site.name}"` });
      upstreams.add(asn);
    });
    const peers = new Set<number>();
    site.peers.forEach((asn, j) => {
      if (peers.has(asn)) problems.push({ path: [...base, 'peers', j], message: `peer AS${asn} is listed twice for PoP "${site.name}"` });
      else if (upstreams.has(asn)) problems.push({ path: [...base, 'peers', j], message: `AS${asn} is both an upstream and a peer of PoP "${site.name}"; a neighbour has one relationship` });
      peers.add(asn);
    });
    // The unicast prefix rides the PoP's own sessions: only a subset of them can carry it.
    site.unicastUpstreams?.forEach((asn, j) => {
      if (!upstreams.has(asn)) problems.push({ path: [...base, 'unicastUpstreams', j], message: `AS${asn} is not an upstream of PoP "${site.name}"; unicastUpstreams must be a subset of upstreams` });
    });
    site.unicastPeers?.forEach((asn, j) => {
      if (!peers.has(asn)) problems.push({ path: [...base, 'unicastPeers', j], message: `AS${asn} is not a peer of PoP "${site.name}"; unicastPeers must be a subset of peers` });
    });
  });
}

/** The file's name for each time a flap carries, with its value. */
function flapTimes(flap: FlapSpec): { readonly field: string; readonly ms: number }[] {
  switch (flap.type) {
    case 'pop-withdraw':
      return [{ field: 'at', ms: flap.atMs }, ...(flap.reannounceAtMs === undefined ? [] : [{ field: 'reannounceAt', ms: flap.reannounceAtMs }])];
    case 'pop-failure':
      return [{ field: 'at', ms: flap.atMs }, ...(flap.recoverAtMs === undefined ? [] : [{ field: 'recoverAt', ms: flap.recoverAtMs }])];
    case 'maintenance-drain':
      return [
        { field: 'at', ms: flap.atMs },
        { field: 'withdrawAfter', ms: flap.atMs + flap.withdrawAfterMs },
        ...(flap.restoreAtMs === undefined ? [] : [{ field: 'restoreAt', ms: flap.restoreAtMs }]),
      ];
    case 'link-down':
      return [{ field: 'at', ms: flap.atMs }, ...(flap.upAtMs === undefined ? [] : [{ field: 'upAt', ms: flap.upAtMs }])];
    case 'silent-death':
    case 'ddos':
    case 'policy-shift':
    case 'server-churn':
      return [{ field: 'at', ms: flap.atMs }];
    case 'link-flaps':
    case 'client-flips':
      return [];
  }
}

function checkFlaps(scenario: Scenario, problems: ScenarioProblem[]): void {
  const names = new Set(popNames(scenario));
  const namesHint =
    scenario.pops.kind === 'sites'
      ? `the sites' names (${[...names].slice(0, 10).join(', ')}${names.size > 10 ? ', ...' : ''})`
      : `pop-0 to pop-${scenario.pops.count - 1} (PoPs by count are numbered from 0)`;
  const end = formatDurationMs(scenario.durationMs);
  let clientFlips: number | undefined;
  scenario.flaps.forEach((flap, i) => {
    const base: FieldPath = ['flaps', i];
    if (flap.type === 'client-flips') {
      if (clientFlips !== undefined) {
        problems.push({ path: [...base, 'type'], message: `only one client-flips process is allowed; flaps[${clientFlips}] is one already` });
      } else clientFlips = i;
    }
    if ('pop' in flap && !names.has(flap.pop)) {
      problems.push({ path: [...base, 'pop'], message: `unknown PoP "${flap.pop}"; expected one of ${namesHint}` });
    }
    if (flap.type === 'link-down' && flap.a === flap.b) {
      problems.push({ path: [...base, 'b'], message: `a link joins two different ASes; a and b are both AS${flap.a}` });
    }
    const times = flapTimes(flap);
    const start = times[0];
    for (const time of times) {
      if (time.ms >= scenario.durationMs) {
        problems.push({ path: [...base, time.field], message: `${formatDurationMs(time.ms)} is not before the scenario's end (duration ${end})` });
      } else if (start !== undefined && time !== start && time.ms <= start.ms) {
        problems.push({ path: [...base, time.field], message: `${time.field} (${formatDurationMs(time.ms)}) must come after at (${formatDurationMs(start.ms)})` });
      }
    }
    if (flap.type === 'server-churn' && flap.action !== 'add' && flap.count > scenario.servers.perPop) {
      problems.push({ path: [...base, 'count'], message: `cannot ${flap.action} ${flap.count} servers: a PoP has servers.perPop = ${scenario.servers.perPop}` });
    }
    if (flap.type === 'maintenance-drain' && flap.restoreAtMs !== undefined && flap.restoreAtMs <= flap.atMs + flap.withdrawAfterMs) {
      const withdrawnAt = formatDurationMs(flap.atMs + flap.withdrawAfterMs);
      problems.push({ path: [...base, 'restoreAt'], message: `restoreAt must come after the withdrawal at ${withdrawnAt} (at + withdrawAfter)` });
    }
  });
}

/**
 * Response plans: distinct names; PoPs known; times before the end; announce-to names upstreams
 * or peers of the PoP (when the sites are listed; PoPs placed by count are checked once placed).
 */
function checkResponses(scenario: Scenario, problems: ScenarioProblem[]): void {
  const names = new Set(popNames(scenario));
  const sites = scenario.pops.kind === 'sites' ? scenario.pops.sites : undefined;
  const end = formatDurationMs(scenario.durationMs);
  const seenPlans = new Map<string, number>();
  (scenario.responses ?? []).forEach((plan, p) => {
    const earlier = seenPlans.get(plan.name);
    if (earlier !== undefined) problems.push({ path: ['responses', p, 'plan'], message: `plan name "${plan.name}" is already used by responses[${earlier}]` });
    else seenPlans.set(plan.name, p);
    plan.responses.forEach((response, i) => {
      const base: FieldPath = ['responses', p, 'actions', i];
      if (!names.has(response.pop)) {
        problems.push({ path: [...base, 'pop'], message: `unknown PoP "${response.pop}"; expected one of ${[...names].slice(0, 10).join(', ')}${names.size > 10 ? ', ...' : ''}` });
        return;
      }
      if (response.atMs >= scenario.durationMs) {
        problems.push({ path: [...base, 'at'], message: `${formatDurationMs(response.atMs)} is not before the scenario's end (duration ${end})` });
      }
      const site = sites?.find((s) => s.name === response.pop);
      if (site === undefined || response.action.kind !== 'announce-to') return;
      response.action.neighbourAsns.forEach((asn, j) => {
        if (!site.upstreams.includes(asn) && !site.peers.includes(asn)) {
          problems.push({ path: [...base, 'neighbours', j], message: `AS${asn} is not an upstream or peer of PoP "${site.name}" (upstreams ${site.upstreams.join(', ')}; peers ${site.peers.join(', ') || 'none'})` });
        }
      });
    });
  });
}

function checkWorkload(scenario: Scenario, problems: ScenarioProblem[]): void {
  const seen = new Map<string, number>();
  scenario.workload.forEach((entry, i) => {
    const earlier = seen.get(entry.protocol);
    if (earlier !== undefined) {
      problems.push({ path: ['workload', i, 'protocol'], message: `protocol ${entry.protocol} already has a workload entry (workload[${earlier}]); merge them into one` });
    } else seen.set(entry.protocol, i);
    if (entry.protocol !== 'dns-udp' && entry.resolver !== undefined) {
      problems.push({ path: ['workload', i, 'resolver'], message: `resolver applies to dns-udp only, not to ${entry.protocol}` });
    }
    if (entry.protocol === 'dns-udp' && entry.applicationTimeoutMs !== undefined) {
      problems.push({ path: ['workload', i, 'applicationTimeout'], message: 'applicationTimeout applies to connections (http-short, websocket, db, quic); a dns-udp query follows its resolver' });
    }
    if (entry.packetIntervalMs === undefined) return;
    if (entry.protocol !== 'websocket' && entry.protocol !== 'db') {
      // http-short and quic send continuously while open; a dns-udp query is one packet per attempt.
      problems.push({ path: ['workload', i, 'packetInterval'], message: `packetInterval applies to websocket and db, whose sessions idle between packets; ${entry.protocol} does not` });
    }
  });
}

function checkArchitecturesAndServers(scenario: Scenario, problems: ScenarioProblem[]): void {
  const seen = new Set<string>();
  scenario.architectures.forEach((name, i) => {
    if (seen.has(name)) problems.push({ path: ['architectures', i], message: `architecture ${name} is listed twice` });
    seen.add(name);
  });
  const servers = scenario.servers;
  if (servers.algorithm === 'maglev' && !isPrime(servers.tableSize)) {
    problems.push({ path: ['servers', 'tableSize'], message: `Maglev needs a prime table size (NSDI 2016 §3.4); ${servers.tableSize} is not prime (65537 is)` });
  }
  if (servers.algorithm === 'maglev' && servers.tableSize < servers.perPop) {
    problems.push({ path: ['servers', 'tableSize'], message: `a Maglev table of ${servers.tableSize} entries cannot hold ${servers.perPop} servers; use M > 100 x perPop` });
  }
}

/** Capacity overrides name PoPs the scenario has. */
function checkCapacity(scenario: Scenario, problems: ScenarioProblem[]): void {
  if (scenario.capacity === undefined) return;
  const names = new Set(popNames(scenario));
  for (const name of Object.keys(scenario.capacity.pops)) {
    if (!names.has(name)) problems.push({ path: ['capacity', 'pops', name], message: `unknown PoP "${name}"; expected one of ${[...names].slice(0, 10).join(', ')}` });
  }
}

/**
 * Cross-field problems of a scenario that passed the schema, with the file's field paths; empty
 * when the scenario is consistent.
 */
export function checkScenarioConsistency(scenario: Scenario): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  checkSites(scenario, problems);
  checkFlaps(scenario, problems);
  checkResponses(scenario, problems);
  checkWorkload(scenario, problems);
  checkArchitecturesAndServers(scenario, problems);
  checkCapacity(scenario, problems);
  return problems;
}

/**
 * Problems with ASes the scenario names against the loaded topology: an operator ASN the topology
 * already has; PoP upstreams and peers, and link-down ends, that it lacks (the operator's own ASN is allowed there: its links are the PoPs'). Called by
 * whoever loads the topology, after loading it.
 *
 * @param hasAsn - whether the topology has this AS.
 */
export function checkScenarioAgainstTopology(scenario: Scenario, hasAsn: (asn: number) => boolean): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const topologyName = scenario.topology.kind === 'caida' ? `the CAIDA file ${scenario.topology.file}` : 'the synthetic topology';
  if (hasAsn(scenario.routing.operatorAsn)) {
    problems.push({
      path: ['routing', 'operatorAsn'],
      message: `AS${scenario.routing.operatorAsn} is already an AS of ${topologyName}; the operator's ASN must be one that only the PoPs use`,
    });
  }
  if (scenario.pops.kind === 'sites') {
    scenario.pops.sites.forEach((site, i) => {
      site.upstreams.forEach((asn, j) => {
        if (!hasAsn(asn)) problems.push({ path: ['pops', 'sites', i, 'upstreams', j], message: `upstream AS${asn} of PoP "${site.name}" is not in ${topologyName}` });
      });
      site.peers.forEach((asn, j) => {
        if (!hasAsn(asn)) problems.push({ path: ['pops', 'sites', i, 'peers', j], message: `peer AS${asn} of PoP "${site.name}" is not in ${topologyName}` });
      });
    });
  }
  scenario.flaps.forEach((flap, i) => {
    if (flap.type === 'ddos' && flap.sources.kind === 'asns') {
      flap.sources.asns.forEach((asn, j) => {
        if (!hasAsn(asn)) problems.push({ path: ['flaps', i, 'sources', j], message: `attack source AS${asn} is not in ${topologyName}` });
      });
    }
    if (flap.type !== 'link-down') return;
    for (const end of ['a', 'b'] as const) {
      const asn = flap[end];
      if (asn !== scenario.routing.operatorAsn && !hasAsn(asn)) {
        problems.push({ path: ['flaps', i, end], message: `AS${asn} is not in ${topologyName}` });
      }
    }
  });
  return problems;
}
