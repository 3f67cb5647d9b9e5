/**
 * The properties report generator (properties/report/_internals): deterministic for a seed and
 * a run count, every claim checked on the scenarios its condition admits and holding, and every
 * smallest breaking scenario it names written so that it parses back to the digest shown.
 */
import { describe, expect, it } from 'vitest';
import { parseScenarioText, scenarioDigest, scenarioToYaml } from '../../src/scenario/index.js';
import { buildPropertiesReport } from './_internals/properties-report.js';

const RUNS = Math.min(40, Number(process.env.ANYSIM_PROPERTY_RUNS ?? 12));

describe('properties report', () => {
  it('is the same for the same seed, checks every claim, and links scenarios that read back', async () => {
    const options = { runs: RUNS, seed: 99, scenarioLinkDirectory: 'properties', shrinkSimulationsPerPair: 0 };
    const first = await buildPropertiesReport(options);
    const second = await buildPropertiesReport(options);
    expect(second.markdown).toBe(first.markdown);
    expect(first.markdown).toContain(`| every architecture judges the same sessions of a protocol (common random numbers) | ${RUNS} scenarios | held |`);
    expect(first.markdown).not.toMatch(/\| violated in /);
    for (const [file, scenario] of first.smallestBreaking) {
      const digest = scenarioDigest(parseScenarioText(scenarioToYaml(scenario), file, { env: {} }));
      expect(first.markdown).toContain(`[${digest}](properties/${file})`);
    }
    const other = await buildPropertiesReport({ ...options, seed: 100 });
    expect(other.markdown).not.toBe(first.markdown);
  });
});
