import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './anysim.js';
import type { CliIo } from './cli-io.js';

function fakeIo(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stderrIsTTY: false,
    stdout: (text: string) => {
      io.out += text;
    },
    stderr: (text: string) => {
      io.err += text;
    },
  };
  return io;
}

describe('anysim CLI', () => {
  it('--help lists the commands; --version prints the package version', async () => {
    const help = fakeIo();
    expect(await main(['--help'], help)).toBe(0);
    for (const command of ['run', 'catchment', 'converge', 'hash', 'schema']) expect(help.out).toContain(`  ${command}`);
    const version = fakeIo();
    expect(await main(['--version'], version)).toBe(0);
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(version.out.trim()).toBe(pkg.version);
  });

  it('usage errors exit 2 with one line on stderr and nothing on stdout', async () => {
    for (const argv of [['frobnicate'], ['run', '--bogus'], ['run', 'a.yaml', 'b.yaml'], ['run', '--out', 'report.txt']]) {
      const io = fakeIo();
      expect(await main(argv, io), argv.join(' ')).toBe(2);
      expect(io.out).toBe('');
      expect(io.err.trim().split('\n')).toHaveLength(1);
      expect(io.err).not.toMatch(/\n\s+at /);
    }
  });

  it('a missing or malformed scenario file names the file and exits 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'anysim-cli-'));
    const missing = fakeIo();
    expect(await main(['run', join(dir, 'nope.yaml'), '--json', join(dir, 'x.json')], missing)).toBe(2);
    expect(missing.err).toContain('nope.yaml');
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'name: bad\nduration: -5m\ntopology: { synthetic: { ases: 300 } }\npops: { count: 2 }\nworkload: []\n');
    const io = fakeIo();
    expect(await main(['run', bad, '--json', join(dir, 'bad.json')], io)).toBe(2);
    expect(io.err).toContain('bad.yaml');
    expect(io.err).toContain('duration');
    expect(existsSync(join(dir, 'bad.json'))).toBe(false);
  });

  it('run --seed 7 twice writes byte-identical reports; --seed 8 a different one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'anysim-cli-'));
    const run = async (seed: string, name: string): Promise<string> => {
      const io = fakeIo();
      const code = await main(['run', '--seed', seed, '--out', join(dir, `${name}.md`), '--json', join(dir, `${name}.json`)], io);
      expect(code, io.err).toBe(0);
      expect(io.out).toBe('');
      return readFileSync(join(dir, `${name}.md`), 'utf8') + readFileSync(join(dir, `${name}.json`), 'utf8');
    };
    const first = await run('7', 'a');
    const again = await run('7', 'b');
    const other = await run('8', 'c');
    // The report names its chart folder after itself; compare with that name normalised.
    expect(again.replaceAll('b/', 'a/')).toBe(first);
    expect(other.replaceAll('c/', 'a/')).not.toBe(first);
    expect(first).toContain('| websocket |');
    expect(readFileSync(join(dir, 'b', 'catchment.svg'), 'utf8')).toBe(readFileSync(join(dir, 'a', 'catchment.svg'), 'utf8'));
  });
});
