/**
 * `anysim sweep SWEEP_FILE [--out DIR] [--workers N] [--shard i/n] [--topology FILE]`: run a grid
 * of scenarios x seeds on worker threads, each cell's result saved as it finishes (rerun the same
 * command to resume), then the merged report DIR/sweep.md with charts across the grid. With
 * --shard only every n-th cell runs (a machine's share); `anysim merge` joins the shards.
 */
import { basename, extname } from 'node:path';
import { checkRegularFile, InputFileError } from '../input-file.js';
import { defaultWorkerCount, loadSweepFile, parseShard, runSweep, SWEEP_LIMITS, sweepCells, SweepError, type Shard, type SweepCell } from '../sweep/index.js';
import { MAX_AS_REL_BYTES } from '../topology/index.js';
import type { CliIo } from './cli-io.js';
import { parseCommandArgs } from './command-args.js';
import { checkOutputs } from './output-paths.js';
import { ProgressBar } from './progress-bar.js';
import { UsageError } from './usage-error.js';

/** Usage text of `anysim sweep`. */
export const SWEEP_USAGE = `Usage: anysim sweep SWEEP_FILE [options]

Run every cell (scenario point x seed) of a sweep file on worker threads and write the merged
report DIR/sweep.md (charts in DIR/sweep/, figures in DIR/sweep.json). Each cell's result is saved
to DIR/cells/<cell>.json as soon as it finishes: run the same command again to resume an
interrupted sweep; finished cells are verified (scenario digest and seed) and not recomputed.

Options:
  --out DIR         output directory (default: reports/sweeps/<sweep file name>)
  --workers N       worker threads, 1 to ${SWEEP_LIMITS.workersMax} (default: the number of cores)
  --shard i/n       run only the cells whose index % n == i (i from 0); no report: join the
                    shards' directories with "anysim merge"
  --topology FILE   use this CAIDA as-rel file as every cell's topology; a geography CSV the
                    scenario names (topology.caida.geography) is kept
  --no-limits       run cells above the cost limits (docs/scenarios.md, Limits)
  -h, --help        show this help

See docs/sweeps.md for the sweep file format, Kubernetes and Slurm.
`;

/** Why a cell's existing file was not reused, as the summary says it. */
const RECOMPUTE_REASONS = {
  corrupt: 'corrupt',
  edited: 'edited since it was written (its content digest does not match)',
  mismatch: 'for another scenario or seed',
} as const;

function parseWorkers(text: string | undefined): number {
  if (text === undefined) return defaultWorkerCount();
  const workers = /^\d{1,4}$/.test(text) ? Number(text) : NaN;
  if (!(workers >= 1 && workers <= SWEEP_LIMITS.workersMax)) {
    throw new UsageError(`sweep: --workers must be an integer from 1 to ${SWEEP_LIMITS.workersMax}, got "${text}"`);
  }
  return workers;
}

function shardOf(text: string | undefined): Shard | undefined {
  if (text === undefined) return undefined;
  try {
    return parseShard(text);
  } catch (error) {
    if (error instanceof SweepError) throw new UsageError(`sweep: ${error.message}`);
    throw error;
  }
}

/**
 * Each distinct CAIDA file the cells use is a readable regular file: checked now, before any
 * worker starts, naming --topology or the first cell that uses it.
 */
function checkTopologyFiles(cells: readonly SweepCell[], fromFlag: boolean): void {
  const checked = new Set<string>();
  for (const cell of cells) {
    const topology = cell.scenario.topology;
    if (topology.kind !== 'caida' || checked.has(topology.file)) continue;
    checked.add(topology.file);
    try {
      checkRegularFile(topology.file, MAX_AS_REL_BYTES, 'a topology file (CAIDA as-rel)');
    } catch (error) {
      if (!(error instanceof InputFileError)) throw error;
      throw new UsageError(fromFlag ? `--topology: ${error.message}` : `sweep: cell ${cell.id}: topology.caida.file: ${error.message}`);
    }
  }
}

/** Runs `anysim sweep`. */
export async function runSweepCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs('sweep', {
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      out: { type: 'string' },
      workers: { type: 'string' },
      shard: { type: 'string' },
      topology: { type: 'string' },
      'no-limits': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const { values, positionals } = parsed;
  if (values.help === true) {
    io.stdout(SWEEP_USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`sweep: expected one sweep file, got ${positionals.length}; see "anysim sweep --help"`);
  const workers = parseWorkers(values.workers);
  const shard = shardOf(values.shard);
  if (values.out === '') throw new UsageError('sweep: --out must name a directory');
  const file = positionals[0]!;
  const outDir = values.out ?? `reports/sweeps/${basename(file, extname(file))}`;

  const readOptions = { ...(values.topology === undefined ? {} : { topologyFile: values.topology }), limits: values['no-limits'] !== true };
  const definition = loadSweepFile(file, readOptions);
  const cells = sweepCells(definition, readOptions);
  checkOutputs([{ flag: '--out', path: outDir, kind: 'directory' }], [{ flag: 'sweep', path: file }]);
  checkTopologyFiles(cells, values.topology !== undefined);
  const bar = new ProgressBar(io, `sweep ${definition.name}`);
  let run;
  try {
    run = await runSweep(definition, cells, { outDir, workers, ...(shard === undefined ? {} : { shard }), onProgress: (f) => bar.update(f) });
  } catch (error) {
    if (error instanceof SweepError) throw new UsageError(`sweep: ${error.message}`);
    throw error;
  } finally {
    bar.done();
  }
  const which = shard === undefined ? `${run.shardCells} cells` : `shard ${shard.index}/${shard.count}: ${run.shardCells} of ${cells.length} cells`;
  io.stderr(`sweep ${definition.name}: ${which}; ran ${run.ran.length}, reused ${run.reused.length} finished cell files\n`);
  for (const r of run.recomputed) io.stderr(`  recomputed ${r.id}: its file was ${RECOMPUTE_REASONS[r.status]}\n`);
  for (const path of run.written) io.stderr(`wrote ${path}\n`);
  if (shard !== undefined && shard.count > 1) io.stderr(`cells in ${outDir}/cells; when every shard is done: anysim merge DIR... --out DIR\n`);
  return 0;
}
