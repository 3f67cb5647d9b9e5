/**
 * Runs one benchmark suite in this process and prints its figures as JSON on stdout. bench/main.ts
 * starts one process per suite, so a suite's memory figures and timings are not disturbed by the
 * heap another suite left behind (the CAIDA graph of the routing suite, say).
 */
import { SUITES } from './suites.js';

const name = process.argv[2];
const suite = SUITES.find((s) => s.name === name);
if (suite === undefined) {
  process.stderr.write(`bench: no suite "${name ?? ''}"; suites: ${SUITES.map((s) => s.name).join(', ')}\n`);
  process.exit(2);
}
process.stdout.write(JSON.stringify(await suite.run()));
