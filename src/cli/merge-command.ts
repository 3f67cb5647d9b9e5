/**
 * `anysim merge DIR... [--out DIR]`: join the output directories of a sharded sweep (`anysim
 * sweep --shard i/n`) into one: every cell file, the plan, and the merged report, byte for byte
 * what the unsharded sweep writes. Fails, naming the missing cells, if a shard is not finished.
 */
import { mergeSweeps, SweepError } from '../sweep/index.js';
import type { CliIo } from './cli-io.js';
import { parseCommandArgs } from './command-args.js';
import { checkOutputs } from './output-paths.js';
import { UsageError } from './usage-error.js';

/** Usage text of `anysim merge`. */
export const MERGE_USAGE = `Usage: anysim merge DIR... [--out DIR]

Merge the output directories of the shards of one sweep (anysim sweep --shard i/n) into the
report of the whole sweep: the same sweep.md, sweep.json and charts as an unsharded run. Shards
that wrote into one shared directory are merged with "anysim merge DIR".

Options:
  --out DIR    where to write the merged sweep (default: the first DIR); cell files are copied there
  -h, --help   show this help
`;

/** Runs `anysim merge`. */
export async function runMergeCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs('merge', {
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const { values, positionals } = parsed;
  if (values.help === true) {
    io.stdout(MERGE_USAGE);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('merge: expected at least one sweep output directory; see "anysim merge --help"');
  if (values.out === '') throw new UsageError('merge: --out must name a directory');
  const outDir = values.out ?? positionals[0]!;
  checkOutputs([{ flag: '--out', path: outDir, kind: 'directory' }], []);
  let merged;
  try {
    merged = await mergeSweeps(positionals, outDir);
  } catch (error) {
    if (error instanceof SweepError) throw new UsageError(error.message);
    throw error;
  }
  io.stderr(`merge ${merged.plan.sweep}: ${merged.plan.cells.length} cells from ${positionals.length} directories (${merged.copied} cell files copied)\n`);
  for (const path of merged.written) io.stderr(`wrote ${path}\n`);
  return 0;
}
