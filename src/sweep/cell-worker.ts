/**
 * What a worker thread does with one cell: simulate its scenario and hand back the result, posting
 * the share of virtual time done on the task's progress port. Workers load its compiled file,
 * dist/sweep/cell-worker.js (src/worker-module.ts).
 */
import type { MessagePort } from 'node:worker_threads';
import { ScenarioError, scenarioDigest, type Scenario, type ScenarioProblem } from '../scenario/index.js';
import { simulate, type SimulationResult } from '../simulate/index.js';
import { TopologyError } from '../topology/index.js';

/** One cell's work, as sent to a worker (structured-cloned). */
export interface CellTask {
  readonly scenario: Scenario;
  /** The digest the main thread computed: the clone must be the same scenario. */
  readonly scenarioDigest: string;
  /** Receives the share of the run done, a number in [0, 1], at most every 1 %. */
  readonly progress: MessagePort;
}

/**
 * What comes back from a worker. Errors lose their class crossing threads, so a problem with the
 * cell's input (a missing CAIDA file, a PoP upstream not in the graph) comes back as a value, for
 * the main thread to report as the user's mistake rather than as a crash.
 */
export type CellOutcome =
  | { readonly kind: 'result'; readonly result: SimulationResult }
  | { readonly kind: 'input-error'; readonly message: string; readonly problems: readonly ScenarioProblem[] };

/** Simulates one cell (the worker's default export, called by tinypool). */
export default async function simulateCell(task: CellTask): Promise<CellOutcome> {
  try {
    const digest = scenarioDigest(task.scenario);
    if (digest !== task.scenarioDigest) {
      throw new Error(`cell scenario changed on its way to the worker: digest ${digest}, expected ${task.scenarioDigest}`);
    }
    return { kind: 'result', result: await simulate(task.scenario, { onProgress: (fraction) => task.progress.postMessage(fraction) }) };
  } catch (error) {
    // A scenario's problems keep their field paths, for the main thread to locate in the sweep file.
    if (error instanceof ScenarioError) return { kind: 'input-error', message: error.message, problems: error.problems };
    if (error instanceof TopologyError) return { kind: 'input-error', message: error.message, problems: [] };
    throw error;
  } finally {
    task.progress.close();
  }
}
