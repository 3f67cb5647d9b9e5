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
export type { ReplicationSpan } from './replication-claims.js';
export {
  catchmentQuality,
  FAR_EXTRA_KM,
  NEAREST_TOLERANCE_KM,
  QUALITY_EVENTS_MAX,
  weightedPercentiles,
  type CatchmentQualityFigures,
  type CatchmentQualityInput,
  type CatchmentQualityResult,
  type EventQualityRow,
  type PopQualityRow,
  type WeightedPercentiles,
} from './catchment-quality.js';
export { runCatchmentQuality } from './run-catchment-quality.js';
export {
  catchmentUncertainty,
  RANDOM_TIE_BREAK_SEEDS,
  type CatchmentUncertaintyInput,
  type CatchmentUncertaintyResult,
  type PopShareRange,
} from './catchment-uncertainty.js';
export { runCatchmentUncertainty } from './run-catchment-uncertainty.js';
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
