import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioDigest } from '../scenario/index.js';
import { locateCellProblems, sweepCells } from './sweep-cell.js';
import { parseSweepText } from './sweep-file.js';

const BASE = `name: tiny
seed: 9
duration: 10m
topology: { synthetic: { ases: 120 } }
pops: { count: 3 }
flaps:
  - { type: pop-withdraw, pop: pop-2, at: 2m, reannounceAt: 5m }
workload:
  - { protocol: websocket, arrivals: 1/s, duration: { fixed: 3m } }
`;

function sweep(body: string) {
  const dir = mkdtempSync(join(tmpdir(), 'anysim-sweep-cell-'));
  writeFileSync(join(dir, 'base.yaml'), BASE);
  return parseSweepText(`name: s\nbase: ${join(dir, 'base.yaml')}\n${body}`, 'sweeps/s.yaml');
}

describe('sweepCells', () => {
  it('enumerates variants x grid (first dimension outermost) x seeds in a fixed order with label ids', () => {
    const cells = sweepCells(sweep('variants:\n  - { name: a, set: {} }\n  - { name: b, set: { routing.wrate: true } }\ngrid:\n  routing.mrai: [5s, 30s]\n  pops.count: [3, 4]\nseeds: [1, 2]\n'));
    expect(cells).toHaveLength(16);
    expect(cells.map((c) => c.index)).toEqual([...Array(16).keys()]);
    expect(cells.slice(0, 5).map((c) => c.id)).toEqual([
      'a,routing.mrai=5s,pops.count=3,seed=1',
      'a,routing.mrai=5s,pops.count=3,seed=2',
      'a,routing.mrai=5s,pops.count=4,seed=1',
      'a,routing.mrai=5s,pops.count=4,seed=2',
      'a,routing.mrai=30s,pops.count=3,seed=1',
    ]);
    expect(cells[15]!.id).toBe('b,routing.mrai=30s,pops.count=4,seed=2');
    expect(cells[15]!.labels).toEqual({ variant: 'b', 'routing.mrai': '30s', 'pops.count': '4' });
    expect(cells.map((c) => c.point)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7]);
  });

  it('applies the overrides through the schema: the cell scenario is the file with the field changed', () => {
    const cells = sweepCells(sweep('grid:\n  routing.mrai: [5s]\n  workload[0].arrivals: [2/s]\nseeds: [3]\n'));
    const [cell] = cells;
    expect(cell!.scenario.routing.mraiMs).toBe(5_000);
    expect(cell!.scenario.workload[0]!.arrivalsPerS).toBe(2);
    expect(cell!.seed).toBe('3');
    expect(cell!.scenarioDigest).toBe(scenarioDigest(cell!.scenario));
  });

  it('keeps the base seed without a seeds field, and gives the same cells for the same file', () => {
    const a = sweepCells(sweep('grid: { pops.count: [3, 4] }\n'));
    expect(a.map((c) => c.id)).toEqual(['pops.count=3,seed=9', 'pops.count=4,seed=9']);
    const b = sweepCells(sweep('grid: { pops.count: [3, 4] }\n'));
    expect(b.map((c) => c.scenarioDigest)).toEqual(a.map((c) => c.scenarioDigest));
    expect(new Set(a.map((c) => c.scenarioDigest)).size).toBe(2);
  });

  it('an invalid cell names the sweep file, the line of the override, the field and the cell', () => {
    expect(() => sweepCells(sweep('grid:\n  routing.mrai: [5s, fast]\n'))).toThrow(
      /^sweeps\/s.yaml:4: routing.mrai: expected a duration .* \(in cell routing.mrai=fast,seed=base\)$/,
    );
    // pops.count 2 leaves the withdrawal of pop-2 pointing at no PoP: the cross-field check fails
    // at flaps[0].pop, which no override sets; the cell's entry (its grid line) is where to look.
    expect(() => sweepCells(sweep('grid:\n  pops.count: [3, 2]\n'))).toThrow(/^sweeps\/s.yaml:4: flaps\[0\]\.pop: .*pop-2.*\(in cell pops.count=2,seed=base\)$/);
    expect(() => sweepCells(sweep('grid:\n  routing.mraii: [5s]\n'))).toThrow(/sweeps\/s.yaml:4: routing: unknown field "mraii"/);
    expect(() => sweepCells(sweep('grid:\n  workload[3].arrivals: [5/s]\n'))).toThrow(/sweeps\/s.yaml:4: workload\[3\].arrivals: cannot set workload\[3\].arrivals in the base scenario .*\[3\] is past the end of a list of 1/);
  });

  it('locates problems found once a cell ran at its override, else at its entry, else at the base', () => {
    const upstream = { path: ['pops', 'sites', 0, 'upstreams', 0], message: 'upstream AS250 of PoP "a" is not in the synthetic topology' };
    // Line 4 is the grid dimension: a smaller graph is what lacks the AS, though no override names the site.
    const grid = sweep('grid:\n  topology.synthetic.ases: [120, 200]\n');
    const [small] = sweepCells(grid);
    expect(locateCellProblems(grid, small!, [upstream]).message).toBe(
      'sweeps/s.yaml:4: pops.sites[0].upstreams[0]: upstream AS250 of PoP "a" is not in the synthetic topology (in cell topology.synthetic.ases=120,seed=9)',
    );
    // A variant (line 4) whose set (line 6) names the site: the override's line; other fields: the variant's.
    const variants = sweep('variants:\n  - name: listed\n    set:\n      pops: { sites: [{ name: a, upstreams: [250] }] }\n      flaps: []\n');
    const [listed] = sweepCells(variants);
    expect(locateCellProblems(variants, listed!, [upstream]).message).toMatch(/^sweeps\/s.yaml:6: pops\.sites\[0\]\.upstreams\[0\]: .* \(in cell listed,seed=9\)$/);
    expect(locateCellProblems(variants, listed!, [{ path: ['routing', 'operatorAsn'], message: 'operator AS7 is not in the topology' }]).message).toMatch(/^sweeps\/s.yaml:4: routing\.operatorAsn: /);
    // Seeds alone: the base scenario's line (line 2, "base:").
    const seedsOnly = sweep('seeds: [1, 2]\n');
    const [first] = sweepCells(seedsOnly);
    expect(locateCellProblems(seedsOnly, first!, [upstream]).message).toMatch(/^sweeps\/s.yaml:2: pops\.sites\[0\]/);
  });

  it('shortens long ids with a hash and keeps them distinct', () => {
    const long = Array.from({ length: 3 }, (_, i) => `${'x'.repeat(60)}${i}`);
    const cells = sweepCells(sweep(`grid:\n  description: [${long.join(', ')}]\n`));
    expect(cells.every((c) => c.id.length <= 120)).toBe(true);
    expect(new Set(cells.map((c) => c.id)).size).toBe(3);
  });
});
