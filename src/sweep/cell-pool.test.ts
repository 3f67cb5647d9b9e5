import { describe, expect, it } from 'vitest';
import { resultJson } from '../report/index.js';
import { simulate } from '../simulate/index.js';
import { workerModule } from '../worker-module.js';
import { CELL_WORKER_ENTRY, CellPool } from './cell-pool.js';
import { sweepCells } from './sweep-cell.js';
import { parseSweepText } from './sweep-file.js';

const SWEEP = `name: pool-check
scenario:
  name: pool-check
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

describe('the sweep cell pool', () => {
  it('names the cell worker source beside cell-pool.ts, loaded through tsx when the tests run from sources', () => {
    const entry = workerModule(CELL_WORKER_ENTRY);
    expect(entry.filename).toBe(new URL('./cell-worker.ts', import.meta.url).pathname);
    expect(entry.execArgv[0]).toBe('--import');
  });

  it('simulates a cell on a worker thread to exactly the result of the sources on this thread', async () => {
    const [cell] = sweepCells(parseSweepText(SWEEP, 'sweeps/pool-check.yaml'));
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
