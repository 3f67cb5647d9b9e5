/**
 * The `anysim` command line: one entry, sub-commands for each job. Results go to files or stdout,
 * diagnostics to stderr. Usage and input errors print one line and exit 2; no stack traces reach
 * the user (set ANYSIM_DEBUG=1 to see them).
 */
import { ANYSIM_VERSION } from '../version.js';
import type { CliIo } from './cli-io.js';
import { COMMANDS, renderHelp } from './commands.js';

/** Runs `anysim` with `argv` (the words after the program name) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    // No command is a usage error: the help goes to stderr with exit 2.
    io.stderr(renderHelp());
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout(renderHelp());
    return 0;
  }
  if (name === '--version' || name === '-V') {
    io.stdout(`${ANYSIM_VERSION}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    io.stderr(`anysim: unknown command "${name}"; try "anysim --help"\n`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    // Loaded only on failure: it knows the input error classes of every layer, which a command
    // that succeeds (or `anysim --version`) should not have to load.
    const { exitCodeFor } = await import('./exit-code.js');
    return exitCodeFor(error, io);
  }
}
