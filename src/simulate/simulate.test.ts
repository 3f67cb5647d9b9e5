import { describe, expect, it } from 'vitest';
import { BgpSimulation } from '../routing/index.js';
import { parseScenarioText } from '../scenario/index.js';
import { Clock, RandomStreams } from '../sim/index.js';
import { prepareRun, type PreparedRun } from './prepare-run.js';
import { assembleResult, runSessionPass, simulate } from './simulate.js';

/**
 * Share of a run's (uniformly weighted) clients that some AS on their path can flip to another
 * site, in the steady state: with no routing event, only these clients ever flip.
 */
function shareWithFlipAlternative(run: PreparedRun): number {
  const bgp = new BgpSimulation(new Clock(), run.world.graph, run.world.deployment, {}, new RandomStreams(1));
  const clients = run.population.asIndexes;
  return clients.filter((asIndex) => bgp.alternativeSite(asIndex, () => true) !== null).length / clients.length;
}

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

  it('runs the calibration example of the scenario docs unchanged and matches the closed form 1 - e^(-λd)', async () => {
    const example = [
      'name: calibration-example',
      'seed: 1',
      'duration: 2h',
      'topology: { synthetic: { ases: 500 } }',
      'pops: { count: 4 }',
      'flaps:',
      '  - type: client-flips',
      '    rate: 3/h',
      '    unstableFraction: 1',
      'workload:',
      '  - protocol: http-short',
      '    arrivals: 20/s',
      '    duration: { fixed: 60s }',
      'architectures: [edge]',
    ].join('\n');
    const run = prepareRun(parseScenarioText(example, 'calibration-example.yaml'));
    const [edge] = assembleResult(run, runSessionPass(run)).results;
    // Every client flips (unstableFraction 1) at λ = 3/h, if an AS on its path has a route to
    // another site (most clients: the share is measured, and conditions the closed form);
    // http-short sends continuously, so a session of d = 60 s breaks iff a flip falls inside it.
    // Flips stop at the end T, so averaged over uniform starts:
    // P = share x (1 - [(T - d) e^(-λd) + (1 - e^(-λd)) / λ] / T).
    const lambdaPerS = 3 / 3600;
    const dS = 60;
    const tS = 7200;
    const share = shareWithFlipAlternative(run);
    expect(share).toBeGreaterThan(0.9);
    expect(share).toBeLessThan(1);
    const expected = share * (1 - ((tS - dS) * Math.exp(-lambdaPerS * dS) + (1 - Math.exp(-lambdaPerS * dS)) / lambdaPerS) / tS);
    expect(edge!.brokenByCause['pop-shift']).toBe(edge!.broken);
    expect(edge!.brokenFraction.low).toBeLessThanOrEqual(expected);
    expect(edge!.brokenFraction.high).toBeGreaterThanOrEqual(expected);
  });
});
