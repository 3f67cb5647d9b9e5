/**
 * Routing benchmarks (issue 3, item 10) on the 2016 CAIDA AS graph (55,809 ASes, 239,064 links):
 * load time; steady-state catchment for 2, 20 and 275 seeded origins, each beside a bare
 * multi-source breadth-first search over the same CSR arrays in the same run (the baseline: any
 * catchment must at least touch every link once); a PoP withdrawal of one of 20 sites run to
 * quiescence; the hot-potato tie-break beside lowest ASN (issue 15, item 7: within 2x); and peak
 * memory. Goals: catchment within 3x of BFS and under 50 ms for 2 origins, withdrawal under 5 s
 * wall.
 */
import { worldCities } from '../src/geo/index.js';
import { BgpSimulation, LOWEST_ASN, steadyStateCatchment, type TieBreakSpec } from '../src/routing/index.js';
import { Clock, RandomStreams } from '../src/sim/index.js';
import { type AnycastDeployment, type AsGraph, buildAsGeography, loadAsRelFile } from '../src/topology/index.js';
import type { BenchFigure, BenchSuite } from './bench-figure.js';
import { caidaFile2016 } from './caida-file.js';

const CAIDA_2016 = caidaFile2016();
const REPEATS = 9;

/** Median wall time of `REPEATS` runs of `work`, after one warm-up run. */
function medianMs(work: () => void): number {
  work();
  const times: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(REPEATS / 2)]!;
}

/** Multi-source BFS over the CSR arrays: the baseline a catchment is compared with. */
function breadthFirst(graph: AsGraph, sources: readonly number[]): Int32Array {
  const { offsets, neighbours } = graph;
  const dist = new Int32Array(graph.asCount).fill(-1);
  const queue = new Int32Array(graph.asCount);
  let tail = 0;
  for (const s of sources) {
    dist[s] = 0;
    queue[tail++] = s;
  }
  for (let head = 0; head < tail; head++) {
    const u = queue[head]!;
    for (let k = offsets[u]!; k < offsets[u + 1]!; k++) {
      const v = neighbours[k]!;
      if (dist[v] === -1) {
        dist[v] = dist[u]! + 1;
        queue[tail++] = v;
      }
    }
  }
  return dist;
}

/** `count` distinct AS indexes drawn from a named seeded stream. */
function seededPicks(graph: AsGraph, count: number, streamName: string, minDegree = 1): number[] {
  const random = new RandomStreams('routing-bench').stream(streamName);
  const picked = new Set<number>();
  while (picked.size < count) {
    const i = random.int(0, graph.asCount);
    if (graph.degree(i) >= minDegree) picked.add(i);
  }
  return [...picked];
}

/** 20 PoP sites, each on two seeded upstreams among ASes with at least 10 neighbours. */
function twentyPops(graph: AsGraph): AnycastDeployment {
  const upstreams = seededPicks(graph, 40, 'pop-upstreams', 10);
  return {
    operatorAsn: 4_200_000_000,
    sites: Array.from({ length: 20 }, (_, s) => ({
      name: `pop${s}`,
      upstreams: [graph.asnAt(upstreams[2 * s]!), graph.asnAt(upstreams[2 * s + 1]!)],
      peers: [],
    })),
  };
}

/**
 * Hot-potato beside lowest ASN on the CAIDA graph, 20 seeded origins (issue 15, item 7): the
 * one-off cost of placing the ASes and ranking every AS's neighbours by egress distance, and the
 * catchment itself with the ranks built (what every later solve of the run costs).
 */
function tieBreakFigures(graph: AsGraph): BenchFigure[] {
  const asns = seededPicks(graph, 20, 'origins-20').map((i) => graph.asnAt(i));
  const placeStart = performance.now();
  const { geography } = buildAsGeography(graph, { cities: worldCities(), random: new RandomStreams('routing-bench').stream('geo/as-cities') });
  const placeMs = performance.now() - placeStart;
  const hotPotato: TieBreakSpec = { rule: 'hot-potato', geography };
  const rankStart = performance.now();
  steadyStateCatchment(graph, asns, hotPotato);
  const firstHotMs = performance.now() - rankStart;
  const lowMs = medianMs(() => steadyStateCatchment(graph, asns, LOWEST_ASN));
  const hotMs = medianMs(() => steadyStateCatchment(graph, asns, hotPotato));
  const random: TieBreakSpec = { rule: 'random', salt: 1 };
  steadyStateCatchment(graph, asns, random);
  const randomMs = medianMs(() => steadyStateCatchment(graph, asns, random));
  return [
    { name: 'place the CAIDA ASes in cities (geography for hot-potato; once per graph)', value: placeMs, unit: 'ms' },
    { name: 'first hot-potato catchment, 20 origins (ranks every AS\'s neighbours by egress km once)', value: firstHotMs, unit: 'ms' },
    {
      name: 'steady-state catchment, 20 origins, hot-potato tie-break',
      value: hotMs,
      unit: 'ms',
      baseline: { name: 'the same catchment with lowest-ASN tie-breaks', value: lowMs },
      goal: 'within 2x of lowest-asn',
      goalMet: hotMs <= 2 * lowMs,
    },
    {
      name: 'steady-state catchment, 20 origins, random tie-break',
      value: randomMs,
      unit: 'ms',
      baseline: { name: 'the same catchment with lowest-ASN tie-breaks', value: lowMs },
    },
  ];
}

/** The routing layer's benchmark suite. */
export const routingBench: BenchSuite = {
  name: 'routing',
  async run(): Promise<BenchFigure[]> {
    const figures: BenchFigure[] = [];
    const loadStart = performance.now();
    const graph = loadAsRelFile(CAIDA_2016);
    figures.push({ name: `load CAIDA 2016 as-rel.bz2 (${graph.asCount} ASes, ${graph.linkCount} links)`, value: performance.now() - loadStart, unit: 'ms' });

    const coldStart = performance.now();
    steadyStateCatchment(graph, [graph.asnAt(0)]);
    figures.push({ name: 'first catchment on a graph (builds the relationship-grouped rows once)', value: performance.now() - coldStart, unit: 'ms' });

    for (const count of [2, 20, 275]) {
      const indexes = seededPicks(graph, count, `origins-${count}`);
      const asns = indexes.map((i) => graph.asnAt(i));
      const catchmentMs = medianMs(() => steadyStateCatchment(graph, asns));
      const bfsMs = medianMs(() => breadthFirst(graph, indexes));
      const ratio = catchmentMs / bfsMs;
      const under50 = count === 2 ? catchmentMs < 50 : true;
      figures.push({
        name: `steady-state catchment, ${count} origins`,
        value: catchmentMs,
        unit: 'ms',
        baseline: { name: 'multi-source BFS over the same CSR arrays', value: bfsMs },
        goal: count === 2 ? 'within 3x of BFS and < 50 ms' : 'within 3x of BFS',
        goalMet: ratio <= 3 && under50,
      });
    }

    figures.push(...tieBreakFigures(graph));

    const deployment = twentyPops(graph);
    for (const which of ['first', 'largest-catchment'] as const) {
      const clock = new Clock();
      const simulation = new BgpSimulation(clock, graph, deployment, {}, new RandomStreams(`routing-bench/${which}`));
      const served = new Array<number>(deployment.sites.length).fill(0);
      for (let i = 0; i < graph.asCount; i++) if (simulation.servingSite(i) >= 0) served[simulation.servingSite(i)]!++;
      const site = which === 'first' ? 0 : served.indexOf(Math.max(...served));
      const start = performance.now();
      simulation.withdrawSite(site);
      clock.run();
      const wallMs = performance.now() - start;
      figures.push({
        name: `withdraw 1 of 20 PoPs (${which}, ${served[site]} ASes in its catchment) to quiescence: ${simulation.updatesSent} UPDATEs, ${(clock.nowMs / 1000).toFixed(1)} s virtual, matches steady state: ${simulation.matchesSteadyState()}`,
        value: wallMs,
        unit: 'ms',
        goal: '< 5000 ms wall',
        goalMet: wallMs < 5_000,
      });
    }
    figures.push({ name: 'peak resident memory', value: process.resourceUsage().maxRSS / 1024, unit: 'MB' });
    return figures;
  },
};
