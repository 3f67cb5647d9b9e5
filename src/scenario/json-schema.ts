/**
 * The JSON Schema of the scenario file format, for editor completion and validation (YAML
 * language servers read it from a `# yaml-language-server: $schema=...` comment). Generated from
 * the zod schema's input side (`z.toJSONSchema(schema, { io: 'input' })`), so it cannot drift
 * from what the loader accepts; unit strings appear as string patterns with examples.
 */
import { z } from 'zod';
import { scenarioFileSchema } from './schema.js';

/** The `$id` of the schema: stable, so editors can cache it. */
export const SCENARIO_JSON_SCHEMA_ID = 'https://anysim.dev/schemas/scenario.json';

/** The JSON Schema (draft 2020-12) of a scenario file, as a plain object. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioFileSchema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' });
  return {
    ...schema,
    $id: SCENARIO_JSON_SCHEMA_ID,
    title: 'anysim scenario',
    description: 'A scenario for anysim: footprint, flap processes, workload and SLOs. See docs/scenarios.md.',
  };
}
