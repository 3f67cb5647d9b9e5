/**
 * `--shard i/n`: a sweep split over n machines (a Kubernetes Indexed Job's completion index, a
 * Slurm array task id). Shard i runs the cells whose index modulo n is i (0-based), so shards
 * stay balanced along every grid dimension and need no coordination.
 */
import { SWEEP_LIMITS } from './limits.js';
import { SweepError } from './sweep-error.js';

/** Shard `index` of `count`, 0 <= index < count. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/**
 * Parses "i/n".
 *
 * @throws SweepError naming the expected form and the limits.
 */
export function parseShard(text: string): Shard {
  const match = /^(\d{1,6})\/(\d{1,6})$/.exec(text);
  const index = match === null ? NaN : Number(match[1]);
  const count = match === null ? NaN : Number(match[2]);
  if (match === null || count < 1 || count > SWEEP_LIMITS.shardsMax || index >= count) {
    throw new SweepError(`--shard must be i/n with 0 <= i < n <= ${SWEEP_LIMITS.shardsMax} (i is 0-based, e.g. 0/4), got "${text}"`);
  }
  return { index, count };
}

/** Whether cell `cellIndex` belongs to `shard` (every cell when there is no shard). */
export function inShard(cellIndex: number, shard: Shard | undefined): boolean {
  return shard === undefined || cellIndex % shard.count === shard.index;
}
