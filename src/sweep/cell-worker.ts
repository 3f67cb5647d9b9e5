/**
 * What a worker thread does with one cell: simulate its scenario and hand back the result, posting
 * the share of virtual time done on the task's progress port. Loaded in each worker by
 * cell-worker-entry.mjs (which registers tsx first, as bin/anysim.js does).
 */
import type { MessagePort } from 'node:worker_threads';
import { scenarioDigest, type Scenario } from '../scenario/index.js';
import { simulate, type SimulationResult } from '../simulate/index.js';

/** One cell's work, as sent to a worker (structured-cloned). */
export interface CellTask {
  readonly scenario: Scenario;
  /** The digest the main thread computed: the clone must be the same scenario. */
  readonly scenarioDigest: string;
  /** Receives the share of the run done, a number in [0, 1], at most every 1 %. */
  readonly progress: MessagePort;
}

/** Simulates one cell (the worker's default export, called by tinypool). */
export default async function simulateCell(task: CellTask): Promise<SimulationResult> {
  try {
    const digest = scenarioDigest(task.scenario);
    if (digest !== task.scenarioDigest) {
      throw new Error(`cell scenario changed on its way to the worker: digest ${digest}, expected ${task.scenarioDigest}`);
    }
    return await simulate(task.scenario, { onProgress: (fraction) => task.progress.postMessage(fraction) });
  } finally {
    task.progress.close();
  }
}
