import { describe, expect, it } from 'vitest';
import { BgpSimulation } from '../routing/index.js';
import { parseScenarioText } from '../scenario/index.js';
import { Clock, RandomStreams } from '../sim/index.js';
import { prepareRun, type PreparedRun } from './prepare-run.js';
import type { ReplicationSpan } from './replication-claims.js';
import { simulate } from './simulate.js';

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
replications: 1
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
    // Arrivals are Poisson: 40 min x (20 + 10 + 2)/s = 76,800 expected sessions, plus about
    // 2,000 open at the start (websocket: 2/s x E[D] = 2 x 600 s x e^0.5 = 1,979).
    expect(result.sessions).toBeGreaterThan(76_000);
    expect(result.sessions).toBeLessThan(81_700);
    expect(result.replicates[0]!.openAtStart).toBeGreaterThan(1_979 - 4 * 45);
    expect(result.replicates[0]!.openAtStart).toBeLessThan(1_979 + 4 * 45);
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
      expect(r.breakByDuration.reduce((s, b) => s + b.censored, 0)).toBe(r.censored);
      // One replication: no spread to measure, so the interval is the whole range.
      expect(r.brokenFraction).toEqual({ estimate: r.broken / (r.sessions - r.censored), low: 0, high: 1 });
    }
    // Long sessions outlast the run: censored, not counted as survived; every architecture saw
    // the same sessions for the same time.
    expect(wsEdge.censored).toBeGreaterThan(1_000);
    expect(get('websocket', 'unicast-dns').exposureSessionHours).toBe(wsEdge.exposureSessionHours);
    // About 2,000 websocket sessions open throughout 40 min: about 1,300 session-hours.
    expect(wsEdge.exposureSessionHours).toBeGreaterThan(1_150);
    expect(wsEdge.exposureSessionHours).toBeLessThan(1_500);
    expect(wsEdge.brokenPerSessionHour.estimate).toBeCloseTo(wsEdge.broken / wsEdge.exposureSessionHours, 12);
    expect(result.intervalMethod).toMatch(/^none: one replication/);
  });

  it('the same seed gives the same bytes on 1 or 2 threads; another seed different ones', async () => {
    // Four replications of about half a second each: the worker thread (started beside this one)
    // claims some of them whatever the machine's load.
    const scenario = { ...parseScenarioText(SLICE, 'slice.yaml'), replications: 4 };
    const spansOne: ReplicationSpan[] = [];
    const spansTwo: ReplicationSpan[] = [];
    const inProcess = JSON.stringify(await simulate(scenario, { workers: 1, onSpan: (span) => spansOne.push(span) }));
    const progressTwo: number[] = [];
    const onTwo = JSON.stringify(
      await simulate(scenario, { workers: 2, onSpan: (span) => spansTwo.push(span), onProgress: (fraction) => progressTwo.push(fraction) }),
    );
    expect(onTwo).toBe(inProcess);
    // Every replication ran once; on one thread all on this one, in order.
    expect(spansOne.map((s) => [s.replication, s.thread])).toEqual([0, 1, 2, 3].map((r) => [r, 0]));
    expect(spansTwo.map((s) => s.replication).sort()).toEqual([0, 1, 2, 3]);
    expect(spansTwo.every((s) => s.thread === 0 || s.thread === 1)).toBe(true);
    // Progress from both threads adds up to the whole run, never going back.
    expect(progressTwo.at(-1)).toBeCloseTo(1, 12);
    expect(progressTwo.every((f, i) => i === 0 || f >= progressTwo[i - 1]!)).toBe(true);
    // A thread's spans do not overlap: it runs one replication at a time.
    for (const thread of [0, 1]) {
      const mine = spansTwo.filter((s) => s.thread === thread).sort((a, b) => a.startMs - b.startMs);
      mine.slice(1).forEach((s, i) => expect(s.startMs).toBeGreaterThanOrEqual(mine[i]!.endMs));
    }
    expect(JSON.stringify(await simulate({ ...scenario, seed: '4' }, { workers: 1 }))).not.toBe(inProcess);
  });

  it('replications are independent histories; replication 0 is the single run of the seed', async () => {
    const text = SLICE.replace('40m', '8m').replace(/at: 10m\n\s+reannounceAt: 25m/, 'at: 2m\n    reannounceAt: 5m');
    const withLinkFlaps = text.replace('workload:', '  - type: link-flaps\n    links: pop-upstreams\n    rate: 30/d\n    downTime: { exponential: { mean: 2m } }\nworkload:');
    const base = parseScenarioText(withLinkFlaps, 'slice.yaml');
    const three = await simulate({ ...base, replications: 3 }, { workers: 1 });
    const one = await simulate({ ...base, replications: 1 }, { workers: 1 });
    expect(three.replicates.map((r) => r.replication)).toEqual([0, 1, 2]);
    expect(three.replicates[0]).toEqual(one.replicates[0]);
    expect(three.convergence).toEqual(one.convergence);
    expect(three.shownReplication).toBe(0);
    // Own draws: the replications' sessions and breaks differ.
    const sessions = new Set(three.replicates.map((r) => r.sessions));
    expect(sessions.size).toBe(3);
    // Counts are the sums of the replicates'; the estimate is the mean of theirs.
    three.results.forEach((r, i) => {
      const own = three.replicates.map((q) => q.results[i]!);
      expect(r.broken).toBe(own.reduce((n, q) => n + q.broken, 0));
      expect(r.censored).toBe(own.reduce((n, q) => n + q.censored, 0));
      expect(r.brokenFraction.estimate).toBeCloseTo(own.reduce((n, q) => n + q.brokenFraction, 0) / 3, 12);
      expect(r.brokenFraction.low).toBeLessThanOrEqual(r.brokenFraction.estimate);
      expect(r.brokenFraction.high).toBeGreaterThanOrEqual(r.brokenFraction.estimate);
    });
    expect(three.intervalMethod).toMatch(/t-interval on the means of 3 independent replications/);
  });

  it('keeps a synthetic graph across replications when sites are listed on it (they name its ASes)', async () => {
    const text = SLICE.replace('40m', '4m').replace(/at: 10m\n\s+reannounceAt: 25m/, 'at: 1m\n    reannounceAt: 2m');
    const placed = await simulate(parseScenarioText(text, 'slice.yaml'), { workers: 1 });
    const listed = parseScenarioText(text, 'slice.yaml');
    const sites = { ...listed, replications: 3, pops: { kind: 'sites' as const, sites: placed.pops.map((p) => ({ name: p.name, upstreams: p.upstreams, peers: p.peers })) } };
    const result = await simulate(sites, { workers: 1 });
    expect(result.replicates).toHaveLength(3);
    expect(result.replicates[0]).toEqual(placed.replicates[0]);
  });

  it('runs the calibration example of the scenario docs unchanged (eight replications) and its interval holds the closed form', async () => {
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
    const scenario = parseScenarioText(example, 'calibration-example.yaml');
    const result = await simulate(scenario);
    const [edge] = result.results;
    // Every client flips (unstableFraction 1) at λ = 3/h; http-short sends continuously, so a
    // session of d = 60 s breaks iff a flip falls inside the part of it within the run [0, T]
    // (flips happen only there). Sessions open at the start (arrived in [-d, 0)) and cut at the
    // end (censored unless broken) are part of the count: with q = e^(-λd) and
    // B = d - (1 - q)/λ, broken / (sessions of known fate) has expectation
    //   P = [(T - d)(1 - q) + 2B] / (T + B)      (properties/calibration/client-flips.property.ts)
    const lambdaPerS = 3 / 3600;
    const dS = 60;
    const tS = 7200;
    const q = Math.exp(-lambdaPerS * dS);
    const b = dS - (1 - q) / lambdaPerS;
    // Flips follow routes: only clients with an AS on their path that has a route to another site
    // flip (most: the share is measured per replication and conditions the closed form).
    let share = 0;
    for (let r = 0; r < scenario.replications; r++) share += shareWithFlipAlternative(prepareRun(scenario, undefined, r)) / scenario.replications;
    expect(share).toBeGreaterThan(0.9);
    expect(share).toBeLessThanOrEqual(1);
    const expected = share * (((tS - dS) * (1 - q) + 2 * b) / (tS + b));
    expect(edge!.brokenByCause['pop-shift']).toBe(edge!.broken);
    expect(edge!.brokenFraction.low).toBeLessThanOrEqual(expected);
    expect(edge!.brokenFraction.high).toBeGreaterThanOrEqual(expected);
  });
});
