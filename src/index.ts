/**
 * anysim's public library API: run scenarios (`simulate`), load and validate scenario files, and
 * the building blocks other teams' tools and property suites use (topologies and their
 * arbitraries, the catchment solver, consistent hashing, per-PoP load).
 */
export { simulate, architectureApplies, type ReplicationSpan, type SimulateOptions, type SimulationResult } from './simulate/index.js';
export type { CatchmentSharePoint, ConvergenceResult, ConvergenceWindow, RoutingEventResult } from './simulate/index.js';
export {
  loadScenarioFile,
  parseScenarioText,
  parseScenarioValue,
  referenceScenario,
  scenarioDigest,
  scenarioJsonSchema,
  ScenarioError,
  parseDurationMs,
  parseRatePerS,
  scenarioToFileObject,
  scenarioToYaml,
  type Scenario,
  type WorkloadSpec,
  type FlapSpec,
} from './scenario/index.js';
export {
  arbitraryFlapSchedule,
  arbitraryPopPlacement,
  arbitraryScenario,
  arbitraryTopology,
  arbitraryWorkload,
  checkScenarioProperty,
  classifyScenario,
  compareScenarioSize,
  scenarioSize,
  writeFailingScenario,
  type ArbitraryFlapScheduleOptions,
  type ArbitraryPopPlacementOptions,
  type ArbitraryScenarioOptions,
  type ArbitraryWorkloadOptions,
  type ScenarioPredicate,
  type ScenarioPropertyParameters,
} from './arbitraries/index.js';
export {
  replicationInterval,
  wilsonInterval,
  type ProportionInterval,
  type ProtocolArchitectureResult,
  type ReplicatePairResult,
  type ReplicateResult,
  type ReplicationInterval,
} from './metrics/index.js';
export {
  generateSyntheticTopology,
  loadAsRelFile,
  parseAsRel,
  AsGraph,
  TopologyError,
  type AnycastDeployment,
  type PopSite,
} from './topology/index.js';
export { BgpSimulation, steadyStateCatchment, catchmentMap, BLACKHOLE, LOOP } from './routing/index.js';
export {
  computePopLoad,
  LOAD_BIN_MS,
  PopLoad,
  type AttackLoad,
  type LoadFlow,
  type LoadThreshold,
  type PopCapacity,
  type PopLoadInput,
  type RateUnit,
  type TrafficKind,
} from './load/index.js';
export { jumpHash, maglevPopulate, maglevTable, createArchitecture, PopLayerModel, type ArchitectureName, type BreakCause } from './pop/index.js';
export { Clock, RandomStreams, type RandomStream } from './sim/index.js';
export { loadSweepFile, mergeSweeps, runSweep, SweepError, type SweepRun, type SweepSummary } from './sweep/index.js';
export { ANYSIM_VERSION } from './version.js';
