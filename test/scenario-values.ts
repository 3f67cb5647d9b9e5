/**
 * Scenario inputs and error readers the scenario layer's tests share: a minimal valid file-format
 * object to vary one field at a time, and the ScenarioError a parse raises.
 */
import { parseScenarioValue, ScenarioError } from '../src/scenario/index.js';

/** A minimal valid file-format object (3 PoPs on 200 synthetic ASes, short HTTP), with `overrides` on top. */
export function minimalScenarioValue(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'test',
    duration: '1h',
    topology: { synthetic: { ases: 200 } },
    pops: { count: 3 },
    workload: [{ protocol: 'http-short', arrivals: '10/s', duration: { fixed: '1s' } }],
    ...overrides,
  };
}

/** The message of the ScenarioError parsing `value` (as test.yaml) raises; '' when it parses. */
export function scenarioValueProblems(value: unknown): string {
  try {
    parseScenarioValue(value, 'test.yaml', { env: {} });
  } catch (error) {
    if (error instanceof ScenarioError) return error.message;
    throw error;
  }
  return '';
}

/**
 * The ScenarioError `run` throws.
 *
 * @throws Error when it throws none; any other error as it is
 */
export function scenarioErrorOf(run: () => unknown): ScenarioError {
  try {
    run();
  } catch (error) {
    if (error instanceof ScenarioError) return error;
    throw error;
  }
  throw new Error('expected a ScenarioError');
}
