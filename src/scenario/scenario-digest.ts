/**
 * A short fingerprint of a normalised scenario for the report's reproduce line: the same scenario
 * gives the same digest whatever its file looked like (key order, units, comments, defaults left
 * out), and any change that can change the results changes it.
 */
import { createHash } from 'node:crypto';
import type { Scenario } from './scenario.js';

/** Hex characters kept: 64 bits, ample to tell scenarios apart in reports. */
export const SCENARIO_DIGEST_LENGTH = 16;

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([key, inner]) => [key, canonical(inner)]));
  }
  return value;
}

/** Canonical JSON of a scenario: keys sorted at every level, undefined fields left out. */
export function canonicalScenarioJson(scenario: Scenario): string {
  return JSON.stringify(canonical(scenario));
}

/** sha256 of the canonical JSON of the normalised scenario, hex, first 16 characters. */
export function scenarioDigest(scenario: Scenario): string {
  return createHash('sha256').update(canonicalScenarioJson(scenario)).digest('hex').slice(0, SCENARIO_DIGEST_LENGTH);
}
