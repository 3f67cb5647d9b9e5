/**
 * The sweep file (YAML or JSON): a base scenario (a scenario file's path, or inline in the
 * scenario file format), a grid of overrides and/or named variants, and seeds. Overrides name
 * fields of the scenario FILE format (`routing.mrai: [5s, 30s]`, `pops.count: [4, 8]`), so each
 * cell's scenario goes through the same schema and checks as a hand-written file. See
 * docs/sweeps.md.
 *
 * ```yaml
 * name: mrai-vs-footprint
 * base: scenarios/reference.yaml
 * grid:
 *   routing.mrai: [5s, 30s, 90s]
 *   pops.count: [4, 8]
 * seeds: { count: 3 }
 * ```
 *
 * Every problem is a ScenarioError naming the sweep file, the line and the field.
 */
import { extname } from 'node:path';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { InputFileError, readRegularFile } from '../input-file.js';
import {
  loadScenarioFile,
  MAX_SCENARIO_FILE_BYTES,
  nonDecimalNumbers,
  parseScenarioValue,
  ScenarioError,
  type FieldPath,
  type ScenarioProblem,
  type ScenarioReadOptions,
} from '../scenario/index.js';
import { parseFieldPath } from './field-path.js';
import { SWEEP_LIMITS } from './limits.js';

/** One override: a field of the scenario file format and the value it takes. */
export interface FieldOverride {
  /** The path as written in the sweep file, e.g. "routing.mrai". */
  readonly name: string;
  readonly path: FieldPath;
  readonly value: unknown;
  /** Line of the override in the sweep file, when known. */
  readonly line?: number;
}

/** A grid dimension: one field and the values it sweeps, in file order. */
export interface SweepDimension {
  readonly name: string;
  readonly path: FieldPath;
  readonly values: readonly unknown[];
  readonly line?: number;
}

/** A named set of overrides. */
export interface SweepVariant {
  readonly name: string;
  readonly overrides: readonly FieldOverride[];
  /** Line of the variant's entry in the sweep file, when known. */
  readonly line?: number;
}

/** A parsed, validated sweep file. */
export interface SweepDefinition {
  /** The file name shown in messages. */
  readonly sourceName: string;
  readonly name: string;
  readonly description: string;
  /** The base scenario in the file format (before validation), and where it came from. */
  readonly baseRaw: unknown;
  readonly baseSource: string;
  /** Grid dimensions, outermost first (file order). */
  readonly dimensions: readonly SweepDimension[];
  /** Named variants; empty when the file has none. */
  readonly variants: readonly SweepVariant[];
  /** Seeds of every scenario point; undefined keeps the base scenario's own seed. */
  readonly seeds?: readonly (string | number)[];
  /** Lines of top-level fields, for messages about cells. */
  readonly lines: Readonly<Record<string, number>>;
}

const TOP_FIELDS = ['name', 'description', 'base', 'scenario', 'grid', 'variants', 'seeds'] as const;
const NAME = /^[A-Za-z0-9._-]{1,100}$/;

/** YAML aliases expanded at most, as for scenario files: stops "billion laughs" files. */
const YAML_ALIAS_COUNT_MAX = 100;

interface Layout {
  readonly document: Document.Parsed;
  readonly lineCounter: LineCounter;
}

function nodeLine(layout: Layout | undefined, node: unknown): number | undefined {
  if (layout === undefined || node === null || typeof node !== 'object' || !('range' in node)) return undefined;
  const range = (node as { range?: readonly number[] | null }).range;
  return range?.[0] === undefined ? undefined : layout.lineCounter.linePos(range[0]).line;
}

/** Line of the key or item at `path` in the sweep file, or of its deepest existing ancestor. */
function lineAt(layout: Layout | undefined, path: FieldPath): number | undefined {
  if (layout === undefined) return undefined;
  let node: unknown = layout.document.contents;
  let line = nodeLine(layout, node);
  for (const step of path) {
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && String(isScalar(p.key) ? p.key.value : p.key) === String(step));
      if (pair !== undefined) {
        line = nodeLine(layout, pair.key) ?? line;
        next = pair.value;
      }
    } else if (isSeq(node) && typeof step === 'number') {
      next = node.items[step];
      line = nodeLine(layout, next) ?? line;
    }
    if (next === undefined) return line;
    node = next;
  }
  return line;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

class ProblemList {
  readonly items: ScenarioProblem[] = [];
  constructor(private readonly layout: Layout | undefined) {}
  add(path: FieldPath, message: string): void {
    const line = lineAt(this.layout, path);
    this.items.push({ path, message, ...(line === undefined ? {} : { line }) });
  }
}

function readSeeds(raw: unknown, problems: ProblemList): (string | number)[] | undefined {
  if (raw === undefined) return undefined;
  if (isRecord(raw)) {
    const extra = Object.keys(raw).filter((k) => k !== 'count');
    if (extra.length > 0) problems.add(['seeds', extra[0]!], `unknown field "${extra[0]}"; expected only count`);
    const count = raw['count'];
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > SWEEP_LIMITS.seedsMax) {
      problems.add(['seeds', 'count'], `expected an integer from 1 to ${SWEEP_LIMITS.seedsMax}; got ${describe(count)}`);
      return undefined;
    }
    return Array.from({ length: count }, (_, i) => i + 1);
  }
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > SWEEP_LIMITS.seedsMax) {
    problems.add(['seeds'], `expected a list of 1 to ${SWEEP_LIMITS.seedsMax} seeds, e.g. [1, 2, 3], or { count: N }; got ${describe(raw)}${Array.isArray(raw) ? ` of ${raw.length}` : ''}`);
    return undefined;
  }
  const seen = new Set<string>();
  raw.forEach((seed, i) => {
    if (typeof seed !== 'string' && typeof seed !== 'number') problems.add(['seeds', i], `expected a seed (an integer or a string); got ${describe(seed)}`);
    else if (seen.has(String(seed))) problems.add(['seeds', i], `seed ${JSON.stringify(seed)} is listed twice`);
    seen.add(String(seed));
  });
  return raw as (string | number)[];
}

function readOverrideKey(key: string, at: FieldPath, problems: ProblemList): FieldPath | undefined {
  const path = parseFieldPath(key);
  if (typeof path === 'string') {
    problems.add(at, path);
    return undefined;
  }
  if (path[0] === 'seed') {
    problems.add(at, 'the seed is swept with the top-level "seeds" field, not as an override');
    return undefined;
  }
  return path;
}

function readGrid(raw: unknown, layout: Layout | undefined, problems: ProblemList): SweepDimension[] {
  if (raw === undefined) return [];
  if (!isRecord(raw)) {
    problems.add(['grid'], `expected a mapping from scenario field paths to lists of values, e.g. routing.mrai: [5s, 30s]; got ${describe(raw)}`);
    return [];
  }
  const entries = Object.entries(raw);
  if (entries.length === 0 || entries.length > SWEEP_LIMITS.dimensionsMax) {
    problems.add(['grid'], `expected 1 to ${SWEEP_LIMITS.dimensionsMax} dimensions; got ${entries.length}`);
    return [];
  }
  const dimensions: SweepDimension[] = [];
  for (const [key, values] of entries) {
    const path = readOverrideKey(key, ['grid', key], problems);
    if (!Array.isArray(values) || values.length === 0 || values.length > SWEEP_LIMITS.valuesPerDimensionMax) {
      problems.add(['grid', key], `expected a list of 1 to ${SWEEP_LIMITS.valuesPerDimensionMax} values; got ${describe(values)}`);
      continue;
    }
    const labels = values.map(valueLabel);
    const repeated = labels.findIndex((label, i) => labels.indexOf(label) !== i);
    if (repeated >= 0) problems.add(['grid', key, repeated], `the value ${labels[repeated]} is listed twice`);
    const line = lineAt(layout, ['grid', key]);
    if (path !== undefined) dimensions.push({ name: key, path, values, ...(line === undefined ? {} : { line }) });
  }
  return dimensions;
}

function readVariants(raw: unknown, layout: Layout | undefined, problems: ProblemList): SweepVariant[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > SWEEP_LIMITS.variantsMax) {
    problems.add(['variants'], `expected a list of 1 to ${SWEEP_LIMITS.variantsMax} variants, each { name, set: { field.path: value } }; got ${describe(raw)}`);
    return [];
  }
  const variants: SweepVariant[] = [];
  const names = new Set<string>();
  raw.forEach((item: unknown, i) => {
    if (!isRecord(item)) {
      problems.add(['variants', i], `expected { name, set }; got ${describe(item)}`);
      return;
    }
    const extra = Object.keys(item).filter((k) => k !== 'name' && k !== 'set');
    if (extra.length > 0) problems.add(['variants', i, extra[0]!], `unknown field "${extra[0]}"; expected only name and set`);
    const name = item['name'];
    if (typeof name !== 'string' || !NAME.test(name)) {
      problems.add(['variants', i, 'name'], `expected a name of 1-100 letters, digits, ".", "_" or "-"; got ${describe(name)}`);
      return;
    }
    if (names.has(name)) problems.add(['variants', i, 'name'], `variant "${name}" is named twice`);
    names.add(name);
    const set = item['set'];
    if (!isRecord(set) || Object.keys(set).length > SWEEP_LIMITS.overridesPerVariantMax) {
      problems.add(['variants', i, 'set'], `expected a mapping of up to ${SWEEP_LIMITS.overridesPerVariantMax} scenario field paths to values, e.g. { routing.damping: true }; got ${describe(set)}`);
      return;
    }
    const overrides: FieldOverride[] = [];
    for (const [key, value] of Object.entries(set)) {
      const path = readOverrideKey(key, ['variants', i, 'set', key], problems);
      const line = lineAt(layout, ['variants', i, 'set', key]);
      if (path !== undefined) overrides.push({ name: key, path, value, ...(line === undefined ? {} : { line }) });
    }
    const entryLine = lineAt(layout, ['variants', i]);
    variants.push({ name, overrides, ...(entryLine === undefined ? {} : { line: entryLine }) });
  });
  return variants;
}

/** How a swept value is shown in labels, cell ids and charts: scalars as written, others as JSON. */
export function valueLabel(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function readBase(
  top: Record<string, unknown>,
  sourceName: string,
  options: ScenarioReadOptions,
  problems: ProblemList,
): { readonly raw: unknown; readonly source: string } | undefined {
  const hasBase = top['base'] !== undefined;
  const hasInline = top['scenario'] !== undefined;
  if (hasBase === hasInline) {
    problems.add([], 'expected exactly one of "base" (a scenario file path) and "scenario" (an inline scenario in the scenario file format)');
    return undefined;
  }
  if (hasInline) {
    const raw = top['scenario'];
    try {
      parseScenarioValue(raw, sourceName, options);
    } catch (error) {
      if (!(error instanceof ScenarioError) || error.problems.length === 0) throw error;
      for (const p of error.problems) problems.add(['scenario', ...p.path], p.message);
      return undefined;
    }
    return { raw, source: `${sourceName} (inline scenario)` };
  }
  const path = top['base'];
  if (typeof path !== 'string' || path.length === 0 || path.length > 4096) {
    problems.add(['base'], `expected the path of a scenario file (1-4,096 characters); got ${describe(path)}`);
    return undefined;
  }
  // Validates the base on its own first, so its problems are reported against its own lines.
  loadScenarioFile(path, options);
  return { raw: parseDocument(readRegularFile(path, MAX_SCENARIO_FILE_BYTES, 'a scenario file').toString('utf8').replace(/^\uFEFF/, ''), { version: '1.2', logLevel: 'error' }).toJS({ maxAliasCount: YAML_ALIAS_COUNT_MAX }), source: path };
}

/**
 * Parses sweep text (YAML or JSON) into a validated SweepDefinition. The base scenario is read and
 * validated here; each cell's overridden scenario is validated when cells are enumerated.
 *
 * @param sourceName - the file name shown in messages.
 * @param options - as for scenario files: `${NAME}` variables and `--topology`.
 * @throws ScenarioError naming the sweep (or base) file, the line and the field.
 */
export function parseSweepText(text: string, sourceName: string, options: ScenarioReadOptions = {}): SweepDefinition {
  if (text.length > SWEEP_LIMITS.fileBytesMax) {
    throw new ScenarioError(`${sourceName}: the sweep file is ${text.length} characters long; the limit is ${SWEEP_LIMITS.fileBytesMax}`);
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter, uniqueKeys: true, version: '1.2', logLevel: 'error' });
  const syntaxError = document.errors[0];
  if (syntaxError !== undefined) {
    const line = syntaxError.linePos?.[0]?.line;
    throw new ScenarioError(`${line === undefined ? sourceName : `${sourceName}:${line}`}: YAML syntax error: ${syntaxError.message.split('\n')[0]}`);
  }
  const layout: Layout = { document, lineCounter };
  let top: unknown;
  try {
    top = document.toJS({ maxAliasCount: YAML_ALIAS_COUNT_MAX });
  } catch (error) {
    throw new ScenarioError(`${sourceName}: cannot read the YAML (limit: ${YAML_ALIAS_COUNT_MAX} alias expansions): ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isRecord(top)) {
    throw new ScenarioError(`${sourceName}: expected a sweep: a mapping with name, base (or scenario), grid and/or variants, and seeds (see docs/sweeps.md)`);
  }
  const problems = new ProblemList(layout);
  for (const problem of nonDecimalNumbers(layout)) problems.add(problem.path, problem.message);
  for (const key of Object.keys(top)) {
    if (!(TOP_FIELDS as readonly string[]).includes(key)) problems.add([key], `unknown field "${key}"; expected only ${TOP_FIELDS.join(', ')}`);
  }
  const name = top['name'];
  if (typeof name !== 'string' || !NAME.test(name)) problems.add(['name'], `expected a name of 1-100 letters, digits, ".", "_" or "-" (it names the report); got ${describe(name)}`);
  const description = top['description'] ?? '';
  if (typeof description !== 'string' || description.length > 2000) problems.add(['description'], 'expected text of at most 2,000 characters');
  const dimensions = readGrid(top['grid'], layout, problems);
  const variants = readVariants(top['variants'], layout, problems);
  const seeds = readSeeds(top['seeds'], problems);
  if (problems.items.length > 0) throw ScenarioError.fromProblems(sourceName, problems.items);
  const base = readBase(top, sourceName, options, problems);
  if (problems.items.length > 0 || base === undefined) throw ScenarioError.fromProblems(sourceName, problems.items);
  const points = Math.max(variants.length, 1) * dimensions.reduce((n, d) => n * d.values.length, 1);
  const cells = points * (seeds?.length ?? 1);
  if (cells > SWEEP_LIMITS.cellsMax) {
    throw ScenarioError.fromProblems(sourceName, [
      { path: [], message: `the sweep has ${cells} cells (${points} scenario points x ${seeds?.length ?? 1} seeds); the limit is ${SWEEP_LIMITS.cellsMax}` },
    ]);
  }
  // Only fields the file has: lineAt answers an absent field with its parent's line (the file's first).
  const lines = Object.fromEntries(TOP_FIELDS.filter((field) => top[field] !== undefined).flatMap((field) => {
    const line = lineAt(layout, [field]);
    return line === undefined ? [] : [[field, line] as const];
  }));
  return {
    sourceName,
    name: name as string,
    description: description as string,
    baseRaw: base.raw,
    baseSource: base.source,
    dimensions,
    variants,
    ...(seeds === undefined ? {} : { seeds }),
    lines,
  };
}

/**
 * Reads a sweep file (.yaml, .yml or .json).
 *
 * @throws ScenarioError for a missing, unreadable or oversized file, or any problem parseSweepText finds.
 */
export function loadSweepFile(path: string, options: ScenarioReadOptions = {}): SweepDefinition {
  if (!['.yaml', '.yml', '.json'].includes(extname(path).toLowerCase())) {
    throw new ScenarioError(`${path}: expected a sweep file ending in .yaml, .yml or .json`);
  }
  let text: string;
  try {
    text = readRegularFile(path, SWEEP_LIMITS.fileBytesMax, 'a sweep file').toString('utf8');
  } catch (error) {
    if (error instanceof InputFileError) throw new ScenarioError(error.message);
    throw error;
  }
  return parseSweepText(text, path, options);
}

