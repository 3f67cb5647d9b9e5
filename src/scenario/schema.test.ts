import { describe, expect, it } from 'vitest';
import { ALL_ARCHITECTURES } from './defaults.js';
import { parseScenarioText, parseScenarioValue } from './load-scenario.js';
import type { FlapSpec } from './scenario.js';
import { minimalScenarioValue as minimal, scenarioValueProblems as problemsOf } from '../../test/scenario-values.js';

const ISSUE_EXAMPLE = `name: calibration-example
seed: 1
duration: 2h
topology: { synthetic: { ases: 500 } }
pops: { count: 4 }
flaps:
  - type: client-flips
    rate: 3/h
    unstableFraction: 1
workload:
  - protocol: http-short
    arrivals: 20/s
    duration: { fixed: 60s }
architectures: [edge]
`;

function flapsOf(flaps: unknown[]): readonly FlapSpec[] {
  return parseScenarioValue(minimal({ flaps }), 'test.yaml').flaps;
}

describe('the scenario schema', () => {
  it('parses the issue example unchanged into ms and per-second rates', () => {
    const scenario = parseScenarioText(ISSUE_EXAMPLE, 'calibration-example.yaml');
    expect(scenario.name).toBe('calibration-example');
    expect(scenario.seed).toBe('1');
    expect(scenario.durationMs).toBe(2 * 3_600_000);
    expect(scenario.topology).toEqual({ kind: 'synthetic', ases: 500 });
    expect(scenario.pops).toEqual({ kind: 'count', count: 4, upstreamsPerPop: 2 });
    expect(scenario.flaps).toEqual([{ type: 'client-flips', ratePerS: 3 / 3600, unstableFraction: 1, mode: 'per-packet' }]);
    expect(scenario.workload).toEqual([{ protocol: 'http-short', arrivalsPerS: 20, duration: { kind: 'fixed', valueMs: 60_000 } }]);
    expect(scenario.architectures).toEqual(['edge']);
  });

  it('fills documented defaults', () => {
    const scenario = parseScenarioValue(minimal());
    expect(scenario.seed).toBe('1');
    expect(scenario.description).toBe('');
    expect(scenario.routing).toEqual({
      operatorAsn: 64500,
      mraiMs: 30_000,
      mraiTimers: 'busy',
      wrate: false,
      damping: false,
      holdTimeMs: 90_000,
      linkDelayMs: [1, 50],
      processingDelayMs: [1, 100],
      unicastDynamics: 'bgp',
      tieBreak: 'lowest-asn',
    });
    expect(scenario.servers).toEqual({ perPop: 8, algorithm: 'maglev', tableSize: 65537, vnodes: 1000, conntrackCapacity: 1_000_000, conntrackIdleTimeoutMs: 3_600_000 });
    expect(scenario.serving).toEqual({ globalHashUpdateDelayMs: [1_000, 10_000], healthCheckIntervalMs: 10_000, failureThreshold: 3, dnsTtlMs: 60_000, quicResetKey: 'shared' });
    expect(scenario.clients).toEqual({ ases: 'stubs', weighting: 'uniform' });
    expect(scenario.flaps).toEqual([]);
    expect(scenario.architectures).toEqual(ALL_ARCHITECTURES);
    expect(scenario.allowance).toEqual({ 'dns-udp': 0.001, 'http-short': 0.001, websocket: 0.01, db: 0.01, quic: 0.005 });
    expect(scenario.eventRatesPerYear).toEqual({});
  });

  it('reads allowances, falls back to the former slo.maxBrokenFraction, then to the defaults', () => {
    const scenario = parseScenarioValue(minimal({ allowance: { 'dns-udp': 0.002 }, slo: { maxBrokenFraction: { 'dns-udp': 0.5, websocket: 0.05 } } }));
    expect(scenario.allowance['dns-udp']).toBe(0.002);
    expect(scenario.allowance.websocket).toBe(0.05);
    expect(scenario.allowance.db).toBe(0.01);
    expect(() => parseScenarioValue(minimal({ allowance: { websocket: 2 } }))).toThrow(/allowance\.websocket: 2 is above 1/);
  });

  it('keeps only the yearly incident rates the file names, and rejects unknown classes and negative rates', () => {
    expect(parseScenarioValue(minimal({ eventRatesPerYear: { 'pop-failure': 0.5, 'link-flap': 100 } })).eventRatesPerYear).toEqual({
      'pop-failure': 0.5,
      'link-flap': 100,
    });
    expect(() => parseScenarioValue(minimal({ eventRatesPerYear: { 'pop-failure': -1 } }))).toThrow(/eventRatesPerYear\.pop-failure: .*cannot be negative/);
    expect(() => parseScenarioValue(minimal({ eventRatesPerYear: { 'pop-fail': 1 } }))).toThrow(/unknown field "pop-fail"/);
  });

  it('merges partial allowances with the defaults and keeps partial sections', () => {
    const scenario = parseScenarioValue(
      minimal({ allowance: { websocket: 0.05 }, routing: { mrai: '5s', wrate: true }, servers: { conntrack: { capacity: 10 } } }),
    );
    expect(scenario.allowance.websocket).toBe(0.05);
    expect(scenario.allowance.db).toBe(0.01);
    expect(scenario.routing.mraiMs).toBe(5_000);
    expect(scenario.routing.wrate).toBe(true);
    expect(scenario.routing.holdTimeMs).toBe(90_000);
    expect(scenario.servers.conntrackCapacity).toBe(10);
    expect(scenario.servers.conntrackIdleTimeoutMs).toBe(3_600_000);
  });

  it('reads seeds as strings, numbers included', () => {
    expect(parseScenarioValue(minimal({ seed: 42 })).seed).toBe('42');
    expect(parseScenarioValue(minimal({ seed: 'review-7' })).seed).toBe('review-7');
    expect(problemsOf(minimal({ seed: 1.5 }))).toContain('seed: expected a seed');
  });

  it('reads PoP sites, CAIDA topologies and client settings', () => {
    const scenario = parseScenarioValue(
      minimal({
        topology: { caida: { file: 'data/as-rel.txt' } },
        pops: { sites: [{ name: 'fra', upstreams: [3356, 1299], peers: [6939] }, { name: 'ams', upstreams: [174] }] },
        clients: { ases: 'all', weighting: 'degree' },
      }),
    );
    expect(scenario.topology).toEqual({ kind: 'caida', file: 'data/as-rel.txt' });
    expect(scenario.pops).toEqual({
      kind: 'sites',
      sites: [
        { name: 'fra', upstreams: [3356, 1299], peers: [6939] },
        { name: 'ams', upstreams: [174], peers: [] },
      ],
    });
    expect(scenario.clients).toEqual({ ases: 'all', weighting: 'degree' });
  });

  it('reads which neighbours carry a PoP\'s unicast prefix, and how unicast prefixes converge', () => {
    const scenario = parseScenarioValue(
      minimal({
        pops: { sites: [{ name: 'fra', upstreams: [3356, 1299], peers: [6939], unicastUpstreams: [1299], unicastPeers: [] }, { name: 'ams', upstreams: [174] }] },
        routing: { unicastDynamics: 'steady-state' },
      }),
    );
    expect(scenario.pops).toEqual({
      kind: 'sites',
      sites: [
        { name: 'fra', upstreams: [3356, 1299], peers: [6939], unicastUpstreams: [1299], unicastPeers: [] },
        { name: 'ams', upstreams: [174], peers: [] },
      ],
    });
    expect(scenario.routing.unicastDynamics).toBe('steady-state');
    expect(problemsOf(minimal({ routing: { unicastDynamics: 'fast' } }))).toContain(
      'test.yaml: routing.unicastDynamics: expected how the PoPs\' unicast prefixes converge: one of "bgp", "steady-state"; got the string "fast"',
    );
  });

  it('reads routing.tieBreak, lowest-asn by default, and names the rules and the nearest one on a typo', () => {
    expect(parseScenarioValue(minimal({})).routing.tieBreak).toBe('lowest-asn');
    expect(parseScenarioValue(minimal({ routing: { tieBreak: 'hot-potato' } })).routing.tieBreak).toBe('hot-potato');
    expect(parseScenarioValue(minimal({ routing: { tieBreak: 'random' } })).routing.tieBreak).toBe('random');
    expect(problemsOf(minimal({ routing: { tieBreak: 'hotpotato' } }))).toContain(
      'test.yaml: routing.tieBreak: expected how an AS picks among equally preferred routes: one of "lowest-asn", "hot-potato", "random"; got the string "hotpotato"; did you mean "hot-potato"?',
    );
  });

  it('reads every duration distribution', () => {
    const durations = [
      [{ fixed: '60s' }, { kind: 'fixed', valueMs: 60_000 }],
      [{ exponential: { mean: '1h' } }, { kind: 'exponential', meanMs: 3_600_000 }],
      [{ lognormal: { median: '30s', sigma: 1.2 } }, { kind: 'lognormal', medianMs: 30_000, sigma: 1.2 }],
      [{ pareto: { scale: '10s', shape: 1.5 } }, { kind: 'pareto', scaleMs: 10_000, shape: 1.5 }],
    ] as const;
    for (const [file, normalised] of durations) {
      const scenario = parseScenarioValue(minimal({ workload: [{ protocol: 'db', arrivals: '1/s', duration: file }] }));
      expect(scenario.workload[0]!.duration).toEqual(normalised);
    }
    expect(problemsOf(minimal({ workload: [{ protocol: 'db', arrivals: '1/s', duration: { fixed: '1s', exponential: { mean: '1s' } } }] }))).toContain(
      'expected exactly one of fixed, exponential, lognormal, pareto; got fixed and exponential',
    );
  });

  it('reads recursive resolvers, application timeouts and the QUIC reset key', () => {
    const scenario = parseScenarioValue(
      minimal({
        workload: [
          { protocol: 'dns-udp', arrivals: '50/s', duration: { fixed: '100ms' }, resolver: 'unbound' },
          { protocol: 'db', arrivals: '5/s', duration: { fixed: '1s' }, applicationTimeout: 'none' },
          { protocol: 'http-short', arrivals: '5/s', duration: { fixed: '1s' }, applicationTimeout: '10s' },
        ],
        serving: { quicResetKey: 'per-pop' },
      }),
    );
    expect(scenario.workload[0]!.resolver).toEqual({ profile: 'unbound', timeoutMs: 376, attempts: 8 });
    expect(scenario.workload[1]!.applicationTimeoutMs).toBe(Number.POSITIVE_INFINITY);
    expect(scenario.workload[2]!.applicationTimeoutMs).toBe(10_000);
    expect(scenario.serving.quicResetKey).toBe('per-pop');
    expect(problemsOf(minimal({ workload: [{ protocol: 'db', arrivals: '1/s', duration: { fixed: '1s' }, applicationTimeout: 'never' }] }))).toContain(
      'workload[0].applicationTimeout: expected an application timeout',
    );
    expect(problemsOf(minimal({ serving: { quicResetKey: 'secret' } }))).toContain('serving.quicResetKey: expected who can send a QUIC stateless reset');
  });

  it('reads resolvers, the diurnal shape and the packet interval', () => {
    const scenario = parseScenarioValue(
      minimal({
        workload: [
          { protocol: 'dns-udp', arrivals: '50/s', duration: { fixed: '100ms' } },
          { protocol: 'websocket', arrivals: '5/s', duration: { fixed: '1s' }, diurnal: { amplitude: 0.5, peak: '14h' }, packetInterval: '30s' },
        ],
      }),
    );
    expect(scenario.workload[0]!.resolver).toEqual({ profile: 'glibc', timeoutMs: 5_000, attempts: 2 });
    expect(scenario.workload[1]!.resolver).toBeUndefined();
    expect(scenario.workload[1]!.diurnal).toEqual({ amplitude: 0.5, peakMs: 14 * 3_600_000 });
    expect(scenario.workload[1]!.packetIntervalMs).toBe(30_000);
    const dns = (resolver: unknown) =>
      parseScenarioValue(minimal({ workload: [{ protocol: 'dns-udp', arrivals: '1/s', duration: { fixed: '1s' }, resolver }] })).workload[0]!.resolver;
    expect(dns('c-ares')).toEqual({ profile: 'c-ares', timeoutMs: 5_000, attempts: 4 });
    expect(dns({ timeout: '2s', attempts: 3 })).toEqual({ profile: 'custom', timeoutMs: 2_000, attempts: 3 });
    expect(problemsOf(minimal({ workload: [{ protocol: 'quic', arrivals: '1/s', duration: { fixed: '1s' }, diurnal: { amplitude: 0.5, peak: '24h' } }] }))).toContain(
      'workload[0].diurnal.peak: a time of day must be below 24h',
    );
  });

  it('normalises every flap type, filling pop-failure health checks from serving', () => {
    const flaps = flapsOf([
      { type: 'pop-withdraw', pop: 'pop-1', at: '10m', reannounceAt: '20m' },
      { type: 'pop-failure', pop: 'pop-0', at: '5m' },
      { type: 'pop-failure', pop: 'pop-0', at: '5m', healthCheckInterval: '30s', failureThreshold: 2, recoverAt: '6m' },
      { type: 'silent-death', pop: 'pop-2', at: '0s' },
      { type: 'maintenance-drain', pop: 'pop-2', at: '1m' },
      { type: 'link-down', a: 1, b: 2, at: '1m', upAt: '2m' },
      { type: 'link-flaps', rate: '2/d', downTime: { exponential: { mean: '2m' } } },
      { type: 'policy-shift', pop: 'pop-1', at: '1m', prepend: 2 },
      { type: 'server-churn', pop: 'pop-1', at: '1m', action: 'drain' },
      { type: 'client-flips', rate: '3/h', unstableFraction: 0.01 },
    ]);
    expect(flaps).toEqual([
      { type: 'pop-withdraw', pop: 'pop-1', atMs: 600_000, reannounceAtMs: 1_200_000 },
      { type: 'pop-failure', pop: 'pop-0', atMs: 300_000, healthCheckIntervalMs: 10_000, failureThreshold: 3 },
      { type: 'pop-failure', pop: 'pop-0', atMs: 300_000, recoverAtMs: 360_000, healthCheckIntervalMs: 30_000, failureThreshold: 2 },
      { type: 'silent-death', pop: 'pop-2', atMs: 0 },
      { type: 'maintenance-drain', pop: 'pop-2', atMs: 60_000, prepend: 3, withdrawAfterMs: 300_000 },
      { type: 'link-down', a: 1, b: 2, atMs: 60_000, upAtMs: 120_000 },
      { type: 'link-flaps', ratePerS: 2 / 86_400, downTime: { kind: 'exponential', meanMs: 120_000 }, links: 'pop-upstreams' },
      { type: 'policy-shift', pop: 'pop-1', atMs: 60_000, prepend: 2 },
      { type: 'server-churn', pop: 'pop-1', atMs: 60_000, action: 'drain', count: 1 },
      { type: 'client-flips', ratePerS: 3 / 3600, unstableFraction: 0.01, mode: 'per-packet' },
    ]);
  });

  it('rejects unknown fields everywhere, suggesting the near miss', () => {
    expect(problemsOf(minimal({ durations: '1h' }))).toContain('unknown field "durations"');
    expect(problemsOf(minimal({ routing: { mria: '30s' } }))).toContain('routing: unknown field "mria" (did you mean "mrai"?)');
    expect(problemsOf(minimal({ flaps: [{ type: 'silent-death', pop: 'pop-1', at: '1m', when: '2m' }] }))).toContain('flaps[0]: unknown field "when"');
    const typo = problemsOf(minimal({ workload: [{ protocol: 'db', arrivals: '1/s', duration: { fixd: '1s' } }] }));
    expect(typo).toContain('workload[0].duration: unknown field "fixd" (did you mean "fixed"?)');
    expect(typo).not.toContain('got none');
  });

  it('rejects wrong types with the field path and what was expected', () => {
    expect(problemsOf(minimal({ duration: 90 }))).toBe(
      'test.yaml: duration: expected a duration such as "90s" (a number and a unit: ms, s, m, h or d); got the bare number 90, which has no unit',
    );
    expect(problemsOf(minimal({ pops: { count: '4' } }))).toContain('pops.count: expected PoPs placed automatically, an integer from 1 to 1,000; got the string "4"');
    expect(problemsOf(minimal({ workload: [{ protocol: 'ftp', arrivals: '1/s', duration: { fixed: '1s' } }] }))).toContain(
      'workload[0].protocol: expected a protocol profile: one of "dns-udp", "http-short", "websocket", "db", "quic"',
    );
    expect(problemsOf(minimal({ flaps: [{ type: 'meteor', at: '1m' }] }))).toContain('flaps[0].type: expected type to be one of "pop-withdraw"');
    expect(problemsOf(minimal({ workload: [{ protocol: 'dns-udp', arrivals: '1/s', duration: { fixed: '1s' }, resolver: { timeout: 5, attempts: 2 } }] }))).toContain(
      'workload[0].resolver.timeout: expected a duration',
    );
    expect(problemsOf(minimal({ workload: [{ protocol: 'dns-udp', arrivals: '1/s', duration: { fixed: '1s' }, resolver: 'musl' }] }))).toContain(
      'workload[0].resolver: expected a resolver: "glibc", "c-ares", "unbound", "bind" or { timeout, attempts }; got the string "musl"',
    );
    expect(problemsOf([1, 2])).toContain('(top level): expected a scenario');
  });

  it('says when a required field is missing', () => {
    const { workload: _dropped, ...withoutWorkload } = minimal();
    expect(problemsOf(withoutWorkload)).toContain('workload: required field is missing');
    expect(problemsOf(minimal({ topology: {} }))).toContain('topology: expected exactly one of synthetic or caida');
    expect(problemsOf(minimal({ pops: {} }))).toContain('pops: expected exactly one of count or sites');
  });

  it('enforces size limits and names them', () => {
    expect(problemsOf(minimal({ topology: { synthetic: { ases: 0 } } }))).toContain('topology.synthetic.ases: 0 is below the minimum of 100');
    expect(problemsOf(minimal({ topology: { synthetic: { ases: 100_001 } } }))).toContain('above the limit of 100,000');
    expect(problemsOf(minimal({ pops: { count: 1001 } }))).toContain('pops.count: 1001 is above the limit of 1,000');
    expect(problemsOf(minimal({ duration: '31d' }))).toContain('duration: "31d" is longer than the limit of 30d');
    expect(problemsOf(minimal({ duration: '-1h' }))).toContain('duration: a duration cannot be negative');
    expect(problemsOf(minimal({ duration: '500ms' }))).toContain('shorter than the minimum of 1s');
    expect(problemsOf(minimal({ routing: { holdTime: '1s' } }))).toContain('routing.holdTime: "1s" is shorter than the minimum of 3s');
    const manyFlaps = Array.from({ length: 1001 }, () => ({ type: 'silent-death', pop: 'pop-0', at: '1m' }));
    expect(problemsOf(minimal({ flaps: manyFlaps }))).toContain('flaps: too many flap entries: the limit is 1,000');
    const manyWorkloads = Array.from({ length: 17 }, () => ({ protocol: 'db', arrivals: '1/s', duration: { fixed: '1s' } }));
    expect(problemsOf(minimal({ workload: manyWorkloads }))).toContain('workload: too many workload entries: the limit is 16');
    expect(problemsOf(minimal({ workload: [] }))).toContain('workload: expected at least 1 workload entries');
    expect(problemsOf(minimal({ routing: { linkDelay: ['50ms', '1ms'] } }))).toContain('routing.linkDelay: the low end of the per-link message delay is above the high end');
    expect(problemsOf(minimal({ flaps: [{ type: 'client-flips', rate: '2/s' }] }))).toContain('flaps[0].rate: "2/s" is above the limit of 1/s');
    expect(problemsOf(minimal({ flaps: [{ type: 'client-flips', rate: '1/h', unstableFraction: 0 }] }))).toContain('flaps[0].unstableFraction');
    expect(problemsOf(minimal({ flaps: [{ type: 'client-flips', rate: '1/h', mode: 'per-host' }] }))).toContain(
      'flaps[0].mode: expected a client flip mode: one of "per-packet", "per-flow"; got the string "per-host"',
    );
  });

  it('rejects a scenario name that cannot name report files', () => {
    expect(problemsOf(minimal({ name: '../etc/passwd' }))).toContain('name: expected a scenario name');
  });
});
