import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from './cli-io.js';
import { exitCodeFor } from './exit-code.js';
import { runMergeCommand } from './merge-command.js';

// The merge of real shards (byte-identical to the unsharded sweep) is tested in sweep-command.test.ts.
const root = mkdtempSync(join(tmpdir(), 'anysim-merge-command-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function exitOf(args: string[]): Promise<{ code: number; err: string; out: string }> {
  const io = {
    out: '',
    err: '',
    stderrIsTTY: false,
    stdout(text: string) {
      io.out += text;
    },
    stderr(text: string) {
      io.err += text;
    },
  } satisfies CliIo & { out: string; err: string };
  let code: number;
  try {
    code = await runMergeCommand(args, io);
  } catch (error) {
    code = exitCodeFor(error, io);
  }
  return { code, err: io.err, out: io.out };
}

describe('anysim merge', () => {
  it('--help prints the usage; no directory or a bad flag exits 2', async () => {
    expect((await exitOf(['-h'])).out).toContain('Usage: anysim merge DIR...');
    const none = await exitOf([]);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/merge: expected at least one sweep output directory/);
    expect((await exitOf(['x', '--shard', '1/2'])).code).toBe(2);
    const notSweep = await exitOf([root]);
    expect(notSweep.code).toBe(2);
    expect(notSweep.err).toContain('no sweep-plan.json');
  });
});
