/** One whole run: `simulate(scenario)`, its stages for benchmarks, and its result type. */
export { architectureApplies, prepareRun, replicationPrefix, type PreparedRun, type RunPhase } from './prepare-run.js';
export { needsLoadPass, runLoadPass, type LoadPassInput, type ResolvedAttack, type RunLoad } from './run-load.js';
export { runReplication, runSessionPass, type ReplicationOutput, type SessionPassTally, type ShownViews } from './replication.js';
export {
  assembleResult,
  combineReplications,
  defaultReplicationWorkers,
  REPLICATION_WORKERS_MAX,
  simulate,
  type SimulateOptions,
} from './simulate.js';
export type {
  AttackPhase,
  AttackView,
  CatchmentAroundEvent,
  CatchmentSharePoint,
  CatchmentShift,
  CatchmentTimelineResult,
  CatchmentZoom,
  PopLoadView,
  ResponseComparison,
  ResponsePlanPairResult,
  ResponsePlanResult,
  ResponseVerdict,
  ConvergenceResult,
  ConvergenceWindow,
  RoutingEventResult,
  SimulationResult,
} from './simulation-result.js';
export { NO_ROUTE as NO_ROUTE_LABEL, OTHER_POPS as OTHER_POPS_LABEL } from './pop-groups.js';
