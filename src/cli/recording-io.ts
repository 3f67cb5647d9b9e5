/** A {@link CliIo} that records what a command wrote, for running commands in-process in tests. */
import type { CliIo } from './cli-io.js';

/** What a command wrote to stdout and stderr; stderr is not a terminal. */
export interface RecordingIo extends CliIo {
  readonly out: string;
  readonly err: string;
}

/** A fresh recorder; `stdoutIsTTY` pretends stdout is a terminal. */
export function recordingIo(stdoutIsTTY = false): RecordingIo {
  let out = '';
  let err = '';
  return {
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
    stderrIsTTY: false,
    stdoutIsTTY,
    get out() {
      return out;
    },
    get err() {
      return err;
    },
  };
}
