import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { temporaryPathBeside, writeFileAtomic } from './atomic-write.js';

describe('writeFileAtomic', () => {
  it('replaces the file and leaves no temporary behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'anysim-'));
    const path = join(dir, 'sub', 'report.md');
    writeFileAtomic(path, 'first');
    writeFileAtomic(path, 'second');
    expect(readFileSync(path, 'utf8')).toBe('second');
    expect(readdirSync(join(dir, 'sub'))).toEqual(['report.md']);
  });

  it('keeps the old file when the write fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'anysim-'));
    const path = join(dir, 'report.md');
    writeFileSync(path, 'old');
    // A directory in the way of the rename target makes renaming fail.
    const blocked = join(dir, 'blocked.md');
    mkdirSync(blocked);
    expect(() => writeFileAtomic(blocked, 'new')).toThrow();
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(dir).sort()).toEqual(['blocked.md', 'report.md']);
  });
});

describe('temporary names', () => {
  it('are random, in the target directory, and never the PID alone', () => {
    const names = new Set(Array.from({ length: 50 }, () => temporaryPathBeside('/some/dir/report.md')));
    expect(names.size).toBe(50);
    for (const name of names) {
      expect(name).toMatch(/^\/some\/dir\/\.anysim-tmp-[0-9a-f]{32}-report\.md$/);
      expect(name).not.toContain(`-${process.pid}-`);
    }
  });
});
