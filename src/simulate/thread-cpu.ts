/**
 * CPU time of the calling thread, for the spans of a replicated run (benchmarks ask where a
 * two-thread run's time goes). Node 20 has no per-thread CPU clock (process.cpuUsage() sums all
 * threads; process.threadCpuUsage() came in Node 23.9), so this reads Linux's
 * /proc/thread-self/schedstat, whose first field is the time the thread has run on a CPU in ns
 * (Documentation/scheduler/sched-stats.rst). Elsewhere it answers undefined.
 */
import { readFileSync } from 'node:fs';

const SCHEDSTAT = '/proc/thread-self/schedstat';

/** This thread's CPU time so far in ms, or undefined where the OS does not expose it. */
export function threadCpuMs(): number | undefined {
  let text: string;
  try {
    text = readFileSync(SCHEDSTAT, 'utf8');
  } catch {
    return undefined;
  }
  const ns = Number(text.split(' ')[0]);
  return Number.isFinite(ns) ? ns / 1e6 : undefined;
}
