/**
 * Bad scenario input, generated: whatever a user (or a fuzzer) feeds the unit parsers and the
 * loader, the answer is a Scenario or a ScenarioError with a message — never another exception,
 * never a hang. Inputs: arbitrary values and strings for the unit parsers; arbitrary text; and
 * valid scenarios mutated one field at a time (replaced by odd values, deleted, or joined by an
 * unknown field), written out as YAML.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import {
  MAX_DURATION_MS,
  MAX_RATE_PER_S,
  REFERENCE_SCENARIO_TEXT,
  ScenarioError,
  parseDurationMs,
  parseRatePerS,
  parseScenarioText,
  type Scenario,
} from '../../src/scenario/index.js';
import { mutateField, type FieldMutation } from '../_internals/field-mutation.js';

const NUM_RUNS = Number(process.env.ANYSIM_PROPERTY_RUNS ?? 200);
const SEED = 20_261_125;

type Outcome = { readonly kind: 'value'; readonly value: unknown } | { readonly kind: 'scenario-error'; readonly message: string };

/** Runs `parse`; any exception other than a ScenarioError fails the property. */
function outcomeOf(parse: () => unknown): Outcome {
  try {
    return { kind: 'value', value: parse() };
  } catch (error) {
    if (error instanceof ScenarioError) return { kind: 'scenario-error', message: error.message };
    throw error;
  }
}

const unitLike = fc
  .tuple(
    fc.constantFrom('', '-', ' ', '+', '0', '.'),
    fc.oneof(fc.nat(), fc.double({ noNaN: false }), fc.constantFrom(1e308, 0, 0.0001)),
    fc.constantFrom('', ' ', '/'),
    fc.constantFrom('ms', 's', 'm', 'h', 'd', 'y', 'min', '', 'S', '/s', '/h', 's/s'),
    fc.constantFrom('', ' ', 'x', '1s'),
  )
  .map(([prefix, n, sep, unit, suffix]) => `${prefix}${String(n)}${sep}${unit}${suffix}`);

const oddValue = fc.oneof(
  fc.anything(),
  unitLike,
  fc.constantFrom(-5, 0, 90, 1e12, Number.NaN, Number.POSITIVE_INFINITY, '', '-5s', '0s', '31d', '1e9/s', 'pop-99', null, [], {}, true),
);

const referenceObject = parseYaml(REFERENCE_SCENARIO_TEXT) as unknown;

/** Every path in a JSON-like value, parents before children. */
function pathsOf(value: unknown, prefix: readonly (string | number)[] = []): (readonly (string | number)[])[] {
  const here = [prefix];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, i) => pathsOf(item, [...prefix, i]))];
  if (value !== null && typeof value === 'object') {
    return [...here, ...Object.entries(value).flatMap(([key, inner]) => pathsOf(inner, [...prefix, key]))];
  }
  return here;
}

const referencePaths = pathsOf(referenceObject).filter((path) => path.length > 0);


const mutation: fc.Arbitrary<FieldMutation> = fc.oneof(
  oddValue.map((value): FieldMutation => ({ op: 'replace', value })),
  fc.constant<FieldMutation>({ op: 'delete' }),
  fc.string({ minLength: 1, maxLength: 12 }).filter((key) => key !== '__proto__').map((key): FieldMutation => ({ op: 'add-unknown', key: `x-${key}` })),
);

function checkScenarioShape(scenario: Scenario): void {
  expect(scenario.durationMs).toBeGreaterThan(0);
  expect(scenario.durationMs).toBeLessThanOrEqual(MAX_DURATION_MS);
  expect(scenario.workload.length).toBeGreaterThan(0);
  for (const entry of scenario.workload) expect(Number.isFinite(entry.arrivalsPerS) && entry.arrivalsPerS > 0).toBe(true);
}

describe('scenario input fuzzing', () => {
  it('the unit parsers return a bounded number or throw a ScenarioError', () => {
    fc.assert(
      fc.property(fc.oneof(oddValue, fc.string({ maxLength: 80 })), (input) => {
        const duration = outcomeOf(() => parseDurationMs(input, 'field'));
        if (duration.kind === 'value') {
          expect(typeof duration.value === 'number' && duration.value > 0 && duration.value <= MAX_DURATION_MS).toBe(true);
        } else expect(duration.message).toMatch(/^field: \S/);
        const rate = outcomeOf(() => parseRatePerS(input, 'field'));
        if (rate.kind === 'value') expect(typeof rate.value === 'number' && rate.value > 0 && rate.value <= MAX_RATE_PER_S).toBe(true);
        else expect(rate.message).toMatch(/^field: \S/);
      }),
      { numRuns: NUM_RUNS, seed: SEED },
    );
  });

  it('the loader answers arbitrary text with a ScenarioError naming the source', () => {
    const yamlish = fc.array(fc.constantFrom('name: x\n', 'duration: 1h\n', '- ', '  ', ': ', '{', '}', '[', ']', '&a ', '*a ', '!!str ', '"', "'", '#', '\t', '---\n', '...\n', 'ases: 0\n', '%YAML 1.2\n'), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), yamlish), fc.constantFrom('fuzz.yaml', 'fuzz.json'), (text, source) => {
        const outcome = outcomeOf(() => parseScenarioText(text, source, { env: {} }));
        expect(outcome.kind).toBe('scenario-error');
        if (outcome.kind === 'scenario-error') expect(outcome.message.startsWith(source)).toBe(true);
      }),
      { numRuns: NUM_RUNS, seed: SEED },
    );
  });

  it('a valid scenario with one field broken parses or fails with a located ScenarioError', () => {
    fc.assert(
      fc.property(fc.nat({ max: referencePaths.length - 1 }), mutation, (pathIndex, change) => {
        const path = referencePaths[pathIndex]!;
        const text = toYaml(mutateField(referenceObject, path, change));
        const outcome = outcomeOf(() => parseScenarioText(text, 'mutated.yaml', { env: {} }));
        if (outcome.kind === 'value') checkScenarioShape(outcome.value as Scenario);
        else expect(outcome.message).toMatch(/^mutated\.yaml(:\d+)?: \S/);
        if (change.op === 'add-unknown') expect(outcome.kind).toBe('scenario-error');
      }),
      { numRuns: NUM_RUNS, seed: SEED },
    );
  });
});
