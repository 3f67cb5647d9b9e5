import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellFilePath } from './cell-file.js';
import { mergeSweeps } from './merge-sweep.js';
import { runSweep } from './run-sweep.js';
import { sweepCells, type SweepCell } from './sweep-cell.js';
import { SweepError } from './sweep-error.js';
import { parseSweepText, type SweepDefinition } from './sweep-file.js';
import type { SweepSummary } from './sweep-summary.js';

const BASE = `name: tiny
duration: 8m
topology: { synthetic: { ases: 120 } }
pops: { count: 3 }
flaps:
  - { type: pop-withdraw, pop: pop-2, at: 2m, reannounceAt: 5m }
workload:
  - { protocol: websocket, arrivals: 1/s, duration: { fixed: 3m } }
  - { protocol: dns-udp, arrivals: 2/s, duration: { fixed: 100ms } }
architectures: [edge, global-hash]
`;

let root: string;
let definition: SweepDefinition;
let cells: SweepCell[];

function dir(name: string): string {
  return join(root, name);
}

function read(path: string): string {
  return readFileSync(path, 'utf8');
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'anysim-run-sweep-'));
  writeFileSync(join(root, 'base.yaml'), BASE);
  definition = parseSweepText(`name: small\nbase: ${join(root, 'base.yaml')}\ngrid:\n  pops.count: [3, 4]\n  routing.mrai: [5s, 30s]\nseeds: [1, 2]\n`, 'sweeps/small.yaml');
  cells = sweepCells(definition);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('runSweep', () => {
  it('runs every cell on workers, writes one file per cell and the merged report; a second run reuses them all', async () => {
    const progress: number[] = [];
    const first = await runSweep(definition, cells, { outDir: dir('full'), workers: 2, onProgress: (f) => progress.push(f) });
    expect(first.ran).toEqual(cells.map((c) => c.id));
    expect(first.reused).toEqual([]);
    expect(readdirSync(join(dir('full'), 'cells')).sort()).toEqual(cells.map((c) => `${c.id}.json`).sort());
    expect(progress.at(-1)).toBe(1);
    expect(progress.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= progress[i - 1]!))).toBe(true);
    const summary = JSON.parse(read(join(dir('full'), 'sweep.json'))) as SweepSummary;
    expect(summary.points).toHaveLength(4);
    for (const point of summary.points) {
      for (const r of point.results) {
        const perCell = point.cells.map((id) => JSON.parse(read(cellFilePath(dir('full'), id))) as { results: { protocol: string; architecture: string; broken: number; sessions: number }[] });
        const counts = perCell.map((c) => c.results.find((x) => x.protocol === r.protocol && x.architecture === r.architecture)!);
        expect(r.broken).toBe(counts.reduce((n, c) => n + c.broken, 0));
        expect(r.sessions).toBe(counts.reduce((n, c) => n + c.sessions, 0));
      }
    }
    const markdown = read(join(dir('full'), 'sweep.md'));
    expect(markdown).toContain('![websocket across the grid](sweep/websocket.svg)');
    expect(read(join(dir('full'), 'sweep', 'websocket.svg'))).toMatch(/^<svg/);

    const mtimes = cells.map((c) => statSync(cellFilePath(dir('full'), c.id)).mtimeMs);
    const again = await runSweep(definition, cells, { outDir: dir('full'), workers: 2 });
    expect(again.ran).toEqual([]);
    expect(again.reused).toEqual(cells.map((c) => c.id));
    expect(cells.map((c) => statSync(cellFilePath(dir('full'), c.id)).mtimeMs)).toEqual(mtimes);
    expect(read(join(dir('full'), 'sweep.md'))).toBe(markdown);
  });

  it('resumes an interrupted sweep: finished cells are kept, missing, corrupt and mismatched ones recomputed', async () => {
    const out = dir('resumed');
    // An interrupted sweep: only half of the cells finished.
    const partial = await runSweep(definition, cells, { outDir: out, workers: 2, shard: { index: 0, count: 2 } });
    expect(partial.ran).toEqual(cells.filter((c) => c.index % 2 === 0).map((c) => c.id));
    expect(partial.written).toEqual([]);
    const [cut, stale, kept] = [cells[0]!, cells[2]!, cells[4]!];
    writeFileSync(cellFilePath(out, cut.id), read(cellFilePath(out, cut.id)).slice(0, 100));
    writeFileSync(cellFilePath(out, stale.id), read(cellFilePath(out, cells[6]!.id)));
    const keptText = read(cellFilePath(out, kept.id));

    const resumed = await runSweep(definition, cells, { outDir: out, workers: 2 });
    expect(resumed.recomputed).toEqual([
      { id: cut.id, status: 'corrupt' },
      { id: stale.id, status: 'mismatch' },
    ]);
    expect(resumed.ran).toEqual(cells.filter((c) => c.index % 2 === 1 || c === cut || c === stale).map((c) => c.id));
    expect(resumed.reused).toEqual(cells.filter((c) => c.index % 2 === 0 && c !== cut && c !== stale).map((c) => c.id));
    expect(read(cellFilePath(out, kept.id))).toBe(keptText);
    for (const name of ['sweep.json', 'sweep.md', 'sweep/websocket.svg', 'sweep/dns-udp.svg']) {
      expect(read(join(out, name)), name).toBe(read(join(dir('full'), name)));
    }
  });

  it('a sweep killed mid-run (SIGKILL) keeps every finished cell, and the rerun completes it to the same report', async () => {
    const out = dir('killed');
    const sweepPath = join(root, 'small.yaml');
    writeFileSync(sweepPath, `name: small\nbase: ${join(root, 'base.yaml')}\ngrid:\n  pops.count: [3, 4]\n  routing.mrai: [5s, 30s]\nseeds: [1, 2]\n`);
    const script = [
      `const { loadSweepFile, sweepCells, runSweep } = await import(${JSON.stringify(new URL('./index.ts', import.meta.url).href)});`,
      `const d = loadSweepFile(${JSON.stringify(sweepPath)});`,
      `await runSweep(d, sweepCells(d), { outDir: ${JSON.stringify(out)}, workers: 1 });`,
    ].join('\n');
    const scriptPath = join(root, 'killed-sweep.mjs');
    writeFileSync(scriptPath, script);
    const child = spawn(process.execPath, ['--import', 'tsx', scriptPath], { stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const firstCell = cellFilePath(out, cells[0]!.id);
    for (let waitedMs = 0; !existsSync(firstCell); waitedMs += 20) {
      if (waitedMs > 30_000) throw new Error('the child sweep wrote no cell in 30 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill('SIGKILL');
    await exited;
    const finished = readdirSync(join(out, 'cells')).filter((name) => !name.startsWith('.') && name.endsWith('.json'));
    expect(finished.length).toBeGreaterThanOrEqual(1);
    expect(finished.length).toBeLessThan(cells.length);
    expect(existsSync(join(out, 'sweep.md'))).toBe(false);

    const resumed = await runSweep(definition, cells, { outDir: out, workers: 2 });
    expect(resumed.recomputed).toEqual([]);
    expect(resumed.reused).toEqual(cells.filter((c) => finished.includes(`${c.id}.json`)).map((c) => c.id));
    expect(resumed.ran.length + resumed.reused.length).toBe(cells.length);
    expect(read(join(out, 'sweep.md'))).toBe(read(join(dir('full'), 'sweep.md')));
  });

  it('shards merged with mergeSweeps equal the unsharded sweep byte for byte', async () => {
    for (const index of [0, 1]) await runSweep(definition, cells, { outDir: dir(`shard-${index}`), workers: 1, shard: { index, count: 2 } });
    await expect(mergeSweeps([dir('shard-0')], dir('merged'))).rejects.toThrow(
      /merge: 4 of 8 cells have no valid result in .*shard-0: pops.count=3,routing.mrai=5s,seed=2, /,
    );
    const merged = await mergeSweeps([dir('shard-0'), dir('shard-1')], dir('merged'));
    expect(merged.copied).toBe(8);
    for (const name of ['sweep.json', 'sweep.md', 'sweep-plan.json', 'sweep/websocket.svg', 'sweep/dns-udp.svg']) {
      expect(read(join(dir('merged'), name)), name).toBe(read(join(dir('full'), name)));
    }
  });

  it('refuses to merge outputs of different sweeps', async () => {
    const other = parseSweepText(`name: other\nbase: ${join(root, 'base.yaml')}\ngrid: { pops.count: [3] }\n`, 'sweeps/other.yaml');
    const otherDir = dir('other');
    await runSweep(other, sweepCells(other), { outDir: otherDir, workers: 1 });
    await expect(mergeSweeps([dir('full'), otherDir], dir('x'))).rejects.toThrow(SweepError);
    await expect(mergeSweeps([dir('full'), otherDir], dir('x'))).rejects.toThrow(/holds sweep "other" .* only outputs of one sweep file can be merged/);
    await expect(mergeSweeps([dir('nothing-here')], dir('x'))).rejects.toThrow(/nothing-here: no sweep-plan.json; expected the --out directory of "anysim sweep"/);
  });
});
