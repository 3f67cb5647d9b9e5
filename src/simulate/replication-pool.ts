/**
 * Replications on worker threads, on tinypool (as the sweep's cells): each replication is one
 * task, handed to the next free thread; outputs come back in replication order, so the result
 * does not depend on the thread count or on which thread finished first.
 */
import { MessageChannel } from 'node:worker_threads';
import Tinypool from 'tinypool';
import { ScenarioError, scenarioDigest, type Scenario } from '../scenario/index.js';
import type { RunPhase } from './prepare-run.js';
import type { ReplicationOutput } from './replication.js';
import type { ReplicationProgress, ReplicationTask, ReplicationTaskOutcome } from './replication-worker.js';
import { replicationWorkerUrl } from './replication-worker-url.js';

/** Callbacks while replications run on workers. */
export interface WorkerRunOptions {
  /** Stages of replication 0. */
  readonly onPhase?: (phase: RunPhase) => void;
  /** The share of replication `replication` done. */
  readonly onProgress?: (replication: number, fraction: number) => void;
}

/**
 * Runs replications 0..scenario.replications-1 on `workers` threads.
 *
 * @throws ScenarioError when the input is wrong (e.g. a missing CAIDA file)
 */
export async function runReplicationsOnWorkers(scenario: Scenario, workers: number, options: WorkerRunOptions = {}): Promise<ReplicationOutput[]> {
  const pool = new Tinypool({ filename: await replicationWorkerUrl(), minThreads: workers, maxThreads: workers, idleTimeout: 1_000 });
  const digest = scenarioDigest(scenario);
  try {
    return await Promise.all(
      Array.from({ length: scenario.replications }, async (_, replication) => {
        const { port1, port2 } = new MessageChannel();
        port1.on('message', (message: ReplicationProgress) => {
          if ('phase' in message) options.onPhase?.(message.phase);
          else options.onProgress?.(replication, message.fraction);
        });
        const task: ReplicationTask = { scenario, scenarioDigest: digest, replication, progress: port2 };
        try {
          const outcome = (await pool.run(task, { transferList: [port2] })) as ReplicationTaskOutcome;
          if (outcome.kind === 'input-error') throw new ScenarioError(outcome.message);
          return outcome.output;
        } finally {
          port1.close();
        }
      }),
    );
  } finally {
    await pool.destroy();
  }
}
