/**
 * Instant start (issue 14, item 3), checked on the import graph rather than by timing: what each
 * command loads before it does anything is the closure of its module's static imports (type-only
 * imports are erased; dynamic `import()` is where loading is deferred). The start-up times
 * themselves are in bench/startup.bench.ts.
 */
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CLI = dirname(fileURLToPath(import.meta.url));
const SRC = dirname(CLI);

/** Static import specifiers of a TypeScript file, without `import type` / `export type`. */
function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const fromClauses = [...text.matchAll(/^(?:import|export)\s+(type\s+)?[^'";]*?\bfrom\s+'([^']+)'/gm)].filter((m) => m[1] === undefined).map((m) => m[2]!);
  const bare = [...text.matchAll(/^import\s+'([^']+)'/gm)].map((m) => m[1]!);
  return [...fromClauses, ...bare];
}

/** The files and packages `entry` loads before its first line runs. */
function loadClosure(entry: string): { readonly files: Set<string>; readonly packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    for (const spec of staticImports(file)) {
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      else if (!spec.startsWith('node:')) packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  };
  visit(entry);
  return { files, packages };
}

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
