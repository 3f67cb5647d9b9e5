/**
 * Where a worker thread finds its entry module, for every worker anysim starts (sweep cells, and
 * any later worker entry): the compiled JavaScript file of the installed package, never a file
 * written at run time.
 *
 * anysim runs from one of two trees. Installed, or after `npm run build`, it runs from `dist/`,
 * compiled by `tsc` beside this file: a worker entry `src/sweep/cell-worker.ts` is
 * `dist/sweep/cell-worker.js`, and the worker loads it as plain Node does, with nothing else.
 * In this repository's own tests and scripts (vitest, `tsx src/cli/main.ts`), it runs from the
 * TypeScript sources: there the worker loads the `.ts` entry through tsx, a devDependency present
 * only in a development checkout, registered in the worker by its `--import` flag. So tests
 * exercise the sources they test, with no build step and no stale `dist/`; the workers start
 * slower that way (about 0.6 s each, against under 0.2 s compiled), which only tests pay.
 *
 * A bundled entry: the build (`npm run build`) also bundles the replication worker's entry into
 * one file, `dist/simulate/replication-thread.bundle.js` (esbuild, after tsc; rxjs's ES module
 * build inside, tree-shaken; seedrandom left to Node). A replication worker starts on every
 * replicated run, while the calling thread is already busy with replications, and loading about
 * 150 modules one by one cost it 0.2-0.35 s before its first replication; one file loads in about
 * 20 ms (issue 13, parallel efficiency). Modules in that bundle must not locate files relative to
 * themselves (`new URL(..., import.meta.url)`): src/layering.test.ts checks it. Sweep cells, which
 * start once per sweep, load their compiled entry as it is.
 *
 * Why not a bundle in a temporary directory (what sweeps did before, issue 14): a file written at
 * run time to a shared place is a file another local user may be able to replace before the
 * workers import it; the compiled entry lives in the package's own directory, which is as
 * trusted as the code importing it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** How to start a worker on an entry module: pass both to `new Worker` or to tinypool. */
export interface WorkerModule {
  /** Absolute path of the entry file the worker imports. */
  readonly filename: string;
  /** Node flags the worker needs: none when compiled; tsx's registration when run from sources. */
  readonly execArgv: readonly string[];
}

/** How a compiled entry is loaded. */
export interface WorkerModuleOptions {
  /** Load the single-file bundle the build makes of the entry (`<entry>.bundle.js`) rather than its tsc output. */
  readonly bundled?: boolean;
}

/** Whether this very module is the compiled JavaScript (dist/) rather than its TypeScript source. */
export function runsCompiled(moduleUrl: string = import.meta.url): boolean {
  return !moduleUrl.endsWith('.ts');
}

const ENTRY_PATTERN = /^[a-z][a-z0-9-]*(?:\/[a-z][a-z0-9-]*)*$/;

/**
 * The worker entry `entry`, named relative to `src/` without extension (e.g. `'sweep/cell-worker'`),
 * as the file a worker thread should load: `dist/sweep/cell-worker.js` in the compiled package,
 * or `src/sweep/cell-worker.ts` through tsx when anysim runs from its sources. With `bundled`,
 * the compiled package's file is the entry's bundle, `dist/<entry>.bundle.js` (sources: no change).
 *
 * @throws RangeError if `entry` is not a plain relative module name (no `..`, no extension).
 */
export function workerModule(entry: string, moduleUrl: string = import.meta.url, options: WorkerModuleOptions = {}): WorkerModule {
  if (!ENTRY_PATTERN.test(entry)) throw new RangeError(`worker entry must be a module path under src without extension, e.g. "sweep/cell-worker"; got "${entry}"`);
  if (runsCompiled(moduleUrl)) return { filename: fileURLToPath(new URL(`./${entry}${options.bundled === true ? '.bundle' : ''}.js`, moduleUrl)), execArgv: [] };
  return { filename: fileURLToPath(new URL(`./${entry}.ts`, moduleUrl)), execArgv: ['--import', tsxRegistration()] };
}

interface TsxPackageJson {
  readonly exports: Readonly<Record<string, { readonly import?: { readonly default?: string } } | string>>;
}

/**
 * A module (as a data: URL, so nothing is written) that registers tsx's loader in the thread it
 * runs in. `--import tsx` is not enough in a worker: tsx's entry registers itself only on the main
 * thread, so the worker calls `register()` from `tsx/esm/api` itself (its ESM build: the CommonJS
 * one cannot be imported from a data: URL), resolved from this package.
 */
function tsxRegistration(): string {
  const manifestPath = createRequire(import.meta.url).resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as TsxPackageJson;
  const target = manifest.exports['./esm/api'];
  const relative = typeof target === 'string' ? target : target?.import?.default;
  if (relative === undefined) throw new Error(`tsx at ${manifestPath} has no ESM build of tsx/esm/api`);
  const api = new URL(relative, pathToFileURL(manifestPath)).href;
  return `data:text/javascript,${encodeURIComponent(`import { register } from ${JSON.stringify(api)}; register();`)}`;
}
