/**
 * The arbitraries layer's only door: fast-check arbitraries of PoP placements, flap schedules,
 * workloads and whole scenarios for property suites (ours and other teams'), the helper that
 * writes a failing scenario to a file `anysim run` reproduces, and the measures the properties
 * report uses (scenario size, classification), and small valley-free AS topologies
 * (`arbitraryTopology`, here rather than in the topology layer so that loading a topology never
 * loads fast-check). See docs/properties.md.
 */
export {
  checkScenarioProperty,
  DEFAULT_FAILURE_DIRECTORY,
  FAILURE_DIRECTORY_VARIABLE,
  writeFailingScenario,
  type FailingScenarioFile,
  type ScenarioPredicate,
  type ScenarioPropertyParameters,
} from './check-scenario-property.js';
export {
  ARBITRARY_FLAP_TYPES,
  ARBITRARY_FLAPS_MAX,
  arbitraryFlapSchedule,
  type ArbitraryFlapScheduleOptions,
  type ArbitraryFlapType,
  type FlapScheduleContext,
} from './flap-schedule-arbitrary.js';
export { ARBITRARY_POPS_MAX, arbitraryPopPlacement, type ArbitraryPopPlacementOptions } from './pop-placement-arbitrary.js';
export {
  ARBITRARY_SCENARIO_ASES_MAX,
  ARBITRARY_SCENARIO_DURATION_MS_MAX,
  arbitraryScenario,
  type ArbitraryScenarioOptions,
} from './scenario-arbitrary.js';
export { arbitraryTopology, ARBITRARY_TOPOLOGY_MAX_ASES, type ArbitraryTopologyOptions } from './topology-arbitrary.js';
export { classifyScenario, scenarioHasServerChurn, scenarioIsLossless } from './scenario-classification.js';
export { compareScenarioSize, scenarioSize, type ScenarioSize } from './scenario-size.js';
export {
  ARBITRARY_ARRIVALS_PER_S_MAX,
  ARBITRARY_SESSION_MS_MAX,
  arbitraryWorkload,
  type ArbitraryWorkloadOptions,
} from './workload-arbitrary.js';
