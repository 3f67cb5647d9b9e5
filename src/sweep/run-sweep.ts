/**
 * Running a sweep: the plan is written first, then every cell of this shard that has no valid
 * result file runs on a pool of worker threads; each result is written atomically to
 * DIR/cells/<id>.json the moment it finishes, so an interrupted sweep loses only the cells in
 * flight and a rerun with the same --out resumes where it stopped. A cell file is reused only if
 * its scenario digest and seed are the cell's. An unsharded run ends by merging its own directory
 * into the report; a shard leaves that to `anysim merge`.
 */
import { ScenarioError } from '../scenario/index.js';
import { CellPool } from './cell-pool.js';
import { readCellFile, writeCellFile, type CellFileStatus } from './cell-file.js';
import { checkSweepOutputDirectory, mergeSweeps } from './merge-sweep.js';
import { inShard, type Shard } from './shard.js';
import { locateCellProblems, type SweepCell } from './sweep-cell.js';
import type { SweepDefinition } from './sweep-file.js';
import { sweepPlan, writePlanFile, type SweepPlan } from './sweep-plan.js';

/** Options of {@link runSweep}. */
export interface RunSweepOptions {
  readonly outDir: string;
  /** Worker threads (at most the number of cells to run). */
  readonly workers: number;
  /** Run only this shard's cells (index % count == shard index). */
  readonly shard?: Shard;
  /** Share of this run's cells done, counting running cells by their virtual-time progress. */
  readonly onProgress?: (fraction: number) => void;
}

/** A cell whose existing file could not be used, and why. */
export interface RecomputedCell {
  readonly id: string;
  readonly status: Exclude<CellFileStatus, 'ok' | 'missing'>;
}

/** What a sweep run did. */
export interface SweepRun {
  readonly plan: SweepPlan;
  /** Cells of this shard (all cells when unsharded). */
  readonly shardCells: number;
  /** Cells whose existing result file was reused, in cell order. */
  readonly reused: readonly string[];
  /** Cells simulated by this run, in cell order. */
  readonly ran: readonly string[];
  /** Cells that had a file that was corrupt or from another scenario or seed. */
  readonly recomputed: readonly RecomputedCell[];
  /** Report files written (empty for a shard). */
  readonly written: readonly string[];
}

/**
 * Runs the cells of `definition` (enumerated as `cells`) into `options.outDir`.
 *
 * @throws the first cell failure, after stopping the workers; cells finished before it are kept.
 *   A cell whose scenario proves wrong once it runs throws a ScenarioError located in the sweep
 *   file (locateCellProblems).
 */
export async function runSweep(definition: SweepDefinition, cells: readonly SweepCell[], options: RunSweepOptions): Promise<SweepRun> {
  const plan = sweepPlan(definition, cells);
  checkSweepOutputDirectory(options.outDir);
  writePlanFile(options.outDir, plan);
  const mine = cells.filter((c) => inShard(c.index, options.shard));
  const reused: string[] = [];
  const recomputed: RecomputedCell[] = [];
  const todo: SweepCell[] = [];
  for (const cell of mine) {
    const { status } = readCellFile(options.outDir, cell);
    if (status === 'ok') reused.push(cell.id);
    else {
      todo.push(cell);
      if (status !== 'missing') recomputed.push({ id: cell.id, status });
    }
  }
  const progressByCell = new Map<string, number>();
  const report = (): void => {
    if (mine.length === 0) return;
    let done = reused.length;
    for (const fraction of progressByCell.values()) done += fraction;
    options.onProgress?.(done / mine.length);
  };
  report();
  const ran: SweepCell[] = [];
  if (todo.length > 0) {
    const pool = await CellPool.start(Math.min(options.workers, todo.length));
    try {
      await Promise.all(
        todo.map(async (cell) => {
          let result;
          try {
            result = await pool.simulate(cell, (fraction) => {
              progressByCell.set(cell.id, Math.min(fraction, 0.999));
              report();
            });
          } catch (error) {
            // Problems found once the cell ran carry field paths: give them the sweep file's lines.
            if (error instanceof ScenarioError && error.problems.length > 0) throw locateCellProblems(definition, cell, error.problems);
            throw error;
          }
          if (result.scenarioDigest !== cell.scenarioDigest || result.seed !== cell.seed) {
            throw new Error(`cell ${cell.id}: the worker returned the result of scenario ${result.scenarioDigest} seed ${result.seed}`);
          }
          writeCellFile(options.outDir, cell.id, result);
          progressByCell.set(cell.id, 1);
          ran.push(cell);
          report();
        }),
      );
    } finally {
      await pool.destroy();
    }
  }
  const unsharded = options.shard === undefined || options.shard.count === 1;
  const written = unsharded ? (await mergeSweeps([options.outDir], options.outDir)).written : [];
  return {
    plan,
    shardCells: mine.length,
    reused,
    ran: ran.sort((a, b) => a.index - b.index).map((c) => c.id),
    recomputed,
    written,
  };
}
