/**
 * Causal convergence (issue 12, item 4): every UPDATE carries the wave of the routing event that
 * caused it, so each event's row counts the changes of its own wave. Two properties on small
 * random graphs: (1) with events far apart, the causal measure equals the windowed one (an event's
 * window running to the next event), AS by AS and to the millisecond; (2) with two events
 * overlapping in time on different PoPs, each event's set of moved ASes equals the set measured
 * when it runs alone, whenever the two waves never meet (no AS one wave changes hears an UPDATE
 * of the other; deterministic delays and MRAI off, so that running alone changes nothing but the
 * other event). Events that do meet interact (a withdrawal's movers head for the other event's PoP)
 * and no attribution can give both their solo sets; they are marked as overlapping instead.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BgpSimulation, type BgpConfigInput } from '../../src/routing/index.js';
import { Clock, RandomStreams } from '../../src/sim/index.js';
import { CausalConvergence } from '../../src/simulate/causal-convergence.js';
import { type AnycastDeployment, type AsGraph, generateSyntheticTopology, Relationship } from '../../src/topology/index.js';

const NUM_RUNS = Number(process.env.ANYSIM_PROPERTY_RUNS ?? 100);
const SEED = 1_200_004;

type EventKind = 'withdraw' | 'kill' | 'site-link-down' | 'prepend' | 'announce';
interface Event {
  readonly kind: EventKind;
  readonly site: number;
  readonly atMs: number;
}

function apply(simulation: BgpSimulation, deployment: AnycastDeployment, event: Event, wave: number): void {
  switch (event.kind) {
    case 'withdraw':
      return simulation.withdrawSite(event.site, wave);
    case 'announce':
      return simulation.announceSite(event.site, wave);
    case 'kill':
      simulation.killSite(event.site, wave);
      return;
    case 'prepend':
      return simulation.setSitePrepend(event.site, 3, wave);
    case 'site-link-down':
      return simulation.siteLinkDown(event.site, deployment.sites[event.site]!.upstreams[0]!, wave);
  }
}

/** Four sites on transit ASes spread over the graph, the first two dual-homed. */
function deploymentOn(graph: AsGraph, pick: number): AnycastDeployment {
  const transit: number[] = [];
  for (let i = 0; i < graph.asCount; i++) {
    for (let k = graph.offsets[i]!; k < graph.offsets[i + 1]!; k++) {
      if (graph.relationships[k] === Relationship.Customer) {
        transit.push(graph.asnAt(i));
        break;
      }
    }
  }
  const at = (j: number): number => transit[(pick + j * 7) % transit.length]!;
  return {
    operatorAsn: 4_200_000_000,
    sites: [0, 1, 2, 3].map((s) => ({ name: `s${s}`, upstreams: s < 2 && at(s) !== at(s + 4) ? [at(s), at(s + 4)] : [at(s)], peers: [] })),
  };
}

interface Recorded {
  /** Per wave: AS index -> time of its last landing change in that wave. */
  readonly landing: Map<number, Map<number, number>>;
  /** Per wave: ASes whose best route changed. */
  readonly routes: Map<number, Set<number>>;
  /** Every landing change in time order. */
  readonly all: { timeMs: number; asIndex: number; servingSite: number; wave: number }[];
}

function run(graph: AsGraph, deployment: AnycastDeployment, events: readonly Event[], config: BgpConfigInput, seed: string): Recorded {
  const clock = new Clock();
  const simulation = new BgpSimulation(clock, graph, deployment, config, new RandomStreams(seed));
  const recorded: Recorded = { landing: new Map(), routes: new Map(), all: [] };
  simulation.forwardingChanges$.subscribe((c) => {
    recorded.all.push(c);
    if (!recorded.landing.has(c.wave)) recorded.landing.set(c.wave, new Map());
    recorded.landing.get(c.wave)!.set(c.asIndex, c.timeMs);
  });
  simulation.routeChanges$.subscribe((c) => {
    if (!recorded.routes.has(c.wave)) recorded.routes.set(c.wave, new Set());
    recorded.routes.get(c.wave)!.add(c.asIndex);
  });
  events.forEach((e, wave) => clock.schedule(e.atMs, () => apply(simulation, deployment, e, wave)));
  clock.run();
  return recorded;
}

const sorted = (xs: Iterable<number>): number[] => [...xs].sort((a, b) => a - b);

/** `ases` and every AS adjacent to one of them. */
function withNeighbours(graph: AsGraph, ases: ReadonlySet<number>): Set<number> {
  const out = new Set(ases);
  for (const a of ases) for (let k = graph.offsets[a]!; k < graph.offsets[a + 1]!; k++) out.add(graph.neighbours[k]!);
  return out;
}

describe('causal convergence', () => {
  it('equals the windowed measure when events are far apart', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 50 }),
        fc.array(fc.record({ kind: fc.constantFrom<EventKind>('withdraw', 'kill', 'site-link-down', 'prepend'), site: fc.nat({ max: 3 }) }), { minLength: 1, maxLength: 4 }),
        fc.constantFrom<BgpConfigInput>({}, { mraiMs: 0 }, { mraiTimers: 'idle', wrate: true }),
        (topologySeed, pick, kinds, config) => {
          const graph = generateSyntheticTopology({ ases: 120 }, new RandomStreams(topologySeed).stream('topology'));
          const deployment = deploymentOn(graph, pick);
          // An hour apart: far longer than any wave (hold timer 90 s, MRAI 30 s per hop).
          const events = kinds.map((k, i) => ({ ...k, atMs: 60_000 + i * 3_600_000 }));
          const recorded = run(graph, deployment, events, config, `causal/${topologySeed}`);
          const rows = events.map((e) => ({ startMs: e.atMs, description: e.kind }));
          const causal = new CausalConvergence(rows, Int32Array.from(events.map((_, i) => i)));
          for (const c of recorded.all) causal.landingChanged(c.timeMs, c.asIndex, c.servingSite, c.wave);
          // Every AS one user: the users' share is the ASes' share.
          const windows = causal.windows(events[events.length - 1]!.atMs + 3_600_000, () => 1 / graph.asCount);
          events.forEach((e, i) => {
            const end = events[i + 1]?.atMs ?? Number.POSITIVE_INFINITY;
            const windowed = new Map<number, number>();
            for (const c of recorded.all) if (c.timeMs >= e.atMs && c.timeMs < end) windowed.set(c.asIndex, c.timeMs);
            const mine = recorded.landing.get(i) ?? new Map<number, number>();
            expect(sorted(mine.keys())).toEqual(sorted(windowed.keys()));
            for (const [asIndex, t] of windowed) expect(mine.get(asIndex)).toBe(t);
            expect(windows[i]!.asesChanged).toBe(windowed.size);
            expect(windows[i]!.usersChangedShare).toBeCloseTo(windowed.size / graph.asCount, 9);
            expect(windows[i]!.settledMs.max).toBe(windowed.size === 0 ? 0 : Math.max(...windowed.values()) - e.atMs);
            expect(windows[i]!.overlapsWith).toEqual([]);
            if (e.kind === 'kill' && windowed.size > 0) expect(windows[i]!.settledMs.max).toBeGreaterThanOrEqual(60_000);
          });
        },
      ),
      { numRuns: Math.max(10, Math.floor(NUM_RUNS / 5)), seed: SEED },
    );
  });

  it("credits each of two overlapping events with the ASes it moves alone, when their waves never meet", () => {
    const config: BgpConfigInput = { mraiMs: 0, processingDelayMs: [5, 5], linkDelayMs: [10, 10] };
    let compared = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 50 }),
        fc.constantFrom<EventKind>('withdraw', 'site-link-down', 'prepend'),
        fc.constantFrom<EventKind>('withdraw', 'site-link-down', 'prepend'),
        fc.integer({ min: 0, max: 200 }),
        (topologySeed, pick, kindA, kindB, gapMs) => {
          const graph = generateSyntheticTopology({ ases: 120 }, new RandomStreams(topologySeed).stream('topology'));
          const deployment = deploymentOn(graph, pick);
          const a: Event = { kind: kindA, site: 0, atMs: 60_000 };
          const b: Event = { kind: kindB, site: 2, atMs: 60_000 + gapMs };
          const seed = `overlap/${topologySeed}`;
          const alone = [run(graph, deployment, [a], config, seed), run(graph, deployment, [b], config, seed)];
          const both = run(graph, deployment, [a, b], config, seed);
          const routesA = alone[0]!.routes.get(0) ?? new Set<number>();
          const routesB = alone[1]!.routes.get(0) ?? new Set<number>();
          const landA = alone[0]!.landing.get(0) ?? new Map<number, number>();
          const landB = alone[1]!.landing.get(0) ?? new Map<number, number>();
          // The waves must not meet: no AS that one wave changed hears from the other (a neighbour
          // of a changed AS receives its UPDATEs), and no AS's packets cross both.
          const reachedA = withNeighbours(graph, routesA);
          const apart = [...routesB].every((x) => !reachedA.has(x)) && [...withNeighbours(graph, routesB)].every((x) => !routesA.has(x));
          if (!apart || [...landA.keys()].some((x) => landB.has(x))) return;
          compared++;
          expect(sorted((both.landing.get(0) ?? new Map()).keys())).toEqual(sorted(landA.keys()));
          expect(sorted((both.landing.get(1) ?? new Map()).keys())).toEqual(sorted(landB.keys()));
        },
      ),
      { numRuns: Math.max(20, Math.floor(NUM_RUNS / 2)), seed: SEED },
    );
    // The property must not hold vacuously.
    expect(compared).toBeGreaterThan(5);
  });
});
