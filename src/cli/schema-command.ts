/**
 * `anysim schema`: prints the JSON Schema of the scenario file format, for editor completion and
 * validation. Save it and point the YAML language server at it:
 * `# yaml-language-server: $schema=./scenario.schema.json` on the first line of a scenario.
 */
import { scenarioJsonSchema } from '../scenario/index.js';
import type { CliIo } from './cli-io.js';
import { parseCommandArgs } from './command-args.js';
import { UsageError } from './usage-error.js';

/** Usage text of `anysim schema`. */
export const SCHEMA_USAGE = `Usage: anysim schema [--compact]

Prints the JSON Schema (draft 2020-12) of scenario files to stdout, for editor completion.
  anysim schema > scenario.schema.json
then start a scenario file with:
  # yaml-language-server: $schema=./scenario.schema.json

Options:
  --compact   one line instead of indented JSON
  --help      this text
`;

/**
 * Runs `anysim schema`.
 *
 * @param args - the words after `schema`.
 * @returns the exit code (0).
 * @throws UsageError for an unknown flag or an unexpected argument.
 */
export async function runSchemaCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('schema', {
    args: [...args],
    options: { compact: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
    allowPositionals: true,
  });
  if (values.help === true) {
    io.stdout(SCHEMA_USAGE);
    return 0;
  }
  if (positionals.length > 0) {
    throw new UsageError(`schema: unexpected argument "${positionals[0]}"; it takes no arguments (redirect stdout to save the schema)`);
  }
  const schema = scenarioJsonSchema();
  io.stdout(`${values.compact === true ? JSON.stringify(schema) : JSON.stringify(schema, null, 2)}\n`);
  return 0;
}
