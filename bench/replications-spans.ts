/**
 * Where a replicated run's wall time goes, from the spans and CPU figures of
 * bench/replications-run.ts (issue 13, item 7): the serial parts (a worker's start-up before its
 * first replication, the tail where one thread has finished and the other still runs, the time
 * after the last replication), each thread's busy time, and the efficiency the CPU allows. On a
 * machine shared with other work wall times stretch; CPU times stretch much less, so the CPU bound
 * says what two idle cores would give.
 */
import type { ReplicationSpan } from '../src/simulate/index.js';

/** The measure of one run (what replications-run.ts prints). */
export interface RunMeasure {
  /** Wall clock of the simulate() call. */
  readonly ms: number;
  /** simulate() start and end, ms since the Unix epoch (as spans). */
  readonly startMs: number;
  readonly endMs: number;
  readonly spans: readonly ReplicationSpan[];
  /** CPU of every thread of the process over the call (getrusage: threads that ended included). */
  readonly processCpuMs: number;
  /** CPU of this (the calling) thread over the call. */
  readonly mainThreadCpuMs: number | undefined;
  /** CPU of the threads alive before and after the call other than this one (V8 platform, libuv). */
  readonly helperCpuMs: number | undefined;
}

/** A run's spans summed up. */
export interface SpanBreakdown {
  /** Per thread (index = thread number): wall time inside replications, and its CPU. */
  readonly busyMs: readonly number[];
  readonly busyCpuMs: readonly number[];
  /** From simulate()'s start to each thread's first replication (the worker's start-up). */
  readonly firstStartMs: readonly number[];
  /** Between the first and the last thread to finish its last replication (one thread idle). */
  readonly tailMs: number;
  /** From the last replication's end to simulate()'s end (collecting, combining). */
  readonly afterMs: number;
  /** Replications per thread. */
  readonly replications: readonly number[];
}

/** Sums up the spans of `run` per thread. */
export function spanBreakdown(run: RunMeasure): SpanBreakdown {
  const threads = 1 + Math.max(0, ...run.spans.map((s) => s.thread));
  const busyMs = new Array<number>(threads).fill(0);
  const busyCpuMs = new Array<number>(threads).fill(0);
  const firstStartMs = new Array<number>(threads).fill(Number.POSITIVE_INFINITY);
  const lastEndMs = new Array<number>(threads).fill(run.startMs);
  const replications = new Array<number>(threads).fill(0);
  for (const span of run.spans) {
    busyMs[span.thread]! += span.endMs - span.startMs;
    busyCpuMs[span.thread]! += span.cpuMs ?? 0;
    firstStartMs[span.thread] = Math.min(firstStartMs[span.thread]!, span.startMs - run.startMs);
    lastEndMs[span.thread] = Math.max(lastEndMs[span.thread]!, span.endMs);
    replications[span.thread]! += 1;
  }
  return {
    busyMs,
    busyCpuMs,
    firstStartMs,
    tailMs: Math.max(...lastEndMs) - Math.min(...lastEndMs),
    afterMs: run.endMs - Math.max(...lastEndMs),
    replications,
  };
}

/**
 * The parallel efficiency the CPU allows: the 1-thread run's time on an idle machine is its own
 * thread's CPU (its V8 helper threads, the optimising compiler and GC, run on the idle second core
 * meanwhile); the 2-thread run, perfectly balanced on two idle cores, takes half of all its
 * threads' CPU, helpers included. Undefined without per-thread CPU.
 */
export function cpuBoundEfficiency(one: RunMeasure, two: RunMeasure): number | undefined {
  return one.mainThreadCpuMs === undefined ? undefined : one.mainThreadCpuMs / two.processCpuMs;
}

/** One line describing `breakdown` for the bench table. */
export function describeBreakdown(breakdown: SpanBreakdown): string {
  const threads = breakdown.busyMs.map(
    (busy, t) =>
      `thread ${t}: ${breakdown.replications[t]} replications, first at ${breakdown.firstStartMs[t]!.toFixed(0)} ms, busy ${busy.toFixed(0)} ms (CPU ${breakdown.busyCpuMs[t]!.toFixed(0)} ms)`,
  );
  return `${threads.join('; ')}; tail ${breakdown.tailMs.toFixed(0)} ms; after the last ${breakdown.afterMs.toFixed(0)} ms`;
}
