/**
 * One replicated reference run in a process of its own, for bench/replications.bench.ts:
 * `replications-run.ts WORKERS` simulates scenarios/reference.yaml (its default replications) on
 * WORKERS threads (1: in this thread) and prints {ms, digest} as JSON: the wall-clock time of the
 * simulate() call in a fresh process, as `anysim run` makes it (every thread starts cold), and a
 * digest of the result to check that thread counts agree. It runs the compiled package (dist/,
 * built by `npm run bench`), whose workers load their compiled entry as an installed anysim does.
 */
import { createHash } from 'node:crypto';
type Package = typeof import('../src/index.js');
const { referenceScenario, simulate } = (await import(new URL('../dist/index.js', import.meta.url).href)) as Package;

const workers = Number(process.argv[2] ?? '1');
if (!Number.isInteger(workers) || workers < 1) {
  process.stderr.write(`replications-run: WORKERS must be an integer >= 1, got ${process.argv[2] ?? ''}\n`);
  process.exit(2);
}
const start = performance.now();
const result = await simulate(referenceScenario(), { workers });
const ms = performance.now() - start;
process.stdout.write(JSON.stringify({ ms, digest: createHash('sha256').update(JSON.stringify(result)).digest('hex') }));
