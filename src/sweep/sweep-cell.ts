/**
 * The cells of a sweep: every scenario point (variant x grid values, first grid dimension
 * outermost, in file order) times every seed, in that deterministic order. A cell's id is built
 * from its labels (`routing.mrai=5s,pops.count=4,seed=2`), not from its position, so adding a grid
 * value leaves the other cells' ids (and their finished result files) unchanged.
 */
import { createHash } from 'node:crypto';
import {
  parseScenarioValue,
  ScenarioError,
  scenarioDigest,
  type Scenario,
  type ScenarioProblem,
  type ScenarioReadOptions,
} from '../scenario/index.js';
import { withFieldSet } from './field-path.js';
import { SWEEP_LIMITS } from './limits.js';
import { valueLabel, type FieldOverride, type SweepDefinition } from './sweep-file.js';

/** Label key of the variant name. */
export const VARIANT_LABEL = 'variant';

/** One cell: a scenario point and a seed. */
export interface SweepCell {
  /** Position in the sweep's order, from 0 (what `--shard i/n` partitions). */
  readonly index: number;
  /** Stable id, also the name of its result file (cells/<id>.json). */
  readonly id: string;
  /** Position of its scenario point (cells of one point differ only in the seed). */
  readonly point: number;
  /** The point's coordinates: "variant" and each grid field path, to the value's label. */
  readonly labels: Readonly<Record<string, string>>;
  readonly seed: string;
  readonly scenario: Scenario;
  readonly scenarioDigest: string;
}

const UNSAFE = /[^A-Za-z0-9._=,+-]/g;

function cellId(labels: Readonly<Record<string, string>>, seed: string): string {
  const full = [...Object.entries(labels).map(([k, v]) => (k === VARIANT_LABEL ? v : `${k}=${v}`)), `seed=${seed}`].join(',');
  const safe = full.replace(UNSAFE, '_');
  if (safe.length <= SWEEP_LIMITS.cellIdLengthMax) return safe;
  return `${safe.slice(0, SWEEP_LIMITS.cellIdLengthMax - 13)}~${createHash('sha256').update(full).digest('hex').slice(0, 12)}`;
}

interface Point {
  readonly labels: Readonly<Record<string, string>>;
  readonly overrides: readonly FieldOverride[];
  /** Line of the point's entry in the sweep file: its variant's, else its first grid dimension's. */
  readonly line?: number;
}

function scenarioPoints(definition: SweepDefinition): Point[] {
  let points: Point[] =
    definition.variants.length === 0
      ? [{ labels: {}, overrides: [] }]
      : definition.variants.map((v) => ({ labels: { [VARIANT_LABEL]: v.name }, overrides: v.overrides, ...(v.line === undefined ? {} : { line: v.line }) }));
  for (const dimension of definition.dimensions) {
    points = points.flatMap((point) =>
      dimension.values.map((value) => {
        const line = point.line ?? dimension.line;
        return {
          labels: { ...point.labels, [dimension.name]: valueLabel(value) },
          overrides: [...point.overrides, { name: dimension.name, path: dimension.path, value, ...(dimension.line === undefined ? {} : { line: dimension.line }) }],
          ...(line === undefined ? {} : { line }),
        };
      }),
    );
  }
  return points;
}

function startsWith(path: readonly (string | number)[], prefix: readonly (string | number)[]): boolean {
  return prefix.every((step, i) => path[i] === step);
}

function cellScenario(definition: SweepDefinition, point: Point, seed: string | number | undefined, id: string, options: ScenarioReadOptions): Scenario {
  let raw = definition.baseRaw;
  for (const override of point.overrides) {
    const set = withFieldSet(raw, override.path, override.value);
    if (typeof set === 'string') {
      throw ScenarioError.fromProblems(definition.sourceName, [
        { path: override.path, message: `cannot set ${override.name} in the base scenario ${definition.baseSource}: ${set}`, ...(override.line === undefined ? {} : { line: override.line }) },
      ]);
    }
    raw = set.value;
  }
  if (seed !== undefined) {
    // The seeds are the point's replications: unless the scenario sets its own count, each cell
    // runs one replication (sweep-summary.ts builds the point's interval across the seeds).
    const fields = raw as Record<string, unknown>;
    const ownCount = typeof raw === 'object' && raw !== null && 'replications' in fields;
    raw = { ...fields, seed, ...(ownCount ? {} : { replications: 1 }) };
  }
  try {
    return parseScenarioValue(raw, definition.sourceName, options);
  } catch (error) {
    if (!(error instanceof ScenarioError) || error.problems.length === 0) throw error;
    throw cellError(definition, point, id, error.problems);
  }
}

/**
 * The error for problems of a cell's scenario, located in the sweep file: each at the line of the
 * override on its field (or around or inside it), else at `seeds` (for the seed), else at the
 * cell's entry (its variant, or its first grid dimension: the values that make the cell what it
 * is, such as a smaller topology that lacks a site's upstream), else at the `scenario:` or
 * `base:` line (a cell of the base alone).
 */
function cellError(definition: SweepDefinition, point: Point, id: string, found: readonly ScenarioProblem[]): ScenarioError {
  const baseLine = definition.lines['scenario'] ?? definition.lines['base'];
  const problems: ScenarioProblem[] = found.map((problem) => {
    const cause = point.overrides.find((o) => startsWith(problem.path, o.path) || startsWith(o.path, problem.path));
    const line = cause?.line ?? (problem.path[0] === 'seed' ? definition.lines['seeds'] : undefined) ?? point.line ?? baseLine;
    return { path: problem.path, message: `${problem.message} (in cell ${id})`, ...(line === undefined ? {} : { line }) };
  });
  return ScenarioError.fromProblems(definition.sourceName, problems);
}

/**
 * The error for problems a cell's scenario showed once it ran (an upstream ASN the topology does
 * not have, a topology too small for the PoPs), located in the sweep file as invalid cells are:
 * `sweeps/mine.yaml:12: pops.sites[0].upstreams[0]: ... (in cell small,seed=1)`.
 */
export function locateCellProblems(definition: SweepDefinition, cell: SweepCell, problems: readonly ScenarioProblem[]): ScenarioError {
  const point = scenarioPoints(definition)[cell.point];
  if (point === undefined) throw new RangeError(`cell ${cell.id}: scenario point ${cell.point} is not in the sweep`);
  return cellError(definition, point, cell.id, problems);
}

/**
 * Every cell of the sweep, in order, each with its validated scenario.
 *
 * @throws ScenarioError naming the sweep file, the line of the override (or of the cell's entry)
 *   and the scenario field when a cell's scenario is invalid (e.g. `pops.count: 2` with a flap on pop-3), or when two
 *   cells would get the same id.
 */
export function sweepCells(definition: SweepDefinition, options: ScenarioReadOptions = {}): SweepCell[] {
  const cells: SweepCell[] = [];
  const byId = new Map<string, SweepCell>();
  scenarioPoints(definition).forEach((point, pointIndex) => {
    for (const seed of definition.seeds ?? [undefined]) {
      const provisionalId = cellId(point.labels, seed === undefined ? 'base' : String(seed));
      const scenario = cellScenario(definition, point, seed, provisionalId, options);
      const id = cellId(point.labels, scenario.seed);
      const cell: SweepCell = { index: cells.length, id, point: pointIndex, labels: point.labels, seed: scenario.seed, scenario, scenarioDigest: scenarioDigest(scenario) };
      const clash = byId.get(id);
      if (clash !== undefined) {
        throw ScenarioError.fromProblems(definition.sourceName, [
          { path: [], message: `cells ${clash.index} and ${cell.index} would both be named "${id}"; make the swept values or variant names distinct` },
        ]);
      }
      byId.set(id, cell);
      cells.push(cell);
    }
  });
  return cells;
}
