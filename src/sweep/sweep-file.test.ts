import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../scenario/index.js';
import { loadSweepFile, parseSweepText } from './sweep-file.js';

const BASE = `name: tiny
duration: 10m
topology: { synthetic: { ases: 120 } }
pops: { count: 3 }
flaps:
  - { type: pop-withdraw, pop: pop-2, at: 2m, reannounceAt: 5m }
workload:
  - { protocol: websocket, arrivals: 1/s, duration: { fixed: 3m } }
`;

function baseFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'anysim-sweep-file-'));
  const path = join(dir, 'base.yaml');
  writeFileSync(path, BASE);
  return path;
}

function errorOf(fn: () => unknown): ScenarioError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ScenarioError) return error;
    throw error;
  }
  throw new Error('expected a ScenarioError');
}

describe('parseSweepText', () => {
  it('reads a base path, a grid in file order, variants and seeds { count }', () => {
    const base = baseFile();
    const sweep = parseSweepText(
      `name: s\nbase: ${base}\ngrid:\n  routing.mrai: [5s, 30s]\n  pops.count: [3, 4, 5]\nvariants:\n  - { name: plain, set: {} }\n  - { name: damped, set: { routing.damping: true } }\nseeds: { count: 3 }\n`,
      'sweeps/s.yaml',
    );
    expect(sweep.name).toBe('s');
    expect(sweep.dimensions.map((d) => [d.name, d.path, d.values, d.line])).toEqual([
      ['routing.mrai', ['routing', 'mrai'], ['5s', '30s'], 4],
      ['pops.count', ['pops', 'count'], [3, 4, 5], 5],
    ]);
    expect(sweep.variants.map((v) => [v.name, v.overrides.map((o) => [o.name, o.value])])).toEqual([
      ['plain', []],
      ['damped', [['routing.damping', true]]],
    ]);
    expect(sweep.seeds).toEqual([1, 2, 3]);
    expect((sweep.baseRaw as { name: string }).name).toBe('tiny');
  });

  it('takes an inline scenario and an explicit seed list; without seeds keeps the scenario seed', () => {
    const inline = `name: s\nscenario:\n${BASE.split('\n').map((l) => `  ${l}`).join('\n')}\nseeds: [7, "x"]\n`;
    expect(parseSweepText(inline, 's.yaml').seeds).toEqual([7, 'x']);
    expect(parseSweepText(`name: s\nbase: ${baseFile()}\n`, 's.yaml').seeds).toBeUndefined();
  });

  it('names the sweep file, the line and the field of each problem', () => {
    const base = baseFile();
    const error = errorOf(() =>
      parseSweepText(`name: s\nbase: ${base}\ngrid:\n  routing..mrai: [5s]\n  pops.count: []\nseeds: { count: 0 }\ncolour: red\n`, 'sweeps/bad.yaml'),
    );
    expect(error.message).toContain('sweeps/bad.yaml: 4 problems');
    expect(error.message).toContain('sweeps/bad.yaml:4: grid["routing..mrai"]: "routing..mrai" is not a field path');
    expect(error.message).toContain('sweeps/bad.yaml:5: grid["pops.count"]: expected a list of 1 to 1000 values');
    expect(error.message).toContain('sweeps/bad.yaml:6: seeds.count: expected an integer from 1 to 1000; got number 0');
    expect(error.message).toContain('sweeps/bad.yaml:7: colour: unknown field "colour"');
  });

  it('refuses a base and an inline scenario together, a swept seed, repeated values and names', () => {
    const base = baseFile();
    expect(errorOf(() => parseSweepText(`name: s\n`, 'a.yaml')).message).toMatch(/a.yaml:1: \(top level\): expected exactly one of "base"/);
    expect(errorOf(() => parseSweepText(`name: s\nbase: ${base}\ngrid: { seed: [1, 2] }\n`, 'a.yaml')).message).toMatch(/grid.seed: the seed is swept with the top-level "seeds" field/);
    expect(errorOf(() => parseSweepText(`name: s\nbase: ${base}\ngrid: { pops.count: [3, 3] }\n`, 'a.yaml')).message).toMatch(/the value 3 is listed twice/);
    expect(errorOf(() => parseSweepText(`name: s\nbase: ${base}\nvariants: [{ name: a, set: {} }, { name: a, set: {} }]\n`, 'a.yaml')).message).toMatch(/variants\[1\].name: variant "a" is named twice/);
    expect(errorOf(() => parseSweepText(`name: s\nbase: ${base}\nseeds: [1, 1]\n`, 'a.yaml')).message).toMatch(/seeds\[1\]: seed 1 is listed twice/);
  });

  it('reports the base file\'s own problems against the base file, and an invalid inline scenario under "scenario"', () => {
    const dir = mkdtempSync(join(tmpdir(), 'anysim-sweep-file-'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, BASE.replace('duration: 10m', 'duration: 10'));
    expect(errorOf(() => parseSweepText(`name: s\nbase: ${bad}\n`, 's.yaml')).message).toMatch(new RegExp(`${bad}:2: duration: expected a duration`));
    const inline = `name: s\nscenario:\n${BASE.replace('arrivals: 1/s', 'arrivals: fast').split('\n').map((l) => `  ${l}`).join('\n')}\n`;
    expect(errorOf(() => parseSweepText(inline, 's.yaml')).message).toMatch(/s.yaml:10: scenario.workload\[0\].arrivals: expected a rate/);
  });

  it('limits the number of cells, naming the limit', () => {
    const values = Array.from({ length: 101 }, (_, i) => i + 1).join(', ');
    const text = `name: s\nbase: ${baseFile()}\ngrid: { pops.count: [${values}] }\nseeds: { count: 100 }\n`;
    expect(errorOf(() => parseSweepText(text, 's.yaml')).message).toBe('s.yaml: (top level): the sweep has 10100 cells (101 scenario points x 100 seeds); the limit is 10000');
  });

  it('refuses grid values and seed counts not written in decimal, at their lines', () => {
    const text = `name: s\nbase: ${baseFile()}\ngrid:\n  pops.count: [2, 0x3]\nseeds: { count: 0o2 }\n`;
    const problems = errorOf(() => parseSweepText(text, 's.yaml')).problems;
    expect(problems.map((p) => [p.line, p.path])).toEqual([
      [4, ['grid', 'pops.count', 1]],
      [5, ['seeds', 'count']],
    ]);
    expect(problems[0]!.message).toBe('expected a decimal number such as 42 or 0.05; got "0x3", which YAML would read as 3');
  });

  it('loadSweepFile refuses a FIFO at once instead of waiting for a writer', () => {
    const fifo = join(mkdtempSync(join(tmpdir(), 'anysim-sweep-fifo-')), 'sweep.yaml');
    execFileSync('mkfifo', [fifo]);
    expect(() => loadSweepFile(fifo)).toThrow(`${fifo}: is a FIFO (named pipe); expected a sweep file (only regular files are read)`);
  });

  it('loadSweepFile names a missing file and a wrong extension', () => {
    expect(() => loadSweepFile('/nonexistent/sweep.yaml')).toThrow('/nonexistent/sweep.yaml: no such file');
    expect(() => loadSweepFile('sweep.txt')).toThrow('sweep.txt: expected a sweep file ending in .yaml, .yml or .json');
  });
});
