/**
 * One replicated reference run in a process of its own, for bench/replications.bench.ts:
 * `replications-run.ts WORKERS` simulates scenarios/reference.yaml (its default replications) on
 * WORKERS threads (1: in this thread) and prints a {@link ReferenceRunMeasure} as JSON: the
 * wall-clock time of the simulate() call in a fresh process, as `anysim run` makes it (every
 * thread starts cold), a digest of the result to check that thread counts agree, and where the
 * time went: each replication's span (thread, start, end, thread CPU), and the CPU of the whole
 * process, of this thread and of the threads that are neither this one nor a replication worker
 * (V8's platform threads: optimising compiler and GC helpers; libuv's). It runs the compiled
 * package (dist/, built by `npm run bench`), whose workers load their compiled entry as an
 * installed anysim does.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { ReplicationSpan } from '../src/simulate/index.js';
import type { RunMeasure } from './replications-spans.js';
type Package = typeof import('../src/index.js');
const { referenceScenario, simulate } = (await import(new URL('../dist/index.js', import.meta.url).href)) as Package;

/** What one run prints. CPU figures are undefined where Linux's /proc is not there. */
/** What this script prints: the run's measure and its result digest. */
export type ReferenceRunMeasure = RunMeasure & { readonly digest: string };

/** CPU ms per thread id of this process (Linux schedstat: ns on a CPU), or undefined without /proc. */
function threadCpuByTid(): Map<string, number> | undefined {
  try {
    return new Map(readdirSync('/proc/self/task').map((tid) => [tid, Number(readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ')[0]) / 1e6]));
  } catch {
    return undefined;
  }
}

const workers = Number(process.argv[2] ?? '1');
if (!Number.isInteger(workers) || workers < 1) {
  process.stderr.write(`replications-run: WORKERS must be an integer >= 1, got ${process.argv[2] ?? ''}\n`);
  process.exit(2);
}
const scenario = referenceScenario();
const spans: ReplicationSpan[] = [];
const threadsBefore = threadCpuByTid();
const cpuBefore = process.cpuUsage();
const startMs = performance.timeOrigin + performance.now();
const result = await simulate(scenario, { workers, onSpan: (span) => spans.push(span) });
const endMs = performance.timeOrigin + performance.now();
const cpu = process.cpuUsage(cpuBefore);
const threadsAfter = threadCpuByTid();
const mainTid = String(process.pid);
let mainThreadCpuMs: number | undefined;
let helperCpuMs: number | undefined;
if (threadsBefore !== undefined && threadsAfter !== undefined) {
  mainThreadCpuMs = threadsAfter.get(mainTid)! - threadsBefore.get(mainTid)!;
  helperCpuMs = 0;
  for (const [tid, ms] of threadsAfter) {
    const before = threadsBefore.get(tid);
    if (tid !== mainTid && before !== undefined) helperCpuMs += ms - before;
  }
}
const measure: ReferenceRunMeasure = {
  ms: endMs - startMs,
  digest: createHash('sha256').update(JSON.stringify(result)).digest('hex'),
  startMs,
  endMs,
  spans,
  processCpuMs: (cpu.user + cpu.system) / 1000,
  mainThreadCpuMs,
  helperCpuMs,
};
process.stdout.write(JSON.stringify(measure));
