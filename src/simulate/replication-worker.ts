/**
 * What a worker thread does with a run's replications: claim the next replication not yet taken
 * (an atomic counter shared with the other threads, the calling thread included), run it, and
 * again until none is left; then hand back the outputs. Claiming through shared memory needs no
 * message from the calling thread, which is busy running replications itself. Stages and progress
 * go out on the task's port. A worker thread runs it from its entry, replication-thread.ts
 * (compiled, as src/worker-module.ts finds it).
 */
import type { MessagePort } from 'node:worker_threads';
import { ScenarioError, scenarioDigest, type Scenario, type ScenarioProblem } from '../scenario/index.js';
import { TopologyError } from '../topology/index.js';
import type { RunPhase } from './prepare-run.js';
import { runReplication, type ReplicationOutput } from './replication.js';

/** A worker's share of a run, as sent to it (structured-cloned; `claims` is shared). */
export interface ReplicationTask {
  readonly scenario: Scenario;
  /** The digest the main thread computed: the clone must be the same scenario. */
  readonly scenarioDigest: string;
  /** Int32 at index 0: the next replication to claim (Atomics.add). */
  readonly claims: SharedArrayBuffer;
  /** Receives `{ phase }` as stages of replication 0 start and `{ replication, fraction }` as they run. */
  readonly progress: MessagePort;
}

/** A message on a task's progress port. */
export type ReplicationProgress = { readonly phase: RunPhase } | { readonly replication: number; readonly fraction: number };

/**
 * What comes back. Errors lose their class crossing threads, so a problem with the input (a
 * missing CAIDA file) comes back as a value, for the main thread to raise as the user's mistake.
 */
export type ReplicationTaskOutcome =
  | { readonly kind: 'outputs'; readonly outputs: readonly ReplicationOutput[] }
  | { readonly kind: 'input-error'; readonly message: string; readonly problems: readonly ScenarioProblem[] };

/** The next unclaimed replication of `claims`, or -1 when all `replications` are taken. */
export function claimReplication(claims: Int32Array, replications: number): number {
  const r = Atomics.add(claims, 0, 1);
  return r < replications ? r : -1;
}

/** Runs replications until none is left to claim (what a worker thread does with its task). */
export default function runReplicationTask(task: ReplicationTask): ReplicationTaskOutcome {
  try {
    const digest = scenarioDigest(task.scenario);
    if (digest !== task.scenarioDigest) throw new Error(`scenario changed on its way to the worker: digest ${digest}, expected ${task.scenarioDigest}`);
    const post = (message: ReplicationProgress): void => task.progress.postMessage(message);
    const claims = new Int32Array(task.claims);
    const outputs: ReplicationOutput[] = [];
    for (let r = claimReplication(claims, task.scenario.replications); r >= 0; r = claimReplication(claims, task.scenario.replications)) {
      const replication = r;
      outputs.push(
        runReplication(task.scenario, replication, {
          withViews: replication === 0,
          ...(replication === 0 ? { onPhase: (phase: RunPhase) => post({ phase }) } : {}),
          onProgress: (fraction) => post({ replication, fraction }),
        }),
      );
    }
    return { kind: 'outputs', outputs };
  } catch (error) {
    if (error instanceof ScenarioError) return { kind: 'input-error', message: error.message, problems: error.problems };
    if (error instanceof TopologyError) return { kind: 'input-error', message: error.message, problems: [] };
    throw error;
  } finally {
    task.progress.close();
  }
}
