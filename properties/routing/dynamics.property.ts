/**
 * BGP dynamics over random topologies and event sequences: after quiescence the routes equal the
 * steady-state solution of the final inputs (whatever MRAI, WRATE, damping and delays did on the
 * way); withdrawing a site and announcing it again returns every AS to its original route; with
 * MRAI on, convergence after a withdrawal takes longer than after an announcement, the path
 * exploration measured by Labovitz et al. (SIGCOMM 2000) and by RIPE RIS beacons (see
 * ../shared/REFERENCES.md).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BgpSimulation, catchmentMap, ConvergenceRecorder, steadyStateDeploymentCatchment } from '../../src/routing/index.js';
import { Clock, RandomStreams } from '../../src/sim/index.js';
import { type AnycastDeployment, type AsGraph, arbitraryTopology, generateSyntheticTopology } from '../../src/topology/index.js';

const NUM_RUNS = Number(process.env.ANYSIM_PROPERTY_RUNS ?? 40);
const SEED = 4_271;

const configArbitrary = fc.record({
  mraiMs: fc.constantFrom(0, 5_000, 30_000),
  wrate: fc.boolean(),
  damping: fc.boolean(),
});

const eventArbitrary = fc.record({
  kind: fc.constantFrom('withdraw', 'announce', 'link-down', 'link-up', 'kill', 'prepend'),
  target: fc.nat(),
  other: fc.nat(),
  atMs: fc.integer({ min: 0, max: 120_000 }),
});

/** Up to three sites attached to chosen ASes of the graph (by index modulo size). */
function deploymentFor(graph: AsGraph, attachments: readonly { upstream: number; peer: number | null }[]): AnycastDeployment {
  return {
    operatorAsn: 4_000_000_000,
    sites: attachments.map((a, s) => {
      const upstream = graph.asnAt(a.upstream % graph.asCount);
      const peer = a.peer === null ? null : graph.asnAt(a.peer % graph.asCount);
      return { name: `s${s}`, upstreams: [upstream], peers: peer === null || peer === upstream ? [] : [peer] };
    }),
  };
}

const attachmentsArbitrary = fc.array(fc.record({ upstream: fc.nat(), peer: fc.option(fc.nat(), { nil: null }) }), {
  minLength: 1,
  maxLength: 3,
});

/** A link of the graph by number, as its two ASNs. */
function linkOf(graph: AsGraph, n: number): [number, number] {
  const k = n % graph.neighbours.length;
  let i = 0;
  while (graph.offsets[i + 1]! <= k) i++;
  return [graph.asnAt(i), graph.asnAt(graph.neighbours[k]!)];
}

describe('BGP dynamics (properties)', () => {
  it('equal the steady state after quiescence, for origins and random events', () => {
    fc.assert(
      fc.property(
        arbitraryTopology({ maxAses: 25 }),
        fc.uniqueArray(fc.nat(), { minLength: 1, maxLength: 3 }),
        fc.array(eventArbitrary, { maxLength: 8 }),
        configArbitrary,
        fc.nat(),
        (graph, originPicks, events, config, seed) => {
          const origins = [...new Set(originPicks.map((p) => graph.asnAt(p % graph.asCount)))];
          const clock = new Clock();
          const simulation = new BgpSimulation(clock, graph, origins, config, new RandomStreams(seed));
          for (const event of events) {
            const asn = graph.asnAt(event.target % graph.asCount);
            clock.schedule(event.atMs, () => {
              if (event.kind === 'withdraw' || event.kind === 'kill') simulation.withdrawOrigin(asn);
              else if (event.kind === 'announce' || event.kind === 'prepend') simulation.announceOrigin(asn);
              else if (event.kind === 'link-down') simulation.linkDown(...linkOf(graph, event.other));
              else simulation.linkUp(...linkOf(graph, event.other));
            });
          }
          clock.run();
          expect(catchmentMap(simulation.currentCatchment())).toEqual(catchmentMap(simulation.steadyStateCatchment()));
        },
      ),
      { numRuns: NUM_RUNS, seed: SEED },
    );
  });

  it('equal the steady state after quiescence, for anycast sites and random events', () => {
    fc.assert(
      fc.property(
        arbitraryTopology({ maxAses: 25 }),
        attachmentsArbitrary,
        fc.array(eventArbitrary, { maxLength: 8 }),
        configArbitrary,
        fc.nat(),
        (graph, attachments, events, config, seed) => {
          const deployment = deploymentFor(graph, attachments);
          const clock = new Clock();
          const simulation = new BgpSimulation(clock, graph, deployment, config, new RandomStreams(seed));
          const sites = deployment.sites.length;
          for (const event of events) {
            clock.schedule(event.atMs, () => {
              const site = event.target % sites;
              if (event.kind === 'withdraw') simulation.withdrawSite(site);
              else if (event.kind === 'announce') simulation.announceSite(site);
              else if (event.kind === 'kill') simulation.killSite(site);
              else if (event.kind === 'prepend') simulation.setSitePrepend(site, event.other % 4);
              else if (event.kind === 'link-down') simulation.linkDown(...linkOf(graph, event.other));
              else simulation.linkUp(...linkOf(graph, event.other));
            });
          }
          clock.run();
          expect(simulation.matchesSteadyState()).toBe(true);
        },
      ),
      { numRuns: NUM_RUNS, seed: SEED },
    );
  });

  it('return every AS to its original route after a site is withdrawn and announced again', () => {
    fc.assert(
      fc.property(
        arbitraryTopology({ maxAses: 25 }),
        attachmentsArbitrary,
        fc.nat(),
        configArbitrary,
        fc.integer({ min: 1, max: 600_000 }),
        fc.nat(),
        (graph, attachments, pick, config, gapMs, seed) => {
          const deployment = deploymentFor(graph, attachments);
          const clock = new Clock();
          const simulation = new BgpSimulation(clock, graph, deployment, config, new RandomStreams(seed));
          const original = catchmentMap(simulation.currentCatchment());
          expect(original).toEqual(catchmentMap(steadyStateDeploymentCatchment(graph, deployment)));
          const site = pick % deployment.sites.length;
          simulation.withdrawSite(site);
          clock.schedule(gapMs, () => simulation.announceSite(site));
          clock.run();
          expect(catchmentMap(simulation.currentCatchment())).toEqual(original);
        },
      ),
      { numRuns: NUM_RUNS, seed: SEED },
    );
  });

  it('with MRAI rate-limiting withdrawals too, converge more slowly after a withdrawal than after an announcement', () => {
    // Mean settle time over the ASes whose route changed, summed over five origins of one
    // topology: the measurements compare typical convergence; single origins vary either way
    // (docs/routing.md). Without WRATE, Gao-Rexford withdrawals sweep fast (also documented).
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 400 }), fc.nat(), (ases, topologySeed) => {
        const graph = generateSyntheticTopology({ ases }, new RandomStreams(topologySeed).stream('topology'));
        const picks = new RandomStreams(topologySeed).stream('origins');
        let announceMs = 0;
        let withdrawMs = 0;
        for (let o = 0; o < 5; o++) {
          const origin = graph.asnAt(picks.int(0, graph.asCount));
          const clock = new Clock();
          const simulation = new BgpSimulation(clock, graph, [origin], { mraiMs: 30_000, wrate: true }, new RandomStreams(topologySeed + o));
          // Start from "never announced": withdraw, then idle until every MRAI timer has expired.
          simulation.withdrawOrigin(origin);
          clock.run();
          clock.runUntil(clock.nowMs + 600_000);
          const meanSettleMs = (action: () => void): number => {
            const recorder = new ConvergenceRecorder(simulation, clock.nowMs);
            action();
            clock.run();
            const settled = [...recorder.finish(clock.nowMs).ases.values()].flatMap((a) => (a.routeSettledMs === null ? [] : [a.routeSettledMs]));
            clock.runUntil(clock.nowMs + 600_000);
            return settled.reduce((sum, ms) => sum + ms, 0) / Math.max(1, settled.length);
          };
          announceMs += meanSettleMs(() => simulation.announceOrigin(origin));
          withdrawMs += meanSettleMs(() => simulation.withdrawOrigin(origin));
        }
        expect(withdrawMs).toBeGreaterThan(announceMs);
      }),
      { numRuns: Math.max(1, Math.round(NUM_RUNS / 4)), seed: SEED },
    );
  });
});
