/**
 * `anysim run` refuses bad inputs and outputs before any simulation (issue 14 item 5), writes
 * `--json -` to stdout (item 7), and names file:line for problems found once the topology is
 * loaded. Every refusal here must come from the checks, so each case also asserts that nothing
 * was written.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from './anysim.js';
import { recordingIo } from './recording-io.js';
import { TINY_TOPOLOGY, tinyScenario } from '../../test/tiny-inputs.js';

const root = mkdtempSync(join(tmpdir(), 'anysim-run-command-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const TINY = tinyScenario();

function file(name: string, text: string): string {
  const path = join(root, name);
  writeFileSync(path, text);
  return path;
}

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = recordingIo();
  const code = await main(['run', ...argv], io);
  return { code, out: io.out, err: io.err };
}

describe('anysim run: outputs checked before the run', () => {
  const scenario = file('tiny.yaml', TINY);
  const scenarioJson = file('tiny-json.json', JSON.stringify({ name: 'tiny', duration: '1m', topology: { synthetic: { ases: 100 } }, pops: { count: 2 }, workload: [{ protocol: 'dns-udp', arrivals: '1/s', duration: { fixed: '100ms' } }], architectures: ['edge'] }));
  mkdirSync(join(root, 'a-folder.md'));
  mkdirSync(join(root, 'taken'));
  writeFileSync(join(root, 'chart-clash'), 'a file where the chart folder goes');
  symlinkSync(join(root, 'loop.json'), join(root, 'loop.json'));
  execFileSync('mkfifo', [join(root, 'fifo.json')]);

  it.each([
    ['the JSON scenario itself as --json', [scenarioJson, '--json', scenarioJson], /^anysim: --json "?.*tiny-json\.json"?: is the scenario file; writing there would replace the input\n$/],
    ['a directory as --out', [scenario, '--out', join(root, 'a-folder.md')], /--out "?.*a-folder\.md"?: is a directory; expected a file name/],
    ['--json on the chart folder of --out', [scenario, '--out', join(root, 'r.json.md'), '--json', join(root, 'r.json')], /--json "?.*r\.json"?: is also --out \(its chart folder\)/],
    ['a file where the chart folder goes', [scenario, '--out', join(root, 'chart-clash.md')], /--out \(its chart folder\) "?.*chart-clash"?: is a file; expected a folder/],
    ['a name too long for the file system', [scenario, '--json', join(root, `${'n'.repeat(300)}.json`)], /is longer than 255 bytes/],
    ['a symlink loop', [scenario, '--json', join(root, 'loop.json')], /--json "?.*loop\.json"?: is a symbolic link loop/],
    ['a FIFO', [scenario, '--json', join(root, 'fifo.json')], /is not a regular file \(a FIFO, device or socket\)/],
    ['a folder under /proc', [scenario, '--json', '/proc/nonexistent/x.json'], /--json "?\/proc\/nonexistent\/x\.json"?: cannot create files in "?\/proc"?/],
    ['a folder under a file', [scenario, '--json', join(root, 'chart-clash', 'x.json')], /--json "?.*x\.json"?: (a folder on the path is a file|"?.*chart-clash"? is not a folder)/],
  ])('refuses %s with one line and exit 2, writing nothing', async (_name, argv, message) => {
    const before = readdirSync(root).sort();
    const scenarioText = readFileSync(scenarioJson, 'utf8');
    const { code, out, err } = await run(argv);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err.trimEnd().split('\n')).toHaveLength(1);
    expect(out).toBe('');
    expect(readdirSync(root).sort()).toEqual(before);
    expect(readFileSync(scenarioJson, 'utf8')).toBe(scenarioText);
  });

  it('--json - writes the results to stdout, the same bytes as the file', async () => {
    const toStdout = await run([scenario, '--json', '-']);
    expect(toStdout.code).toBe(0);
    const toFile = await run([scenario, '--json', join(root, 'taken', 'tiny.json')]);
    expect(toFile.code).toBe(0);
    expect(toStdout.out).toBe(readFileSync(join(root, 'taken', 'tiny.json'), 'utf8'));
    expect(JSON.parse(toStdout.out)).toHaveProperty('scenarioDigest');
  });
});

describe('anysim run: inputs and cost', () => {
  it('refuses a FIFO as scenario or topology at once', async () => {
    const fifo = join(root, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    expect((await run([fifo, '--json', join(root, 'p.json')])).err).toMatch(/pipe\.yaml: is a FIFO \(named pipe\); expected a scenario file/);
    const viaFlag = await run([file('t2.yaml', TINY), '--topology', fifo, '--json', join(root, 'p.json')]);
    expect(viaFlag.code).toBe(2);
    expect(viaFlag.err).toMatch(/^anysim: --topology: .*pipe\.yaml: is a FIFO/);
  });

  it('refuses /dev/zero as topology without reading it', async () => {
    const { code, err } = await run([file('t3.yaml', TINY), '--topology', '/dev/zero', '--json', join(root, 'z.json')]);
    expect(code).toBe(2);
    expect(err).toBe('anysim: --topology: /dev/zero: is a character device; expected a topology file (CAIDA as-rel) (only regular files are read)\n');
  });

  it('refuses a scenario above the cost limits at its line, and --no-limits lifts the limit', async () => {
    const huge = file('huge.yaml', TINY.replace('1m', '30d').replace('1/s', '10000000/s').replace('synthetic: { ases: 100 }', `caida: { file: ${join(root, 'missing.as-rel')} }`));
    const refused = await run([huge, '--json', join(root, 'h.json')]);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/huge\.yaml:6: workload\[0\]\.arrivals: the workload makes about 2\.59e13 sessions over 30d; the limit is 1\.00e9/);
    // With the limit lifted, the next check speaks: the topology file is missing (before any work).
    const lifted = await run([huge, '--json', join(root, 'h.json'), '--no-limits']);
    expect(lifted.code).toBe(2);
    expect(lifted.err).toMatch(/huge\.yaml:3: topology\.caida\.file: .*missing\.as-rel: no such file/);
  });

  it('refuses --replications that take the run above the cost limits, before any work; --no-limits lifts it', async () => {
    // 10,000/s for an hour is 3.6e7 sessions per replication: 28 replications pass 10^9.
    const busy = file('busy.yaml', TINY.replace('1m', '1h').replace('1/s', '10000/s').replace('synthetic: { ases: 100 }', `caida: { file: ${join(root, 'missing.as-rel')} }`));
    const refused = await run([busy, '--replications', '30', '--json', join(root, 'b.json')]);
    expect(refused.code).toBe(2);
    expect(refused.err).toBe(
      'anysim: run: --replications 30: 30 replications of about 3.60e7 sessions each make about 1.08e9 sessions to judge; the limit is 1.00e9 (docs/scenarios.md, Limits): run fewer replications, lower the arrival rates or the duration, or run it anyway with --no-limits\n',
    );
    expect((await run([busy, '--replications', '27', '--json', join(root, 'b.json')])).err).toMatch(/topology\.caida\.file: .*missing\.as-rel: no such file/);
    expect((await run([busy, '--replications', '30', '--json', join(root, 'b.json'), '--no-limits'])).err).toMatch(/topology\.caida\.file: .*missing\.as-rel: no such file/);
    expect(existsSync(join(root, 'b.json'))).toBe(false);
  });

  it('--topology replaces the CAIDA file but keeps the scenario\'s geography CSV', async () => {
    const original = file('geo-original.as-rel', TINY_TOPOLOGY);
    const replacement = file('geo-replacement.as-rel', TINY_TOPOLOGY);
    const csv = file('geo-six.csv', '1,50.1,8.7\n2,40.7,-74.0\n3,48.9,2.35\n4,51.5,-0.12\n5,52.5,13.4\n6,35.7,139.7\n');
    const scenario = file(
      'geo.yaml',
      `name: geo\nduration: 1m\ntopology: { caida: { file: ${original}, geography: ${csv} } }\npops:\n  sites:\n    - { name: a, upstreams: [3] }\n    - { name: b, upstreams: [4] }\nworkload:\n  - { protocol: dns-udp, arrivals: 1/s, duration: { fixed: 100ms } }\narchitectures: [edge]\n`,
    );
    const { code, out } = await run([scenario, '--topology', replacement, '--json', '-']);
    expect(code).toBe(0);
    const result = JSON.parse(out) as { scenario: { topology: unknown }; catchmentQuality: { locationSources: Record<string, number> } };
    expect(result.scenario.topology).toEqual({ kind: 'caida', file: replacement, geography: csv });
    // Every client AS is placed by the CSV's rows; none by the seeded fallback a lost CSV would leave.
    expect(result.catchmentQuality.locationSources['csv']).toBeGreaterThan(0);
    expect(result.catchmentQuality.locationSources['seeded-fallback']).toBe(0);
  });

  it('names file:line for problems found once the topology is loaded', async () => {
    const topology = file('six.as-rel', TINY_TOPOLOGY);
    const scenario = file(
      'sites.yaml',
      `name: sites\nduration: 1m\ntopology: { caida: { file: ${topology} } }\npops:\n  sites:\n    - { name: a, upstreams: [3] }\n    - { name: b, upstreams: [999] }\nworkload:\n  - { protocol: dns-udp, arrivals: 1/s, duration: { fixed: 100ms } }\narchitectures: [edge]\n`,
    );
    const { code, err } = await run([scenario, '--json', join(root, 's.json')]);
    expect(code).toBe(2);
    expect(err).toMatch(/^anysim: .*sites\.yaml:7: pops\.sites\[1\]\.upstreams\[0\]: upstream AS999 of PoP "b" is not in the CAIDA file/);
  });

  it('names file:line for an operator ASN the topology has, and for a topology too small for the PoPs', async () => {
    const topology = file('six-b.as-rel', TINY_TOPOLOGY);
    const base = `name: small\nduration: 1m\ntopology: { caida: { file: ${topology} } }\npops: { count: 2, upstreamsPerPop: UP }\nworkload:\n  - { protocol: dns-udp, arrivals: 1/s, duration: { fixed: 100ms } }\narchitectures: [edge]\nrouting: { operatorAsn: OP }\n`;
    const taken = await run([file('op.yaml', base.replace('UP', '2').replace('OP', '5')), '--json', join(root, 'op.json')]);
    expect(taken.code).toBe(2);
    expect(taken.err).toMatch(/op\.yaml:8: routing\.operatorAsn: AS5 is already an AS of the CAIDA file/);
    const tooFew = await run([file('few.yaml', base.replace('UP', '5').replace('OP', '64500')), '--json', join(root, 'few.json')]);
    expect(tooFew.code).toBe(2);
    expect(tooFew.err).toMatch(/few\.yaml:4: pops\.upstreamsPerPop: the topology has 4 transit ASes, fewer than the 5 upstreams each PoP needs/);
  });

  it('a flap process over the planner cap is refused at its line, even with --no-limits', async () => {
    const flaps = file('flaps.yaml', `${TINY.replace('1m', '30d')}flaps:\n  - { type: link-flaps, rate: 1/s, downTime: { fixed: 1s }, links: any }\n`);
    const { code, err } = await run([flaps, '--json', join(root, 'f.json'), '--no-limits']);
    expect(code).toBe(2);
    expect(err).toMatch(/flaps\.yaml:9: flaps\[0\]\.rate: more than 1000000 routing events planned \(the limit\)/);
    expect(existsSync(join(root, 'f.json'))).toBe(false);
  });

  it('cuts a message that would quote a huge input', async () => {
    const topology = file('long-line.as-rel', `${'x'.repeat(5_000_000)}\n`);
    const { code, err } = await run([file('t4.yaml', TINY), '--topology', topology, '--json', join(root, 'l.json')]);
    expect(code).toBe(2);
    expect(err.length).toBeLessThan(400);
    expect(err).toMatch(/long-line\.as-rel:1: expected "a\|b\|rel" or "a\|b\|rel\|source", got "x{80}"\.\.\. \(4999920 more characters\)/);
  });
});

describe('anysim on a closed stderr', () => {
  it('keeps the exit code of a usage error (2) when stderr is a closed pipe', () => {
    const mainPath = fileURLToPath(new URL('./main.ts', import.meta.url));
    const script = `
      const { spawn } = await import('node:child_process');
      const child = spawn(process.execPath, ['--import', 'tsx', ${JSON.stringify(mainPath)}, 'hash', '--algorithm', 'nope'], { stdio: ['ignore', 'ignore', 'pipe'] });
      child.stderr.destroy();
      child.on('exit', (code) => process.stdout.write(String(code)));`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(result.stdout).toBe('2');
  });
});
