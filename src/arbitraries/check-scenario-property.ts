/**
 * Runs a property over generated scenarios and, when it fails, leaves something a person can act
 * on: fast-check's report (the seed and path that replay the run, and the shrunk counterexample)
 * and the shrunk scenario itself, written as a scenario file that `anysim run FILE` reproduces.
 * fast-check's own runner (`fc.check`) drives the run; this only adds the file.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { scenarioDigest, scenarioToYaml, type Scenario } from '../scenario/index.js';

/** Directory failing scenarios go to unless told otherwise (relative to the working directory). */
export const DEFAULT_FAILURE_DIRECTORY = '.anysim-failures';

/** Environment variable that overrides {@link DEFAULT_FAILURE_DIRECTORY}. */
export const FAILURE_DIRECTORY_VARIABLE = 'ANYSIM_FAILURE_DIR';

/** fast-check parameters, plus where failing scenarios are written. */
export interface ScenarioPropertyParameters extends fc.Parameters<[Scenario]> {
  /** Directory for failing scenario files (default: $ANYSIM_FAILURE_DIR, else `.anysim-failures`). */
  readonly failureDirectory?: string;
}

/** A property over one scenario: fails by returning false or by throwing (e.g. a vitest `expect`). */
export type ScenarioPredicate = (scenario: Scenario) => boolean | void | Promise<boolean | void>;

/** Where and how a failing scenario was written. */
export interface FailingScenarioFile {
  /** Absolute path of the .yaml file. */
  readonly path: string;
  readonly digest: string;
}

/**
 * Writes `scenario` as `<directory>/<name>-<digest>.yaml` (atomically: a temporary file renamed
 * into place), `comment` first as # lines. The file parses back to the same scenario digest.
 */
export function writeFailingScenario(scenario: Scenario, directory: string, comment: string): FailingScenarioFile {
  const digest = scenarioDigest(scenario);
  const absolute = resolve(directory);
  mkdirSync(absolute, { recursive: true });
  const path = join(absolute, `${scenario.name}-${digest}.yaml`);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, scenarioToYaml(scenario, comment));
  renameSync(temporary, path);
  return { path, digest };
}

/**
 * Checks `predicate` on scenarios drawn from `arbitrary` (fast-check, shrinking on failure).
 * On failure it writes the shrunk scenario to a file and throws an Error whose message holds
 * fast-check's report (seed, path, counterexample), the file's path and the command that
 * reproduces it. Use inside a vitest `it` (await it).
 *
 * @example
 * it('websocket breaks stay under 1 % on our footprint', async () => {
 *   await checkScenarioProperty(arbitraryScenario({ protocols: ['websocket'] }), async (scenario) => {
 *     const result = await simulate(scenario);
 *     return result.results.every((r) => r.brokenFraction.estimate < 0.01);
 *   }, { numRuns: 20, seed: 42 });
 * });
 */
export async function checkScenarioProperty(
  arbitrary: fc.Arbitrary<Scenario>,
  predicate: ScenarioPredicate,
  parameters: ScenarioPropertyParameters = {},
): Promise<void> {
  const { failureDirectory, ...fastCheckParameters } = parameters;
  const property = fc.asyncProperty(arbitrary, async (scenario) => (await predicate(scenario)) !== false);
  const details = await fc.check(property, fastCheckParameters);
  if (!details.failed) return;
  const report = fc.defaultReportMessage(details) ?? `Property failed: seed ${details.seed}, path "${details.counterexamplePath ?? ''}"`;
  const counterexample = details.counterexample?.[0];
  if (counterexample === undefined) throw new Error(report);
  const directory = failureDirectory ?? process.env[FAILURE_DIRECTORY_VARIABLE] ?? DEFAULT_FAILURE_DIRECTORY;
  const replay = `fast-check seed ${details.seed}, path "${details.counterexamplePath ?? ''}"`;
  const file = writeFailingScenario(
    counterexample,
    directory,
    `A scenario that failed a property (shrunk by fast-check); ${replay}.\nReproduce: anysim run <this file>`,
  );
  throw new Error(
    `${report}\n\nThe failing scenario (shrunk, digest ${file.digest}) is written to ${file.path}\n` +
      `Reproduce it with: anysim run ${file.path}\nReplay the property with: { seed: ${details.seed}, path: "${details.counterexamplePath ?? ''}" }`,
  );
}
