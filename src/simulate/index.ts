/** One whole run: `simulate(scenario)`, its stages for benchmarks, and its result type. */
export { architectureApplies, prepareRun, type PreparedRun, type RunPhase } from './prepare-run.js';
export { assembleResult, runSessionPass, simulate, type SimulateOptions } from './simulate.js';
export type {
  CatchmentAroundEvent,
  CatchmentSharePoint,
  CatchmentShift,
  CatchmentTimelineResult,
  CatchmentZoom,
  PopLoadView,
  ConvergenceResult,
  ConvergenceWindow,
  RoutingEventResult,
  SimulationResult,
} from './simulation-result.js';
