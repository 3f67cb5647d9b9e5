/**
 * A pool of worker threads that simulate cells, on tinypool (an existing engine: queueing,
 * worker reuse, clean shutdown). Each task gets a MessageChannel port for its progress, so the
 * main thread can draw one bar for the whole sweep.
 */
import { availableParallelism } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import Tinypool from 'tinypool';
import { ScenarioError } from '../scenario/index.js';
import type { SimulationResult } from '../simulate/index.js';
import { workerModule, type WorkerModule } from '../worker-module.js';
import type { CellOutcome, CellTask } from './cell-worker.js';
import { SWEEP_LIMITS } from './limits.js';
import type { SweepCell } from './sweep-cell.js';

/** The cell worker's entry module, relative to src/ (cell-worker.ts). */
export const CELL_WORKER_ENTRY = 'sweep/cell-worker';

/** Default worker count: one per core the process may use. */
export function defaultWorkerCount(): number {
  return Math.min(availableParallelism(), SWEEP_LIMITS.workersMax);
}

/** Worker threads simulating cells, at most `workers` at a time. */
export class CellPool {
  private readonly pool: Tinypool;

  private constructor(
    readonly workers: number,
    entry: WorkerModule,
  ) {
    this.pool = new Tinypool({ filename: entry.filename, execArgv: [...entry.execArgv], minThreads: workers, maxThreads: workers, idleTimeout: 1_000 });
  }

  /** Starts `workers` threads on the compiled cell worker (src/worker-module.ts says which file). */
  static async start(workers: number): Promise<CellPool> {
    if (!Number.isInteger(workers) || workers < 1 || workers > SWEEP_LIMITS.workersMax) {
      throw new RangeError(`workers must be an integer from 1 to ${SWEEP_LIMITS.workersMax}, got ${workers}`);
    }
    return new CellPool(workers, workerModule(CELL_WORKER_ENTRY));
  }

  /**
   * Simulates `cell` on a worker; `onProgress` gets the share of its run done.
   *
   * @throws ScenarioError naming the cell when its input is wrong (e.g. a missing CAIDA file), with
   *   the scenario's problems (field paths) when it has them.
   */
  async simulate(cell: SweepCell, onProgress: (fraction: number) => void): Promise<SimulationResult> {
    const { port1, port2 } = new MessageChannel();
    port1.on('message', (fraction: number) => onProgress(fraction));
    const task: CellTask = { scenario: cell.scenario, scenarioDigest: cell.scenarioDigest, progress: port2 };
    try {
      const outcome = (await this.pool.run(task, { transferList: [port2] })) as CellOutcome;
      if (outcome.kind === 'input-error') throw new ScenarioError(`cell ${cell.id}: ${outcome.message}`, outcome.problems);
      return outcome.result;
    } finally {
      port1.close();
    }
  }

  /** Stops every worker (cells still running are abandoned). */
  async destroy(): Promise<void> {
    await this.pool.destroy();
  }
}
