/**
 * One run of the Internet-scale preset in a process of its own, for bench/internet.bench.ts:
 * `internet-run.ts DIVISOR` simulates scenarios/internet.yaml on the 2016 CAIDA graph with every
 * arrival rate divided by DIVISOR and prints {ms, sessions, peakRssMb} as JSON. A process per run
 * keeps one run's heap from inflating the next one's peak memory.
 */
import { fileURLToPath } from 'node:url';
import { loadScenarioFile } from '../src/scenario/index.js';
import { simulate } from '../src/simulate/index.js';
import { caidaFile2016 } from './caida-file.js';

const INTERNET_PRESET = fileURLToPath(new URL('../scenarios/internet.yaml', import.meta.url));
const CAIDA_2016 = caidaFile2016();

const divisor = Number(process.argv[2] ?? '1');
if (!(divisor >= 1)) {
  process.stderr.write(`internet-run: the divisor must be a number >= 1, got ${process.argv[2] ?? ''}\n`);
  process.exit(2);
}
const full = loadScenarioFile(INTERNET_PRESET, { topologyFile: CAIDA_2016 });
const scenario = { ...full, workload: full.workload.map((w) => ({ ...w, arrivalsPerS: w.arrivalsPerS / divisor })) };
const start = performance.now();
const result = await simulate(scenario);
const ms = performance.now() - start;
// resourceUsage().maxRSS is in KiB, over the life of this process (loading included).
process.stdout.write(JSON.stringify({ ms, sessions: result.sessions, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
