/**
 * Where worker threads load the replication worker from: replication-worker.ts and everything it
 * imports bundled into one JavaScript file by esbuild (the compiler tsx itself runs on), as the
 * sweep does for its cells (src/sweep/worker-bundle.ts explains why: a worker loading the sources
 * through tsx takes 0.6-0.85 s to start, the bundle under 0.2 s). This is the one function to
 * change when workers load compiled files instead.
 *
 * The bundle is named by a hash of its text in a directory of the user's own (mode 0700, refused
 * if another user owns it or others may write to it): a worker runs whatever file is there.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ScenarioError } from '../scenario/index.js';

/**
 * esbuild, loaded when first needed by a name esbuild's bundler does not follow: the sweep bundles
 * simulate() into its cell worker (which runs its replications in its own thread and never gets
 * here), and esbuild cannot bundle itself.
 */
const ESBUILD_MODULE: string = 'esbuild';

/** The expression rewritten in each bundled module, spelled so that this file's own text survives the rewrite. */
const META_URL = ['import', 'meta', 'url'].join('.');

const WORKER_SOURCE = fileURLToPath(new URL('./replication-worker.ts', import.meta.url));

async function bundle(): Promise<string> {
  const { build } = (await import(ESBUILD_MODULE)) as typeof import('esbuild');
  const result = await build({
    entryPoints: [WORKER_SOURCE],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    logLevel: 'silent',
    // CommonJS dependencies (seedrandom) call require() for Node built-ins.
    banner: { js: `import { createRequire as anysimCreateRequire } from 'node:module'; const require = anysimCreateRequire(${META_URL});` },
    plugins: [
      {
        // Each module's own URL expression becomes its source file's URL, so reads beside the sources work.
        name: 'anysim-source-urls',
        setup(esbuild) {
          esbuild.onLoad({ filter: /\.ts$/ }, async (args) => ({
            contents: (await readFile(args.path, 'utf8')).replaceAll(META_URL, JSON.stringify(pathToFileURL(args.path).href)),
            loader: 'ts',
          }));
        },
      },
    ],
  });
  const text = result.outputFiles[0]?.text;
  if (text === undefined) throw new Error('esbuild produced no replication worker bundle');
  const dir = join(tmpdir(), `anysim-${process.getuid?.() ?? 'user'}`);
  const path = join(dir, `anysim-replication-worker-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.mjs`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const owner = statSync(dir);
    const uid = process.getuid?.();
    if (uid !== undefined && (owner.uid !== uid || (owner.mode & 0o022) !== 0)) throw new Error('the directory belongs to another user or others may write to it');
    if (!existsSync(path)) {
      // Written then renamed, so a file of this name always holds this very text.
      const temporary = `${path}.${process.pid}.tmp`;
      writeFileSync(temporary, text, { mode: 0o600 });
      renameSync(temporary, path);
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ScenarioError(`cannot write the replication worker bundle ${path} (${reason}); set TMPDIR to a writable directory of your own`);
  }
  return pathToFileURL(path).href;
}

let url: Promise<string> | undefined;

/** The URL of the replication worker for worker threads (built on first use; a failed build is retried). */
export function replicationWorkerUrl(): Promise<string> {
  url ??= bundle().catch((error: unknown) => {
    url = undefined;
    throw error;
  });
  return url;
}
