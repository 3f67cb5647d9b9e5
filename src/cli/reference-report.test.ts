import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './anysim.js';
import { recordingIo } from './recording-io.js';

const REPORTS = new URL('../../reports/', import.meta.url);

describe('the committed reference report', () => {
  it('is reproduced byte for byte by `anysim run` (regenerate with `npm run reports`)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'anysim-reference-'));
    const io = recordingIo();
    const code = await main(['run', '--out', join(dir, 'reference.md'), '--json', join(dir, 'reference.json')], io);
    expect(code, io.err).toBe(0);
    for (const file of ['reference.md', 'reference.json']) {
      expect(readFileSync(join(dir, file), 'utf8'), file).toBe(readFileSync(new URL(file, REPORTS), 'utf8'));
    }
    const charts = readdirSync(new URL('reference/', REPORTS)).sort();
    expect(readdirSync(join(dir, 'reference')).sort()).toEqual(charts);
    for (const chart of charts) {
      expect(readFileSync(join(dir, 'reference', chart), 'utf8'), chart).toBe(readFileSync(new URL(`reference/${chart}`, REPORTS), 'utf8'));
    }
  });
});
