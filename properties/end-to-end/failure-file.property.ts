/**
 * What a failing scenario property leaves behind (issue 7, item 2): fast-check's seed and path,
 * and the shrunk scenario as a file that `anysim run FILE` reproduces. A property that is false
 * on purpose ("no scenario has 3 or more PoPs and a flap") must fail, shrink to the smallest
 * counterexample the arbitrary can make, and write it; the file must parse back to the same
 * digest and `anysim run` on it must give the results simulate() gives for the counterexample.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { arbitraryScenario, checkScenarioProperty, scenarioSize } from '../../src/arbitraries/index.js';
import type { CliIo } from '../../src/cli/cli-io.js';
import { runRunCommand } from '../../src/cli/run-command.js';
import { loadScenarioFile, scenarioDigest } from '../../src/scenario/index.js';
import { resultJson } from '../../src/report/index.js';
import { simulate } from '../../src/simulate/index.js';

const directory = mkdtempSync(join(tmpdir(), 'anysim-failures-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const quietIo: CliIo = { stdout: () => undefined, stderr: () => undefined, stderrIsTTY: false };

async function failureMessage(): Promise<string> {
  try {
    await checkScenarioProperty(
      arbitraryScenario({ maxFlaps: 3 }),
      (scenario) => {
        const { pops, flaps } = scenarioSize(scenario);
        return pops < 3 || flaps === 0;
      },
      { numRuns: 200, seed: 7, failureDirectory: directory },
    );
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('the property should have failed');
}

describe('checkScenarioProperty on failure', () => {
  it('reports seed and path, shrinks, and writes a scenario file that anysim run reproduces', async () => {
    const message = await failureMessage();
    expect(message).toMatch(/seed: 7, path: "[\d:]+"/);
    const match = /written to (\S+\.yaml)\nReproduce it with: anysim run (\S+)/.exec(message);
    expect(match, message).not.toBeNull();
    const path = match![1]!;
    expect(match![2]).toBe(path);
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path, 'utf8')).toMatch(/^# A scenario that failed a property .*seed 7, path/);

    const scenario = loadScenarioFile(path, { env: {} });
    expect(path.endsWith(`${scenario.name}-${scenarioDigest(scenario)}.yaml`)).toBe(true);
    expect(message).toContain(`digest ${scenarioDigest(scenario)}`);
    // Shrunk to the smallest counterexample: the fewest ASes and PoPs, one flap, the shortest run.
    expect(scenarioSize(scenario)).toEqual({ ases: 100, pops: 3, flaps: 1, durationMs: 60_000 });

    const jsonPath = join(directory, 'reproduced.json');
    expect(await runRunCommand([path, '--json', jsonPath], quietIo)).toBe(0);
    const reproduced = JSON.parse(readFileSync(jsonPath, 'utf8')) as unknown;
    expect(reproduced).toEqual(JSON.parse(resultJson(await simulate(scenario))) as unknown);
  });

  it('passes silently and writes nothing when the property holds', async () => {
    const quiet = mkdtempSync(join(tmpdir(), 'anysim-quiet-'));
    await checkScenarioProperty(arbitraryScenario({ maxFlaps: 0 }), (scenario) => scenario.flaps.length === 0, {
      numRuns: 5,
      seed: 1,
      failureDirectory: quiet,
    });
    expect(readdirSync(quiet)).toEqual([]);
    rmSync(quiet, { recursive: true, force: true });
  });
});
