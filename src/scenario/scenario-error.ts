/**
 * What went wrong in a scenario file, said so that a new user can fix it: the file, the field path
 * (`workload[0].duration.fixed`), the line when known, and what was expected. The CLI prints
 * `error.message` only (exit code 2), so everything the user needs is in the message.
 */

/** Most problems listed in one message; a file with more is usually the wrong file altogether. */
export const MAX_PROBLEMS_IN_MESSAGE = 20;

/** A path into the scenario file: object keys and array indices, outermost first. */
export type FieldPath = readonly (string | number)[];

/** One problem found in a scenario: where (field path, line when known) and what was expected. */
export interface ScenarioProblem {
  readonly path: FieldPath;
  readonly message: string;
  /** 1-based line in the source file, when the source is text whose layout is known. */
  readonly line?: number;
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * Formats a field path the way a user would write it: `workload[0].duration.fixed`. Keys that are
 * not plain identifiers are quoted (`["odd key"]`); the empty path is the whole file.
 */
export function formatFieldPath(path: FieldPath): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else if (PLAIN_KEY.test(part)) text += text === '' ? part : `.${part}`;
    else text += `[${JSON.stringify(part)}]`;
  }
  return text === '' ? '(top level)' : text;
}

function formatProblem(source: string, problem: ScenarioProblem): string {
  const where = problem.line === undefined ? source : `${source}:${problem.line}`;
  return `${where}: ${formatFieldPath(problem.path)}: ${problem.message}`;
}

/**
 * A scenario that cannot be used, with every problem found. One problem gives a one-line message;
 * several give a summary line and one indented line each (at most MAX_PROBLEMS_IN_MESSAGE).
 */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';

  /**
   * @param message - the whole message shown to the user.
   * @param problems - the problems behind it, for tools (empty for file-level failures such as a
   *   missing file or a YAML syntax error, which the message alone describes).
   */
  constructor(
    message: string,
    readonly problems: readonly ScenarioProblem[] = [],
  ) {
    super(message);
  }

  /**
   * Builds the error for `problems` found in `source` (a file name, or a label such as "<text>"),
   * listed in line order (problems without a line last, in the order found).
   */
  static fromProblems(source: string, found: readonly ScenarioProblem[]): ScenarioError {
    if (found.length === 0) throw new Error('ScenarioError.fromProblems needs at least one problem');
    const problems = [...found].sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
    if (problems.length === 1) return new ScenarioError(formatProblem(source, problems[0]!), problems);
    const shown = problems.slice(0, MAX_PROBLEMS_IN_MESSAGE).map((p) => `  ${formatProblem(source, p)}`);
    const more = problems.length - shown.length;
    const tail = more > 0 ? [`  ... and ${more} more`] : [];
    const message = [`${source}: ${problems.length} problems in the scenario:`, ...shown, ...tail].join('\n');
    return new ScenarioError(message, problems);
  }
}
