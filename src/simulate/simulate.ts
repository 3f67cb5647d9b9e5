/**
 * `simulate(scenario)`: one whole run, layer by layer (ARCHITECTURE.md's data flow), repeated as
 * `scenario.replications` independent replications.
 *
 * Each replication (replication.ts):
 * 1. Topology and PoP sites (drawn again per replication when synthetic or placed by count);
 *    client ASes and their weights.
 * 2. Flap processes become a plan of routing inputs, site outages and server churn.
 * 3. Routing pass: BGP runs on a clock over the whole horizon (then to quiescence) with the plan's
 *    inputs; its forwarding-change stream is recorded as every client AS's catchment timeline.
 * 4. PoP layer: hashing tables, churn and outages as timelines; one instance of every serving
 *    architecture over it.
 * 5. Session pass: the sessions open at the start (stationary start), then arrivals of every
 *    protocol on a second clock, judged under every architecture against the recorded history
 *    (common random numbers), cut at the horizon (censored), and folded into counts by rxjs
 *    operators on the outcome stream. Memory does not grow with the session count.
 *
 * Then the replications' counts are summed and every rate gets a t-interval from the spread
 * between replications (metrics/replication-aggregate.ts). Replications run on this thread and
 * worker threads (replication-pool.ts), or on this thread alone; the result is the same bytes
 * either way.
 *
 * Random streams, all under the scenario's seed, per replication r under the prefix `rep/<r>/`
 * (none for r = 0): `topology`, `pops`, `flaps`, `client-flips`,
 * `routing/*`, `pop-layer`, `workload/<protocol>/arrivals`, `workload/<protocol>/sessions`,
 * `workload/<protocol>/alive-at-start`.
 */
import { isMainThread } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import {
  aggregateCosts,
  aggregateReplications,
  incidentResults,
  intervalMethod,
  mergeIncidentCounts,
  replicateResult,
  type ProtocolArchitectureResult,
} from '../metrics/index.js';
import { addressSpace, type ArchitectureName } from '../pop/index.js';
import { scenarioDigest, type Scenario } from '../scenario/model.js';
import { ROUTING_MODE } from '../sessions/index.js';
import { ANYSIM_VERSION } from '../version.js';
import { type PreparedRun, type RunPhase } from './prepare-run.js';
import { replicationOutput, type ReplicationOutput, type SessionPassTally } from './replication.js';
import { claimedReplications, type ReplicationHooks, type ReplicationSpan } from './replication-claims.js';
import { runReplicationsOnThreads } from './replication-pool.js';
import { compareResponsePlans, withResponseBreaks } from './response-comparison.js';
import type { SimulationResult } from './simulation-result.js';

/** Most worker threads one run uses. */
export const REPLICATION_WORKERS_MAX = 256;

/** Options of {@link simulate}. */
export interface SimulateOptions {
  /** Called with the share of all replications done, at most every 1 % of virtual time of each. */
  readonly onProgress?: (fraction: number) => void;
  /** Called as each stage of the shown replication starts: the topology, the routing pass, the session pass. */
  readonly onPhase?: (phase: RunPhase) => void;
  /**
   * Threads the replications run on: 1 runs them one after another in this thread; n > 1 runs
   * them on this thread and n - 1 worker threads. Default: one per core, at most one per
   * replication, and 1 when called from a worker thread (a sweep cell). The result does not
   * depend on it.
   */
  readonly workers?: number;
  /**
   * Called as each replication ends, with when and on which thread it ran and its CPU time
   * (bench/replications.bench.ts: where a two-thread run's time goes). Nothing is measured without it.
   */
  readonly onSpan?: (span: ReplicationSpan) => void;
}

/** The default thread count for `replications` replications. */
export function defaultReplicationWorkers(replications: number): number {
  return isMainThread ? Math.max(1, Math.min(availableParallelism(), replications, REPLICATION_WORKERS_MAX)) : 1;
}

/**
 * Runs `scenario`'s replications and returns its results (the object `anysim run --json` writes).
 * A scenario with several response plans runs once per plan over the same seed (common random
 * numbers, response-comparison.ts): the result is the first plan's run plus `responsePlans`.
 */
export async function simulate(scenario: Scenario, options: SimulateOptions = {}): Promise<SimulationResult> {
  const plans = scenario.responses ?? [];
  if (plans.length <= 1) return simulateRuns(scenario, options);
  const results: SimulationResult[] = [];
  for (const [p, plan] of plans.entries()) {
    const onProgress = options.onProgress;
    results.push(
      await simulateRuns(
        { ...scenario, responses: [plan] },
        {
          ...(options.workers === undefined ? {} : { workers: options.workers }),
          ...(p === 0 && options.onPhase !== undefined ? { onPhase: options.onPhase } : {}),
          ...(onProgress === undefined ? {} : { onProgress: (fraction: number) => onProgress((p + fraction) / plans.length) }),
        },
      ),
    );
  }
  const comparison = compareResponsePlans(
    plans.map((plan) => plan.name),
    plans.map((plan) => plan.responses.length),
    results,
  );
  return { ...results[0]!, scenario, scenarioDigest: scenarioDigest(scenario), responsePlans: comparison };
}

/** The replications of one run (one response plan at most). */
async function simulateRuns(scenario: Scenario, options: SimulateOptions): Promise<SimulationResult> {
  const replications = scenario.replications;
  const workers = options.workers ?? defaultReplicationWorkers(replications);
  if (!Number.isInteger(workers) || workers < 1 || workers > REPLICATION_WORKERS_MAX) {
    throw new RangeError(`workers must be an integer from 1 to ${REPLICATION_WORKERS_MAX}, got ${workers}`);
  }
  if (!Number.isInteger(replications) || replications < 1) throw new RangeError(`replications must be an integer >= 1, got ${replications}`);
  const done = new Float64Array(replications);
  const progress =
    options.onProgress === undefined
      ? undefined
      : (replication: number, fraction: number): void => {
          done[replication] = fraction;
          options.onProgress?.(done.reduce((a, b) => a + b, 0) / replications);
        };
  const hooks: ReplicationHooks = {
    ...(options.onPhase === undefined ? {} : { onPhase: options.onPhase }),
    ...(progress === undefined ? {} : { onProgress: progress }),
    ...(options.onSpan === undefined ? {} : { onSpan: options.onSpan }),
  };
  const outputs =
    workers === 1 || replications === 1
      ? [...claimedReplications(scenario, new Int32Array(1), hooks, 0)]
      : await runReplicationsOnThreads(scenario, Math.min(workers, replications), hooks);
  return combineReplications(scenario, outputs);
}

/** A single-replication result from a prepared run and its finished session pass (benchmarks). */
export function assembleResult(run: PreparedRun, pass: SessionPassTally): SimulationResult {
  return combineReplications({ ...run.scenario, replications: 1 }, [replicationOutput(run, pass, 0, true)]);
}

/**
 * The run's result from its replications' outputs (in replication order, the first with the
 * shown views).
 *
 * @throws Error if the outputs are not replications 0..R-1 in order, or the first has no views
 */
export function combineReplications(scenario: Scenario, outputs: readonly ReplicationOutput[]): SimulationResult {
  if (outputs.length !== scenario.replications || outputs.some((o, r) => o.replication !== r)) {
    throw new Error(`invariant: expected replications 0..${scenario.replications - 1} in order, got ${outputs.map((o) => o.replication).join(', ')}`);
  }
  const shown = outputs[0]!.shown;
  if (shown === undefined) throw new Error('invariant: replication 0 carries no routing views');
  const results: ProtocolArchitectureResult[] = aggregateReplications(outputs.map((o) => o.counts));
  return {
    anysimVersion: ANYSIM_VERSION,
    seed: scenario.seed,
    scenarioDigest: scenarioDigest(scenario),
    scenarioName: scenario.name,
    durationMs: scenario.durationMs,
    topology: shown.topology,
    pops: shown.pops,
    protocols: scenario.workload.map((w) => w.protocol),
    architectures: [...scenario.architectures],
    scenario,
    replications: scenario.replications,
    intervalMethod: intervalMethod(scenario.replications),
    sessions: outputs.reduce((n, o) => n + o.sessions, 0),
    results,
    replicates: outputs.map((o) => {
      const replicate = replicateResult(o.replication, o.sessions, o.openAtStart, o.counts);
      return scenario.responses === undefined ? replicate : withResponseBreaks(replicate, o.incidentCounts);
    }),
    shownReplication: 0,
    incidents: incidentResults(mergeIncidentCounts(outputs.map((o) => o.incidentCounts))),
    popLoad: shown.popLoad,
    catchment: shown.catchment,
    catchmentAroundEvents: shown.catchmentAroundEvents,
    catchmentZooms: shown.catchmentZooms,
    clientAsesMoved: shown.clientAsesMoved,
    clientUsersMovedShare: shown.clientUsersMovedShare,
    convergence: shown.convergence,
    unicastDnsFailoverMs: shown.unicastDnsFailoverMs,
    catchmentQuality: shown.catchmentQuality,
    catchmentUncertainty: shown.catchmentUncertainty,
    architectureCosts: aggregateCosts(
      outputs.map((o) => o.costCounts),
      scenario.durationMs,
    ),
    addressSpace: scenario.architectures.map((architecture) => ({
      architecture,
      ...addressSpace(ROUTING_MODE[architecture as ArchitectureName], shown.pops.length),
    })),
    ...(shown.attacks === undefined ? {} : { attacks: shown.attacks }),
  };
}
