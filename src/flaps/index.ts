/** Flap processes: what changes during a run, as inputs for routing, the PoP layer and sessions. */
export type { ClientFlipMode, FlapSpec } from './flap-spec.js';
export {
  FLAP_ACTIONS_MAX,
  FlapPlanError,
  nthCheckAfter,
  planFlaps,
  type ClientFlipProcess,
  type FlapPlan,
  type FlapPlanContext,
  type RoutingAction,
  type PlannedOutage,
  type ServerChurnEvent,
  type TimedRoutingAction,
} from './flap-plan.js';
export { INCIDENT_CLASSES, IncidentTable, NO_INCIDENT, type Incident, type IncidentClass } from './incident.js';
