/**
 * The entry module of a replication worker thread: it runs the task it was started with
 * (`workerData`, a {@link ReplicationTask}) as soon as it has loaded, and posts the outcome to its
 * parent. The task travels with the thread's creation rather than as a message because the
 * calling thread is busy with replications of its own and would not read a worker's "ready"
 * message before its first replication ended (a pool that hands out tasks on "ready" left the
 * worker idle that long: issue 13's parallel efficiency).
 */
import { parentPort, workerData } from 'node:worker_threads';
import runReplicationTask, { type ReplicationTask } from './replication-worker.js';

if (parentPort === null) throw new Error('replication-thread.ts is a worker thread entry; simulate() starts it');
parentPort.postMessage(runReplicationTask(workerData as ReplicationTask));
