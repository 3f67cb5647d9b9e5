import { describe, expect, it } from 'vitest';
import { checkScenarioAgainstTopology, checkScenarioConsistency, popNames } from './consistency-checks.js';
import { parseScenarioText, parseScenarioValue } from './load-scenario.js';
import { formatFieldPath, ScenarioError } from './scenario-error.js';
import type { Scenario } from './scenario.js';
import { scenarioFileSchema } from './schema.js';

function fileWith(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    name: 'checks',
    duration: '2h',
    topology: { synthetic: { ases: 200 } },
    pops: { sites: [{ name: 'fra', upstreams: [10, 11], peers: [20] }, { name: 'ams', upstreams: [12] }] },
    workload: [{ protocol: 'http-short', arrivals: '10/s', duration: { fixed: '1s' } }],
    ...overrides,
  };
}

/** Problems as "path: message" lines, from the schema output (skipping the loader's own check). */
function problems(overrides: Record<string, unknown>): string[] {
  const scenario: Scenario = scenarioFileSchema.parse(fileWith(overrides));
  return checkScenarioConsistency(scenario).map((problem) => `${formatFieldPath(problem.path)}: ${problem.message}`);
}

describe('checkScenarioConsistency', () => {
  it('finds nothing wrong in a consistent scenario', () => {
    expect(problems({ flaps: [{ type: 'pop-withdraw', pop: 'fra', at: '10m', reannounceAt: '20m' }] })).toEqual([]);
  });

  it('finds duplicated site names, upstreams and peers', () => {
    const found = problems({
      pops: {
        sites: [
          { name: 'fra', upstreams: [10, 10], peers: [20, 20, 10] },
          { name: 'fra', upstreams: [12] },
        ],
      },
    });
    expect(found).toEqual([
      'pops.sites[0].upstreams[1]: upstream AS10 is listed twice for PoP "fra"',
      'pops.sites[0].peers[1]: peer AS20 is listed twice for PoP "fra"',
      'pops.sites[0].peers[2]: AS10 is both an upstream and a peer of PoP "fra"; a neighbour has one relationship',
      'pops.sites[1].name: PoP name "fra" is already used by pops.sites[0]',
    ]);
  });

  it('finds unicast neighbours that are not the PoP\'s own upstreams or peers', () => {
    const found = problems({ pops: { sites: [{ name: 'fra', upstreams: [10, 11], peers: [20], unicastUpstreams: [11, 20], unicastPeers: [10] }] } });
    expect(found).toEqual([
      'pops.sites[0].unicastUpstreams[1]: AS20 is not an upstream of PoP "fra"; unicastUpstreams must be a subset of upstreams',
      'pops.sites[0].unicastPeers[0]: AS10 is not a peer of PoP "fra"; unicastPeers must be a subset of peers',
    ]);
  });

  it('finds flaps naming unknown PoPs, for sites and for count placement', () => {
    expect(problems({ flaps: [{ type: 'silent-death', pop: 'lon', at: '1m' }] })).toEqual([
      "flaps[0].pop: unknown PoP \"lon\"; expected one of the sites' names (fra, ams)",
    ]);
    const byCount = problems({ pops: { count: 4 }, flaps: [{ type: 'silent-death', pop: 'pop-4', at: '1m' }, { type: 'policy-shift', pop: 'pop-3', at: '1m', prepend: 1 }] });
    expect(byCount).toEqual(['flaps[0].pop: unknown PoP "pop-4"; expected one of pop-0 to pop-3 (PoPs by count are numbered from 0)']);
  });

  it('finds a link from an AS to itself, events out of order and events after the end', () => {
    const found = problems({
      flaps: [
        { type: 'link-down', a: 10, b: 10, at: '1m' },
        { type: 'pop-withdraw', pop: 'fra', at: '30m', reannounceAt: '30m' },
        { type: 'pop-failure', pop: 'ams', at: '3h' },
        { type: 'maintenance-drain', pop: 'fra', at: '1h', withdrawAfter: '10m', restoreAt: '1h5m' },
        { type: 'link-down', a: 10, b: 11, at: '1h', upAt: '2h' },
        { type: 'server-churn', pop: 'fra', at: '1m', action: 'fail', count: 9 },
        { type: 'server-churn', pop: 'fra', at: '1m', action: 'add', count: 9 },
      ],
    });
    expect(found).toEqual([
      'flaps[0].b: a link joins two different ASes; a and b are both AS10',
      'flaps[1].reannounceAt: reannounceAt (30m) must come after at (30m)',
      "flaps[2].at: 3h is not before the scenario's end (duration 2h)",
      'flaps[3].restoreAt: restoreAt must come after the withdrawal at 70m (at + withdrawAfter)',
      "flaps[4].upAt: 2h is not before the scenario's end (duration 2h)",
      'flaps[5].count: cannot fail 9 servers: a PoP has servers.perPop = 8',
    ]);
  });

  it('finds duplicate protocols, a resolver on a non-DNS protocol, duplicate architectures, a non-prime Maglev table', () => {
    const found = problems({
      workload: [
        { protocol: 'db', arrivals: '1/s', duration: { fixed: '1s' }, resolver: 'glibc' },
        { protocol: 'db', arrivals: '2/s', duration: { fixed: '1s' } },
      ],
      architectures: ['edge', 'edge'],
      servers: { tableSize: 65536 },
    });
    expect(found).toEqual([
      'workload[0].resolver: resolver applies to dns-udp only, not to db',
      'workload[1].protocol: protocol db already has a workload entry (workload[0]); merge them into one',
      'architectures[1]: architecture edge is listed twice',
      'servers.tableSize: Maglev needs a prime table size (NSDI 2016 §3.4); 65536 is not prime (65537 is)',
    ]);
    expect(problems({ servers: { algorithm: 'jump', tableSize: 65536 } })).toEqual([]);
    expect(problems({ workload: [{ protocol: 'dns-udp', arrivals: '1/s', duration: { fixed: '1ms' }, applicationTimeout: '5s' }] })).toEqual([
      'workload[0].applicationTimeout: applicationTimeout applies to connections (http-short, websocket, db, quic); a dns-udp query follows its resolver',
    ]);
  });

  it('is applied by the loader', () => {
    expect(() => parseScenarioValue(fileWith({ architectures: ['edge', 'edge'] }))).toThrow(ScenarioError);
  });
});

describe('popNames', () => {
  it('names PoPs by count from pop-0', () => {
    expect(popNames(scenarioFileSchema.parse(fileWith({ pops: { count: 3 } })))).toEqual(['pop-0', 'pop-1', 'pop-2']);
  });
});

describe('checkScenarioAgainstTopology', () => {
  const scenario = scenarioFileSchema.parse(
    fileWith({ flaps: [{ type: 'link-down', a: 64500, b: 99, at: '1m' }, { type: 'link-down', a: 11, b: 12, at: '1m' }] }),
  );

  it('names every upstream, peer and link end missing from the topology, but not the operator', () => {
    const present = new Set([10, 11, 12]);
    const found = checkScenarioAgainstTopology(scenario, (asn) => present.has(asn)).map((p) => `${formatFieldPath(p.path)}: ${p.message}`);
    expect(found).toEqual([
      'pops.sites[0].peers[0]: peer AS20 of PoP "fra" is not in the synthetic topology',
      'flaps[0].b: AS99 is not in the synthetic topology',
    ]);
  });

  it('finds nothing when every AS named exists and the operator ASN is free', () => {
    expect(checkScenarioAgainstTopology(scenario, (asn) => asn !== scenario.routing.operatorAsn)).toEqual([]);
  });

  it('refuses an operator ASN the topology already has', () => {
    const problems = checkScenarioAgainstTopology(scenario, () => true);
    expect(problems).toEqual([{ path: ['routing', 'operatorAsn'], message: expect.stringMatching(/^AS\d+ is already an AS of /) }]);
  });
});

describe('one client-flips process', () => {
  it('a second client-flips process is a problem naming both', () => {
    const text = [
      'name: twice',
      'duration: 10m',
      'topology: { synthetic: { ases: 200 } }',
      'pops: { count: 2 }',
      'flaps:',
      '  - { type: client-flips, rate: 1/h }',
      '  - { type: client-flips, rate: 2/h }',
      'workload:',
      '  - { protocol: http-short, arrivals: 1/s, duration: { fixed: 5s } }',
    ].join('\n');
    expect(() => parseScenarioText(text, 'twice.yaml')).toThrow(/flaps\[1\]\.type.*only one client-flips process is allowed; flaps\[0\]/);
  });
});

describe('packetInterval', () => {
  it('applies only to protocols that idle between packets', () => {
    const text = (protocol: string): string =>
      [
        'name: idle',
        'duration: 10m',
        'topology: { synthetic: { ases: 200 } }',
        'pops: { count: 2 }',
        'workload:',
        `  - { protocol: ${protocol}, arrivals: 1/s, duration: { fixed: 5m }, packetInterval: 10s }`,
      ].join('\n');
    expect(() => parseScenarioText(text('http-short'), 'idle.yaml')).toThrow(/workload\[0\]\.packetInterval: packetInterval applies to websocket and db/);
    expect(parseScenarioText(text('db'), 'idle.yaml').workload[0]!.packetIntervalMs).toBe(10_000);
  });
});
