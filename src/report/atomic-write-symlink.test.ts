/**
 * A planted symlink at the temporary name: another local user who can write to the output
 * directory and guess the temporary name must not be able to redirect the write. The random part
 * of the name is fixed here so that the test can plant the symlink exactly there.
 */
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, randomBytes: (size: number) => Buffer.alloc(size, 0xab) };
});

const { writeFileAtomic, temporaryPathBeside } = await import('./atomic-write.js');

describe('writeFileAtomic against a planted symlink', () => {
  it('refuses to write through a symlink at the temporary name, and leaves its target and the symlink alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'anysim-planted-'));
    const victim = join(dir, 'victim.json');
    writeFileSync(victim, 'precious');
    const target = join(dir, 'report.md');
    const planted = temporaryPathBeside(target);
    expect(planted).toBe(join(dir, `.anysim-tmp-${'ab'.repeat(16)}-report.md`));
    symlinkSync(victim, planted);
    expect(() => writeFileAtomic(target, 'attacker-controlled?')).toThrow(/EEXIST/);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(existsSync(target)).toBe(false);
    expect(lstatSync(planted).isSymbolicLink()).toBe(true);
  });

  it('refuses a dangling symlink at the temporary name too (it would create the file it points at)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'anysim-planted-'));
    const elsewhere = join(dir, 'created-by-symlink.json');
    const target = join(dir, 'out.json');
    symlinkSync(elsewhere, temporaryPathBeside(target));
    expect(() => writeFileAtomic(target, '{}')).toThrow(/EEXIST/);
    expect(existsSync(elsewhere)).toBe(false);
    expect(readdirSync(dir)).toHaveLength(1);
  });
});
