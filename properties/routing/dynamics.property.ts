/**
 * BGP dynamics over random topologies and event sequences: after quiescence the routes equal the
 * steady-state solution of the final inputs (whatever MRAI, WRATE, damping and delays did on the
 * way), under every tie-break rule (lowest ASN, hot-potato, random); withdrawing a site and announcing it again returns every AS to its original route; with
 * MRAI on, convergence after a withdrawal takes longer than after an announcement, the path
 * exploration measured by Labovitz et al. (SIGCOMM 2000) and by RIPE RIS beacons (see
 * ../shared/REFERENCES.md).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BgpSimulation,
  catchmentMap,
  type CatchmentMap,
  ConvergenceRecorder,
  steadyStateCatchment,
  steadyStateDeploymentCatchment,
  type TieBreakSpec,
} from '../../src/routing/index.js';
import type { LatLon } from '../../src/geo/index.js';
import { arbitraryTopology } from '../../src/arbitraries/index.js';
import { Clock, RandomStreams } from '../../src/sim/index.js';
import {
  type AnycastDeployment,
  type AsGraph,
  buildAsGraph,
  formatAsRel,
  generateSyntheticTopology,
} from '../../src/topology/index.js';

const NUM_RUNS = Number(process.env.ANYSIM_PROPERTY_RUNS ?? 100);
const SEED = 4_271;

const configArbitrary = fc.record({
  mraiMs: fc.constantFrom(0, 5_000, 30_000),
  wrate: fc.boolean(),
  damping: fc.boolean(),
});

/** Few places, so equal egress distances (broken by the ASN) are common. */
const PLACES: readonly LatLon[] = [
  { latDeg: 51.5, lonDeg: -0.1 },
  { latDeg: 40.7, lonDeg: -74 },
  { latDeg: 35.7, lonDeg: 139.7 },
];

/**
 * A tie-break rule for any graph holding the same ASes (hot-potato places are keyed by ASN, so a
 * graph rebuilt without some links gets the same geography), with three site points.
 */
const ruleArbitrary: fc.Arbitrary<(graph: AsGraph) => TieBreakSpec> = fc.oneof(
  fc.constant(() => ({ rule: 'lowest-asn' }) as const),
  fc.tuple(fc.array(fc.nat({ max: PLACES.length - 1 }), { minLength: 1, maxLength: 40 }), fc.array(fc.constantFrom(...PLACES), { minLength: 3, maxLength: 3 })).map(
    ([picks, sitePoints]) =>
      (graph: AsGraph): TieBreakSpec => ({
        rule: 'hot-potato',
        geography: { pointsOf: (i) => [PLACES[picks[graph.asnAt(i) % picks.length]!]!], usersOf: () => 1, sourceOf: () => 'city-draw' },
        sitePoints,
      }),
  ),
  fc.nat().map((salt) => (): TieBreakSpec => ({ rule: 'random', salt })),
);

/** The rule's spec with as many site points as `deployment` has sites. */
function forDeployment(spec: TieBreakSpec, deployment: AnycastDeployment): TieBreakSpec {
  return spec.rule === 'hot-potato' ? { ...spec, sitePoints: spec.sitePoints!.slice(0, deployment.sites.length) } : spec;
}

const eventArbitrary = fc.record({
  kind: fc.constantFrom('withdraw', 'announce', 'link-down', 'link-up', 'kill', 'prepend', 'site-link-down', 'site-link-up'),
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

/**
 * The steady state with `origins` originating and `downLinks` ("a|b", a < b) removed, solved on a
 * graph rebuilt without those links; ASes left without links are origins of their own or null.
 */
function independentSteadyState(
  graph: AsGraph,
  origins: ReadonlySet<number>,
  downLinks: ReadonlySet<string>,
  rule: (graph: AsGraph) => TieBreakSpec,
): CatchmentMap {
  const a: number[] = [];
  const b: number[] = [];
  const rel: number[] = [];
  const text = formatAsRel(graph);
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const [x, y, r] = line.split('|').map(Number) as [number, number, number];
    if (downLinks.has(x < y ? `${x}|${y}` : `${y}|${x}`)) continue;
    a.push(x);
    b.push(y);
    rel.push(r);
  }
  const reduced = buildAsGraph({ a, b, rel, count: a.length });
  const reducedOrigins = [...origins].filter((asn) => reduced.indexOf(asn) >= 0);
  const reducedMap = catchmentMap(steadyStateCatchment(reduced, reducedOrigins, rule(reduced)));
  const map: CatchmentMap = {};
  for (const asn of graph.asns) {
    const key = String(asn);
    map[key] = key in reducedMap ? reducedMap[key]! : origins.has(asn) ? { origin: asn, path: [asn] } : null;
  }
  return map;
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
        ruleArbitrary,
        (graph, originPicks, events, config, seed, rule) => {
          const origins = [...new Set(originPicks.map((p) => graph.asnAt(p % graph.asCount)))];
          const clock = new Clock();
          const simulation = new BgpSimulation(clock, graph, origins, config, new RandomStreams(seed), { tieBreak: rule(graph) });
          // The test keeps its own record of the inputs, so the oracle does not trust the simulation's.
          const originating = new Set(origins);
          const downLinks = new Set<string>();
          const key = ([a, b]: [number, number]): string => (a < b ? `${a}|${b}` : `${b}|${a}`);
          for (const event of events) {
            const asn = graph.asnAt(event.target % graph.asCount);
            const link = linkOf(graph, event.other);
            clock.schedule(event.atMs, () => {
              if (event.kind === 'withdraw' || event.kind === 'kill') {
                simulation.withdrawOrigin(asn);
                originating.delete(asn);
              } else if (event.kind === 'announce' || event.kind === 'prepend') {
                simulation.announceOrigin(asn);
                originating.add(asn);
              } else if (event.kind === 'link-down' || event.kind === 'site-link-down') {
                simulation.linkDown(...link);
                downLinks.add(key(link));
              } else {
                simulation.linkUp(...link);
                downLinks.delete(key(link));
              }
            });
          }
          clock.run();
          expect(catchmentMap(simulation.currentCatchment())).toEqual(independentSteadyState(graph, originating, downLinks, rule));
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
        ruleArbitrary,
        (graph, attachments, events, config, seed, rule) => {
          const deployment = deploymentFor(graph, attachments);
          const spec = forDeployment(rule(graph), deployment);
          const clock = new Clock();
          const simulation = new BgpSimulation(clock, graph, deployment, config, new RandomStreams(seed), { tieBreak: spec });
          const sites = deployment.sites.length;
          // Inputs recorded by the test itself, for an oracle independent of the simulation.
          const announcing = deployment.sites.map(() => true);
          const alive = deployment.sites.map(() => true);
          const prepends = deployment.sites.map(() => 0);
          let linksTouched = false;
          for (const event of events) {
            clock.schedule(event.atMs, () => {
              const site = event.target % sites;
              if (event.kind === 'withdraw') {
                simulation.withdrawSite(site);
                announcing[site] = false;
              } else if (event.kind === 'announce') {
                simulation.announceSite(site);
                announcing[site] = true;
                alive[site] = true;
              } else if (event.kind === 'kill') {
                simulation.killSite(site);
                alive[site] = false;
              } else if (event.kind === 'prepend') {
                simulation.setSitePrepend(site, event.other % 4);
                prepends[site] = event.other % 4;
              } else if (event.kind === 'link-down' || event.kind === 'link-up') {
                linksTouched = true;
                if (event.kind === 'link-down') simulation.linkDown(...linkOf(graph, event.other));
                else simulation.linkUp(...linkOf(graph, event.other));
              } else {
                linksTouched = true;
                const attached = [...deployment.sites[site]!.upstreams, ...deployment.sites[site]!.peers];
                const neighbour = attached[event.other % attached.length]!;
                if (event.kind === 'site-link-down') simulation.siteLinkDown(site, neighbour);
                else simulation.siteLinkUp(site, neighbour);
              }
            });
          }
          clock.run();
          if (!linksTouched) {
            const final = { ...deployment, sites: deployment.sites.map((site, i) => ({ ...site, prepend: prepends[i]! })) };
            const active = announcing.map((on, i) => on && alive[i]!);
            expect(catchmentMap(simulation.currentCatchment())).toEqual(catchmentMap(steadyStateDeploymentCatchment(graph, final, active, spec)));
          }
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
        ruleArbitrary,
        (graph, attachments, pick, config, gapMs, seed, rule) => {
          const deployment = deploymentFor(graph, attachments);
          const spec = forDeployment(rule(graph), deployment);
          const clock = new Clock();
          const simulation = new BgpSimulation(clock, graph, deployment, config, new RandomStreams(seed), { tieBreak: spec });
          const original = catchmentMap(simulation.currentCatchment());
          expect(original).toEqual(catchmentMap(steadyStateDeploymentCatchment(graph, deployment, undefined, spec)));
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
