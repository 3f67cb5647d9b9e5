/**
 * Writes files so that a reader (or an interrupted run) never sees half of one: the content goes
 * to a temporary file in the same directory, is flushed, and is renamed over the target, which
 * POSIX makes atomic. A run killed mid-way leaves the previous report intact.
 *
 * The temporary file is never one somebody else prepared: its name carries 16 random bytes (not
 * the PID, which another local user can guess), and it is opened with O_CREAT | O_EXCL |
 * O_NOFOLLOW ('wx' and no symlink following), so a file or symlink planted at that name makes the
 * write fail instead of writing through it (CWE-59, CWE-377). Shards writing into one shared
 * directory at once each get their own temporary file.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Prefix of every temporary file anysim writes beside its outputs. */
export const TEMPORARY_FILE_PREFIX = '.anysim-tmp-';

/** A fresh temporary name beside `path`: `.anysim-tmp-<32 random hex>-<file name>`. */
export function temporaryPathBeside(path: string): string {
  return join(dirname(path), `${TEMPORARY_FILE_PREFIX}${randomBytes(16).toString('hex')}-${basename(path)}`);
}

/** Flags of the temporary file's open: create it, fail if anything exists there, follow no symlink. */
const EXCLUSIVE_NO_FOLLOW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

/** Writes `content` to `path` atomically, creating the directory if needed. */
export function writeFileAtomic(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = temporaryPathBeside(path);
  // Opening fails (EEXIST) if anything is at the temporary name, so that name is ours to remove.
  const fd = openSync(temporary, EXCLUSIVE_NO_FOLLOW, 0o644);
  try {
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
