import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../scenario/index.js';
import { simulate } from './simulate.js';

const SLICE = `
name: slice
seed: 3
duration: 40m
topology: { synthetic: { ases: 300 } }
pops: { count: 3 }
flaps:
  - type: pop-withdraw
    pop: pop-0
    at: 10m
    reannounceAt: 25m
workload:
  - protocol: dns-udp
    arrivals: 20/s
    duration: { fixed: 100ms }
  - protocol: http-short
    arrivals: 10/s
    duration: { lognormal: { median: 2s, sigma: 1 } }
  - protocol: websocket
    arrivals: 2/s
    duration: { lognormal: { median: 10m, sigma: 1 } }
architectures: [edge, global-hash, daisy-chain, unicast-handoff, unicast-dns]
`;

describe('simulate: the vertical slice', () => {
  it('a PoP withdrawal breaks long sessions under edge, not stateless DNS, and forwarding architectures fix it', async () => {
    const result = await simulate(parseScenarioText(SLICE, 'slice.yaml'));
    const get = (protocol: string, architecture: string) => {
      const r = result.results.find((x) => x.protocol === protocol && x.architecture === architecture);
      if (r === undefined) throw new Error(`no result for ${protocol}/${architecture}`);
      return r;
    };
    // Arrivals are Poisson: 40 min x (20 + 10 + 2)/s = 76,800 expected sessions.
    expect(result.sessions).toBeGreaterThan(74_000);
    expect(result.sessions).toBeLessThan(79_600);
    expect(result.convergence.windows.length).toBe(2);
    expect(result.convergence.windows[0]!.asesChanged).toBeGreaterThan(0);

    const wsEdge = get('websocket', 'edge');
    expect(wsEdge.brokenByCause['pop-shift']).toBeGreaterThan(0);
    // Graceful withdrawal kills no server: forwarding to the state holder saves every session
    // that a black hole during convergence did not already break.
    for (const arch of ['daisy-chain', 'unicast-handoff', 'unicast-dns']) {
      expect(get('websocket', arch).brokenByCause['pop-shift']).toBe(0);
      expect(get('websocket', arch).broken).toBeLessThan(wsEdge.broken);
    }
    expect(get('websocket', 'global-hash').broken).toBeLessThanOrEqual(wsEdge.broken);
    // Stateless queries never break on a shift.
    expect(get('dns-udp', 'edge').brokenByCause['pop-shift']).toBe(0);
    // A long session is more likely to meet the withdrawal than a short one.
    expect(wsEdge.brokenFraction.estimate).toBeGreaterThan(get('http-short', 'edge').brokenFraction.estimate);
    // Every pair's counts add up.
    for (const r of result.results) {
      expect(Object.values(r.brokenByCause).reduce((s, x) => s + x, 0)).toBe(r.broken);
      expect(r.breakByDuration.reduce((s, b) => s + b.sessions, 0)).toBe(r.sessions);
    }
  });

  it('the same seed gives the same result; another seed a different one', async () => {
    const scenario = parseScenarioText(SLICE.replace('40m', '8m').replace(/at: 10m\n\s+reannounceAt: 25m/, 'at: 2m\n    reannounceAt: 5m'), 'slice.yaml');
    const a = JSON.stringify(await simulate(scenario));
    const b = JSON.stringify(await simulate(scenario));
    const c = JSON.stringify(await simulate({ ...scenario, seed: '4' }));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });
});
