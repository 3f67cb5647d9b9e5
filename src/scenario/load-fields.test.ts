import { describe, expect, it } from 'vitest';
import { parseScenarioValue } from './load-scenario.js';
import { scenarioDigest } from './scenario-digest.js';
import { scenarioToFileObject } from './scenario-file-writer.js';
import { popCapacityOf } from './pop-capacity.js';
import { checkScenarioAgainstTopology } from './consistency-checks.js';
import { formatFieldPath } from './scenario-error.js';
import { minimalScenarioValue as minimal, scenarioValueProblems as problemsOf } from '../../test/scenario-values.js';

describe('ddos flaps', () => {
  it('reads the volume in bits or packets, converting with the packet size', () => {
    const bits = parseScenarioValue(minimal({ flaps: [{ type: 'ddos', at: '10m', duration: '5m', volume: '40Gbps', sources: [3, 5] }] }));
    expect(bits.flaps[0]).toEqual({ type: 'ddos', atMs: 600_000, durationMs: 300_000, bitsPerS: 40e9, packetBytes: 500, sources: { kind: 'asns', asns: [3, 5] }, spoofed: false });
    const packets = parseScenarioValue(
      minimal({ flaps: [{ type: 'ddos', at: '0s', duration: '1m', volume: '2Mpps', packetSize: 60, spoofed: true, sources: { count: 50 } }] }),
    );
    expect(packets.flaps[0]).toMatchObject({ bitsPerS: 2e6 * 60 * 8, packetBytes: 60, spoofed: true, sources: { kind: 'drawn', count: 50, weighting: 'degree' } });
  });

  it('refuses a volume without a unit, an unknown unit and an empty source list, naming the field', () => {
    expect(problemsOf(minimal({ flaps: [{ type: 'ddos', at: '0s', duration: '1m', volume: 40, sources: [3] }] }))).toContain('flaps[0].volume');
    expect(problemsOf(minimal({ flaps: [{ type: 'ddos', at: '0s', duration: '1m', volume: 40, sources: [3] }] }))).toContain('bare number');
    expect(problemsOf(minimal({ flaps: [{ type: 'ddos', at: '0s', duration: '1m', volume: '40GB', sources: [3] }] }))).toContain('"40Gbps" or "10Mpps"');
    expect(problemsOf(minimal({ flaps: [{ type: 'ddos', at: '0s', duration: '1m', volume: '4Gbps', sources: [] }] }))).toContain('flaps[0].sources');
  });

  it('writes back to a file with the same digest', () => {
    const scenario = parseScenarioValue(
      minimal({
        flaps: [{ type: 'ddos', at: '1m', duration: '5m', volume: '3Mpps', packetSize: 64, sources: { count: 10, weighting: 'uniform' } }],
        capacity: { default: { packets: '1Mpps', bits: 'none' }, pops: { 'pop-1': { bits: '10Gbps', sessions: 5000 } } },
      }),
    );
    expect(scenarioDigest(parseScenarioValue(scenarioToFileObject(scenario), 'x', { env: {} }))).toBe(scenarioDigest(scenario));
  });
});

describe('capacity', () => {
  it('is absent by default, so existing scenarios do not change', () => {
    const scenario = parseScenarioValue(minimal());
    expect(scenario.capacity).toBeUndefined();
    expect(popCapacityOf(scenario.capacity, 'pop-0')).toEqual({});
  });

  it('overrides the default field by field per PoP; none is unlimited', () => {
    const scenario = parseScenarioValue(
      minimal({ capacity: { default: { packets: '1Mpps', bits: '10Gbps', sessions: 'none' }, pops: { 'pop-2': { bits: '40Gbps' } } } }),
    );
    expect(popCapacityOf(scenario.capacity, 'pop-0')).toEqual({ packetsPerS: 1e6, bitsPerS: 1e10 });
    expect(popCapacityOf(scenario.capacity, 'pop-2')).toEqual({ packetsPerS: 1e6, bitsPerS: 4e10 });
  });

  it('refuses a bit rate where packets go, and unknown PoPs', () => {
    expect(problemsOf(minimal({ capacity: { default: { packets: '10Gbps' } } }))).toContain('capacity.default.packets');
    expect(problemsOf(minimal({ capacity: { pops: { nowhere: { bits: '1Gbps' } } } }))).toContain('unknown PoP "nowhere"');
  });
});

describe('ddos sources against the topology', () => {
  it('names an attack source ASN the topology lacks', () => {
    const scenario = parseScenarioValue(minimal({ flaps: [{ type: 'ddos', at: '0s', duration: '1m', volume: '1Gbps', sources: [3, 99] }] }));
    const found = checkScenarioAgainstTopology(scenario, (asn) => asn === 3).map((p) => `${formatFieldPath(p.path)}: ${p.message}`);
    expect(found).toContain('flaps[0].sources[1]: attack source AS99 is not in the synthetic topology');
    expect(found.filter((f) => f.startsWith('flaps'))).toHaveLength(1);
  });
});
