#!/usr/bin/env node
/** Process entry of the `anysim` command: package.json's `bin` is its compiled file, dist/cli/main.js. */
import { main } from './anysim.js';
import { processIo } from './cli-io.js';

// A reader that stops early (`anysim catchment ... | head`) closes the pipe: stop quietly, as
// Unix tools do, instead of dying on an unhandled EPIPE.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

// A closed stderr (`anysim ... 2>&1 >/dev/null | head -c0`) loses the diagnostics, but must not
// turn the command's own exit code (2 for bad input) into a crash.
process.stderr.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

process.exitCode = await main(process.argv.slice(2), processIo);
