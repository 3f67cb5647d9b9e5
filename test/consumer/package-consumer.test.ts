/**
 * anysim as a dependency of another project (issue 14, item 2): `npm pack` (which builds dist/
 * through `prepare`), install the tarball into a new project that has nothing else but typescript
 * and @types/node (fast-check arrives as anysim's peer dependency), then
 * - plain `node` imports simulate, arbitraryScenario and maglevTable and uses them, composing
 *   anysim's arbitrary with the project's own fast-check;
 * - `tsc --noEmit` with strict settings and no skipLibCheck accepts a file using the public API,
 *   so the published types need nothing the project lacks (no seedrandom or tinypool types);
 * - `npx anysim --version`, `catchment` and a two-cell `sweep` (worker threads on the compiled
 *   worker file) work;
 * - `npx anysim run` reproduces reports/reference.md (like src/cli/reference-report.test.ts, which
 *   checks the sources: regenerate with `npm run reports` when the model changes);
 * - the same import and type check pass with fast-check 3 (the peer range is ^3.23.0 || ^4.0.0).
 * npm is asked to prefer its cache: no network beyond the npm registry, and none when the cache
 * holds the packages.
 */
import { execFileSync, spawnSync, type ExecFileSyncOptions } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../fixtures/catchment/', import.meta.url));
const ownPackage = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  version: string;
  devDependencies: Record<string, string>;
};

const root = mkdtempSync(join(tmpdir(), 'anysim-consumer-'));
const project = join(root, 'project');
afterAll(() => rmSync(root, { recursive: true, force: true }));

function run(command: string, args: readonly string[], options: ExecFileSyncOptions = {}): string {
  return execFileSync(command, [...args], { cwd: project, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options }) as string;
}

/** Type-checks, strictly and with the libraries' own types checked too, a file using the public API. */
function typeCheckConsumer(): void {
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: false, noEmit: true, types: ['node'] },
      include: ['use.ts'],
    }),
  );
  writeFileSync(
    join(project, 'use.ts'),
    [
      "import fc from 'fast-check';",
      "import { arbitraryScenario, arbitraryTopology, checkScenarioProperty, maglevTable, referenceScenario, simulate, steadyStateCatchment, type Scenario, type SimulationResult } from 'anysim';",
      'const scenarios: fc.Arbitrary<Scenario> = arbitraryScenario({ maxPops: 4 });',
      'export async function check(): Promise<void> {',
      '  const result: SimulationResult = await simulate(referenceScenario());',
      '  const broken: number = result.results[0]?.brokenFraction.estimate ?? 0;',
      '  const table: number[] = await maglevTable([\'a\', \'b\'], 13);',
      '  await checkScenarioProperty(fc.tuple(scenarios, fc.nat()).map(([s]) => s), async (s) => (await simulate(s)).sessions >= 0, { numRuns: 1 });',
      '  fc.assert(fc.property(arbitraryTopology({ maxAses: 20 }), fc.nat(), (graph, n) => steadyStateCatchment(graph, [graph.asnAt(n % graph.asCount)]).servingOrigin.length === graph.asCount));',
      '  console.log(broken, table.length);',
      '}',
    ].join('\n'),
  );
  const tsc = spawnSync(join(project, 'node_modules', '.bin', 'tsc'), ['--noEmit', '-p', '.'], { cwd: project, encoding: 'utf8' });
  expect(`${tsc.stdout}${tsc.stderr}`).toBe('');
  expect(tsc.status).toBe(0);
}

let tarball = '';

beforeAll(() => {
  mkdirSync(project, { recursive: true });
  const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', root], { cwd: REPO })) as { filename: string }[];
  tarball = join(root, packed[0]!.filename);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2));
  run('npm', [
    'install',
    '--prefer-offline',
    '--no-audit',
    '--no-fund',
    tarball,
    `typescript@${ownPackage.devDependencies['typescript']}`,
    `@types/node@${ownPackage.devDependencies['@types/node']}`,
  ]);
});

describe('anysim installed from its tarball', () => {
  it('ships dist, README, LICENSE, scenarios and sweeps only, and no tsx, esbuild or test file', () => {
    const listing = run('tar', ['-tzf', tarball]).trim().split('\n').map((path) => path.replace(/^package\//, ''));
    const tops = new Set(listing.map((path) => path.split('/')[0]));
    expect([...tops].sort()).toEqual(['LICENSE', 'README.md', 'dist', 'package.json', 'scenarios', 'sweeps']);
    expect(listing.filter((path) => /\.test\.|\.ts$/.test(path) && !path.endsWith('.d.ts'))).toEqual([]);
    // The replication worker's one-file entry (src/worker-module.ts), which `anysim run` below starts.
    expect(listing).toContain('dist/simulate/replication-thread.bundle.js');
    const installed = readdirSync(join(project, 'node_modules'));
    expect(installed).toContain('fast-check');
    expect(installed).not.toContain('tsx');
    expect(installed).not.toContain('esbuild');
    expect(installed).not.toContain('vitest');
  });

  it('plain node imports simulate, arbitraryScenario and maglevTable, and the arbitraries compose with the project\'s fast-check', () => {
    writeFileSync(
      join(project, 'use.mjs'),
      [
        "import fc from 'fast-check';",
        "import { arbitraryScenario, maglevTable, simulate } from 'anysim';",
        // Maglev paper Table 1 is for its own permutations; here the table's shape: M slots, every backend used.
        "const table = await maglevTable(['b0', 'b1', 'b2'], 7);",
        'const [scenario] = fc.sample(fc.tuple(arbitraryScenario({ maxPops: 3, maxAses: 120, maxDurationMs: 120000 }), fc.nat()).map(([s]) => s), { numRuns: 1, seed: 7 });',
        'const result = await simulate(scenario);',
        'console.log(JSON.stringify({ table, sessions: result.sessions, rows: result.results.length }));',
      ].join('\n'),
    );
    const output = JSON.parse(run('node', ['use.mjs'])) as { table: number[]; sessions: number; rows: number };
    expect(output.table).toHaveLength(7);
    expect(new Set(output.table)).toEqual(new Set([0, 1, 2]));
    expect(output.sessions).toBeGreaterThan(0);
    expect(output.rows).toBeGreaterThan(0);
  });

  it('tsc --noEmit accepts a strict file using the public API with only typescript and @types/node', () => {
    typeCheckConsumer();
  });

  it('npx anysim prints the version, a catchment, and runs a sweep on the compiled worker', () => {
    expect(run('npx', ['--no-install', 'anysim', '--version']).trim()).toBe(ownPackage.version);
    const catchment = JSON.parse(run('npx', ['--no-install', 'anysim', 'catchment', '--topology', join(FIXTURES, 'diamond.as-rel'), '--origins', '1', '--json'])) as unknown;
    expect(catchment).toEqual(JSON.parse(readFileSync(join(FIXTURES, 'diamond.origins-1.json'), 'utf8')));
    writeFileSync(
      join(project, 'tiny.yaml'),
      [
        'name: tiny',
        'scenario:',
        '  name: tiny',
        '  duration: 5m',
        '  topology: { synthetic: { ases: 120 } }',
        '  pops: { count: 3 }',
        '  flaps:',
        '    - { type: pop-withdraw, pop: pop-1, at: 1m, reannounceAt: 3m }',
        '  workload:',
        '    - { protocol: websocket, arrivals: 2/s, duration: { fixed: 2m } }',
        'seeds: [1, 2]',
        '',
      ].join('\n'),
    );
    run('npx', ['--no-install', 'anysim', 'sweep', 'tiny.yaml', '--out', 'tiny-sweep', '--workers', '2']);
    expect(readdirSync(join(project, 'tiny-sweep', 'cells')).filter((name) => name.endsWith('.json'))).toHaveLength(2);
    expect(existsSync(join(project, 'tiny-sweep', 'sweep.md'))).toBe(true);
  });

  it('npx anysim run writes the committed reference report byte for byte: the compiled package computes what the sources do', () => {
    run('npx', ['--no-install', 'anysim', 'run', '--out', 'reference.md', '--json', 'reference.json']);
    for (const file of ['reference.md', 'reference.json']) {
      expect(readFileSync(join(project, file), 'utf8'), file).toBe(readFileSync(join(REPO, 'reports', file), 'utf8'));
    }
  });

  it('works the same with a project on fast-check 3', () => {
    run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', 'fast-check@^3.23.0']);
    const installed = JSON.parse(readFileSync(join(project, 'node_modules', 'fast-check', 'package.json'), 'utf8')) as { version: string };
    expect(installed.version).toMatch(/^3\./);
    const output = JSON.parse(run('node', ['use.mjs'])) as { table: number[]; sessions: number };
    expect(output.table).toHaveLength(7);
    expect(output.sessions).toBeGreaterThan(0);
    typeCheckConsumer();
  });
});
