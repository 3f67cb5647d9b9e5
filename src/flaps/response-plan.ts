/**
 * Adds a plan of operator responses (response-spec.ts) to a flap plan: each response becomes a
 * timed routing action with an incident of its own (class `response`), so breaks it causes are
 * blamed on it and not on the attack, and the convergence table credits its wave. Responses draw
 * nothing at random: adding one never moves another stream.
 */
import type { FlapPlan, FlapPlanContext, RoutingAction, TimedRoutingAction } from './flap-plan.js';
import type { Incident } from './incident.js';
import type { ResponseAction, ResponseSpec } from './response-spec.js';

/**
 * The flapIndex of a response's routing actions and incident: `RESPONSE_FLAP_INDEX_BASE + i` for
 * response i (negative, so it never names a scenario flap).
 */
export const RESPONSE_FLAP_INDEX_BASE = -1_000_000;

/** Most responses one plan may hold (a limit: their flap indexes stay far below the scenario's). */
export const RESPONSES_MAX = 100_000;

/** Which response a routing action's or incident's flapIndex names, or undefined (a scenario flap, or none). */
export function responseIndexOf(flapIndex: number): number | undefined {
  const i = flapIndex - RESPONSE_FLAP_INDEX_BASE;
  return i >= 0 && i < RESPONSES_MAX ? i : undefined;
}

/** A response the deployment cannot carry out (unknown PoP or neighbour); names the response by index. */
export class ResponsePlanError extends RangeError {
  override readonly name = 'ResponsePlanError';

  constructor(
    /** Index of the response in its plan's list. */
    readonly responseIndex: number,
    /** The response's field at fault (`pop`, `neighbours`). */
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * `plan` with `responses` added: routing actions merged in time order (a response at the same
 * instant as a flap action runs after it), one incident per response appended to the incidents.
 * A triggered response takes part only once it has fired: `firedAtMs` maps its index to the
 * instant it acts (response-triggers.ts in the simulate layer finds it). A response with `forMs`
 * also restores the PoP that long after it acts.
 *
 * @throws ResponsePlanError when a PoP or neighbour is unknown
 */
export function addResponses(
  plan: FlapPlan,
  responses: readonly ResponseSpec[],
  context: FlapPlanContext,
  firedAtMs: ReadonlyMap<number, number> = new Map(),
): FlapPlan {
  if (responses.length === 0) return plan;
  if (responses.length > RESPONSES_MAX) throw new RangeError(`more than ${RESPONSES_MAX} responses in one plan (the limit)`);
  const incidents: Incident[] = [...plan.incidents];
  const added: TimedRoutingAction[] = [];
  responses.forEach((response, i) => {
    const site = context.siteNames.indexOf(response.pop);
    if (site < 0) throw new ResponsePlanError(i, 'pop', `unknown PoP "${response.pop}" (known: ${context.siteNames.join(', ')})`);
    const action = routingActionOf(response.action, site, context, i);
    const atMs = response.trigger === undefined ? response.atMs : firedAtMs.get(i);
    if (atMs === undefined || atMs >= context.horizonMs) return;
    const flapIndex = RESPONSE_FLAP_INDEX_BASE + i;
    incidents.push({ flapIndex, incidentClass: 'response', startMs: atMs });
    const incident = incidents.length - 1;
    added.push({ atMs, action, flapIndex, incident });
    if (response.forMs !== undefined && atMs + response.forMs < context.horizonMs) {
      added.push({ atMs: atMs + response.forMs, action: { kind: 'restore-site', site }, flapIndex, incident });
    }
  });
  // Stable sort: at equal times the flap plan's actions (listed first) run before the responses.
  const routing = [...plan.routing, ...added].sort((x, y) => x.atMs - y.atMs);
  return { ...plan, routing, incidents };
}

function routingActionOf(action: ResponseAction, site: number, context: FlapPlanContext, responseIndex: number): RoutingAction {
  switch (action.kind) {
    case 'withdraw':
      return { kind: 'withdraw-site', site };
    case 'prepend':
      return { kind: 'prepend-site', site, prepend: action.prepend };
    case 'announce-to': {
      const known = context.siteNeighbourAsns[site] ?? [];
      const unknown = action.neighbourAsns.find((asn) => !known.includes(asn));
      if (unknown !== undefined) {
        throw new ResponsePlanError(responseIndex, 'neighbours', `AS${unknown} is not an upstream or peer of PoP "${context.siteNames[site]}" (its neighbours: ${known.join(', ')})`);
      }
      return { kind: 'announce-to-site', site, neighbourAsns: action.neighbourAsns };
    }
    case 'restore':
      return { kind: 'restore-site', site };
  }
}
