/**
 * Session-layer benchmarks (issue 5, item 9): sessions per second for the reference mix judged
 * under all six architectures on the reactive stream model, beside the same pass as a plain loop
 * measured in the same run (goal: the rxjs version within 1.5x; at least 1,000,000 sessions/s on
 * one core); and peak memory at 1 and 10 million sessions (goal: flat, under 500 MB).
 */
import { referenceScenario, type Scenario } from '../src/scenario/index.js';
import { assembleResult, prepareRun, runSessionPass, type SessionPassTally } from '../src/simulate/index.js';
import type { BenchFigure, BenchSuite } from './bench-figure.js';
import { plainSessionPass } from './plain-session-pass.js';

/** The reference scenario with every arrival rate multiplied so a run holds about `sessions` sessions. */
function scaledReference(sessions: number): Scenario {
  const base = referenceScenario();
  const perS = base.workload.reduce((s, w) => s + w.arrivalsPerS, 0);
  const factor = sessions / (perS * (base.durationMs / 1000));
  return { ...base, workload: base.workload.map((w) => ({ ...w, arrivalsPerS: w.arrivalsPerS * factor })) };
}

export const sessionsBench: BenchSuite = {
  name: 'sessions',
  async run(): Promise<BenchFigure[]> {
    const scenario = scaledReference(3_000_000);
    // Two rounds, alternating, keeping each version's faster one: the first round warms the JIT.
    let reactiveMs = Number.POSITIVE_INFINITY;
    let plainMs = Number.POSITIVE_INFINITY;
    let reactive: SessionPassTally | undefined;
    for (let round = 0; round < 2; round++) {
      const reactiveRun = prepareRun(scenario);
      const plainRun = prepareRun(scenario);
      let start = performance.now();
      reactive = runSessionPass(reactiveRun);
      reactiveMs = Math.min(reactiveMs, performance.now() - start);
      start = performance.now();
      const plain = plainSessionPass(plainRun);
      plainMs = Math.min(plainMs, performance.now() - start);
      if (JSON.stringify(assembleResult(reactiveRun, reactive)) !== JSON.stringify(assembleResult(plainRun, plain))) {
        throw new Error('the plain loop and the reactive pass disagree: the baseline is not the same computation');
      }
    }
    if (reactive === undefined) throw new Error('no round ran');
    const sessions = reactive.tally.sessionCount;
    const reactiveRate = sessions / (reactiveMs / 1000);
    const plainRate = sessions / (plainMs / 1000);

    // Memory: setInterval cannot fire inside a synchronous pass, so sample RSS from progress.
    const rssFor = (n: number): number => {
      const run = prepareRun(scaledReference(n));
      let peak = process.memoryUsage.rss();
      runSessionPass(run, {
        onProgress: () => {
          peak = Math.max(peak, process.memoryUsage.rss());
        },
      });
      return peak / 2 ** 20;
    };
    const rss1M = rssFor(1_000_000);
    const rss10M = rssFor(10_000_000);
    return [
      {
        name: `session pass, reference mix x all architectures (rxjs), ${(sessions / 1e6).toFixed(1)} M sessions`,
        value: reactiveRate,
        unit: 'sessions/s',
        baseline: { name: 'same pass as a plain loop', value: plainRate },
        goal: '>= 1,000,000 sessions/s; within 1.5x of the plain loop',
        goalMet: reactiveRate >= 1_000_000 && plainRate / reactiveRate <= 1.5,
      },
      {
        name: 'peak RSS, 10 M sessions',
        value: rss10M,
        unit: 'MB',
        baseline: { name: 'peak RSS, 1 M sessions', value: rss1M },
        goal: 'flat in the session count, < 500 MB',
        goalMet: rss10M < 500 && rss10M / rss1M < 1.25,
      },
    ];
  },
};
