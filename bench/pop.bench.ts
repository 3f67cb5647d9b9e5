/**
 * PoP-layer benchmarks (issue 4, item 8): Maglev table build for M = 65537, N = 1000 (goal under
 * 20 ms); lookups per second for each hashing algorithm against a plain typed-array read loop
 * over random indexes measured in the same run (goal 20 M/s for table lookups); bytes per table;
 * and the per-packet judgement rate of the `edge` architecture.
 */
import type { BenchFigure, BenchSuite } from './bench-figure.js';
import {
  buildBackendHash,
  createArchitecture,
  GlbTable,
  HASH_ALGORITHM_NAMES,
  MaglevHash,
  maglevPermutation,
  maglevPopulate,
  openSession,
  PopLayerModel,
  type BackendHash,
  type SessionPlacement,
} from '../src/pop/index.js';
import { RandomStreams } from '../src/sim/index.js';

const LOOKUPS = 2_000_000;
const LOOKUP_BACKENDS = 100;
const BUILD_REPEATS = 5;
const TABLE_LOOKUP_GOAL_PER_S = 20_000_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timeMs(action: () => void): number {
  const start = performance.now();
  action();
  return performance.now() - start;
}

/** Lookups per second over the given flow hashes (the sum defeats dead-code elimination). */
function lookupRate(table: BackendHash, flows: Uint32Array): number {
  let sink = 0;
  // One warm-up pass so the JIT has compiled the lookup before timing.
  for (let i = 0; i < flows.length; i += 16) sink += table.lookup(flows[i]!);
  const ms = timeMs(() => {
    for (let i = 0; i < flows.length; i++) sink += table.lookup(flows[i]!);
  });
  if (sink < 0) throw new Error('unreachable: lookups return indexes');
  return flows.length / (ms / 1000);
}

/** The baseline: reads of a 65537-entry Uint16Array at random indexes, per second. */
function typedArrayReadRate(indexes: Uint32Array, table: Uint16Array): number {
  let sink = 0;
  for (let i = 0; i < indexes.length; i += 16) sink += table[indexes[i]!]!;
  const ms = timeMs(() => {
    for (let i = 0; i < indexes.length; i++) sink += table[indexes[i]!]!;
  });
  if (sink < 0) throw new Error('unreachable');
  return indexes.length / (ms / 1000);
}

/** Median milliseconds of a build. */
function buildMs(build: () => unknown): number {
  build();
  return median(Array.from({ length: BUILD_REPEATS }, () => timeMs(build)));
}

/** The PoP layer's benchmark suite. */
export const popBench: BenchSuite = {
  name: 'pop',
  async run(): Promise<BenchFigure[]> {
    const figures: BenchFigure[] = [];
    const random = new RandomStreams('bench-pop').stream('pop/flows');
    const flows = Uint32Array.from({ length: LOOKUPS }, () => random.uint32());

    const names1000 = Array.from({ length: 1000 }, (_, i) => `pop-bench/s${i}`);
    const fullBuildMs = buildMs(() => new MaglevHash(names1000, 65_537));
    figures.push({ name: 'Maglev build, M = 65537, N = 1000 (names -> table)', value: fullBuildMs, unit: 'ms', goal: '< 20 ms', goalMet: fullBuildMs < 20 });
    const permutations = names1000.map((n) => maglevPermutation(n, 65_537));
    const populateMs = buildMs(() => maglevPopulate(permutations, 65_537));
    figures.push({ name: 'Maglev population loop only, M = 65537, N = 1000', value: populateMs, unit: 'ms', goal: '< 20 ms', goalMet: populateMs < 20 });

    const baselineTable = new Uint16Array(65_537).map((_, i) => i % LOOKUP_BACKENDS);
    const indexes = flows.map((f) => f % 65_537);
    const baseline = { name: 'Uint16Array read at random indexes', value: typedArrayReadRate(indexes, baselineTable) };
    figures.push({ name: baseline.name, value: baseline.value, unit: 'ops/s' });
    const names100 = names1000.slice(0, LOOKUP_BACKENDS);
    for (const algorithm of HASH_ALGORITHM_NAMES) {
      const table = buildBackendHash(algorithm, names100);
      const rate = lookupRate(table, flows);
      const isTable = algorithm === 'maglev';
      figures.push({
        name: `${algorithm} lookups, N = ${LOOKUP_BACKENDS}`,
        value: rate,
        unit: 'ops/s',
        baseline,
        ...(isTable ? { goal: '>= 20 M/s (table lookup)', goalMet: rate >= TABLE_LOOKUP_GOAL_PER_S } : {}),
      });
    }
    const glb = new GlbTable(names100, names100.map(() => false));
    figures.push({ name: `GLB table (rendezvous rows) lookups, N = ${LOOKUP_BACKENDS}`, value: lookupRate(glb, flows), unit: 'ops/s', baseline });

    const memory: [string, BackendHash][] = [
      ['Maglev table, M = 65537, N = 1000', new MaglevHash(names1000, 65_537)],
      ['ring, N = 1000, 160 vnodes', buildBackendHash('ring', names1000)],
      ['rendezvous, N = 1000', buildBackendHash('rendezvous', names1000)],
      ['GLB table, 65536 rows, N = 1000', new GlbTable(names1000, names1000.map(() => false))],
    ];
    for (const [name, table] of memory) figures.push({ name: `memory: ${name}`, value: table.tableBytes / 1024, unit: 'KiB' });

    // Per-packet judgement: edge deliver at the session's own PoP with churn in the timeline.
    const model = new PopLayerModel({
      pops: [{ name: 'a', servers: 50, algorithm: 'maglev' }, { name: 'b', servers: 50, algorithm: 'maglev' }],
      churn: [{ atMs: 1000, popIndex: 0, kind: 'drain', serverId: 3 }, { atMs: 2000, popIndex: 0, kind: 'add' }],
    });
    const edge = createArchitecture('edge', model);
    const placements: SessionPlacement[] = [];
    for (let i = 0; i < 10_000; i++) {
      const opened = openSession(edge, flows[i]!, 0, 0);
      if (typeof opened === 'object') placements.push(opened);
    }
    const judgements = 1_000_000;
    let breaks = 0;
    const judgeMs = timeMs(() => {
      for (let i = 0; i < judgements; i++) if (edge.deliver(placements[i % placements.length]!, 0, 500 + (i % 3000), 10) !== null) breaks++;
    });
    if (breaks < 0) throw new Error('unreachable');
    figures.push({ name: 'edge deliver judgements (Maglev, N = 50, 3 epochs)', value: judgements / (judgeMs / 1000), unit: 'ops/s' });
    return figures;
  },
};
