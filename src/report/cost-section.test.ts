import { beforeAll, describe, expect, it } from 'vitest';
import { parseScenarioText } from '../scenario/index.js';
import { simulate, type SimulationResult } from '../simulate/index.js';
import { costPoints } from './cost-chart.js';
import { formatBytesPerS, formatMs, renderCostSection } from './cost-section.js';

/** Four PoPs, each architecture, a PoP withdrawn mid-run so that anycast moves clients. */
const SCENARIO = `
name: costs
seed: 3
replications: 2
duration: 10m
topology: { synthetic: { ases: 120 } }
pops: { count: 4 }
flaps:
  - { type: pop-withdraw, pop: pop-0, at: 3m, reannounceAt: 7m }
workload:
  - { protocol: dns-udp, arrivals: 5/s, duration: { fixed: 100ms } }
  - { protocol: websocket, arrivals: 1/s, duration: { fixed: 5m } }
architectures: [edge, global-hash, daisy-chain, unicast-handoff, unicast-dns]
`;

let result: SimulationResult;

beforeAll(async () => {
  result = await simulate(parseScenarioText(SCENARIO, 'costs.yaml'), { workers: 1 });
}, 120_000);

describe('architecture costs of a run', () => {
  it('edge and the unicast designs forward nothing; global-hash serves about 3 flows in 4 from another of the 4 PoPs', () => {
    const cost = (protocol: string, architecture: string) => result.architectureCosts.find((c) => c.protocol === protocol && c.architecture === architecture)!;
    for (const protocol of ['dns-udp', 'websocket']) {
      for (const architecture of ['edge', 'unicast-handoff', 'unicast-dns']) {
        expect(cost(protocol, architecture).forwardedShare.estimate).toBe(0);
        expect(cost(protocol, architecture).backhaulBytesPerS.estimate).toBe(0);
      }
      // The shared pool has equal servers in every PoP: a flow's server is elsewhere with chance 3/4.
      expect(cost(protocol, 'global-hash').forwardedShare.estimate).toBeGreaterThan(0.6);
      expect(cost(protocol, 'global-hash').forwardedShare.estimate).toBeLessThan(0.9);
    }
    // A withdrawn PoP's websocket clients land elsewhere for 4 minutes: daisy-chain carries them back.
    expect(cost('websocket', 'daisy-chain').forwardedShare.estimate).toBeGreaterThan(0);
    expect(cost('websocket', 'daisy-chain').backhaulBytesPerS.estimate).toBeGreaterThan(0);
    expect(cost('websocket', 'daisy-chain').backhaulBytesPerS.estimate).toBeLessThan(cost('websocket', 'global-hash').backhaulBytesPerS.estimate);
    // Added RTT from the geography: none under edge; forwarding never shortens a path (triangle
    // inequality of great-circle distances), so global-hash pays, daisy-chain at least nothing.
    for (const protocol of ['dns-udp', 'websocket']) {
      expect(cost(protocol, 'edge').addedRttPerPacketMs!.estimate).toBe(0);
      expect(cost(protocol, 'global-hash').addedRttPerPacketMs!.estimate).toBeGreaterThan(1);
      expect(cost(protocol, 'daisy-chain').addedRttPerPacketMs!.estimate).toBeGreaterThanOrEqual(0);
    }
    // The hand-off's round trip and the unicast-dns lookup are paid by every websocket session.
    expect(cost('websocket', 'unicast-handoff').addedStartMsPerSession!.estimate).toBeGreaterThan(0);
    expect(cost('websocket', 'unicast-dns').addedStartMsPerSession!.estimate).toBeGreaterThan(0);
    expect(cost('websocket', 'edge').addedStartMsPerSession!.estimate).toBe(0);
    // Prefixes: one anycast; one per PoP for unicast-dns; both for the hand-off.
    expect(result.addressSpace.map((a) => [a.architecture, a.ipv4Slash24, a.ipv6Slash48])).toEqual([
      ['edge', 1, 1],
      ['global-hash', 1, 1],
      ['daisy-chain', 1, 1],
      ['unicast-handoff', 5, 5],
      ['unicast-dns', 4, 4],
    ]);
  });

  it('the section has one table per protocol with a row per architecture', () => {
    const md = renderCostSection(result);
    expect(md).toMatch(/^## What each architecture costs/);
    for (const protocol of ['dns-udp', 'websocket']) {
      const table = md.slice(md.indexOf(`### ${protocol}`)).split('\n\n')[1]!;
      const rows = table.trim().split('\n').slice(2);
      expect(rows.map((r) => r.split(' | ')[0])).toEqual(['| edge', '| global-hash', '| daisy-chain', '| unicast-handoff', '| unicast-dns (baseline)']);
      expect(rows[4]!.endsWith('| 4 / 4 |')).toBe(true);
    }
  });

  it('the chart has a point per protocol and architecture', () => {
    const { points } = costPoints(result);
    expect(points).toHaveLength(10);
    for (const p of points) {
      expect(p.brokenLow).toBeLessThanOrEqual(p.broken);
      expect(p.brokenHigh).toBeGreaterThanOrEqual(p.broken);
      expect(p.xLow).toBeLessThanOrEqual(p.x);
    }
  });
});

describe('formats', () => {
  it('picks SI units', () => {
    expect(formatBytesPerS(812)).toBe('812 B/s');
    expect(formatBytesPerS(41_234)).toBe('41.2 kB/s');
    expect(formatBytesPerS(3_050_000)).toBe('3.05 MB/s');
  });

  it('never prints a negative zero', () => {
    expect(formatMs(-0.02)).toBe('0.0 ms');
    expect(formatMs(-0.2)).toBe('-0.2 ms');
  });
});
