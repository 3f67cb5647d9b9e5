/**
 * What a command writes to: results to stdout, diagnostics and progress to stderr. Commands take
 * this instead of touching `process` so tests can run them in-process and read what they said.
 */
export interface CliIo {
  /** Results (JSON, tables). */
  stdout(text: string): void;
  /** Diagnostics and progress. */
  stderr(text: string): void;
  /** Whether stderr is a terminal: progress bars are drawn only then. */
  readonly stderrIsTTY: boolean;
  /** Whether stdout is a terminal: `anysim run` then prints its verdict table there (absent: no). */
  readonly stdoutIsTTY?: boolean;
}

/** The process's own streams. */
export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTTY: process.stderr.isTTY === true,
  stdoutIsTTY: process.stdout.isTTY === true,
};
