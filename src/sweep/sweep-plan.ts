/**
 * The plan of a sweep: its cells (index, id, seed, scenario digest, labels) and dimensions, written
 * to DIR/sweep-plan.json by every run and every shard. It is what `anysim merge` checks shard
 * directories against (same plan digest), and it holds nothing about the run itself (no shard, no
 * paths, no clock), so every shard writes the same bytes.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

/** The plan of `cells`, enumerated from `definition`. */
export function sweepPlan(definition: SweepDefinition, cells: readonly SweepCell[]): SweepPlan {
  const planCells = cells.map((c) => ({ index: c.index, id: c.id, point: c.point, seed: c.seed, scenarioDigest: c.scenarioDigest, labels: c.labels }));
  const digest = createHash('sha256')
    .update(JSON.stringify(planCells.map((c) => [c.id, c.seed, c.scenarioDigest])))
    .digest('hex')
    .slice(0, 16);
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

/**
 * Writes DIR/sweep-plan.json unless it already holds these bytes. Shards started together on many
 * machines write it into one shared directory at once, each possibly as PID 1 of its container,
 * so the temporary file gets a random name (the report layer's atomic write names it by PID).
 */
export function writePlanFile(dir: string, plan: SweepPlan): string {
  const path = join(dir, PLAN_FILE);
  const text = planJson(plan);
  let existing: string | undefined;
  try {
    existing = readFileSync(path, 'utf8');
  } catch {
    existing = undefined;
  }
  if (existing === text) return path;
  mkdirSync(dir, { recursive: true });
  const temporary = join(dir, `.anysim-tmp-${randomUUID()}-${PLAN_FILE}`);
  try {
    writeFileSync(temporary, text, { flush: true });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  return path;
}

function isPlan(value: unknown): value is SweepPlan {
  if (value === null || typeof value !== 'object') return false;
  const plan = value as Partial<SweepPlan>;
  return typeof plan.sweep === 'string' && typeof plan.planDigest === 'string' && Array.isArray(plan.cells) && Array.isArray(plan.dimensions) && Array.isArray(plan.seeds);
}

/**
 * Reads DIR/sweep-plan.json.
 *
 * @throws SweepError when the directory holds no plan or an unreadable one.
 */
export function readPlan(dir: string): SweepPlan {
  const path = join(dir, PLAN_FILE);
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const missing = typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === 'ENOENT';
    throw new SweepError(missing ? `${dir}: no ${PLAN_FILE}; expected the --out directory of "anysim sweep"` : `${path}: not a sweep plan (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isPlan(value)) throw new SweepError(`${path}: not a sweep plan written by anysim sweep`);
  return value;
}
