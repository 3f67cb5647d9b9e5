/**
 * The dependency graph is checked, as rxjs does with dependency-cruiser: imports flow from a
 * layer to the layers it consumes (docs/architecture.md), never back; other folders enter a layer
 * only through its index.ts; and there are no import cycles between files.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadClosure } from '../test/load-closure.js';

const SRC = dirname(fileURLToPath(import.meta.url));

/** Layers from the foundation up; a layer may import only layers at or below its rank. */
const LAYER_RANK: Readonly<Record<string, number>> = {
  base: 0,
  sim: 0,
  geo: 0.5,
  topology: 1,
  routing: 2,
  flaps: 3,
  pop: 4,
  sessions: 5,
  load: 5.5,
  metrics: 6,
  scenario: 7,
  arbitraries: 7.5,
  simulate: 8,
  report: 9,
  sweep: 10,
  cli: 11,
  '.': 12,
};

/**
 * A layer's doors: its index.ts, and for the scenario layer also model.ts, the scenario without
 * its file format (what the simulate layer, and so every replication worker, loads).
 */
const EXTRA_DOORS: readonly string[] = ['scenario/model.ts'];

function isDoor(file: string): boolean {
  return file.endsWith('/index.ts') || EXTRA_DOORS.includes(relative(SRC, file));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found = [...text.matchAll(/(?:import|export)[^'";]*?from\s+'(\.[^']+)'/g)].map((m) => m[1]!);
  return found.map((spec) => resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
}

/** A file's layer: its folder; src/index.ts is the public entry ('.'), other top files (version.ts) are 'base'. */
function layerOf(file: string): string {
  const rel = relative(SRC, file);
  if (rel.includes('/')) return rel.split('/')[0]!;
  return rel === 'index.ts' ? '.' : 'base';
}

describe('layering', () => {
  const files = sourceFiles(SRC);

  it('every source file belongs to a known layer', () => {
    for (const file of files) expect(LAYER_RANK[layerOf(file)], relative(SRC, file)).toBeDefined();
  });

  it('imports never go from a lower layer to a higher one, and cross layers only through index.ts', () => {
    const problems: string[] = [];
    for (const file of files) {
      const from = layerOf(file);
      for (const target of relativeImports(file)) {
        if (!target.startsWith(SRC)) continue;
        const to = layerOf(target);
        if (to === from) continue;
        if (LAYER_RANK[to]! > LAYER_RANK[from]!) problems.push(`${relative(SRC, file)} imports higher layer ${to}`);
        if (to !== '.' && to !== 'base' && !isDoor(target)) problems.push(`${relative(SRC, file)} bypasses ${to}/index.ts`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('a replication worker loads the simulation without the scenario file format (no zod, no yaml)', () => {
    // Each worker thread loads these modules again before its first replication (issue 13).
    const { packages } = loadClosure(join(SRC, 'simulate/replication-thread.ts'));
    expect(packages).toContain('rxjs');
    expect(packages).not.toContain('zod');
    expect(packages).not.toContain('yaml');
    // The scenario layer's main door does load them: the check can tell.
    expect(loadClosure(join(SRC, 'scenario/index.ts')).packages).toContain('zod');
  });

  it('no module of the bundled replication worker finds a file relative to itself (it runs as one file)', () => {
    // dist/simulate/replication-thread.bundle.js holds them all (src/worker-module.ts): a path
    // relative to import.meta.url would resolve from the bundle's folder, not the module's.
    const relativeToSelf = /new URL\([^)]*import\.meta\.url/;
    const { files } = loadClosure(join(SRC, 'simulate/replication-thread.ts'));
    expect([...files].filter((file) => relativeToSelf.test(readFileSync(file, 'utf8'))).map((file) => relative(SRC, file))).toEqual([]);
    // version.ts does (its package.json), and the check finds it.
    expect(relativeToSelf.test(readFileSync(join(SRC, 'version.ts'), 'utf8'))).toBe(true);
  });

  it('has no import cycles', () => {
    const graph = new Map(files.map((f) => [f, relativeImports(f).filter((t) => files.includes(t))]));
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, trail: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].map((f) => relative(SRC, f)).join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
