/**
 * Output paths, generated: `anysim run --json P [--out Q]` with P and Q built from folders and
 * names that exist, do not exist, are files, directories, FIFOs, symlink loops, pseudo file
 * systems (/proc), the scenario itself, or names too long for the file system. Either the run
 * succeeds and writes what was asked, or it exits 2 with one line naming --json or --out before
 * anything is written: no file appears, changes or disappears, and the scenario is never touched.
 */
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/anysim.js';
import { recordingIo } from '../../src/cli/recording-io.js';
import { tinyScenario } from '../../test/tiny-inputs.js';

const NUM_RUNS = Number(process.env.ANYSIM_PROPERTY_RUNS ?? 25);
const SEED = 20_261_131;

const root = mkdtempSync(join(tmpdir(), 'anysim-output-fuzz-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const scenarioPath = join(root, 'tiny.yaml');
writeFileSync(scenarioPath, tinyScenario('tiny-fuzz'));
writeFileSync(join(root, 'file.txt'), 'a file, not a folder');
mkdirSync(join(root, 'folder.json'));
mkdirSync(join(root, 'folder.md'));
execFileSync('mkfifo', [join(root, 'fifo.json')]);
symlinkSync(join(root, 'loop.json'), join(root, 'loop.json'));
symlinkSync(join(root, 'loop-dir'), join(root, 'loop-dir'));

/** Files (not folders) under `dir` with their size and mtime, and every other entry by kind. */
function snapshot(dir: string, into = new Map<string, string>()): Map<string, string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = lstatSync(path);
    if (stat.isDirectory()) {
      into.set(path, 'dir');
      snapshot(path, into);
    } else into.set(path, stat.isFile() ? `file ${stat.size} ${stat.mtimeMs}` : stat.isSymbolicLink() ? 'symlink' : 'special');
  }
  return into;
}

const folder = fc.constantFrom(root, join(root, 'new', 'deeper'), join(root, 'file.txt'), join(root, 'loop-dir'), join(root, 'folder.json'), '/proc', '/proc/nonexistent');
const stem = fc.oneof(fc.constantFrom('r', 'folder', 'fifo', 'loop', 'tiny', 'file', '.', '..', ' '), fc.string({ minLength: 1, maxLength: 8 }).filter((s) => !s.includes('/') && !s.includes('\0')), fc.constant('a'.repeat(300)));
const outputPath = (extension: string): fc.Arbitrary<string> => fc.tuple(folder, stem).map(([dir, name]) => join(dir, `${name}${extension}`));

const outputs = fc.record({
  json: fc.oneof(outputPath('.json'), fc.constant(scenarioPath.replace(/\.yaml$/, '.json')), fc.constant('-')),
  out: fc.option(outputPath('.md'), { nil: undefined }),
});

describe('output path fuzzing', () => {
  it('a run either writes what was asked or exits 2 naming the output before writing anything', async () => {
    await fc.assert(
      fc.asyncProperty(outputs, async ({ json, out }) => {
        const before = snapshot(root);
        const scenarioBefore = readFileSync(scenarioPath, 'utf8');
        const argv = ['run', scenarioPath, '--json', json, ...(out === undefined ? [] : ['--out', out])];
        const io = recordingIo();
        const code = await main(argv, io);
        const where = JSON.stringify(argv).slice(0, 400);
        expect(readFileSync(scenarioPath, 'utf8'), where).toBe(scenarioBefore);
        expect([0, 2], `${where} ${io.err}`).toContain(code);
        if (code === 2) {
          expect(io.err, where).toMatch(/^anysim: (--json|--out)\b[^\n]*\n$/);
          expect(snapshot(root), where).toEqual(before);
          return;
        }
        if (json === '-') expect(JSON.parse(io.out)).toHaveProperty('scenarioDigest');
        else expect(JSON.parse(readFileSync(json, 'utf8'))).toHaveProperty('scenarioDigest');
        if (out !== undefined) expect(readFileSync(out, 'utf8')).toMatch(/^# /);
        // Leave the tree as it was for the next run.
        for (const path of snapshot(root).keys()) if (!before.has(path)) rmSync(path, { recursive: true, force: true });
      }),
      { numRuns: NUM_RUNS, seed: SEED },
    );
  });
});
