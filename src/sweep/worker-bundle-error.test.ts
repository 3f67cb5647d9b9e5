import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SweepError } from './sweep-error.js';
import { workerBundleUrl } from './worker-bundle.js';

// A file of its own: the bundle is built once per module instance, and each case here must fail
// before any build succeeds, or the next succeeds after a failure (the memo is reset on failure).
const root = mkdtempSync(join(tmpdir(), 'anysim-bundle-error-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Runs `body` with TMPDIR (what os.tmpdir() reads) set to `dir`. */
async function withTmpdir(dir: string, body: () => Promise<void>): Promise<void> {
  const saved = process.env['TMPDIR'];
  process.env['TMPDIR'] = dir;
  try {
    await body();
  } finally {
    if (saved === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = saved;
  }
}

describe('the worker bundle', () => {
  it.skipIf(process.getuid === undefined)('refuses a bundle directory that others may write to (they could swap the code the workers run)', async () => {
    const shared = join(root, 'shared-tmp');
    const dir = join(shared, `anysim-${process.getuid!()}`);
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o777);
    await withTmpdir(shared, async () => {
      await expect(workerBundleUrl()).rejects.toThrow(/cannot write the worker bundle .*another user or others may write to it/);
    });
  });

  it('names the path and the fix when the temporary directory is unusable, and builds on the next try', async () => {
    const notADirectory = join(root, 'file');
    writeFileSync(notADirectory, '');
    await withTmpdir(join(notADirectory, 'tmp'), async () => {
      const failed = workerBundleUrl();
      await expect(failed).rejects.toThrow(SweepError);
      await expect(failed).rejects.toThrow(/cannot write the worker bundle .*file\/tmp\/anysim-[^/]+\/anysim-cell-worker-[0-9a-f]{16}\.mjs .*set TMPDIR/);
    });
    expect(await workerBundleUrl()).toMatch(/anysim-cell-worker-[0-9a-f]{16}\.mjs$/);
  });
});
