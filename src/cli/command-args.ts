/**
 * Strict argument parsing for every sub-command: node's `parseArgs`, with its errors turned into
 * a {@link UsageError} that names the command and points at its help.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error.js';

/** Parses `config.args` for `anysim <command>`; a bad flag is a UsageError. */
export function parseCommandArgs<T extends ParseArgsConfig>(command: string, config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(`${command}: ${reason}; see "anysim ${command} --help"`);
  }
}
