/**
 * Fuzzing scenario files beyond properties/scenario/bad-input.property.ts (which mutates the
 * reference scenario): here the files are written from random scenarios (src/arbitraries), so
 * the mutations reach every flap type, distribution and resolver form the reference lacks.
 *
 * - A written scenario with one field mutated (replaced by an odd value, deleted, or joined by an
 *   unknown field), as YAML or JSON: a Scenario or a ScenarioError whose message starts with the
 *   file name and, when it names a line, a line of the file. An unknown field always fails.
 * - A unit string replaced by the bare number it stood for always fails, saying it has no unit.
 * - A JSON file cut short anywhere fails with a JSON syntax error at a line of the file.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify as toYaml } from 'yaml';
import { arbitraryScenario } from '../../src/arbitraries/index.js';
import { parseScenarioText, ScenarioError, scenarioToFileObject } from '../../src/scenario/index.js';
import { mutateField, type FieldMutation } from '../_internals/field-mutation.js';

const NUM_RUNS = Number(process.env.ANYSIM_PROPERTY_RUNS ?? 150);
const SEED = 2_261_125;
const params = { numRuns: NUM_RUNS, seed: SEED };

type Path = readonly (string | number)[];

/** Every path in a JSON-like value, parents before children. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((item, i) => pathsOf(item, [...prefix, i]))];
  if (value !== null && typeof value === 'object') return [prefix, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
  return [prefix];
}


const oddValue = fc.oneof(
  fc.constantFrom(-1, 0, 0.5, 1e15, 2 ** 53, '', '0s', '-1s', '1y', '5/x', '31d', 'pop-999', 'edge', 'maglev', true, null, [], {}, [1, 2, 3]),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double({ noNaN: true }),
);

const mutation: fc.Arbitrary<FieldMutation> = fc.oneof(
  oddValue.map((value): FieldMutation => ({ op: 'replace', value })),
  fc.constant<FieldMutation>({ op: 'delete' }),
  fc.stringMatching(/^[a-z][a-zA-Z]{0,10}$/).map((key): FieldMutation => ({ op: 'add-unknown', key: `zz${key}` })),
);

function parse(text: string, source: string): { ok: true } | { ok: false; message: string } {
  try {
    parseScenarioText(text, source, { env: {} });
    return { ok: true };
  } catch (error) {
    if (error instanceof ScenarioError) return { ok: false, message: error.message };
    throw error;
  }
}

function expectLocated(message: string, source: string, text: string): void {
  expect(message.startsWith(source), message).toBe(true);
  const line = new RegExp(`^${source.replace('.', '\\.')}:(\\d+):`).exec(message);
  if (line !== null) expect(Number(line[1]) <= text.split('\n').length + 1, message).toBe(true);
}

const UNIT_STRING = /^\d+(\.\d+)?(ms|\/s)$/;

describe('scenario file fuzzing (random scenarios, one field broken)', () => {
  it('parses or fails with a located ScenarioError; unknown fields always fail', () => {
    fc.assert(
      fc.property(arbitraryScenario(), fc.nat(), mutation, fc.constantFrom('yaml', 'json'), (scenario, pathRaw, change, syntax) => {
        const object = scenarioToFileObject(scenario);
        const paths = pathsOf(object).filter((p) => p.length > 0);
        const path = paths[pathRaw % paths.length]!;
        const mutated = mutateField(object, path, change);
        const source = `fuzz.${syntax}`;
        const text = syntax === 'json' ? JSON.stringify(mutated, null, 2) : toYaml(mutated);
        const result = parse(text, source);
        if (!result.ok) expectLocated(result.message, source, text);
        if (change.op === 'add-unknown') expect(result.ok).toBe(false);
      }),
      params,
    );
  });

  it('a unit string replaced by its bare number fails, saying it has no unit', () => {
    fc.assert(
      fc.property(arbitraryScenario(), fc.nat(), (scenario, pick) => {
        const object = scenarioToFileObject(scenario);
        const unitPaths = pathsOf(object).filter((p) => {
          let node: unknown = object;
          for (const step of p) node = (node as Record<string | number, unknown>)[step];
          return typeof node === 'string' && UNIT_STRING.test(node);
        });
        const path = unitPaths[pick % unitPaths.length]!;
        let node: unknown = object;
        for (const step of path) node = (node as Record<string | number, unknown>)[step];
        const bare = Number.parseFloat(node as string);
        const text = toYaml(mutateField(object, path, { op: 'replace', value: bare }));
        const result = parse(text, 'bare.yaml');
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.message).toMatch(/^bare\.yaml:\d+: .*which has no unit/m);
      }),
      params,
    );
  });

  it('a JSON scenario cut short fails with a JSON syntax error at a line of the file', () => {
    fc.assert(
      fc.property(arbitraryScenario({ maxFlaps: 2 }), fc.double({ min: 0.01, max: 0.99, noNaN: true }), (scenario, share) => {
        const text = JSON.stringify(scenarioToFileObject(scenario), null, 2);
        const cut = text.slice(0, Math.floor(text.length * share));
        const result = parse(cut, 'cut.json');
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect(result.message).toMatch(/^cut\.json(:\d+)?: JSON syntax error/);
          expectLocated(result.message, 'cut.json', cut);
        }
      }),
      params,
    );
  });
});
