/**
 * The plan of a sweep: its cells (index, id, seed, scenario digest, labels) and dimensions, written
 * to DIR/sweep-plan.json by every run and every shard. It is what `anysim merge` checks shard
 * directories against (same plan digest), and it holds nothing about the run itself (no shard, no
 * paths, no clock), so every shard writes the same bytes.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { InputFileError, readRegularFile } from '../input-file.js';
import { quoted } from '../message-text.js';
import { writeFileAtomic } from '../report/index.js';
import { ANYSIM_VERSION } from '../version.js';
import { VARIANT_LABEL, type SweepCell } from './sweep-cell.js';
import { SweepError } from './sweep-error.js';
import { valueLabel, type SweepDefinition } from './sweep-file.js';

/** File name of the plan inside a sweep's output directory. */
export const PLAN_FILE = 'sweep-plan.json';

/** A cell as the plan records it (no scenario: the digest names it). */
export interface SweepPlanCell {
  readonly index: number;
  readonly id: string;
  readonly point: number;
  readonly seed: string;
  readonly scenarioDigest: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** A dimension of the grid as labels, in sweep order ("variant" first when there are variants). */
export interface SweepPlanDimension {
  readonly name: string;
  readonly values: readonly string[];
}

/** The whole plan. */
export interface SweepPlan {
  readonly anysimVersion: string;
  readonly sweep: string;
  readonly description: string;
  readonly source: string;
  /** sha256 of the cells' (id, seed, scenario digest), first 16 hex characters. */
  readonly planDigest: string;
  readonly dimensions: readonly SweepPlanDimension[];
  readonly seeds: readonly string[];
  readonly cells: readonly SweepPlanCell[];
}

/**
 * What a cell id may be: it names a file inside DIR/cells, so no path separator, no NUL, nothing
 * but the characters sweep-cell.ts produces, not only dots, and at most SWEEP_LIMITS.cellIdLengthMax long. A plan
 * read from disk is checked against it before any id becomes part of a path.
 */
export const CELL_ID_PATTERN = /^(?!\.+$)[A-Za-z0-9._=,+~-]{1,120}$/;

/** Largest plan file read: 10,000 cells of a few hundred bytes each. */
export const PLAN_FILE_BYTES_MAX = 64 * 1_048_576;

/** The plan digest of `cells`: sha256 of their (id, seed, scenario digest), first 16 hex characters. */
export function planDigestOf(cells: readonly Pick<SweepPlanCell, 'id' | 'seed' | 'scenarioDigest'>[]): string {
  return createHash('sha256')
    .update(JSON.stringify(cells.map((c) => [c.id, c.seed, c.scenarioDigest])))
    .digest('hex')
    .slice(0, 16);
}

/** The plan of `cells`, enumerated from `definition`. */
export function sweepPlan(definition: SweepDefinition, cells: readonly SweepCell[]): SweepPlan {
  const planCells = cells.map((c) => ({ index: c.index, id: c.id, point: c.point, seed: c.seed, scenarioDigest: c.scenarioDigest, labels: c.labels }));
  const digest = planDigestOf(planCells);
  const dimensions = [
    ...(definition.variants.length === 0 ? [] : [{ name: VARIANT_LABEL, values: definition.variants.map((v) => v.name) }]),
    ...definition.dimensions.map((d) => ({ name: d.name, values: d.values.map(valueLabel) })),
  ];
  return {
    anysimVersion: ANYSIM_VERSION,
    sweep: definition.name,
    description: definition.description,
    source: definition.sourceName,
    planDigest: digest,
    dimensions,
    seeds: [...new Set(cells.map((c) => c.seed))],
    cells: planCells,
  };
}

/** The plan file's text. */
export function planJson(plan: SweepPlan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

/** Writes DIR/sweep-plan.json (atomically, under a random temporary name) unless it already holds these bytes. */
export function writePlanFile(dir: string, plan: SweepPlan): string {
  const path = join(dir, PLAN_FILE);
  const text = planJson(plan);
  let existing: string | undefined;
  try {
    existing = readRegularFile(path, PLAN_FILE_BYTES_MAX, 'a sweep plan').toString('utf8');
  } catch {
    existing = undefined;
  }
  if (existing !== text) writeFileAtomic(path, text);
  return path;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Why `value` is not a well-formed plan cell at `index`, or undefined when it is one. */
function planCellProblem(value: unknown, index: number): string | undefined {
  if (!isRecord(value)) return 'not an object';
  if (value['index'] !== index) return `index ${JSON.stringify(value['index'])} is not its position ${index}`;
  const id = value['id'];
  if (typeof id !== 'string' || !CELL_ID_PATTERN.test(id)) {
    return `id ${quoted(String(id))} is not a cell id (letters, digits and . _ = , + ~ -, at most 120; no path separators)`;
  }
  if (typeof value['seed'] !== 'string' || typeof value['point'] !== 'number' || !Number.isSafeInteger(value['point'])) return 'seed or point is malformed';
  if (typeof value['scenarioDigest'] !== 'string' || !/^[0-9a-f]{1,64}$/.test(value['scenarioDigest'])) return 'scenarioDigest is not a hex digest';
  const labels = value['labels'];
  if (!isRecord(labels) || Object.values(labels).some((label) => typeof label !== 'string')) return 'labels are not a mapping of strings';
  return undefined;
}

/**
 * Checks a plan read from disk: its shape, every cell id (CELL_ID_PATTERN, unique), and its plan
 * digest recomputed from its cells. A crafted plan can therefore neither name a file outside
 * DIR/cells nor pass for another sweep's plan.
 *
 * @throws SweepError naming the file and the first problem.
 */
export function checkPlan(value: unknown, path: string): SweepPlan {
  const notPlan = (why: string): SweepError => new SweepError(`${path}: not a sweep plan written by anysim sweep: ${why}`);
  if (!isRecord(value)) throw notPlan('expected a JSON object');
  const plan = value as Partial<SweepPlan>;
  if (typeof plan.sweep !== 'string' || typeof plan.planDigest !== 'string' || !Array.isArray(plan.cells) || !Array.isArray(plan.dimensions) || !Array.isArray(plan.seeds)) {
    throw notPlan('sweep, planDigest, cells, dimensions or seeds is missing');
  }
  const ids = new Set<string>();
  for (const [index, cell] of plan.cells.entries()) {
    const problem = planCellProblem(cell, index);
    if (problem !== undefined) throw notPlan(`cells[${index}]: ${problem}`);
    const id = (cell as SweepPlanCell).id;
    if (ids.has(id)) throw notPlan(`cells[${index}]: id ${quoted(id)} is listed twice`);
    ids.add(id);
  }
  const recomputed = planDigestOf(plan.cells as SweepPlanCell[]);
  if (recomputed !== plan.planDigest) throw notPlan(`its planDigest ${quoted(plan.planDigest)} is not the digest of its cells (${recomputed}); the file was edited`);
  return plan as SweepPlan;
}

/**
 * Reads DIR/sweep-plan.json and checks it (checkPlan).
 *
 * @throws SweepError when the directory holds no plan, an unreadable one, or one that fails the checks.
 */
export function readPlan(dir: string): SweepPlan {
  const path = join(dir, PLAN_FILE);
  let value: unknown;
  try {
    value = JSON.parse(readRegularFile(path, PLAN_FILE_BYTES_MAX, 'a sweep plan').toString('utf8'));
  } catch (error) {
    if (error instanceof InputFileError && error.message.endsWith(': no such file')) {
      throw new SweepError(`${dir}: no ${PLAN_FILE}; expected the --out directory of "anysim sweep"`);
    }
    throw new SweepError(error instanceof InputFileError ? error.message : `${path}: not a sweep plan (${error instanceof Error ? error.message : String(error)})`);
  }
  return checkPlan(value, path);
}
