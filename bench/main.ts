/**
 * `npm run bench`: runs every benchmark suite and writes reports/bench.md — each figure beside the
 * baseline measured in the same run, the ratio, the goal, and the machine. Figures are wall-clock
 * and vary between machines and runs; the ratios are what to compare.
 */
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../src/report/index.js';
import type { BenchFigure } from './bench-figure.js';
import { SUITES } from './suites.js';

const RUN_SUITE = fileURLToPath(new URL('./run-suite.ts', import.meta.url));

/** Runs one suite in a fresh Node process (with tsx) and returns its figures. */
function runSuiteInChild(name: string): BenchFigure[] {
  const child = spawnSync(process.execPath, ['--import', 'tsx', RUN_SUITE, name], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 2 ** 20,
  });
  if (child.status !== 0) throw new Error(`bench: suite ${name} failed (exit ${child.status ?? child.signal})`);
  return JSON.parse(child.stdout) as BenchFigure[];
}

function format(value: number): string {
  if (Math.abs(value) >= 1e6) return `${(value / 1e6).toFixed(2)} M`;
  if (Math.abs(value) >= 1e4) return `${(value / 1e3).toFixed(1)} k`;
  if (Math.abs(value) >= 100) return value.toFixed(0);
  return value.toPrecision(3);
}

function row(suite: string, f: BenchFigure): string {
  const ratio = f.baseline === undefined || f.baseline.value === 0 ? '–' : `${(f.value / f.baseline.value).toFixed(2)}`;
  const met = f.goalMet === undefined ? '' : f.goalMet ? 'met' : 'missed';
  return `| ${suite} | ${f.name} | ${format(f.value)} ${f.unit} | ${f.baseline === undefined ? '–' : `${f.baseline.name}: ${format(f.baseline.value)} ${f.unit}`} | ${ratio} | ${f.goal ?? '–'} | ${met} |`;
}

const only = process.argv.slice(2);
const lines: string[] = [];
for (const suite of SUITES) {
  if (only.length > 0 && !only.includes(suite.name)) continue;
  process.stderr.write(`bench: ${suite.name}...\n`);
  const figures = runSuiteInChild(suite.name);
  for (const f of figures) {
    lines.push(row(suite.name, f));
    process.stderr.write(`  ${f.name}: ${format(f.value)} ${f.unit}${f.baseline ? ` (baseline ${format(f.baseline.value)})` : ''}\n`);
  }
}
const cpu = cpus()[0]?.model ?? 'unknown CPU';
const report = [
  '# anysim benchmarks',
  '',
  `Machine: ${cpus().length} cores (${cpu}), Node.js ${process.version}, ${process.platform}/${process.arch}.`,
  'Each suite runs in its own process; each figure sits beside a baseline measured in the same run; the ratio is figure / baseline.',
  'Regenerate with `npm run bench` (a suite alone, printed and not saved: `npm run bench -- sessions`).',
  '',
  '| suite | figure | value | baseline | ratio | goal | status |',
  '| --- | --- | ---: | --- | ---: | --- | --- |',
  ...lines,
  '',
].join('\n');
if (only.length === 0) {
  writeFileAtomic('reports/bench.md', report);
  process.stderr.write('wrote reports/bench.md\n');
} else {
  // A partial run does not overwrite the full table.
  process.stdout.write(report);
}
