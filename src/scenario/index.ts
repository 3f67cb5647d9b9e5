/**
 * The scenario layer's only door: the scenario file format (YAML or JSON, schema-validated, units
 * as strings) and the normalised `Scenario` every other layer consumes. See docs/scenarios.md.
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
export { FLAP_TYPES } from './flap-schema.js';
export { RESPONSE_ACTIONS } from './response-schema.js';
export { popCapacityOf } from './capacity-schema.js';
export { scenarioFileSchema, type ScenarioFile } from './schema.js';
export {
  MAX_SCENARIO_FILE_BYTES,
  loadScenarioFile,
  locateScenarioProblems,
  parseScenarioText,
  parseScenarioValue,
  readScenarioFileText,
  type ScenarioReadOptions,
} from './load-scenario.js';
export { DECIMAL_NUMBER, nonDecimalNumbers } from './decimal-numbers.js';
export { checkScenarioCost, COST_LIMITS, estimateScenarioCost, type ScenarioCost } from './cost-estimate.js';
export { SUBSTITUTED_FIELDS, type ScenarioEnvironment } from './environment-substitution.js';
export { checkScenarioAgainstTopology, checkScenarioConsistency, popNames } from './consistency-checks.js';
export { SCENARIO_JSON_SCHEMA_ID, scenarioJsonSchema } from './json-schema.js';
export { canonicalScenarioJson, scenarioDigest } from './scenario-digest.js';
export { REFERENCE_SCENARIO_TEXT, REFERENCE_SCENARIO_URL, referenceScenario } from './reference-scenario.js';
export { scenarioToFileObject, scenarioToYaml, type ScenarioFileObject } from './scenario-file-writer.js';
