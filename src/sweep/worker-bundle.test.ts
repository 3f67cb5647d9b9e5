import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resultJson } from '../report/index.js';
import { simulate } from '../simulate/index.js';
import { CellPool } from './cell-pool.js';
import { sweepCells } from './sweep-cell.js';
import { parseSweepText } from './sweep-file.js';
import { workerBundleUrl } from './worker-bundle.js';

const SWEEP = `name: bundle-check
scenario:
  name: bundle-check
  duration: 10m
  topology: { synthetic: { ases: 150 } }
  pops: { count: 3 }
  flaps:
    - { type: pop-withdraw, pop: pop-1, at: 2m, reannounceAt: 6m }
  workload:
    - { protocol: websocket, arrivals: 2/s, duration: { fixed: 4m } }
    - { protocol: dns-udp, arrivals: 5/s, duration: { fixed: 100ms } }
seeds: [11]
`;

describe('the bundled sweep worker', () => {
  it('is one JavaScript file that loads no TypeScript, reused within the process', async () => {
    const url = await workerBundleUrl();
    expect(await workerBundleUrl()).toBe(url);
    expect(url).toMatch(/anysim-cell-worker-[0-9a-f]{16}\.mjs$/);
    const text = readFileSync(fileURLToPath(url), 'utf8');
    expect(text).toMatch(/export\s*\{[^}]*\bas default\b/);
    // Every import left is a package or a Node built-in, never one of the .ts sources.
    expect(text).not.toMatch(/(?:from|import\()\s*["'][^"']*\.ts["']/);
    // Modules that read files beside them keep their own location (version.ts reads package.json).
    expect(text).toContain(JSON.stringify(new URL('../version.ts', import.meta.url).href));
  });

  it('simulates a cell on a worker thread to exactly the result of the sources on this thread', async () => {
    const [cell] = sweepCells(parseSweepText(SWEEP, 'sweeps/bundle-check.yaml'));
    const pool = await CellPool.start(1);
    try {
      const progress: number[] = [];
      const onWorker = await pool.simulate(cell!, (f) => progress.push(f));
      const here = await simulate(cell!.scenario);
      expect(here.sessions).toBeGreaterThan(3000);
      expect(resultJson(onWorker)).toBe(resultJson(here));
      expect(progress.length).toBeGreaterThan(10);
    } finally {
      await pool.destroy();
    }
  });
});
