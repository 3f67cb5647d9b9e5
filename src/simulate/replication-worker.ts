/**
 * What a worker thread does with a run's replications: the claim loop of replication-claims.ts
 * on an atomic counter shared with the other threads (the calling thread included); then it
 * hands back the outputs. Claiming through shared memory needs no
 * message from the calling thread, which is busy running replications itself. Stages and progress
 * go out on the task's port. A worker thread runs it from its entry, replication-thread.ts
 * (compiled, as src/worker-module.ts finds it).
 */
import type { MessagePort } from 'node:worker_threads';
import { ScenarioError, scenarioDigest, type Scenario, type ScenarioProblem } from '../scenario/model.js';
import { adoptWorldCities, type DecodedCities } from '../geo/index.js';
import { TopologyError } from '../topology/index.js';
import type { RunPhase } from './prepare-run.js';
import type { ReplicationOutput } from './replication.js';
import { claimedReplications, type ReplicationHooks, type ReplicationSpan } from './replication-claims.js';

/** A worker's share of a run, as sent to it (structured-cloned; `claims` is shared). */
export interface ReplicationTask {
  readonly scenario: Scenario;
  /** The digest the main thread computed: the clone must be the same scenario. */
  readonly scenarioDigest: string;
  /** Int32 at index 0: the next replication to claim (Atomics.add). */
  readonly claims: SharedArrayBuffer;
  /** This worker's number in spans (1, 2, ...; the calling thread is 0). */
  readonly thread: number;
  /** What the caller listens for: only that is posted (no message nobody reads). */
  readonly listens: { readonly phases: boolean; readonly progress: boolean; readonly spans: boolean };
  /**
   * The world city table as the calling thread decoded it (it reads city names in the scenario),
   * so the worker does not read and decode the file again; absent when it has not loaded it.
   */
  readonly cities?: DecodedCities;
  /** Receives `{ phase }` as stages of replication 0 start, `{ replication, fraction }` as they run, `{ span }` as they end. */
  readonly progress: MessagePort;
}

/** A message on a task's progress port. */
export type ReplicationProgress =
  | { readonly phase: RunPhase }
  | { readonly replication: number; readonly fraction: number }
  | { readonly span: ReplicationSpan };

/**
 * What comes back. Errors lose their class crossing threads, so a problem with the input (a
 * missing CAIDA file) comes back as a value, for the main thread to raise as the user's mistake.
 */
export type ReplicationTaskOutcome =
  | { readonly kind: 'outputs'; readonly outputs: readonly ReplicationOutput[] }
  | { readonly kind: 'input-error'; readonly message: string; readonly problems: readonly ScenarioProblem[] };

/** Runs replications until none is left to claim (what a worker thread does with its task). */
export default function runReplicationTask(task: ReplicationTask): ReplicationTaskOutcome {
  try {
    const digest = scenarioDigest(task.scenario);
    if (digest !== task.scenarioDigest) throw new Error(`scenario changed on its way to the worker: digest ${digest}, expected ${task.scenarioDigest}`);
    if (task.cities !== undefined) adoptWorldCities(task.cities);
    const post = (message: ReplicationProgress): void => task.progress.postMessage(message);
    const { listens } = task;
    const hooks: ReplicationHooks = {
      ...(listens.phases ? { onPhase: (phase: RunPhase) => post({ phase }) } : {}),
      ...(listens.progress ? { onProgress: (replication: number, fraction: number) => post({ replication, fraction }) } : {}),
      ...(listens.spans ? { onSpan: (span: ReplicationSpan) => post({ span }) } : {}),
    };
    return { kind: 'outputs', outputs: [...claimedReplications(task.scenario, new Int32Array(task.claims), hooks, task.thread)] };
  } catch (error) {
    if (error instanceof ScenarioError) return { kind: 'input-error', message: error.message, problems: error.problems };
    if (error instanceof TopologyError) return { kind: 'input-error', message: error.message, problems: [] };
    throw error;
  } finally {
    task.progress.close();
  }
}
