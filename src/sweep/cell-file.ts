/**
 * A finished cell's result file, DIR/cells/<cell id>.json: the SimulationResult exactly as
 * `anysim run --json` writes it, written atomically as soon as the cell finishes. A resumed or
 * merged sweep uses a file only if it parses and its scenario digest and seed are the cell's: a
 * file cut short, edited, or left by an older version of the sweep is recomputed, never trusted.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resultJson, writeFileAtomic } from '../report/index.js';
import type { SimulationResult } from '../simulate/index.js';

/** Folder of the cell files inside a sweep's output directory. */
export const CELLS_DIR = 'cells';

/** What a cell file was found to be. */
export type CellFileStatus = 'ok' | 'missing' | 'corrupt' | 'mismatch';

/** A cell file's status, with its result and text when it is usable. */
export interface CellFileRead {
  readonly status: CellFileStatus;
  readonly result?: SimulationResult;
  /** The file's text, byte for byte (a merge copies it unchanged). */
  readonly text?: string;
}

/** The path of a cell's result file. */
export function cellFilePath(dir: string, id: string): string {
  return join(dir, CELLS_DIR, `${id}.json`);
}

function looksLikeResult(value: unknown): value is SimulationResult {
  if (value === null || typeof value !== 'object') return false;
  const r = value as Partial<SimulationResult>;
  return typeof r.seed === 'string' && typeof r.scenarioDigest === 'string' && typeof r.sessions === 'number' && Array.isArray(r.results);
}

/** Reads a cell's file and checks that it holds the result of this scenario digest and seed. */
export function readCellFile(dir: string, cell: { readonly id: string; readonly seed: string; readonly scenarioDigest: string }): CellFileRead {
  let text: string;
  try {
    text = readFileSync(cellFilePath(dir, cell.id), 'utf8');
  } catch {
    return { status: 'missing' };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { status: 'corrupt' };
  }
  if (!looksLikeResult(value)) return { status: 'corrupt' };
  if (value.seed !== cell.seed || value.scenarioDigest !== cell.scenarioDigest) return { status: 'mismatch' };
  return { status: 'ok', result: value, text };
}

/** Writes a finished cell's result atomically; returns the path. */
export function writeCellFile(dir: string, id: string, result: SimulationResult): string {
  const path = cellFilePath(dir, id);
  writeFileAtomic(path, resultJson(result));
  return path;
}

/** Copies a verified cell file's text unchanged (for merges). */
export function copyCellFile(dir: string, id: string, text: string): void {
  writeFileAtomic(cellFilePath(dir, id), text);
}
