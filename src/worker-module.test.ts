import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { runsCompiled, workerModule } from './worker-module.js';

const root = mkdtempSync(join(tmpdir(), 'anysim-worker-module-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Runs `entry` on a worker thread and returns what its `answer` export posts back for `input`. */
function runOnWorker(entry: { readonly filename: string; readonly execArgv: readonly string[] }, input: number): Promise<unknown> {
  const code = `import { parentPort, workerData } from 'node:worker_threads'; const m = await import(workerData.url); parentPort.postMessage(m.answer(workerData.input));`;
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`), {
    execArgv: [...entry.execArgv],
    workerData: { url: pathToFileURL(entry.filename).href, input },
  });
  return new Promise((resolve, reject) => {
    worker.once('message', (value: unknown) => void worker.terminate().then(() => resolve(value)));
    worker.once('error', reject);
  });
}

describe('workerModule', () => {
  it('maps an entry to its compiled .js beside the compiled worker-module.js, with no flags', () => {
    const compiled = 'file:///opt/app/node_modules/anysim/dist/worker-module.js';
    expect(runsCompiled(compiled)).toBe(true);
    expect(workerModule('sweep/cell-worker', compiled)).toEqual({ filename: '/opt/app/node_modules/anysim/dist/sweep/cell-worker.js', execArgv: [] });
  });

  it('maps a bundled entry to its .bundle.js when compiled, and to its .ts source otherwise', () => {
    const compiled = 'file:///opt/app/node_modules/anysim/dist/worker-module.js';
    expect(workerModule('simulate/replication-thread', compiled, { bundled: true }).filename).toBe('/opt/app/node_modules/anysim/dist/simulate/replication-thread.bundle.js');
    const source = new URL('./worker-module.ts', import.meta.url).href;
    expect(workerModule('simulate/replication-thread', source, { bundled: true }).filename).toBe(new URL('./simulate/replication-thread.ts', import.meta.url).pathname);
  });

  it('maps an entry to its .ts source, with tsx registered in the worker, when run from sources', () => {
    const source = new URL('./worker-module.ts', import.meta.url).href;
    expect(runsCompiled(source)).toBe(false);
    const entry = workerModule('replicate/replication-worker', source);
    expect(entry.filename).toBe(new URL('./replicate/replication-worker.ts', import.meta.url).pathname);
    expect(entry.execArgv).toHaveLength(2);
    expect(entry.execArgv[0]).toBe('--import');
    expect(decodeURIComponent(entry.execArgv[1]!)).toMatch(/^data:text\/javascript,import \{ register \} from "file:\/\/\/.*\/tsx\/.*"; register\(\);$/);
  });

  it('refuses entries that climb out of the package or carry an extension', () => {
    for (const bad of ['../evil', 'sweep/../../evil', '/etc/passwd', 'sweep/cell-worker.js', '', 'Sweep/x']) {
      expect(() => workerModule(bad), bad).toThrow(RangeError);
    }
  });

  it('a TypeScript entry runs on a worker thread through the source-mode flags', async () => {
    const sourceDir = join(root, 'src');
    mkdirSync(join(sourceDir, 'demo'), { recursive: true });
    writeFileSync(join(root, 'package.json'), '{"type":"module"}');
    writeFileSync(join(sourceDir, 'demo', 'doubler.ts'), 'export function answer(n: number): number {\n  const factor: number = 2;\n  return n * factor;\n}\n');
    const here = pathToFileURL(join(sourceDir, 'worker-module.ts')).href;
    expect(await runOnWorker(workerModule('demo/doubler', here), 21)).toBe(42);
  });

  it('a compiled entry runs on a worker thread with no flags at all', async () => {
    const distDir = join(root, 'dist');
    mkdirSync(join(distDir, 'demo'), { recursive: true });
    writeFileSync(join(distDir, 'demo', 'tripler.js'), 'export function answer(n) { return n * 3; }\n');
    const here = pathToFileURL(join(distDir, 'worker-module.js')).href;
    expect(await runOnWorker(workerModule('demo/tripler', here), 14)).toBe(42);
  });
});
