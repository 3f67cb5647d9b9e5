/**
 * Checks every output a command will write before it does any work: a typo in an output path
 * must fail in a second, not after an hour of simulation. Each output is checked for a name the
 * file system can hold (255 bytes a component, 4,095 a path: Linux NAME_MAX and PATH_MAX), for
 * what is already there (a directory where a file goes, a FIFO or device, a symlink loop), for
 * the nearest existing folder being one we can create files in (probed by creating and removing
 * a temporary directory there, which also catches read-only and pseudo file systems such as
 * /proc, and works for root, whom permission bits do not stop), and for clashes: an output that
 * is one of the inputs (the scenario file, the topology) or another output (the JSON results on
 * the chart folder of the markdown report).
 */
import { lstatSync, mkdtempSync, realpathSync, rmdirSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { displayPath, quoted } from '../message-text.js';
import { UsageError } from './usage-error.js';

/** Longest file name component, in bytes (Linux NAME_MAX). */
export const NAME_BYTES_MAX = 255;
/** Longest path, in bytes (Linux PATH_MAX less the terminating NUL). */
export const PATH_BYTES_MAX = 4_095;

/** An output a command will write. */
export interface PlannedOutput {
  /** How the user named it: `--json`, or `--out (chart folder)`. */
  readonly flag: string;
  readonly path: string;
  readonly kind: 'file' | 'directory';
}

/** An input the command reads, which no output may replace. */
export interface NamedInput {
  readonly flag: string;
  readonly path: string;
}

function codeOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
}

function realOrResolved(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

function checkName(output: PlannedOutput): void {
  const where = `${output.flag} ${displayPath(output.path)}`;
  if (output.path === '') throw new UsageError(`${output.flag}: expected a path, got an empty string`);
  if (output.path.includes('\0')) throw new UsageError(`${where}: a path cannot hold a NUL character`);
  if (Buffer.byteLength(resolve(output.path)) > PATH_BYTES_MAX) throw new UsageError(`${where}: the path is longer than ${PATH_BYTES_MAX} bytes`);
  const long = resolve(output.path).split(sep).find((part) => Buffer.byteLength(part) > NAME_BYTES_MAX);
  if (long !== undefined) throw new UsageError(`${where}: the name ${quoted(long, 40)} is longer than ${NAME_BYTES_MAX} bytes`);
}

/** What is already at the output's own path: nothing, or something of the right kind. */
function checkExisting(output: PlannedOutput): void {
  const where = `${output.flag} ${displayPath(output.path)}`;
  try {
    lstatSync(output.path);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return;
    if (codeOf(error) === 'ENOTDIR') throw new UsageError(`${where}: a folder on the path is a file`);
    throw new UsageError(`${where}: cannot look at it (${codeOf(error) || String(error)})`);
  }
  let stat;
  try {
    stat = statSync(output.path);
  } catch (error) {
    const code = codeOf(error);
    if (code === 'ELOOP') throw new UsageError(`${where}: is a symbolic link loop`);
    if (code === 'ENOENT') return; // a dangling symlink: the atomic rename replaces the link itself
    throw new UsageError(`${where}: cannot look at it (${code || String(error)})`);
  }
  if (output.kind === 'file' && stat.isDirectory()) throw new UsageError(`${where}: is a directory; expected a file name`);
  if (output.kind === 'file' && !stat.isFile()) throw new UsageError(`${where}: is not a regular file (a FIFO, device or socket); anysim writes regular files only`);
  if (output.kind === 'directory' && !stat.isDirectory()) throw new UsageError(`${where}: is a file; expected a folder`);
}

/** The nearest existing ancestor folder of `path` accepts new files. */
function checkWritableFolder(output: PlannedOutput): void {
  const where = `${output.flag} ${displayPath(output.path)}`;
  let folder = dirname(resolve(output.path));
  for (;;) {
    try {
      const stat = statSync(folder);
      if (!stat.isDirectory()) throw new UsageError(`${where}: ${displayPath(folder)} is not a folder`);
      break;
    } catch (error) {
      if (error instanceof UsageError) throw error;
      const code = codeOf(error);
      if (code === 'ELOOP') throw new UsageError(`${where}: ${displayPath(folder)} is a symbolic link loop`);
      if (code === 'ENOTDIR') throw new UsageError(`${where}: a folder on the path is a file`);
      if (code !== 'ENOENT' || dirname(folder) === folder) throw new UsageError(`${where}: cannot look at ${displayPath(folder)} (${code || String(error)})`);
      folder = dirname(folder);
    }
  }
  let probe: string;
  try {
    probe = mkdtempSync(join(folder, '.anysim-probe-'));
  } catch (error) {
    const code = codeOf(error);
    const why =
      code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EROFS'
          ? 'read-only file system'
          : code === 'ENOENT'
            ? 'the file system takes no new files there'
            : code || String(error);
    throw new UsageError(`${where}: cannot create files in ${displayPath(folder)} (${why})`);
  }
  rmdirSync(probe);
}

/**
 * Checks `outputs` against the file system, `inputs` and each other.
 *
 * @throws UsageError naming the flag, the path and the problem, for the first problem found.
 */
export function checkOutputs(outputs: readonly PlannedOutput[], inputs: readonly NamedInput[]): void {
  for (const output of outputs) {
    checkName(output);
    checkExisting(output);
    const target = realOrResolved(output.path);
    for (const input of inputs) {
      if (realOrResolved(input.path) === target) {
        throw new UsageError(`${output.flag} ${displayPath(output.path)}: is the ${input.flag} file; writing there would replace the input`);
      }
    }
  }
  for (const [i, a] of outputs.entries()) {
    for (const b of outputs.slice(i + 1)) {
      if (realOrResolved(a.path) === realOrResolved(b.path)) {
        throw new UsageError(`${b.flag} ${displayPath(b.path)}: is also ${a.flag}; give each output its own name`);
      }
    }
  }
  for (const output of outputs) checkWritableFolder(output);
}
