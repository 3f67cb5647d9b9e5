/**
 * A sweep that cannot be run or merged for a reason outside its sweep file: an output directory
 * that holds another sweep, a shard that is missing cells, a malformed `--shard`. The message is
 * meant for the user (the CLI prints it and exits 2). Problems inside the sweep file itself are
 * ScenarioErrors, with the file, line and field path, like a scenario file's.
 */
export class SweepError extends Error {
  override readonly name = 'SweepError';
}
