/**
 * What a worker thread does with one replication: run it and hand back its plain-data output,
 * posting its stages and progress on the task's port. Workers load it bundled into one
 * JavaScript file (replication-worker-url.ts).
 */
import type { MessagePort } from 'node:worker_threads';
import { ScenarioError, scenarioDigest, type Scenario } from '../scenario/index.js';
import { TopologyError } from '../topology/index.js';
import type { RunPhase } from './prepare-run.js';
import { runReplication, type ReplicationOutput } from './replication.js';

/** One replication's work, as sent to a worker (structured-cloned). */
export interface ReplicationTask {
  readonly scenario: Scenario;
  /** The digest the main thread computed: the clone must be the same scenario. */
  readonly scenarioDigest: string;
  readonly replication: number;
  /** Receives `{ phase }` as stages start (replication 0 only) and `{ fraction }` as it runs. */
  readonly progress: MessagePort;
}

/** A message on a task's progress port. */
export type ReplicationProgress = { readonly phase: RunPhase } | { readonly fraction: number };

/**
 * What comes back. Errors lose their class crossing threads, so a problem with the input (a
 * missing CAIDA file) comes back as a value, for the main thread to raise as the user's mistake.
 */
export type ReplicationTaskOutcome = { readonly kind: 'output'; readonly output: ReplicationOutput } | { readonly kind: 'input-error'; readonly message: string };

/** Runs one replication (the worker's default export, called by tinypool). */
export default function runReplicationTask(task: ReplicationTask): ReplicationTaskOutcome {
  try {
    const digest = scenarioDigest(task.scenario);
    if (digest !== task.scenarioDigest) throw new Error(`scenario changed on its way to the worker: digest ${digest}, expected ${task.scenarioDigest}`);
    const post = (message: ReplicationProgress): void => task.progress.postMessage(message);
    const shown = task.replication === 0;
    const output = runReplication(task.scenario, task.replication, {
      withViews: shown,
      ...(shown ? { onPhase: (phase: RunPhase) => post({ phase }) } : {}),
      onProgress: (fraction) => post({ fraction }),
    });
    return { kind: 'output', output };
  } catch (error) {
    if (error instanceof ScenarioError || error instanceof TopologyError) return { kind: 'input-error', message: error.message };
    throw error;
  } finally {
    task.progress.close();
  }
}
