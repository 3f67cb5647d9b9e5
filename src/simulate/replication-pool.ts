/**
 * Replications on several threads: the calling thread and `threads - 1` worker threads (each
 * started with its task, replication-thread.ts) each claim the next replication from a shared atomic counter
 * and run it, until none is left (the claim loop of replication-claims.ts). The calling thread works too, so a run on two cores starts one
 * worker, not two (each new thread pays V8's warm-up again, about a replication and a half of the
 * reference scenario); claiming through shared memory balances the load without waiting for the
 * busy calling thread to hand out work. Outputs are put back in replication order, so the result
 * does not depend on the thread count or on which thread ran what.
 */
import { MessageChannel, Worker } from 'node:worker_threads';
import { loadedWorldCities } from '../geo/index.js';
import { ScenarioError, scenarioDigest, type Scenario } from '../scenario/model.js';
import type { ReplicationOutput } from './replication.js';
import { claimedReplications, type ReplicationHooks } from './replication-claims.js';
import type { ReplicationProgress, ReplicationTask, ReplicationTaskOutcome } from './replication-worker.js';
import { workerModule } from '../worker-module.js';

/**
 * Runs replications 0..scenario.replications-1 on this thread and `threads - 1` workers.
 *
 * @throws ScenarioError when the input is wrong (e.g. a missing CAIDA file)
 */
export async function runReplicationsOnThreads(scenario: Scenario, threads: number, hooks: ReplicationHooks = {}): Promise<ReplicationOutput[]> {
  const workers = threads - 1;
  // The compiled worker entry, bundled into one file (dist/simulate/replication-thread.bundle.js),
  // when installed; from the sources through tsx in this repository's tests (src/worker-module.ts).
  const entry = workerModule('simulate/replication-thread', undefined, { bundled: true });
  const started: Worker[] = [];
  const claims = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  const digest = scenarioDigest(scenario);
  const ports: MessageChannel['port1'][] = [];
  const cities = loadedWorldCities();
  try {
    // Each worker gets its task with its creation (workerData) and starts claiming replications as
    // soon as it has loaded, whatever this thread is doing meanwhile.
    const onWorkers = Array.from(
      { length: workers },
      (_, k) =>
        new Promise<readonly ReplicationOutput[]>((resolve, reject) => {
          const { port1, port2 } = new MessageChannel();
          ports.push(port1);
          port1.on('message', (message: ReplicationProgress) => {
            if ('phase' in message) hooks.onPhase?.(message.phase);
            else if ('span' in message) hooks.onSpan?.(message.span);
            else hooks.onProgress?.(message.replication, message.fraction);
          });
          const task: ReplicationTask = {
            scenario,
            scenarioDigest: digest,
            claims,
            thread: k + 1,
            listens: { phases: hooks.onPhase !== undefined, progress: hooks.onProgress !== undefined, spans: hooks.onSpan !== undefined },
            progress: port2,
            ...(cities === undefined ? {} : { cities }),
          };
          const thread = new Worker(entry.filename, { execArgv: [...entry.execArgv], workerData: task, transferList: [port2] });
          started.push(thread);
          let answered = false;
          thread.once('message', (outcome: ReplicationTaskOutcome) => {
            answered = true;
            if (outcome.kind === 'input-error') reject(new ScenarioError(outcome.message, outcome.problems));
            else resolve(outcome.outputs);
          });
          thread.once('error', (error) => {
            answered = true;
            reject(error);
          });
          thread.once('exit', (code) => {
            if (!answered) reject(new Error(`a replication worker exited with code ${code} before it answered`));
          });
        }),
    );
    // Failures are awaited below, after this thread's own share; mark them handled until then.
    for (const work of onWorkers) work.catch(() => undefined);
    const here: ReplicationOutput[] = [];
    const counter = new Int32Array(claims);
    try {
      for (const output of claimedReplications(scenario, counter, hooks, 0)) {
        here.push(output);
        // Let the workers' progress through between replications.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      // Stop the workers claiming more, then report this thread's error.
      Atomics.store(counter, 0, scenario.replications);
      await Promise.allSettled(onWorkers);
      throw error;
    }
    const all = [...here, ...(await Promise.all(onWorkers)).flat()];
    return all.sort((a, b) => a.replication - b.replication);
  } finally {
    for (const port of ports) port.close();
    await Promise.all(started.map((thread) => thread.terminate()));
  }
}
