/**
 * Maps a failure to what the user sees: input and usage errors (bad flags, bad files, bad
 * scenarios) print their message on one line and exit 2; anything else is a bug in anysim, printed
 * as one line too with exit 1, and its stack only with ANYSIM_DEBUG=1. Lines are cut to
 * MESSAGE_LINE_LENGTH_MAX characters.
 */
import { InputFileError } from '../input-file.js';
import { cutLine } from '../message-text.js';
import { ScenarioError } from '../scenario/index.js';
import { TopologyError } from '../topology/index.js';
import type { CliIo } from './cli-io.js';
import { UsageError } from './usage-error.js';

/** Error classes whose message is meant for the user: the input was wrong, not anysim. */
const INPUT_ERRORS: readonly (abstract new (...args: never[]) => Error)[] = [UsageError, TopologyError, ScenarioError, InputFileError];

/**
 * Reports `error` on stderr and returns the exit code. A usage error is one line; a scenario with
 * several problems lists one per line.
 */
export function exitCodeFor(error: unknown, io: CliIo, inputErrors = INPUT_ERRORS): number {
  // Every line is cut to a readable length: a message may quote a huge input.
  const message = (error instanceof Error ? error.message : String(error)).split('\n').map((line) => cutLine(line)).join('\n');
  const oneLine = cutLine(message.replace(/\s*\n\s*/g, ' '));
  if (error instanceof UsageError) {
    io.stderr(`anysim: ${oneLine}\n`);
    return 2;
  }
  if (inputErrors.some((kind) => error instanceof kind)) {
    io.stderr(`anysim: ${message}\n`);
    return 2;
  }
  io.stderr(`anysim: internal error: ${oneLine}\n`);
  if (process.env['ANYSIM_DEBUG'] === '1' && error instanceof Error && error.stack !== undefined) io.stderr(`${error.stack}\n`);
  return 1;
}
