/**
 * The scenario layer's second door, for the simulation: the normalised `Scenario` every other
 * layer consumes (types, defaults, units, limits), its errors, digest and checks, and nothing of
 * the file format. The simulate layer enters here, so a replication worker thread, which loads
 * that layer's modules, never loads the format's parsers (zod, yaml, the schemas): about 40 % of
 * the modules a worker loaded before its first replication (issue 13, parallel efficiency).
 * index.ts re-exports all of it beside the file format.
 */
export type {
  AllowanceSpec,
  CapacitySpec,
  ArchitectureNameInScenario,
  ClientsSpec,
  DiurnalSpec,
  DurationDistribution,
  EventRatesPerYearSpec,
  FlapSpec,
  HashAlgorithmName,
  IncidentClass,
  PopCapacity,
  PopSpec,
  PopsSpec,
  ProtocolName,
  ResolverSpec,
  ResponsePlanSpec,
  ResponseSpec,
  RoutingSpec,
  Scenario,
  ServersSpec,
  ServingSpec,
  TopologySpec,
  WorkloadSpec,
} from './scenario.js';
export { ScenarioError, formatFieldPath, type FieldPath, type ScenarioProblem } from './scenario-error.js';
export {
  MAX_DURATION_MS,
  MAX_RATE_PER_S,
  parseDurationMs,
  parseRatePerS,
  type DurationLimits,
  type RateLimits,
} from './units.js';
export { SCENARIO_LIMITS } from './limits.js';
export {
  ALL_ARCHITECTURES,
  ALL_PROTOCOLS,
  DEFAULT_ALLOWANCE,
  DEFAULT_ALLOWANCE_SOURCE,
  DEFAULT_EVENT_RATE_SOURCES,
  DEFAULT_EVENT_RATES_PER_YEAR,
  DEFAULT_REPLICATIONS,
} from './defaults.js';
export { popCapacityOf } from './pop-capacity.js';
export { checkScenarioCost, COST_LIMITS, estimateScenarioCost, type ScenarioCost } from './cost-estimate.js';
export { checkScenarioAgainstTopology, checkScenarioConsistency, popNames } from './consistency-checks.js';
export { canonicalScenarioJson, scenarioDigest } from './scenario-digest.js';
