/**
 * Limits of a sweep, so that a typo (a grid of 10^6 cells, a seed count of a billion) fails at
 * once with a message naming the limit instead of filling a disk or running for a week.
 */

/** Every limit of a sweep file and a sweep run. */
export const SWEEP_LIMITS = {
  /** Largest sweep file read: a sweep is a page of settings. */
  fileBytesMax: 1_048_576,
  /** Grid dimensions: beyond a handful a grid cannot be read as charts anyway. */
  dimensionsMax: 8,
  /** Values of one grid dimension. */
  valuesPerDimensionMax: 1_000,
  /** Named variants. */
  variantsMax: 1_000,
  /** Overrides in one variant. */
  overridesPerVariantMax: 100,
  /** Seeds of every scenario point. */
  seedsMax: 1_000,
  /** Cells (scenario points x seeds): 10,000 cells of the reference scenario is about a core-day. */
  cellsMax: 10_000,
  /** Length of a cell id (also a file name). */
  cellIdLengthMax: 120,
  /** Worker threads. */
  workersMax: 256,
  /** Shards of a sweep (`--shard i/n`): n at most this. */
  shardsMax: 100_000,
  /** Output directories `anysim merge` reads at once. */
  mergeDirectoriesMax: 100_000,
} as const;
