/**
 * The holes of issue 14 item 6 in sweep outputs, each tried as an attacker would: a crafted shard
 * directory whose plan names cells outside --out, a plan digest that does not match its cells, a
 * cells folder symlinked elsewhere, a cell file edited into another valid result, and merges that
 * fail half-way. Cell results come from in-process runs of a tiny scenario (no worker threads).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulate } from '../simulate/index.js';
import { cellFilePath, readCellFile, writeCellFile } from './cell-file.js';
import { mergeSweeps } from './merge-sweep.js';
import { runSweep } from './run-sweep.js';
import { sweepCells, type SweepCell } from './sweep-cell.js';
import { parseSweepText } from './sweep-file.js';
import { PLAN_FILE, planDigestOf, planJson, sweepPlan, writePlanFile, type SweepPlan } from './sweep-plan.js';
import { tinyScenario } from '../../test/tiny-inputs.js';

const BASE = tinyScenario('tiny', '2m');

let root: string;
let cells: SweepCell[];
let plan: SweepPlan;

/** A finished, unsharded sweep output in `dir`: the plan and every cell file. */
async function finishedSweep(dir: string, which: (cell: SweepCell) => boolean = () => true): Promise<void> {
  writePlanFile(dir, plan);
  for (const cell of cells.filter(which)) writeCellFile(dir, cell.id, await simulate(cell.scenario));
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'anysim-sweep-security-'));
  writeFileSync(join(root, 'base.yaml'), BASE);
  const definition = parseSweepText(`name: tiny\nbase: ${join(root, 'base.yaml')}\nseeds: [1, 2]\n`, 'tiny.yaml');
  cells = sweepCells(definition);
  plan = sweepPlan(definition, cells);
  await finishedSweep(join(root, 'good'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function craftedShard(name: string, edit: (plan: SweepPlan) => SweepPlan): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, PLAN_FILE), planJson(edit(plan)));
  return dir;
}

describe('merge of a crafted shard directory', () => {
  it('refuses cell ids that are paths, even with a correctly recomputed digest, and writes nothing', async () => {
    const victim = join(root, 'sibling-project');
    mkdirSync(victim);
    writeFileSync(join(victim, 'package.json'), '{"name":"victim"}');
    for (const id of ['../../sibling-project/package', '/etc/passwd', 'a/b', '..', '']) {
      const forged = plan.cells.map((c, i) => (i === 0 ? { ...c, id } : c));
      const dir = craftedShard(`crafted-${readdirSync(root).length}`, (p) => ({ ...p, cells: forged, planDigest: planDigestOf(forged) }));
      const out = join(root, `out-${readdirSync(root).length}`);
      await expect(mergeSweeps([dir], out)).rejects.toThrow(/cells\[0\]: id .* is not a cell id/);
      expect(existsSync(out)).toBe(false);
    }
    expect(readFileSync(join(victim, 'package.json'), 'utf8')).toBe('{"name":"victim"}');
  });

  it('recomputes the plan digest: a plan edited to pass for another sweep is refused', async () => {
    const edited = plan.cells.map((c, i) => (i === 0 ? { ...c, seed: '99' } : c));
    const dir = craftedShard('edited-plan', (p) => ({ ...p, cells: edited }));
    await expect(mergeSweeps([join(root, 'good'), dir], join(root, 'out-edited'))).rejects.toThrow(/is not the digest of its cells .*the file was edited/);
    expect(existsSync(join(root, 'out-edited'))).toBe(false);
  });

  it('refuses duplicate cell ids', async () => {
    const twice = [plan.cells[0]!, { ...plan.cells[1]!, id: plan.cells[0]!.id }];
    const dir = craftedShard('twice', (p) => ({ ...p, cells: twice, planDigest: planDigestOf(twice) }));
    await expect(mergeSweeps([dir], join(root, 'out-twice'))).rejects.toThrow(/is listed twice/);
  });

  it('writes into --out only: a cells folder symlinked elsewhere is refused', async () => {
    const out = join(root, 'out-symlinked');
    const elsewhere = join(root, 'elsewhere');
    mkdirSync(out);
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(out, 'cells'));
    await expect(mergeSweeps([join(root, 'good')], out)).rejects.toThrow(/cells: is a symbolic link; merge writes cell files only into a real cells folder/);
    expect(readdirSync(elsewhere)).toEqual([]);
  });
});

describe('a sweep run', () => {
  it('refuses an output directory whose cells folder is a symlink, before writing anything', async () => {
    const out = join(root, 'run-symlinked');
    const elsewhere = join(root, 'run-elsewhere');
    mkdirSync(out);
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(out, 'cells'));
    const definition = parseSweepText(`name: tiny\nbase: ${join(root, 'base.yaml')}\nseeds: [1, 2]\n`, 'tiny.yaml');
    await expect(runSweep(definition, cells, { outDir: out, workers: 1 })).rejects.toThrow(/cells: is a symbolic link/);
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(readdirSync(out)).toEqual(['cells']);
  });
});

describe('cell files', () => {
  it('an edited but valid cell file is detected on resume (content digest) and not trusted', async () => {
    const dir = join(root, 'tampered');
    await finishedSweep(dir);
    const cell = cells[0]!;
    expect(readCellFile(dir, cell).status).toBe('ok');
    const path = cellFilePath(dir, cell.id);
    const text = readFileSync(path, 'utf8');
    const value = JSON.parse(text) as { results: { broken: number }[] };
    value.results[0]!.broken += 1;
    writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
    expect(readCellFile(dir, cell).status).toBe('edited');
    await expect(mergeSweeps([dir], join(root, 'out-tampered'))).rejects.toThrow(/1 of 2 cells have no valid result/);
  });

  it('a cell id that is a path never becomes a file name', () => {
    expect(() => cellFilePath(root, '../escape')).toThrow(/not a cell id/);
  });
});

describe('a failed merge leaves nothing behind', () => {
  it('missing cells: no cell is copied, no folder created', async () => {
    const shard = join(root, 'half');
    await finishedSweep(shard, (c) => c.index === 0);
    const out = join(root, 'out-half');
    await expect(mergeSweeps([shard], out)).rejects.toThrow(/1 of 2 cells have no valid result/);
    expect(existsSync(out)).toBe(false);
  });

  it('a write failing half-way removes the cells, plan and report files this merge created', async () => {
    const out = join(root, 'out-blocked');
    mkdirSync(join(out, 'sweep.md'), { recursive: true });
    writeFileSync(join(out, 'notes.txt'), 'mine');
    await expect(mergeSweeps([join(root, 'good')], out)).rejects.toThrow();
    expect(readdirSync(out).sort()).toEqual(['notes.txt', 'sweep.md']);
  });

  it('the same merge into a fresh folder succeeds and copies every cell', async () => {
    const merged = await mergeSweeps([join(root, 'good')], join(root, 'out-ok'));
    expect(merged.copied).toBe(cells.length);
    expect(readdirSync(join(root, 'out-ok', 'cells')).sort()).toEqual(cells.map((c) => `${c.id}.json`).sort());
  });
});
