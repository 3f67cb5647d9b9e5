/**
 * Incidents: the unit a design review counts (ARCHITECTURE.md, Outputs: "per-incident impact and
 * time to recover"). One incident is one occurrence of a flap process: a PoP withdrawn and
 * re-announced, a link that goes down and comes back, a site that dies, a server churn step, one
 * client flip. Every routing input, site outage and churn step of a flap plan names the incident
 * it belongs to, so a broken session can be blamed on the incident (and the flap process,
 * `flaps[i]`) that broke it, rather than on whatever happened to be the last event before it.
 * Breaks of one incident are clustered (they share ASes and an instant): statistics over them
 * treat the incident, not the session, as the independent unit.
 */

/** The classes of incident a report groups by; one per flap process type. */
export type IncidentClass =
  | 'pop-withdraw'
  | 'pop-failure'
  | 'silent-death'
  | 'maintenance-drain'
  | 'link-down'
  | 'link-flap'
  | 'policy-shift'
  | 'server-churn'
  | 'client-flip'
  /** An operator response (response-spec.ts): one per response entry. */
  | 'response'
  | 'ddos';

/** Every incident class in report order. */
export const INCIDENT_CLASSES: readonly IncidentClass[] = [
  'pop-failure',
  'silent-death',
  'pop-withdraw',
  'maintenance-drain',
  'policy-shift',
  'link-down',
  'link-flap',
  'server-churn',
  'client-flip',
  'response',
  'ddos',
];

/** One occurrence of a flap process. */
export interface Incident {
  /** The flap process it came from: index into the scenario's `flaps` list (responses: see response-plan.ts). */
  readonly flapIndex: number;
  readonly incidentClass: IncidentClass;
  /** When it started (ms): its first routing input, outage or churn step. */
  readonly startMs: number;
}

/** No incident: a state the run started in, or a change no incident explains. */
export const NO_INCIDENT = -1;
