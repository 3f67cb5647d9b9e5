/**
 * The sweep worker as one JavaScript file, compiled once per process by esbuild (the compiler tsx
 * itself runs on) from the TypeScript sources as they are now.
 *
 * Why: a worker that loads the sources through tsx resolves and compiles its 96 source modules
 * and 407 package files through loader hooks, which took 0.6 s for one worker and 0.85 s each for
 * two starting side by side (they compete for the cores); the bundle loads in under 0.2 s either
 * way, and building it takes about 0.2 s in esbuild's own process. The file is named by a hash
 * of its text, in a directory of the user's own under the OS temporary directory, so concurrent
 * sweeps share it and reruns do not pile up copies.
 *
 * The sources read files next to themselves (`new URL('../package.json', import.meta.url)`); in
 * the bundle each module's `import.meta.url` is replaced by its source file's URL, so those reads
 * find the same files as under tsx.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { writeFileAtomic } from '../report/index.js';
import { SweepError } from './sweep-error.js';

/** The worker's TypeScript entry (its default export simulates one cell). */
const WORKER_SOURCE = fileURLToPath(new URL('./cell-worker.ts', import.meta.url));

/** Pins each source module's `import.meta.url` to the module's own file. */
const sourceUrls: Plugin = {
  name: 'anysim-source-urls',
  setup(esbuild) {
    esbuild.onLoad({ filter: /\.ts$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
      loader: 'ts',
    }));
  },
};

async function buildWorkerBundle(): Promise<string> {
  const result = await build({
    entryPoints: [WORKER_SOURCE],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    logLevel: 'silent',
    // CommonJS dependencies (seedrandom) call require() for Node built-ins.
    banner: { js: "import { createRequire as anysimCreateRequire } from 'node:module'; const require = anysimCreateRequire(import.meta.url);" },
    plugins: [sourceUrls],
  });
  const text = result.outputFiles[0]?.text;
  if (text === undefined) throw new Error('esbuild produced no sweep worker bundle');
  const dir = privateDirectory();
  const path = join(dir, `anysim-cell-worker-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.mjs`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const owner = statSync(dir);
    const uid = process.getuid?.();
    if (uid !== undefined && (owner.uid !== uid || (owner.mode & 0o022) !== 0)) {
      throw new Error('the directory belongs to another user or others may write to it');
    }
    // Written atomically, so a file of this name holds this very text.
    if (!existsSync(path)) writeFileAtomic(path, text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SweepError(`cannot write the worker bundle ${path} (${reason}); set TMPDIR to a writable directory of your own`);
  }
  return pathToFileURL(path).href;
}

/**
 * A directory of this user's under the OS temporary directory (as tsx keeps its cache): the
 * workers run whatever file is there, so no other user may be able to put one in its place.
 */
function privateDirectory(): string {
  return join(tmpdir(), `anysim-${process.getuid?.() ?? 'user'}`);
}

let bundle: Promise<string> | undefined;

/** The URL of the bundled sweep worker (built on first use in this process; a failed build is retried). */
export function workerBundleUrl(): Promise<string> {
  bundle ??= buildWorkerBundle().catch((error: unknown) => {
    bundle = undefined;
    throw error;
  });
  return bundle;
}
