import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SweepError } from './sweep-error.js';
import { workerBundleUrl } from './worker-bundle.js';

// A file of its own: the bundle is built once per module instance, and this must be the first build.
const root = mkdtempSync(join(tmpdir(), 'anysim-bundle-error-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the worker bundle', () => {
  it('names the path and the fix when the temporary directory is unusable, and builds on the next try', async () => {
    const notADirectory = join(root, 'file');
    writeFileSync(notADirectory, '');
    const saved = process.env['TMPDIR'];
    process.env['TMPDIR'] = join(notADirectory, 'tmp');
    try {
      const failed = workerBundleUrl();
      await expect(failed).rejects.toThrow(SweepError);
      await expect(failed).rejects.toThrow(/cannot write the worker bundle .*file\/tmp\/anysim-cell-worker-[0-9a-f]{16}\.mjs .*set TMPDIR/);
    } finally {
      if (saved === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = saved;
    }
    expect(await workerBundleUrl()).toMatch(/anysim-cell-worker-[0-9a-f]{16}\.mjs$/);
  });
});
