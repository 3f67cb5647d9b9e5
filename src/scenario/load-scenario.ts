/**
 * Reads a scenario from a YAML or JSON file (or text) into a normalised `Scenario`: syntax, then
 * `${NAME}` substitution in file paths, then the schema, then cross-field checks. Every failure is
 * a ScenarioError whose message names the file, the line when known, the field path and what was
 * expected; nothing else escapes, so the CLI can print `error.message` and exit with code 2.
 */
import { extname } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { InputFileError, readRegularFile } from '../input-file.js';
import { checkScenarioConsistency } from './consistency-checks.js';
import { checkScenarioCost } from './cost-estimate.js';
import { nonDecimalNumbers } from './decimal-numbers.js';
import { substituteEnvironment, type ScenarioEnvironment } from './environment-substitution.js';
import { ScenarioError, type ScenarioProblem } from './scenario-error.js';
import type { Scenario } from './scenario.js';
import { problemsFromIssues, type SchemaProblem } from './schema-problems.js';
import { scenarioFileSchema } from './schema.js';
import { lineOfPath, type SourceLayout } from './source-location.js';

/** Largest scenario file read: a scenario is a page of settings; 1 MiB is far beyond that. */
export const MAX_SCENARIO_FILE_BYTES = 1_048_576;

/** Aliases expanded at most (YAML anchors): stops "billion laughs" files. */
export const MAX_YAML_ALIAS_COUNT = 100;

/** File extensions read, and the syntax each one means. */
export const SCENARIO_FILE_EXTENSIONS: Readonly<Record<string, 'yaml' | 'json'>> = { '.yaml': 'yaml', '.yml': 'yaml', '.json': 'json' };

/** Options of the scenario readers. */
export interface ScenarioReadOptions {
  /** Variables for `${NAME}` in file paths (default: process.env). */
  readonly env?: ScenarioEnvironment;
  /** The text's syntax (default: from the source name's extension, else YAML). JSON is read strictly. */
  readonly syntax?: 'yaml' | 'json';
  /**
   * A CAIDA file that replaces the file's `topology` (the CLI's `--topology FILE`), keeping its
   * `topology.caida.geography` when it has one. Applied before `${NAME}` substitution and
   * validation, so the scenario digest names the file actually used and a preset's unset
   * `${ANYSIM_CAIDA}` does not matter (a geography path's `${NAME}` is still substituted).
   */
  readonly topologyFile?: string;
  /**
   * Whether the cost limits apply (cost-estimate.ts: sessions, table memory); false is the CLI's
   * `--no-limits`. Default true.
   */
  readonly limits?: boolean;
}

const REQUIRED_FIELDS = 'name, duration, topology, pops and workload';

function syntaxOf(sourceName: string, options: ScenarioReadOptions): 'yaml' | 'json' {
  return options.syntax ?? SCENARIO_FILE_EXTENSIONS[extname(sourceName).toLowerCase()] ?? 'yaml';
}

function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i += 1) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}

function checkJsonSyntax(text: string, sourceName: string): void {
  try {
    JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    // Newer V8 messages name no position; YAML's parser reads JSON and says where it stopped.
    const line = position === null ? parseDocument(text).errors[0]?.linePos?.[0]?.line : lineOfOffset(text, Number(position[1]));
    const where = line === undefined ? sourceName : `${sourceName}:${line}`;
    throw new ScenarioError(`${where}: JSON syntax error: ${message.split('\n')[0]}`);
  }
}

function parseLayout(text: string, sourceName: string): { readonly layout: SourceLayout; readonly raw: unknown } {
  const lineCounter = new LineCounter();
  // logLevel 'error': the yaml package would otherwise print warnings (e.g. about non-scalar keys)
  // to the process's stderr; such keys become unknown fields and are reported as problems.
  const document = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true, version: '1.2', logLevel: 'error' });
  const syntaxError = document.errors[0];
  if (syntaxError !== undefined) {
    const line = syntaxError.linePos?.[0]?.line;
    const what =
      syntaxError.code === 'MULTIPLE_DOCS'
        ? 'the file holds several YAML documents (separated by ---); a scenario is one document'
        : syntaxError.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new ScenarioError(`${line === undefined ? sourceName : `${sourceName}:${line}`}: YAML syntax error: ${what}`);
  }
  if (document.contents === null) {
    throw new ScenarioError(`${sourceName}: the scenario is empty; it needs at least ${REQUIRED_FIELDS} (see docs/scenarios.md)`);
  }
  let raw: unknown;
  try {
    raw = document.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ScenarioError(`${sourceName}: cannot read the YAML (limit: ${MAX_YAML_ALIAS_COUNT} alias expansions): ${message}`);
  }
  return { layout: { document, lineCounter }, raw };
}

function located(problems: readonly SchemaProblem[], layout: SourceLayout | undefined): ScenarioProblem[] {
  return problems.map((problem) => {
    const line = layout === undefined ? undefined : lineOfPath(layout, problem.path, problem.unknownKey);
    return { path: problem.path, message: problem.message, ...(line === undefined ? {} : { line }) };
  });
}

/**
 * The scenario with its topology replaced by the CAIDA file `topologyFile` (`--topology`). The
 * scenario's `topology.caida.geography` (a CSV of AS locations) is kept: it places ASes by their
 * numbers, which the replacing file shares with the one it replaces (a newer snapshot, a local
 * copy); ASes it does not list are placed by the seeded fallback, as always.
 */
function withTopologyFile(raw: unknown, topologyFile: string | undefined): unknown {
  if (topologyFile === undefined || raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const geography = caidaGeographyOf((raw as Record<string, unknown>)['topology']);
  return { ...raw, topology: { caida: { file: topologyFile, ...(geography === undefined ? {} : { geography }) } } };
}

/** The raw `caida.geography` of a raw `topology` field, when it has one. */
function caidaGeographyOf(topology: unknown): unknown {
  if (topology === null || typeof topology !== 'object' || Array.isArray(topology)) return undefined;
  const caida = (topology as Record<string, unknown>)['caida'];
  if (caida === null || typeof caida !== 'object' || Array.isArray(caida)) return undefined;
  return (caida as Record<string, unknown>)['geography'];
}

function parseRaw(raw: unknown, sourceName: string, layout: SourceLayout | undefined, options: ScenarioReadOptions): Scenario {
  // Problems of the text itself are reported with the schema's, all at once.
  const numbers = layout === undefined ? [] : nonDecimalNumbers(layout);
  const substituted = substituteEnvironment(withTopologyFile(raw, options.topologyFile), options.env ?? process.env);
  if (substituted.problems.length > 0) throw ScenarioError.fromProblems(sourceName, located([...numbers, ...substituted.problems], layout));
  const result = scenarioFileSchema.safeParse(substituted.value);
  if (!result.success) {
    throw ScenarioError.fromProblems(sourceName, located([...numbers, ...problemsFromIssues(result.error.issues, substituted.value)], layout));
  }
  const inconsistencies = [...numbers, ...checkScenarioConsistency(result.data), ...checkScenarioCost(result.data, options.limits ?? true)];
  if (inconsistencies.length > 0) throw ScenarioError.fromProblems(sourceName, located(inconsistencies, layout));
  return result.data;
}

/**
 * Parses scenario text (YAML, or JSON when the source name ends in .json or `options.syntax` says
 * so) into a normalised Scenario.
 *
 * @param sourceName - the file name shown in messages ("scenarios/cdn.yaml").
 * @throws ScenarioError for every problem: syntax (with line), empty text, schema and cross-field
 *   problems (field path, line and what was expected).
 */
export function parseScenarioText(text: string, sourceName = '<text>', options: ScenarioReadOptions = {}): Scenario {
  if (text.length > MAX_SCENARIO_FILE_BYTES) {
    throw new ScenarioError(`${sourceName}: the scenario is ${text.length} characters long; the limit is ${MAX_SCENARIO_FILE_BYTES}`);
  }
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trim() === '') {
    throw new ScenarioError(`${sourceName}: the scenario is empty; it needs at least ${REQUIRED_FIELDS} (see docs/scenarios.md)`);
  }
  if (syntaxOf(sourceName, options) === 'json') checkJsonSyntax(body, sourceName);
  const { layout, raw } = parseLayout(body, sourceName);
  return parseRaw(raw, sourceName, layout, options);
}

/**
 * Adds source lines to `problems` found in `text` after it was parsed (problems found once the
 * topology is loaded carry field paths only), so that the message can say file:line.
 */
export function locateScenarioProblems(text: string, problems: readonly ScenarioProblem[]): ScenarioProblem[] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let layout: SourceLayout;
  try {
    layout = parseLayout(body, '<text>').layout;
  } catch {
    return [...problems];
  }
  return problems.map((problem) => {
    if (problem.line !== undefined) return problem;
    const line = lineOfPath(layout, problem.path);
    return line === undefined ? problem : { ...problem, line };
  });
}

/**
 * Validates an already-parsed value (an object in the file format, e.g. built by a property
 * suite) into a normalised Scenario. Messages have field paths but no lines.
 *
 * @throws ScenarioError as parseScenarioText does.
 */
export function parseScenarioValue(value: unknown, sourceName = '<value>', options: ScenarioReadOptions = {}): Scenario {
  return parseRaw(value, sourceName, undefined, options);
}

/**
 * Reads a scenario file (.yaml, .yml or .json) into a normalised Scenario. Relative paths inside
 * it (a CAIDA file) are kept as written: they are relative to the working directory, like every
 * path given on the command line.
 *
 * @throws ScenarioError for a missing or unreadable file, an unknown extension, or any problem
 *   parseScenarioText reports.
 */
export function loadScenarioFile(path: string, options: ScenarioReadOptions = {}): Scenario {
  return parseScenarioText(readScenarioFileText(path), path, options);
}

/**
 * The text of a scenario file: a regular file (not a FIFO or a device) ending in .yaml, .yml or
 * .json, of at most MAX_SCENARIO_FILE_BYTES.
 *
 * @throws ScenarioError naming the path and what is wrong.
 */
export function readScenarioFileText(path: string): string {
  if (SCENARIO_FILE_EXTENSIONS[extname(path).toLowerCase()] === undefined) {
    throw new ScenarioError(`${path}: expected a scenario file ending in .yaml, .yml or .json`);
  }
  try {
    return readRegularFile(path, MAX_SCENARIO_FILE_BYTES, 'a scenario file').toString('utf8');
  } catch (error) {
    if (error instanceof InputFileError) throw new ScenarioError(error.message);
    throw error;
  }
}
