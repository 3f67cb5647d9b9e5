import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputFileError, readRegularFile } from './input-file.js';

describe('readRegularFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'anysim-input-'));

  it('reads a regular file whole', () => {
    const path = join(dir, 'a.txt');
    writeFileSync(path, 'hello\n');
    expect(readRegularFile(path, 100, 'a test file').toString('utf8')).toBe('hello\n');
  });

  it('refuses a FIFO at once instead of waiting for a writer', () => {
    const path = join(dir, 'fifo');
    execFileSync('mkfifo', [path]);
    expect(() => readRegularFile(path, 100, 'a scenario file')).toThrow(`${path}: is a FIFO (named pipe); expected a scenario file (only regular files are read)`);
  });

  it('refuses a device such as /dev/zero, which never ends', () => {
    expect(() => readRegularFile('/dev/zero', 100, 'a topology file')).toThrow('/dev/zero: is a character device');
  });

  it('refuses a directory', () => {
    expect(() => readRegularFile(dir, 100, 'a scenario file')).toThrow(`${dir}: is a directory`);
  });

  it('refuses a file above the cap, naming the limit', () => {
    const path = join(dir, 'big.txt');
    writeFileSync(path, 'x'.repeat(101));
    expect(() => readRegularFile(path, 100, 'a test file')).toThrow(`${path}: the file is 101 bytes; the limit for a test file is 100`);
  });

  it('stops at the cap even when the reported size is wrong (/proc files report 0 bytes)', () => {
    expect(() => readRegularFile('/proc/self/status', 10, 'a test file')).toThrow('holds more than 10 bytes');
  });

  it('names a missing file and a symlink loop', () => {
    expect(() => readRegularFile(join(dir, 'missing'), 100, 'x')).toThrow(InputFileError);
    const loop = join(dir, 'loop');
    execFileSync('ln', ['-s', loop, loop]);
    expect(() => readRegularFile(loop, 100, 'x')).toThrow('symlink loop');
  });
});
