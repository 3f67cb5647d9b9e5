/**
 * One replicated reference run in a process of its own, for bench/replications.bench.ts:
 * `replications-run.ts WORKERS` simulates scenarios/reference.yaml (its default replications) on
 * WORKERS threads (1: in this thread) and prints {ms, digest} as JSON: the wall-clock time of the
 * simulate() call in a fresh process, as `anysim run` makes it (every thread starts cold), and a
 * digest of the result to check that thread counts agree. The worker bundle is built before the
 * clock starts: a process pays that once, and compiled worker files do not pay it at all.
 */
import { createHash } from 'node:crypto';
import { referenceScenario } from '../src/scenario/index.js';
import { replicationWorkerUrl, simulate } from '../src/simulate/index.js';

const workers = Number(process.argv[2] ?? '1');
if (!Number.isInteger(workers) || workers < 1) {
  process.stderr.write(`replications-run: WORKERS must be an integer >= 1, got ${process.argv[2] ?? ''}\n`);
  process.exit(2);
}
if (workers > 1) await replicationWorkerUrl();
const start = performance.now();
const result = await simulate(referenceScenario(), { workers });
const ms = performance.now() - start;
process.stdout.write(JSON.stringify({ ms, digest: createHash('sha256').update(JSON.stringify(result)).digest('hex') }));
