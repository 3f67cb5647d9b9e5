/**
 * Replications benchmark (issue 13, item 7): wall-clock time of the replicated reference run
 * (`simulate()` of scenarios/reference.yaml with its default replications, the work of `npm
 * start` without the report) on 2 threads (this one and a worker), beside the same run on 1 thread;
 * its parallel efficiency is the 1-thread time over twice the 2-thread time (goal >= 0.8). Each
 * run is a fresh process (bench/replications-run.ts), as every `anysim run` is: its threads start
 * cold. The counts alternate which goes first and keep their fastest run. Run alone:
 * `npm run bench -- replications`.
 *
 * Where the 2-thread time goes (the spans and CPU figures below; bench/replications-spans.ts).
 * Measured on the shared 2-vCPU machine (not SMT siblings: lscpu gives 1 thread per core, and
 * the CPU-bound loop reaches 0.99), best of the rounds:
 * - the 1-thread run: its own thread about 6.2 s (the replications; nothing else is serial), and
 *   about 0.8 s on V8's helper threads, almost all optimising compilation (TurboFan: single-threaded
 *   GC barely changes it), which the idle second core does for free;
 * - the 2-thread run: the replications take the same CPU as on one thread (about 6.1 s in all),
 *   but V8's helper threads take about 1.2 s: the worker's isolate compiles the same code again
 *   (about 0.45 s), and now both isolates' compilers compete with the two JS threads for the two
 *   cores. The worker starts its first replication about 0.1 s after the call: its entry is one
 *   bundled file (src/worker-module.ts) and it loads no scenario parser. Before that bundle it
 *   loaded about 220 modules (zod and yaml among them) and started at 0.35-0.45 s;
 * - results crossing threads and combining them: under 30 ms; one thread idle at the end while
 *   the other finishes its last replication (8 replications of about 0.8 s): 0.05-0.2 s.
 * So even with perfect balance on two idle cores the ratio is at most the 1-thread run's own CPU
 * over the 2-thread run's CPU: about 0.85 ("the CPU allows"). With V8 compiling on the JS threads
 * themselves in both runs (the diagnostic figure) it is about 0.92: what is left is the second
 * isolate's compilation, which the 1-thread run does not pay on its own core.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { referenceScenario } from '../src/scenario/index.js';
import type { BenchFigure, BenchSuite } from './bench-figure.js';
import type { ReferenceRunMeasure } from './replications-run.js';
import { cpuBoundEfficiency, describeBreakdown, spanBreakdown, type RunMeasure } from './replications-spans.js';
import { machineSpeedUp } from './sweep.bench.js';

const RUN = fileURLToPath(new URL('./replications-run.ts', import.meta.url));

/** Parallel efficiency on two threads asked by issue 13. */
const EFFICIENCY_GOAL = 0.8;

/**
 * Rounds of the comparison; each thread count keeps its fastest run (the machine is shared: a
 * run can only be slowed by other work, so the fastest of five is the nearest to an idle machine).
 */
const ROUNDS = 5;

/**
 * One fresh process running the reference on `workers` threads; `v8Flags` only for the diagnostic
 * figure (anysim itself never sets V8 flags).
 */
function referenceRun(workers: number, v8Flags: readonly string[] = []): ReferenceRunMeasure {
  const child = spawnSync(process.execPath, [...v8Flags, '--import', 'tsx', RUN, String(workers)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (child.status !== 0) throw new Error(`bench: replications-run ${workers} failed (exit ${child.status ?? child.signal})`);
  return JSON.parse(child.stdout) as ReferenceRunMeasure;
}

/** The replications suite: the reference run on 1 thread (baseline) against 2 threads. */
export const replicationsBench: BenchSuite = {
  name: 'replications',
  async run(): Promise<BenchFigure[]> {
    const machine = await machineSpeedUp();
    const replications = referenceScenario().replications;
    const oneRuns: RunMeasure[] = [];
    const twoRuns: RunMeasure[] = [];
    const digests = new Set<string>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const workers of round % 2 === 0 ? [1, 2] : [2, 1]) {
        const run = referenceRun(workers);
        (workers === 1 ? oneRuns : twoRuns).push(run);
        digests.add(run.digest);
      }
    }
    if (digests.size !== 1) throw new Error('the reference run gave different results on 1 and 2 threads');
    const fastest = (runs: RunMeasure[]): RunMeasure => runs.reduce((a, b) => (b.ms < a.ms ? b : a));
    const one = fastest(oneRuns);
    const two = fastest(twoRuns);
    const efficiency = one.ms / (2 * two.ms);
    const perRound = oneRuns.map((run, i) => (run.ms / (2 * twoRuns[i]!.ms)).toFixed(2)).join(', ');
    const twoBreakdown = spanBreakdown(two);
    const idleMs = twoBreakdown.firstStartMs.reduce((a, b) => a + b, 0) + twoBreakdown.tailMs + 2 * twoBreakdown.afterMs;
    const cpuBound = oneRuns.map((run, i) => cpuBoundEfficiency(run, twoRuns[i]!));
    const perThreadCpu = cpuBound.every((e): e is number => e !== undefined);
    // Diagnostic: with V8's optimising compiler on the JS threads themselves, the 1-thread run no
    // longer gets its compilation done for free on the idle second core: what is left is what the
    // replications' own work allows.
    const inlineCompile = ['--no-concurrent-recompilation'];
    const inlineBound = perThreadCpu ? cpuBoundEfficiency(referenceRun(1, inlineCompile), referenceRun(2, inlineCompile)) : undefined;
    const cpuFigures: BenchFigure[] = perThreadCpu
      ? [
          {
            name: `CPU of all threads, 2-thread run (of which helper threads, V8's compiler and GC: ${two.helperCpuMs!.toFixed(0)} ms)`,
            value: two.processCpuMs,
            unit: 'ms',
            baseline: {
              name: `same, 1-thread run (helper threads ${one.helperCpuMs!.toFixed(0)} ms, on the idle core; its own thread ${one.mainThreadCpuMs!.toFixed(0)} ms)`,
              value: one.processCpuMs,
            },
          },
          {
            name: `parallel efficiency the CPU allows: 1-thread run's own-thread CPU / 2-thread run's CPU of all threads (2 idle cores, perfect balance; round by round: ${cpuBound.map((e) => e.toFixed(2)).join(', ')})`,
            value: Math.max(...cpuBound),
            unit: '',
            goal: `>= ${EFFICIENCY_GOAL}`,
            goalMet: Math.max(...cpuBound) >= EFFICIENCY_GOAL,
          },
          {
            name: 'same CPU ratio with V8 compiling on the JS threads (--no-concurrent-recompilation in both runs, a diagnostic: the replications\' own work, without the 1-thread run\'s free compiler core)',
            value: inlineBound ?? Number.NaN,
            unit: '',
          },
        ]
      : [];
    return [
      {
        name: `reference run, ${replications} replications, 2 threads (this and 1 worker), fresh process (wall clock, best of ${ROUNDS})`,
        value: two.ms,
        unit: 'ms',
        baseline: { name: `same run, 1 thread, fresh process (best of ${ROUNDS})`, value: one.ms },
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
      {
        name: `thread time outside replications, fastest 2-thread run (${describeBreakdown(twoBreakdown)})`,
        value: idleMs,
        unit: 'ms',
        baseline: { name: 'thread time of that run (2 x wall clock)', value: 2 * two.ms },
      },
      ...cpuFigures,
    ];
  },
};
