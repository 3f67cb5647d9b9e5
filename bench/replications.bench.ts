/**
 * Replications benchmark (issue 13, item 7): wall-clock time of the replicated reference run
 * (`simulate()` of scenarios/reference.yaml with its default replications, the work of `npm
 * start` without the report) on 2 threads (this one and a worker), beside the same run on 1 thread;
 * its parallel efficiency is the 1-thread time over twice the 2-thread time (goal >= 0.8). Each
 * run is a fresh process (bench/replications-run.ts), as every `anysim run` is: its threads start
 * cold, and a new thread pays V8's warm-up again (measured: about 0.7 s of CPU per thread, 1.5
 * replications of the reference). The counts alternate which goes first and keep their fastest
 * run. Run alone: `npm run bench -- replications`.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { referenceScenario } from '../src/scenario/index.js';
import type { BenchFigure, BenchSuite } from './bench-figure.js';
import { machineSpeedUp } from './sweep.bench.js';

const RUN = fileURLToPath(new URL('./replications-run.ts', import.meta.url));

/** Parallel efficiency on two threads asked by issue 13. */
const EFFICIENCY_GOAL = 0.8;

/** Rounds of the comparison; each thread count keeps its fastest run. */
const ROUNDS = 3;

function referenceRun(workers: number): { ms: number; digest: string } {
  const child = spawnSync(process.execPath, ['--import', 'tsx', RUN, String(workers)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (child.status !== 0) throw new Error(`bench: replications-run ${workers} failed (exit ${child.status ?? child.signal})`);
  return JSON.parse(child.stdout) as { ms: number; digest: string };
}

/** The replications suite: the reference run on 1 thread (baseline) against 2 threads. */
export const replicationsBench: BenchSuite = {
  name: 'replications',
  async run(): Promise<BenchFigure[]> {
    const machine = await machineSpeedUp();
    const replications = referenceScenario().replications;
    const oneRuns: number[] = [];
    const twoRuns: number[] = [];
    const digests = new Set<string>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const workers of round % 2 === 0 ? [1, 2] : [2, 1]) {
        const { ms, digest } = referenceRun(workers);
        (workers === 1 ? oneRuns : twoRuns).push(ms);
        digests.add(digest);
      }
    }
    if (digests.size !== 1) throw new Error('the reference run gave different results on 1 and 2 threads');
    const oneMs = Math.min(...oneRuns);
    const twoMs = Math.min(...twoRuns);
    const efficiency = oneMs / (2 * twoMs);
    const perRound = oneRuns.map((one, i) => (one / (2 * twoRuns[i]!)).toFixed(2)).join(', ');
    return [
      {
        name: `reference run, ${replications} replications, 2 threads (this and 1 worker), fresh process (wall clock, best of ${ROUNDS})`,
        value: twoMs,
        unit: 'ms',
        baseline: { name: `same run, 1 thread, fresh process (best of ${ROUNDS})`, value: oneMs },
        goal: `<= 1/${2 * EFFICIENCY_GOAL} of the 1-thread time`,
        goalMet: efficiency >= EFFICIENCY_GOAL,
      },
      {
        name: `parallel efficiency on 2 threads, 1-thread time / (2 x 2-thread time) (round by round: ${perRound})`,
        value: efficiency,
        unit: '',
        baseline: { name: 'CPU-bound loop on 2 threads, same ratio (what the machine allows now)', value: machine / 2 },
        goal: `>= ${EFFICIENCY_GOAL}`,
        goalMet: efficiency >= EFFICIENCY_GOAL,
      },
    ];
  },
};
