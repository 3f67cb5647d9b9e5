/**
 * `npm run bench`: runs every benchmark suite and writes reports/bench.md — each figure beside the
 * baseline measured in the same run, the ratio, the goal, and the machine. Figures are wall-clock
 * and vary between machines and runs; the ratios are what to compare. `npm run bench -- SUITE`
 * runs suites alone and prints their table; with `--update` it also puts their rows in place of
 * the same suites' rows in reports/bench.md (each suite measures its baselines in its own process,
 * so rows of suites run at different times stay comparable within themselves), and the file says
 * which suites were re-run alone.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
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

const BENCH_MD = 'reports/bench.md';
const UPDATE = '--update';
const update = process.argv.includes(UPDATE);
const only = process.argv.slice(2).filter((arg) => arg !== UPDATE);
for (const name of only) {
  if (!SUITES.some((suite) => suite.name === name)) {
    process.stderr.write(`bench: no suite "${name}"; suites: ${SUITES.map((suite) => suite.name).join(', ')}\n`);
    process.exit(2);
  }
}
if (update && (only.length === 0 || !existsSync(BENCH_MD))) {
  process.stderr.write(`bench: ${UPDATE} needs suite names and an existing ${BENCH_MD} (run \`npm run bench\` in full first)\n`);
  process.exit(2);
}
const RERUN_NOTE = 'Re-run alone after the full run (`npm run bench -- SUITE --update`): ';
/** The rows and the re-run note of the current reports/bench.md, for --update. */
const previous = update ? readFileSync(BENCH_MD, 'utf8').split('\n') : [];
const rerunBefore = previous.find((line) => line.startsWith(RERUN_NOTE))?.slice(RERUN_NOTE.length).replace(/\.$/, '').split(', ') ?? [];
const lines: string[] = [];
for (const suite of SUITES) {
  if (only.length > 0 && !only.includes(suite.name)) {
    if (update) lines.push(...previous.filter((line) => line.startsWith(`| ${suite.name} | `)));
    continue;
  }
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
  'Regenerate with `npm run bench` (a suite alone, printed and not saved: `npm run bench -- sessions`; its rows replaced here: `npm run bench -- sessions --update`).',
  ...(update ? [`${RERUN_NOTE}${[...new Set([...rerunBefore, ...only])].join(', ')}.`] : []),
  '',
  '| suite | figure | value | baseline | ratio | goal | status |',
  '| --- | --- | ---: | --- | ---: | --- | --- |',
  ...lines,
  '',
].join('\n');
if (only.length === 0 || update) {
  writeFileAtomic(BENCH_MD, report);
  process.stderr.write(`wrote ${BENCH_MD}\n`);
} else {
  // A partial run does not overwrite the full table.
  process.stdout.write(report);
}
