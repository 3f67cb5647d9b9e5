/**
 * Replications benchmark (issue 13, item 7): wall-clock time of the replicated reference run
 * (`simulate()` of scenarios/reference.yaml with its default replications, the work of `npm
 * start` without the report) on 2 worker threads, beside the same run on 1 thread (in-process)
 * measured in the same process; its parallel efficiency is the 1-thread time over twice the
 * 2-thread time (goal >= 0.8). The 2-thread run includes starting its workers, as every `anysim
 * run` does; the worker bundle is built once before (a process pays that once). Run alone:
 * `npm run bench -- replications`.
 */
import { referenceScenario } from '../src/scenario/index.js';
import { replicationWorkerUrl, simulate } from '../src/simulate/index.js';
import type { BenchFigure, BenchSuite } from './bench-figure.js';
import { machineSpeedUp } from './sweep.bench.js';

/** Parallel efficiency on two threads asked by issue 13. */
const EFFICIENCY_GOAL = 0.8;

/** Rounds of the comparison; each thread count keeps its fastest run. */
const ROUNDS = 3;

async function referenceMs(workers: number): Promise<{ ms: number; json: string }> {
  const start = performance.now();
  const result = await simulate(referenceScenario(), { workers });
  return { ms: performance.now() - start, json: JSON.stringify(result) };
}

/** The replications suite: the reference run on 1 thread (baseline) against 2 threads. */
export const replicationsBench: BenchSuite = {
  name: 'replications',
  async run(): Promise<BenchFigure[]> {
    const machine = await machineSpeedUp();
    await replicationWorkerUrl();
    const replications = referenceScenario().replications;
    const oneRuns: number[] = [];
    const twoRuns: number[] = [];
    let oneJson = '';
    let twoJson = '';
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? [1, 2] : [2, 1];
      for (const workers of order) {
        const { ms, json } = await referenceMs(workers);
        if (workers === 1) {
          oneRuns.push(ms);
          oneJson = json;
        } else {
          twoRuns.push(ms);
          twoJson = json;
        }
      }
    }
    if (oneJson !== twoJson) throw new Error('the reference run gave different results on 1 and 2 threads');
    const oneMs = Math.min(...oneRuns);
    const twoMs = Math.min(...twoRuns);
    const efficiency = oneMs / (2 * twoMs);
    const perRound = oneRuns.map((one, i) => (one / (2 * twoRuns[i]!)).toFixed(2)).join(', ');
    return [
      {
        name: `reference run, ${replications} replications, 2 worker threads (wall clock, best of ${ROUNDS})`,
        value: twoMs,
        unit: 'ms',
        baseline: { name: `same run, 1 thread (best of ${ROUNDS})`, value: oneMs },
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
