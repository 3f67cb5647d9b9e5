import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from './cli-io.js';
import { exitCodeFor } from './exit-code.js';
import { runMergeCommand } from './merge-command.js';
import { runSweepCommand } from './sweep-command.js';

const BASE = `name: tiny
duration: 6m
topology: { synthetic: { ases: 110 } }
pops: { count: 3 }
flaps:
  - { type: pop-withdraw, pop: pop-1, at: 1m, reannounceAt: 3m }
workload:
  - { protocol: websocket, arrivals: 1/s, duration: { fixed: 2m } }
architectures: [edge]
`;

const root = mkdtempSync(join(tmpdir(), 'anysim-sweep-command-'));
writeFileSync(join(root, 'base.yaml'), BASE);
const sweepFile = join(root, 'small.yaml');
writeFileSync(sweepFile, `name: small\nbase: ${join(root, 'base.yaml')}\ngrid: { routing.mrai: [5s, 30s] }\nseeds: [1, 2]\n`);
afterAll(() => rmSync(root, { recursive: true, force: true }));

function fakeIo(stderrIsTTY = false): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stderrIsTTY,
    stdout(text: string) {
      io.out += text;
    },
    stderr(text: string) {
      io.err += text;
    },
  };
  return io;
}

/** Runs a command as `anysim` does: a thrown input error becomes a one-line message and exit 2. */
async function exitOf(run: (args: readonly string[], io: CliIo) => Promise<number>, args: string[], stderrIsTTY = false): Promise<{ code: number; err: string; out: string }> {
  const io = fakeIo(stderrIsTTY);
  let code: number;
  try {
    code = await run(args, io);
  } catch (error) {
    code = exitCodeFor(error, io);
  }
  return { code, err: io.err, out: io.out };
}

describe('anysim sweep', () => {
  it('--help prints the usage and exits 0', async () => {
    const { code, out } = await exitOf(runSweepCommand, ['--help']);
    expect(code).toBe(0);
    expect(out).toContain('Usage: anysim sweep SWEEP_FILE');
    expect(out).toContain('--shard i/n');
  });

  it.each([
    [[], /expected one sweep file, got 0/],
    [['a.yaml', 'b.yaml'], /expected one sweep file, got 2/],
    [['a.yaml', '--workers', '0'], /--workers must be an integer from 1 to 256, got "0"/],
    [['a.yaml', '--workers', 'many'], /--workers must be an integer/],
    [['a.yaml', '--shard', '2/2'], /--shard must be i\/n with 0 <= i < n/],
    [['a.yaml', '--bogus'], /sweep: unknown option "--bogus"/],
    [[join(root, 'missing.yaml')], /missing.yaml: no such file/],
    [['/dev/zero'], /expected a sweep file ending in .yaml/],
    [[sweepFile, '--out', sweepFile], /--out .*small\.yaml: is a file; expected a folder/],
    [[sweepFile, '--out', '/proc/nonexistent/out'], /--out \/proc\/nonexistent\/out: cannot create files in \/proc/],
    [[sweepFile, '--topology', '/dev/zero'], /^anysim: --topology: \/dev\/zero: is a character device/],
  ])('%j exits 2 with one line naming the problem', async (args, message) => {
    const { code, err } = await exitOf(runSweepCommand, args);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err.trim().split('\n')).toHaveLength(1);
  });

  it('an invalid cell exits 2 naming the sweep file, line and field', async () => {
    const bad = join(root, 'bad.yaml');
    writeFileSync(bad, `name: bad\nbase: ${join(root, 'base.yaml')}\ngrid:\n  pops.count: [0]\n`);
    const { code, err } = await exitOf(runSweepCommand, [bad, '--out', join(root, 'bad-out')]);
    expect(code).toBe(2);
    expect(err).toMatch(new RegExp(`${bad}:4: pops.count: .*\\(in cell pops.count=0,seed=base\\)`));
    expect(existsSync(join(root, 'bad-out'))).toBe(false);
  });

  it('a cell whose upstream ASN the topology lacks exits 2 at the sweep file\'s line of that cell', async () => {
    // The cell's scenario is valid as a file; only the built topology shows the missing AS, in a worker.
    const missing = join(root, 'missing-asn.yaml');
    writeFileSync(
      missing,
      `name: missing-asn\nbase: ${join(root, 'base.yaml')}\nvariants:\n  - name: counted\n    set: {}\n  - name: listed\n    set:\n      pops: { sites: [ { name: a, upstreams: [999999] } ] }\n      flaps: []\n`,
    );
    const { code, err } = await exitOf(runSweepCommand, [missing, '--out', join(root, 'missing-out'), '--workers', '1']);
    expect(code).toBe(2);
    expect(err).toBe(`anysim: ${missing}:8: pops.sites[0].upstreams[0]: upstream AS999999 of PoP "a" is not in the synthetic topology (in cell listed,seed=1)\n`);
  });

  it('runs shards and merges them into the unsharded report; merge names missing cells', async () => {
    const full = join(root, 'full');
    const fullRun = await exitOf(runSweepCommand, [sweepFile, '--out', full, '--workers', '2'], true);
    expect(fullRun.code).toBe(0);
    // On a terminal, the progress bar is drawn in place and ends at 100 %.
    expect(fullRun.err).toMatch(/^\rsweep small \[\.+\]   0%/);
    expect(fullRun.err).toContain('\rsweep small [##############################] 100%\u001b[K\n');
    expect(fullRun.err).toContain('sweep small: 4 cells; ran 4, reused 0 finished cell files');
    const shardDirs = [0, 1].map((i) => join(root, `shard-${i}`));
    const first = await exitOf(runSweepCommand, [sweepFile, '--out', shardDirs[0]!, '--workers', '1', '--shard', '0/2']);
    expect(first.err).toContain('shard 0/2: 2 of 4 cells; ran 2, reused 0');
    const missing = await exitOf(runMergeCommand, [shardDirs[0]!, '--out', join(root, 'merged')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/merge: 2 of 4 cells have no valid result/);
    await exitOf(runSweepCommand, [sweepFile, '--out', shardDirs[1]!, '--workers', '1', '--shard', '1/2']);
    const merged = await exitOf(runMergeCommand, [...shardDirs, '--out', join(root, 'merged')]);
    expect(merged.code).toBe(0);
    for (const name of ['sweep.json', 'sweep.md']) {
      expect(readFileSync(join(root, 'merged', name), 'utf8')).toBe(readFileSync(join(full, name), 'utf8'));
    }
  });
});

describe('anysim sweep, cell input problems found in a worker', () => {
  it('a missing CAIDA file exits 2 naming the cell and the file', async () => {
    const caida = join(root, 'caida.yaml');
    writeFileSync(caida, `name: caida\nbase: ${join(root, 'base.yaml')}\ngrid:\n  topology: [{ caida: { file: ${join(root, 'no-such.as-rel')} } }]\n`);
    const { code, err } = await exitOf(runSweepCommand, [caida, '--out', join(root, 'caida-out'), '--workers', '1']);
    expect(code).toBe(2);
    expect(err).toContain('cell topology=');
    expect(err).toContain('no-such.as-rel');
  });
});
