/**
 * `npm run properties:report` (tsx properties/report/_internals/main.ts [--runs N] [--seed S]):
 * writes reports/properties.md and the smallest breaking scenarios to reports/properties/, each
 * file atomically. Runs default to $ANYSIM_PROPERTY_RUNS, else 200.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../../../src/report/index.js';
import { scenarioDigest, scenarioToYaml } from '../../../src/scenario/index.js';
import { buildPropertiesReport, REPORT_RUNS_MAX } from './properties-report.js';

const REPORT_PATH = 'reports/properties.md';
const SCENARIO_DIRECTORY = 'reports/properties';
const DEFAULT_SEED = 20_261_125;
/** Simulations per protocol and architecture spent finding and shrinking a break (the whole report: about a minute). */
const SHRINK_SIMULATIONS_PER_PAIR = 300;

function integerOption(text: string | undefined, name: string, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max) throw new Error(`properties:report: ${name} must be an integer in 1..${max}, got "${text}"`);
  return value;
}

const { values } = parseArgs({ options: { runs: { type: 'string' }, seed: { type: 'string' } }, strict: true });
const runs = integerOption(values.runs ?? process.env.ANYSIM_PROPERTY_RUNS, '--runs (or ANYSIM_PROPERTY_RUNS)', 200, REPORT_RUNS_MAX);
const seed = integerOption(values.seed, '--seed', DEFAULT_SEED, 2 ** 31 - 1);
const report = await buildPropertiesReport({ runs, seed, scenarioLinkDirectory: 'properties', shrinkSimulationsPerPair: SHRINK_SIMULATIONS_PER_PAIR });
for (const [file, scenario] of report.smallestBreaking) {
  const comment = `The smallest of ${runs} random scenarios (seed ${seed}) that breaks ${file.replace(/\.yaml$/, '')}; digest ${scenarioDigest(scenario)}.\nReproduce: anysim run ${SCENARIO_DIRECTORY}/${file}`;
  writeFileAtomic(join(SCENARIO_DIRECTORY, file), scenarioToYaml(scenario, comment));
}
writeFileAtomic(REPORT_PATH, report.markdown);
process.stdout.write(`wrote ${REPORT_PATH} and ${report.smallestBreaking.size} scenarios in ${SCENARIO_DIRECTORY}/ (${runs} scenarios, seed ${seed})\n`);
