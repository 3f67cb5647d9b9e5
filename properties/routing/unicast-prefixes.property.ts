/**
 * PoPs' unicast prefixes (issue 12, item 2) over random topologies and event sequences: once the
 * clock runs dry, full BGP dynamics leave every (PoP, AS) pair where the steady state of a sole
 * origin puts it (reachable exactly when a valley-free path to the PoP survives), which is what the
 * steady-state dynamics jump to (under the lowest-ASN and random tie-breaks); and every change names the wave of an event that happened.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BgpSimulation, BLACKHOLE, LOWEST_ASN, type TieBreakSpec, type UnicastDynamics, UnicastPrefixes } from '../../src/routing/index.js';
import { Clock, RandomStreams } from '../../src/sim/index.js';
import { type AnycastDeployment, type AsGraph, generateSyntheticTopology } from '../../src/topology/index.js';

const NUM_RUNS = Number(process.env.ANYSIM_PROPERTY_RUNS ?? 100);
const SEED = 12_002;

type Kind = 'site-link-down' | 'site-link-up' | 'link-down' | 'link-up' | 'kill' | 'announce';
interface Event {
  readonly kind: Kind;
  readonly site: number;
  readonly pick: number;
  readonly atMs: number;
}

/** Three sites, each on one or two ASes chosen by index. */
function deploymentOn(graph: AsGraph, picks: readonly (readonly number[])[]): AnycastDeployment {
  return {
    operatorAsn: 4_200_000_000,
    sites: picks.map((p, s) => ({ name: `s${s}`, upstreams: [...new Set(p.map((i) => graph.asnAt(i % graph.asCount)))], peers: [] })),
  };
}

/** Final outcome per (site, AS) after the events, under `dynamics`; checks the waves on the way. */
function finalOutcomes(
  graph: AsGraph,
  deployment: AnycastDeployment,
  events: readonly Event[],
  dynamics: UnicastDynamics,
  seed: string,
  tieBreak: TieBreakSpec = LOWEST_ASN,
): Int32Array {
  const clock = new Clock();
  const streams = new RandomStreams(seed);
  const config = { mraiMs: 30_000, holdTimeMs: 9_000 };
  const anycast = new BgpSimulation(clock, graph, deployment, config, streams, { tieBreak });
  const sites = deployment.sites.length;
  const outcome = new Int32Array(sites * graph.asCount);
  const unicast = new UnicastPrefixes(clock, graph, deployment, anycast.fabric, config, streams, {
    dynamics,
    onChange: (c) => {
      const event = events[c.wave];
      if (event === undefined || c.timeMs < event.atMs) throw new Error(`change at ${c.timeMs} ms names wave ${c.wave}`);
      outcome[c.site * graph.asCount + c.asIndex] = c.outcome;
    },
  });
  for (let s = 0; s < sites; s++) for (let a = 0; a < graph.asCount; a++) outcome[s * graph.asCount + a] = unicast.initiallyReachable(s, a) ? s : BLACKHOLE;
  events.forEach((e, wave) =>
    clock.schedule(e.atMs, () => {
      const site = deployment.sites[e.site]!;
      const upstream = site.upstreams[e.pick % site.upstreams.length]!;
      const a = e.pick % graph.asCount;
      const k = graph.offsets[a]!;
      const link: [number, number] | undefined = k < graph.offsets[a + 1]! ? [graph.asnAt(a), graph.asnAt(graph.neighbours[k]!)] : undefined;
      switch (e.kind) {
        case 'site-link-down':
          return unicast.siteLinkDown(e.site, upstream, wave);
        case 'site-link-up':
          return unicast.siteLinkUp(e.site, upstream, wave);
        case 'link-down':
          if (link !== undefined) unicast.linkDown(link[0], link[1], wave);
          return;
        case 'link-up':
          if (link !== undefined) unicast.linkUp(link[0], link[1], wave);
          return;
        case 'kill': {
          const delays = anycast.killSite(e.site, wave);
          if (delays.length > 0) unicast.killSite(e.site, wave, delays);
          return;
        }
        case 'announce':
          anycast.announceSite(e.site, wave);
          return unicast.reviveSite(e.site, wave);
      }
    }),
  );
  clock.run();
  return outcome;
}

describe('unicast prefixes', () => {
  it('end, under full BGP, in the steady state of a sole origin, whatever the flaps and deaths on the way', () => {
    let moved = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 100, max: 220 }),
        fc.array(fc.array(fc.nat(), { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 3 }),
        fc.array(
          fc.record({
            kind: fc.constantFrom<Kind>('site-link-down', 'site-link-up', 'link-down', 'link-up', 'kill', 'announce'),
            site: fc.nat(),
            pick: fc.nat(),
            atMs: fc.integer({ min: 0, max: 60_000 }),
          }),
          { maxLength: 8 },
        ),
        fc.option(fc.nat(), { nil: undefined }),
        (topologySeed, ases, picks, raw, salt) => {
          const graph = generateSyntheticTopology({ ases }, new RandomStreams(topologySeed).stream('topology'));
          const deployment = deploymentOn(graph, picks);
          const events = raw.map((e) => ({ ...e, site: e.site % deployment.sites.length })).sort((x, y) => x.atMs - y.atMs);
          // Unicast prefixes share the anycast prefix's fabric and so its tie-break rule.
          const rule: TieBreakSpec = salt === undefined ? LOWEST_ASN : { rule: 'random', salt };
          const bgp = finalOutcomes(graph, deployment, events, 'bgp', `unicast/${topologySeed}`, rule);
          const jump = finalOutcomes(graph, deployment, events, 'steady-state', `unicast/${topologySeed}`);
          expect(Array.from(bgp)).toEqual(Array.from(jump));
          const initial = finalOutcomes(graph, deployment, [], 'steady-state', 'initial');
          if (bgp.some((x, i) => x !== initial[i])) moved++;
        },
      ),
      { numRuns: Math.max(10, Math.floor(NUM_RUNS / 4)), seed: SEED },
    );
    // Not vacuous: some runs end with PoPs cut off.
    expect(moved).toBeGreaterThan(2);
  });
});
