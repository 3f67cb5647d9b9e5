/**
 * The built-in reference scenario, which `anysim run` uses when no file is given. Its single source
 * is scenarios/reference.yaml, read from beside the package so the file and the built-in cannot
 * drift apart.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseScenarioText } from './load-scenario.js';
import { ScenarioError } from './scenario-error.js';
import type { Scenario } from './scenario.js';

/** Where the reference scenario lives: scenarios/reference.yaml at the package root. */
export const REFERENCE_SCENARIO_URL = new URL('../../scenarios/reference.yaml', import.meta.url);

function readReferenceText(): string {
  try {
    return readFileSync(REFERENCE_SCENARIO_URL, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ScenarioError(`the built-in reference scenario ${fileURLToPath(REFERENCE_SCENARIO_URL)} cannot be read: ${reason}`);
  }
}

/** The text of scenarios/reference.yaml. */
export const REFERENCE_SCENARIO_TEXT: string = readReferenceText();

/** The reference scenario, parsed and normalised (a new object each call). */
export function referenceScenario(): Scenario {
  return parseScenarioText(REFERENCE_SCENARIO_TEXT, 'scenarios/reference.yaml', { env: {} });
}
