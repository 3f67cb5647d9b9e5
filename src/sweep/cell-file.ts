/**
 * A finished cell's result file, DIR/cells/<cell id>.json: the SimulationResult as JSON (what
 * `anysim run --json` writes, without the verdicts and yearly figures derived from it), with one
 * more field first, `cellSha256`, the sha256 of the result's compact JSON text (computed on the
 * parsed form, so that a value JSON cannot hold, such as an unbounded interval side, reads back
 * to the same digest). Written atomically as soon as the cell finishes. A resumed or merged sweep uses a file
 * only if it parses, its digest matches its content, and its scenario digest and seed are the
 * cell's: a file cut short, edited (even into valid JSON), or left by an older version of the
 * sweep is recomputed, never trusted. The digest detects edits and damage; it is not a signature
 * (whoever can write the directory can recompute it), which is why sweep directories must not be
 * writable by others.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { InputFileError, readRegularFile } from '../input-file.js';
import { writeFileAtomic } from '../report/index.js';
import type { SimulationResult } from '../simulate/index.js';
import { CELL_ID_PATTERN } from './sweep-plan.js';

/** Folder of the cell files inside a sweep's output directory. */
export const CELLS_DIR = 'cells';

/** Largest cell file read (a result is tens of kilobytes). */
export const CELL_FILE_BYTES_MAX = 64 * 1_048_576;

/** What a cell file was found to be: usable, absent, unparsable, edited since written, or another cell's. */
export type CellFileStatus = 'ok' | 'missing' | 'corrupt' | 'edited' | 'mismatch';

/** A cell file's status, with its result and text when it is usable. */
export interface CellFileRead {
  readonly status: CellFileStatus;
  readonly result?: SimulationResult;
  /** The file's text, byte for byte (a merge copies it unchanged). */
  readonly text?: string;
}

/**
 * The path of a cell's result file.
 *
 * @throws Error when `id` is not a cell id (CELL_ID_PATTERN): ids from a plan on disk are checked
 *   when the plan is read, so this is a last guard against a path outside DIR/cells.
 */
export function cellFilePath(dir: string, id: string): string {
  if (!CELL_ID_PATTERN.test(id)) throw new Error(`not a cell id: ${JSON.stringify(id.slice(0, 200))}`);
  return join(dir, CELLS_DIR, `${id}.json`);
}

function looksLikeResult(value: unknown): value is SimulationResult {
  if (value === null || typeof value !== 'object') return false;
  const r = value as Partial<SimulationResult>;
  return typeof r.seed === 'string' && typeof r.scenarioDigest === 'string' && typeof r.sessions === 'number' && Array.isArray(r.results);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The text of a cell file holding `result`. */
export function cellFileText(result: SimulationResult): string {
  const plain = JSON.parse(JSON.stringify(result)) as Record<string, unknown>;
  return `${JSON.stringify({ cellSha256: sha256(JSON.stringify(plain)), ...plain }, null, 2)}\n`;
}

/** Reads a cell's file and checks its content digest, scenario digest and seed. */
export function readCellFile(dir: string, cell: { readonly id: string; readonly seed: string; readonly scenarioDigest: string }): CellFileRead {
  let text: string;
  try {
    text = readRegularFile(cellFilePath(dir, cell.id), CELL_FILE_BYTES_MAX, 'a cell file').toString('utf8');
  } catch (error) {
    if (error instanceof InputFileError && error.message.endsWith(': no such file')) return { status: 'missing' };
    return { status: 'corrupt' };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { status: 'corrupt' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { status: 'corrupt' };
  const { cellSha256, ...result } = value as Record<string, unknown>;
  if (!looksLikeResult(result) || typeof cellSha256 !== 'string') return { status: 'corrupt' };
  if (sha256(JSON.stringify(result)) !== cellSha256) return { status: 'edited' };
  if (result.seed !== cell.seed || result.scenarioDigest !== cell.scenarioDigest) return { status: 'mismatch' };
  return { status: 'ok', result, text };
}

/** Writes a finished cell's result atomically; returns the path. */
export function writeCellFile(dir: string, id: string, result: SimulationResult): string {
  const path = cellFilePath(dir, id);
  writeFileAtomic(path, cellFileText(result));
  return path;
}

/** Copies a verified cell file's text unchanged (for merges); returns the path. */
export function copyCellFile(dir: string, id: string, text: string): string {
  const path = cellFilePath(dir, id);
  writeFileAtomic(path, text);
  return path;
}
