/**
 * What a module loads before its first line runs: the closure of its static imports (type-only
 * imports are erased; dynamic `import()` is where loading is deferred). The start-up test of the
 * commands (src/cli/startup-imports.test.ts) and the layering test's check of the replication
 * worker (src/layering.test.ts) read the import graph with it.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Static import specifiers of a TypeScript file, without `import type` / `export type`. */
function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const fromClauses = [...text.matchAll(/^(?:import|export)\s+(type\s+)?[^'";]*?\bfrom\s+'([^']+)'/gm)].filter((m) => m[1] === undefined).map((m) => m[2]!);
  const bare = [...text.matchAll(/^import\s+'([^']+)'/gm)].map((m) => m[1]!);
  return [...fromClauses, ...bare];
}

/** The files (absolute paths) and packages (by name) `entry` loads before its first line runs. */
export function loadClosure(entry: string): { readonly files: Set<string>; readonly packages: Set<string> } {
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
