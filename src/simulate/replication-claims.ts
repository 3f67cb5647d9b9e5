/**
 * The one claim loop every thread of a run goes through (the calling thread alone, the calling
 * thread beside workers, each worker): take the next replication not yet taken from a counter
 * (shared memory across threads, Atomics.add), run it with the options the rules give it, and
 * again until none is left. The rules live here once: replication 0 is the shown replication (it
 * builds the routing views and announces its stages); every replication reports its progress; a
 * span listener learns when each replication ran, on which thread, and its CPU time.
 */
import type { Scenario } from '../scenario/model.js';
import type { RunPhase } from './prepare-run.js';
import { runReplication, type ReplicationOptions, type ReplicationOutput } from './replication.js';
import { threadCpuMs } from './thread-cpu.js';

/** When and where one replication ran (for benchmarks: busy spans per thread). */
export interface ReplicationSpan {
  readonly replication: number;
  /** 0 for the calling thread, k for the k-th worker thread. */
  readonly thread: number;
  /** Start and end in ms since the Unix epoch (performance.timeOrigin + now: comparable across threads). */
  readonly startMs: number;
  readonly endMs: number;
  /** CPU time of this thread over the replication, or undefined where the OS does not say (thread-cpu.ts). */
  readonly cpuMs: number | undefined;
}

/** What a thread's replications report, as simulate()'s caller asked. */
export interface ReplicationHooks {
  /** Stages of replication 0. */
  readonly onPhase?: (phase: RunPhase) => void;
  /** The share of replication `replication` done. */
  readonly onProgress?: (replication: number, fraction: number) => void;
  /** Each replication once it has ended. */
  readonly onSpan?: (span: ReplicationSpan) => void;
}

/** The options replication `replication` runs with: the rules, applied once for every thread. */
export function replicationOptions(replication: number, hooks: ReplicationHooks): ReplicationOptions {
  const { onPhase, onProgress } = hooks;
  return {
    withViews: replication === 0,
    ...(replication === 0 && onPhase !== undefined ? { onPhase } : {}),
    ...(onProgress === undefined ? {} : { onProgress: (fraction: number) => onProgress(replication, fraction) }),
  };
}

/** The next unclaimed replication of `claims` (index 0), or -1 when all `replications` are taken. */
export function claimReplication(claims: Int32Array, replications: number): number {
  const r = Atomics.add(claims, 0, 1);
  return r < replications ? r : -1;
}

/**
 * Claims replications of `scenario` from `claims` and runs them on this thread, yielding each
 * output as it ends (a caller may let its event loop turn between them), until none is left.
 * `thread` names this thread in spans.
 */
export function* claimedReplications(scenario: Scenario, claims: Int32Array, hooks: ReplicationHooks, thread: number): Generator<ReplicationOutput> {
  const { onSpan } = hooks;
  for (let r = claimReplication(claims, scenario.replications); r >= 0; r = claimReplication(claims, scenario.replications)) {
    const startMs = epochMs();
    const cpuStartMs = onSpan === undefined ? undefined : threadCpuMs();
    const output = runReplication(scenario, r, replicationOptions(r, hooks));
    if (onSpan !== undefined) {
      const cpuEndMs = threadCpuMs();
      onSpan({
        replication: r,
        thread,
        startMs,
        endMs: epochMs(),
        cpuMs: cpuStartMs === undefined || cpuEndMs === undefined ? undefined : cpuEndMs - cpuStartMs,
      });
    }
    yield output;
  }
}

/** Now, in ms since the Unix epoch, at sub-millisecond resolution. */
export function epochMs(): number {
  return performance.timeOrigin + performance.now();
}
