/**
 * Merging sweep outputs: the cell files of one or more output directories (the shards of a sweep,
 * or a single unsharded run) become one directory with every cell file, the plan and the merged
 * report. An unsharded sweep ends with this same merge of its own directory, so a sharded sweep
 * merged afterwards gives byte-identical sweep.json and sweep.md.
 */
import { lstatSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CELLS_DIR, cellFilePath, copyCellFile, readCellFile } from './cell-file.js';
import { SWEEP_LIMITS } from './limits.js';
import { SweepError } from './sweep-error.js';
import { PLAN_FILE, readPlan, writePlanFile, type SweepPlan } from './sweep-plan.js';
import { SWEEP_REPORT_FILES, writeSweepReport } from './sweep-report.js';
import { summarizeCell, type SweepCellSummary } from './sweep-summary.js';

/** Cell ids listed at most in a message about missing cells. */
const MISSING_LISTED_MAX = 10;

/** What a merge did. */
export interface SweepMerge {
  readonly plan: SweepPlan;
  /** Cell files copied into the output directory from another one. */
  readonly copied: number;
  /** Report files written, markdown last. */
  readonly written: readonly string[];
}

function pathExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Refuses an output directory whose cells folder is a symlink (or not a folder): cell files must
 * land inside --out, never wherever a crafted shard directory points.
 *
 * @throws SweepError naming the path.
 */
export function checkSweepOutputDirectory(outDir: string): void {
  for (const path of [outDir, join(outDir, CELLS_DIR)]) {
    let stat;
    try {
      stat = lstatSync(path);
    } catch {
      continue;
    }
    const symlinkedCells = path !== outDir && stat.isSymbolicLink();
    if (symlinkedCells || !(stat.isDirectory() || (path === outDir && stat.isSymbolicLink()))) {
      throw new SweepError(`${path}: ${symlinkedCells ? 'is a symbolic link' : 'is not a directory'}; merge writes cell files only into a real ${CELLS_DIR} folder inside --out`);
    }
  }
}

/**
 * Merges the sweep outputs in `dirs` into `outDir` (which may be one of them). Everything is read
 * and checked before anything is written; if writing fails, the files and folders this merge
 * created are removed again, so a failed merge leaves nothing behind.
 *
 * @throws SweepError when a directory holds no plan or a plan that fails its checks (cell ids,
 *   recomputed digest), the plans differ (outputs of different sweeps), the output's cells folder
 *   is a symlink, or some cell has no valid result file in any directory (a shard not run or not
 *   finished): the message lists the missing cells.
 */
export async function mergeSweeps(dirs: readonly string[], outDir: string): Promise<SweepMerge> {
  if (dirs.length === 0 || dirs.length > SWEEP_LIMITS.mergeDirectoriesMax) {
    throw new SweepError(`merge: expected 1 to ${SWEEP_LIMITS.mergeDirectoriesMax} sweep output directories, got ${dirs.length}`);
  }
  const plan = readPlan(dirs[0]!);
  for (const dir of dirs.slice(1)) {
    const other = readPlan(dir);
    if (other.planDigest !== plan.planDigest) {
      throw new SweepError(`${dir}: holds sweep "${other.sweep}" (plan ${other.planDigest}), but ${dirs[0]} holds "${plan.sweep}" (plan ${plan.planDigest}); only outputs of one sweep file can be merged`);
    }
  }
  checkSweepOutputDirectory(outDir);
  const out = resolve(outDir);
  const summaries: SweepCellSummary[] = [];
  const toCopy: { readonly id: string; readonly text: string }[] = [];
  const missing: string[] = [];
  for (const cell of plan.cells) {
    let found = false;
    for (const dir of dirs) {
      const read = readCellFile(dir, cell);
      if (read.status !== 'ok') continue;
      if (resolve(dir) !== out) toCopy.push({ id: cell.id, text: read.text! });
      summaries.push(summarizeCell(cell, read.result!));
      found = true;
      break;
    }
    if (!found) missing.push(cell.id);
  }
  if (missing.length > 0) {
    const listed = missing.slice(0, MISSING_LISTED_MAX).join(', ');
    const more = missing.length > MISSING_LISTED_MAX ? ` and ${missing.length - MISSING_LISTED_MAX} more` : '';
    throw new SweepError(
      `merge: ${missing.length} of ${plan.cells.length} cells have no valid result in ${dirs.join(', ')}: ${listed}${more}; run the missing shards (anysim sweep ... --shard i/n) and merge again`,
    );
  }
  const created = [outDir, join(outDir, CELLS_DIR), join(outDir, PLAN_FILE), ...Object.values(SWEEP_REPORT_FILES).map((name) => join(outDir, name))].filter((path) => !pathExists(path));
  const copiedPaths: string[] = [];
  try {
    for (const { id, text } of toCopy) {
      const path = cellFilePath(outDir, id);
      if (!pathExists(path)) copiedPaths.push(path);
      copyCellFile(outDir, id, text);
    }
    writePlanFile(outDir, plan);
    const written = await writeSweepReport(outDir, plan, summaries);
    return { plan, copied: toCopy.length, written };
  } catch (error) {
    for (const path of [...copiedPaths, ...created.reverse()]) rmSync(path, { recursive: true, force: true });
    throw error;
  }
}
