/**
 * Writes files so that a reader (or an interrupted run) never sees half of one: the content goes
 * to a temporary file in the same directory, is flushed, and is renamed over the target, which
 * POSIX makes atomic. A run killed mid-way leaves the previous report intact.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Writes `content` to `path` atomically, creating the directory if needed. */
export function writeFileAtomic(path: string, content: string): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const temporary = join(dir, `.anysim-tmp-${process.pid}-${basename(path)}`);
  try {
    const fd = openSync(temporary, 'w');
    try {
      writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
