/** Every benchmark suite, in the order bench.md lists them. */
import type { BenchSuite } from './bench-figure.js';
import { internetBench } from './internet.bench.js';
import { popBench } from './pop.bench.js';
import { replicationsBench } from './replications.bench.js';
import { routingBench } from './routing.bench.js';
import { sessionsBench } from './sessions.bench.js';
import { startupBench } from './startup.bench.js';
import { sweepBench } from './sweep.bench.js';

export const SUITES: readonly BenchSuite[] = [startupBench, routingBench, popBench, sessionsBench, internetBench, sweepBench, replicationsBench];
