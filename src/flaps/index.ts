/** Flap processes: what changes during a run, as inputs for routing, the PoP layer and sessions. */
export type { AttackRegion, AttackSourcesSpec, ClientFlipMode, FlapSpec } from './flap-spec.js';
export {
  FLAP_ACTIONS_MAX,
  FlapPlanError,
  nthCheckAfter,
  planFlaps,
  type ClientFlipProcess,
  type FlapPlan,
  type FlapPlanContext,
  type RoutingAction,
  type PlannedAttack,
  type PlannedOutage,
  type ServerChurnEvent,
  type TimedRoutingAction,
} from './flap-plan.js';
export { INCIDENT_CLASSES, IncidentTable, NO_INCIDENT, type Incident, type IncidentClass } from './incident.js';
export type { ResponseAction, ResponsePlanSpec, ResponseSpec, ResponseTrigger } from './response-spec.js';
export { addResponses, RESPONSE_FLAP_INDEX_BASE, ResponsePlanError, responseIndexOf } from './response-plan.js';
