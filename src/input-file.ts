/**
 * Reading an input file the user named (a scenario, a sweep file, a topology) without trusting
 * what the name points at: only a regular file is read, never a FIFO (reading one blocks until a
 * writer comes), a device (`/dev/zero` never ends) or a socket, and never more than a cap, even
 * when the size the file system reports is wrong (files under /proc report 0). The file is opened
 * non-blocking so that opening a FIFO returns at once and its type can be refused.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { displayPath } from './message-text.js';

/** A file that cannot be read as an input; the message names the path and says why. */
export class InputFileError extends Error {
  override readonly name = 'InputFileError';
}

function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

function openFailure(typed: string, error: unknown): string {
  const path = displayPath(typed);
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  if (code === 'ENOENT') return `${path}: no such file`;
  if (code === 'EACCES' || code === 'EPERM') return `${path}: permission denied`;
  if (code === 'ELOOP') return `${path}: too many levels of symbolic links (a symlink loop)`;
  if (code === 'ENAMETOOLONG') return `${path}: the name is too long`;
  if (code === 'ENOTDIR') return `${path}: a component of the path is not a directory`;
  return `${path}: cannot open the file (${code === '' ? String(error) : code})`;
}

/** Opens `path` and checks it is a regular file of at most `maxBytes`; returns the descriptor. */
function openRegularFile(path: string, maxBytes: number, what: string): number {
  const shown = displayPath(path);
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new InputFileError(openFailure(path, error));
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new InputFileError(`${shown}: is ${kindOf(stat)}; expected ${what} (only regular files are read)`);
    if (stat.size > maxBytes) throw new InputFileError(`${shown}: the file is ${stat.size} bytes; the limit for ${what} is ${maxBytes}`);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  return fd;
}

/**
 * Checks, without reading it, that `path` is a regular file of at most `maxBytes` that can be
 * opened: for inputs read later, so that a bad one fails before any work.
 *
 * @throws InputFileError as readRegularFile does.
 */
export function checkRegularFile(path: string, maxBytes: number, what: string): void {
  closeSync(openRegularFile(path, maxBytes, what));
}

/**
 * The bytes of the regular file at `path`, at most `maxBytes` of them.
 *
 * @param what - what the file should be, for messages ("a scenario file").
 * @throws InputFileError when the path does not exist, is not a regular file, or holds more than
 *   `maxBytes` bytes (the limit is named).
 */
export function readRegularFile(path: string, maxBytes: number, what: string): Buffer {
  const shown = displayPath(path);
  const fd = openRegularFile(path, maxBytes, what);
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, maxBytes + 1 - total));
      let read: number;
      try {
        read = readSync(fd, chunk, 0, chunk.length, null);
      } catch (error) {
        const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : String(error);
        throw new InputFileError(`${shown}: cannot read the file (${code})`);
      }
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > maxBytes) throw new InputFileError(`${shown}: the file holds more than ${maxBytes} bytes, the limit for ${what}`);
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}
