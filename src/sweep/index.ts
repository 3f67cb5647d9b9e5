/**
 * The sweep layer's only door: grids of scenarios x seeds (sweep files), run on worker threads
 * with resumable per-cell results, split into shards for many machines, and merged into one
 * report with charts across the grid. See docs/sweeps.md.
 */
export { SWEEP_LIMITS } from './limits.js';
export { SweepError } from './sweep-error.js';
export { parseFieldPath, withFieldSet, FIELD_PATH_DEPTH_MAX } from './field-path.js';
export {
  loadSweepFile,
  parseSweepText,
  valueLabel,
  type FieldOverride,
  type SweepDefinition,
  type SweepDimension,
  type SweepVariant,
} from './sweep-file.js';
export { sweepCells, VARIANT_LABEL, type SweepCell } from './sweep-cell.js';
export { CELL_ID_PATTERN, checkPlan, PLAN_FILE, planDigestOf, planJson, readPlan, sweepPlan, writePlanFile, type SweepPlan, type SweepPlanCell, type SweepPlanDimension } from './sweep-plan.js';
export { CELLS_DIR, cellFilePath, readCellFile, writeCellFile, type CellFileRead, type CellFileStatus } from './cell-file.js';
export { inShard, parseShard, type Shard } from './shard.js';
export { CELL_WORKER_ENTRY, CellPool, defaultWorkerCount } from './cell-pool.js';
export { runSweep, type RecomputedCell, type RunSweepOptions, type SweepRun } from './run-sweep.js';
export { checkSweepOutputDirectory, mergeSweeps, type SweepMerge } from './merge-sweep.js';
export {
  summarizeCell,
  summarizeSweep,
  type SweepCellSummary,
  type SweepCount,
  type SweepPointResult,
  type SweepPointSummary,
  type SweepSummary,
} from './sweep-summary.js';
export { renderSweepCharts, PANELS_MAX, type SweepChart } from './sweep-charts.js';
export { renderSweepMarkdown, SWEEP_REPORT_FILES, sweepJson, writeSweepReport } from './sweep-report.js';
