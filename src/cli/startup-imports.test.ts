/**
 * Instant start (issue 14, item 3), checked on the import graph rather than by timing: what each
 * command loads before it does anything is the closure of its module's static imports (type-only
 * imports are erased; dynamic `import()` is where loading is deferred). The start-up times
 * themselves are in bench/startup.bench.ts.
 */
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadClosure } from '../../test/load-closure.js';

const CLI = dirname(fileURLToPath(import.meta.url));
const SRC = dirname(CLI);

const cli = (name: string): string => resolve(CLI, name);

describe('what each command loads at start', () => {
  it('the entry (anysim --version, --help) loads no command, layer or package', () => {
    const { files, packages } = loadClosure(cli('main.ts'));
    expect([...packages]).toEqual([]);
    expect([...files].map((f) => relative(SRC, f)).sort()).toEqual(['cli/anysim.ts', 'cli/cli-io.ts', 'cli/commands.ts', 'cli/main.ts', 'version.ts']);
  });

  it.each([
    ['catchment-command.ts', ['rxjs', 'seedrandom']],
    ['converge-command.ts', ['rxjs', 'seedrandom']],
    ['hash-command.ts', ['rxjs', 'seedrandom']],
    // The schema names the flap layer's incident classes, whose index also carries the planner.
    ['schema-command.ts', ['rxjs', 'seedrandom', 'yaml', 'zod']],
    ['run-command.ts', ['rxjs', 'seedrandom', 'yaml', 'zod']],
    ['sweep-command.ts', ['rxjs', 'seedrandom', 'tinypool', 'yaml', 'zod']],
  ])('%s loads only %j: no chart library, no fast-check, and the worker pool only for sweeps', (file, expected) => {
    expect([...loadClosure(cli(file)).packages].sort()).toEqual(expected);
  });
});
