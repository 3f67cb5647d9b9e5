/**
 * `${NAME}` in file paths is replaced by the environment variable NAME, so that one preset can
 * take a file from the command line: `ANYSIM_CAIDA=20161201.as-rel.txt anysim run scenarios/caida.yaml`.
 * Only the fields listed here are substituted: a scenario's meaning must not change with the
 * environment anywhere else (the scenario digest is taken after substitution, so it names the file
 * actually used).
 */
import type { FieldPath } from './scenario-error.js';
import type { SchemaProblem } from './schema-problems.js';

/** The fields in which `${NAME}` is replaced. */
export const SUBSTITUTED_FIELDS: readonly FieldPath[] = [
  ['topology', 'caida', 'file'],
  ['topology', 'caida', 'geography'],
];

/** The environment variables a scenario can read, by name. */
export type ScenarioEnvironment = Readonly<Record<string, string | undefined>>;

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

function substitute(text: string, env: ScenarioEnvironment, path: FieldPath, problems: SchemaProblem[]): string {
  return text.replace(REFERENCE, (whole, name: string) => {
    const value = env[name];
    if (value === undefined || value === '') {
      problems.push({
        path,
        message: `environment variable ${name} is not set; set it to a file path, e.g. ${name}=path/to/file anysim run ...`,
      });
      return whole;
    }
    return value;
  });
}

function replaceAt(node: unknown, path: FieldPath, depth: number, env: ScenarioEnvironment, problems: SchemaProblem[]): unknown {
  if (depth === path.length) return typeof node === 'string' ? substitute(node, env, path, problems) : node;
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return node;
  const key = path[depth]!;
  const record = node as Record<string | number, unknown>;
  if (!Object.hasOwn(record, key)) return node;
  return { ...record, [key]: replaceAt(record[key], path, depth + 1, env, problems) };
}

/**
 * Returns `raw` with `${NAME}` replaced in SUBSTITUTED_FIELDS (the input is not modified), and a
 * problem for every variable that is unset or empty.
 */
export function substituteEnvironment(raw: unknown, env: ScenarioEnvironment): { readonly value: unknown; readonly problems: readonly SchemaProblem[] } {
  const problems: SchemaProblem[] = [];
  let value = raw;
  for (const path of SUBSTITUTED_FIELDS) value = replaceAt(value, path, 0, env, problems);
  return { value, problems };
}
