/**
 * The scenario layer's main door: the scenario file format (YAML or JSON, schema-validated, units
 * as strings) and the normalised `Scenario` every other layer consumes. See docs/scenarios.md.
 * model.ts is the second door, to the model without the file format (what the simulation loads).
 */
export * from './model.js';
export { FLAP_TYPES } from './flap-schema.js';
export { RESPONSE_ACTIONS } from './response-schema.js';
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
export { SUBSTITUTED_FIELDS, type ScenarioEnvironment } from './environment-substitution.js';
export { SCENARIO_JSON_SCHEMA_ID, scenarioJsonSchema } from './json-schema.js';
export { REFERENCE_SCENARIO_TEXT, REFERENCE_SCENARIO_URL, referenceScenario } from './reference-scenario.js';
export { scenarioToFileObject, scenarioToYaml, type ScenarioFileObject } from './scenario-file-writer.js';
