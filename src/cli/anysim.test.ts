import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './anysim.js';
import { recordingIo } from './recording-io.js';

describe('anysim CLI', () => {
  it('--help lists the commands; --version prints the package version', async () => {
    const help = recordingIo();
    expect(await main(['--help'], help)).toBe(0);
    for (const command of ['run', 'catchment', 'converge', 'hash', 'schema']) expect(help.out).toContain(`  ${command}`);
    const version = recordingIo();
    expect(await main(['--version'], version)).toBe(0);
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(version.out.trim()).toBe(pkg.version);
  });

  it('usage errors exit 2 with one line on stderr and nothing on stdout', async () => {
    for (const argv of [['frobnicate'], ['run', '--bogus'], ['run', 'a.yaml', 'b.yaml'], ['run', '--out', 'report.txt'], ['run', '--replications', '0'], ['run', '--replications', '2.5']]) {
      const io = recordingIo();
      expect(await main(argv, io), argv.join(' ')).toBe(2);
      expect(io.out).toBe('');
      expect(io.err.trim().split('\n')).toHaveLength(1);
      expect(io.err).not.toMatch(/\n\s+at /);
    }
  });

  it('a missing or malformed scenario file names the file and exits 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'anysim-cli-'));
    const missing = recordingIo();
    expect(await main(['run', join(dir, 'nope.yaml'), '--json', join(dir, 'x.json')], missing)).toBe(2);
    expect(missing.err).toContain('nope.yaml');
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'name: bad\nduration: -5m\ntopology: { synthetic: { ases: 300 } }\npops: { count: 2 }\nworkload: []\n');
    const io = recordingIo();
    expect(await main(['run', bad, '--json', join(dir, 'bad.json')], io)).toBe(2);
    expect(io.err).toContain('bad.yaml');
    expect(io.err).toContain('duration');
    expect(existsSync(join(dir, 'bad.json'))).toBe(false);
  });

  it('bad scenarios as a new user writes them: a clear message naming the problem, exit 2, nothing written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'anysim-bad-'));
    const base = (body: string): string =>
      `name: bad\nduration: 10m\n${body}\nworkload:\n  - { protocol: http-short, arrivals: 1/s, duration: { fixed: 5s } }\n`;
    const cases: [string, string, RegExp][] = [
      ['wrong-type', base('topology: { synthetic: { ases: "many" } }\npops: { count: 2 }'), /ases/],
      ['unknown-field', base('topology: { synthetic: { ases: 300 } }\npops: { count: 2 }\ncolour: blue'), /colour/],
      ['negative-duration', base('topology: { synthetic: { ases: 300 } }\npops: { count: 2 }').replace('10m', '-10m'), /duration/],
      ['absurd-duration', base('topology: { synthetic: { ases: 300 } }\npops: { count: 2 }').replace('10m', '9000d'), /duration/],
      ['empty-topology', base('topology: { synthetic: { ases: 0 } }\npops: { count: 2 }'), /ases/],
      ['unknown-upstream', base('topology: { synthetic: { ases: 300 } }\npops: { sites: [{ name: fra, upstreams: [4294967000] }] }'), /4294967000/],
      ['missing-caida', base('topology: { caida: { file: /nonexistent/as-rel.txt } }\npops: { count: 2 }'), /nonexistent/],
    ];
    for (const [name, text, mentions] of cases) {
      const file = join(dir, `${name}.yaml`);
      writeFileSync(file, text);
      const io = recordingIo();
      expect(await main(['run', file, '--json', join(dir, `${name}.json`)], io), `${name}: ${io.err}`).toBe(2);
      expect(io.err, name).toMatch(mentions);
      expect(io.err, name).not.toMatch(/\n\s+at /);
      expect(existsSync(join(dir, `${name}.json`)), name).toBe(false);
    }
  });

  it('run --seed 7 twice writes byte-identical reports; --seed 8 a different one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'anysim-cli-'));
    const run = async (seed: string, name: string): Promise<string> => {
      const io = recordingIo();
      const code = await main(['run', '--seed', seed, '--replications', '2', '--out', join(dir, `${name}.md`), '--json', join(dir, `${name}.json`)], io);
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
    expect(first).toContain('"replications": 2');
    expect(readFileSync(join(dir, 'b', 'catchment.svg'), 'utf8')).toBe(readFileSync(join(dir, 'a', 'catchment.svg'), 'utf8'));
  });
});
