/**
 * Turns flap processes into a plan: timed routing inputs for the BGP simulation, site outages
 * (when a site's servers are dead, whatever the routes say), server churn for the PoP layer and
 * the client-flip process. Random processes draw from the `flaps` stream only, so adding a
 * workload never moves the flap schedule.
 *
 * Health-check detection (pop-failure): checks run every interval from time 0; a site that fails
 * at t is declared down after `failureThreshold` consecutive failed checks, i.e. at the
 * `failureThreshold`-th check strictly after t, and is then withdrawn (how load balancers and
 * anycast health checkers such as ExaBGP's healthcheck behave). Recovery is announced at the first
 * check after the site comes back.
 */
import { sampleDurationMs, type RandomStream } from '../sim/index.js';
import type { AttackSourcesSpec, ClientFlipMode, FlapSpec } from './flap-spec.js';
import type { Incident, IncidentClass } from './incident.js';

/** A routing input at one instant. Sites by index; ASes by ASN. */
export type RoutingAction =
  | { readonly kind: 'withdraw-site'; readonly site: number }
  | { readonly kind: 'announce-site'; readonly site: number }
  | { readonly kind: 'kill-site'; readonly site: number }
  | { readonly kind: 'prepend-site'; readonly site: number; readonly prepend: number }
  | { readonly kind: 'link-down'; readonly a: number; readonly b: number }
  | { readonly kind: 'link-up'; readonly a: number; readonly b: number }
  | { readonly kind: 'site-link-down'; readonly site: number; readonly neighbourAsn: number }
  | { readonly kind: 'site-link-up'; readonly site: number; readonly neighbourAsn: number }
  /** Selective announcement (a response): the site announces to these neighbour ASNs only. */
  | { readonly kind: 'announce-to-site'; readonly site: number; readonly neighbourAsns: readonly number[] }
  /** A response's restore: the site's configured announcement (announced, all neighbours, own prepend). */
  | { readonly kind: 'restore-site'; readonly site: number };

/** A routing input and when it happens. */
export interface TimedRoutingAction {
  readonly atMs: number;
  readonly action: RoutingAction;
  /** Which flap process it came from (index into the scenario's list), for the report. */
  readonly flapIndex: number;
  /** The incident it belongs to: index into {@link FlapPlan.incidents}. */
  readonly incident: number;
}

/** A change of a PoP's servers. */
export interface ServerChurnEvent {
  readonly atMs: number;
  readonly site: number;
  readonly action: 'add' | 'remove' | 'drain' | 'fail';
  readonly count: number;
  /** The incident it belongs to: index into {@link FlapPlan.incidents}. */
  readonly incident: number;
}

/** A site outage: [down ms, up ms (may be Infinity), incident index]. */
export type PlannedOutage = readonly [downMs: number, upMs: number, incident: number];

/** The per-client flip process. */
export interface ClientFlipProcess {
  readonly ratePerS: number;
  readonly unstableFraction: number;
  readonly mode: ClientFlipMode;
  /** The flap process it came from (index into the scenario's list): its flips' incidents name it. */
  readonly flapIndex: number;
}

/** An attack of the plan: its offered volume and window; sources are resolved against the topology later. */
export interface PlannedAttack {
  readonly flapIndex: number;
  /** Its incident: index into {@link FlapPlan.incidents}. */
  readonly incident: number;
  readonly startMs: number;
  readonly durationMs: number;
  readonly packetsPerS: number;
  readonly bitsPerS: number;
  readonly sources: AttackSourcesSpec;
  readonly spoofed: boolean;
}

/** Everything the flap processes will do during the run. */
export interface FlapPlan {
  /** Sorted by time; equal times keep the scenario's order. */
  readonly routing: readonly TimedRoutingAction[];
  /**
   * outages[site] = [downMs, upMs, incident] intervals; upMs may be Infinity. Overlapping outages
   * of one site merge into one, blamed on the incident that started it.
   */
  readonly siteOutages: readonly (readonly PlannedOutage[])[];
  readonly serverChurn: readonly ServerChurnEvent[];
  /**
   * Every incident the plan holds, in the order the scenario's processes produced them. Client
   * flips are drawn later (against the route history) and register their incidents after these.
   */
  readonly incidents: readonly Incident[];
  readonly clientFlips?: ClientFlipProcess;
  /** DDoS attacks (type ddos), in the scenario's order; absent when there are none. */
  readonly attacks?: readonly PlannedAttack[];
}

/** What planning needs to know about the deployment and the topology. */
export interface FlapPlanContext {
  readonly horizonMs: number;
  /** Site names in site order. */
  readonly siteNames: readonly string[];
  /** Each site's upstream and peer ASNs (its BGP neighbours). */
  readonly siteNeighbourAsns: readonly (readonly number[])[];
  /** Number of AS-AS links of the topology. */
  readonly linkCount: number;
  /** Draws a uniformly random AS-AS link [a, b] of the topology. */
  readonly randomLink: (random: RandomStream) => readonly [number, number];
}

/** Most routing actions a plan may hold (a runaway flap rate fails with this limit's name). */
export const FLAP_ACTIONS_MAX = 1_000_000;

/** A flap process that asks for more than the plan can hold; names the flap by its index. */
export class FlapPlanError extends RangeError {
  override readonly name = 'FlapPlanError';

  constructor(
    /** Index of the flap in the scenario's `flaps` list. */
    readonly flapIndex: number,
    message: string,
  ) {
    super(message);
  }
}

/** Builds the plan for `specs` over [0, horizonMs). */
export function planFlaps(specs: readonly FlapSpec[], context: FlapPlanContext, random: RandomStream): FlapPlan {
  const routing: TimedRoutingAction[] = [];
  const outages: [number, number, number][][] = context.siteNames.map(() => []);
  const serverChurn: ServerChurnEvent[] = [];
  const incidents: Incident[] = [];
  const incidentOf = (flapIndex: number, incidentClass: IncidentClass, startMs: number): number => {
    incidents.push({ flapIndex, incidentClass, startMs });
    return incidents.length - 1;
  };
  let clientFlips: ClientFlipProcess | undefined;
  const attacks: PlannedAttack[] = [];
  const siteOf = (name: string, where: string): number => {
    const site = context.siteNames.indexOf(name);
    if (site < 0) throw new RangeError(`${where}: unknown PoP "${name}" (known: ${context.siteNames.join(', ')})`);
    return site;
  };
  const add = (atMs: number, action: RoutingAction, flapIndex: number, incident: number): void => {
    if (atMs >= context.horizonMs) return;
    if (routing.length >= FLAP_ACTIONS_MAX) {
      throw new FlapPlanError(flapIndex, `more than ${FLAP_ACTIONS_MAX} routing events planned (the limit); lower the flap rate or the duration`);
    }
    routing.push({ atMs, action, flapIndex, incident });
  };

  specs.forEach((spec, i) => {
    const where = `flaps[${i}]`;
    switch (spec.type) {
      case 'pop-withdraw': {
        const site = siteOf(spec.pop, where);
        const incident = incidentOf(i, 'pop-withdraw', spec.atMs);
        add(spec.atMs, { kind: 'withdraw-site', site }, i, incident);
        if (spec.reannounceAtMs !== undefined) add(spec.reannounceAtMs, { kind: 'announce-site', site }, i, incident);
        return;
      }
      case 'pop-failure': {
        const site = siteOf(spec.pop, where);
        const upMs = spec.recoverAtMs ?? Number.POSITIVE_INFINITY;
        const incident = incidentOf(i, 'pop-failure', spec.atMs);
        outages[site]!.push([spec.atMs, upMs, incident]);
        const detectedMs = nthCheckAfter(spec.atMs, spec.healthCheckIntervalMs, spec.failureThreshold);
        if (detectedMs < upMs) {
          add(detectedMs, { kind: 'withdraw-site', site }, i, incident);
          if (Number.isFinite(upMs)) add(nthCheckAfter(upMs, spec.healthCheckIntervalMs, 1), { kind: 'announce-site', site }, i, incident);
        }
        return;
      }
      case 'silent-death': {
        const site = siteOf(spec.pop, where);
        const incident = incidentOf(i, 'silent-death', spec.atMs);
        outages[site]!.push([spec.atMs, Number.POSITIVE_INFINITY, incident]);
        add(spec.atMs, { kind: 'kill-site', site }, i, incident);
        return;
      }
      case 'maintenance-drain': {
        const site = siteOf(spec.pop, where);
        const incident = incidentOf(i, 'maintenance-drain', spec.atMs);
        add(spec.atMs, { kind: 'prepend-site', site, prepend: spec.prepend }, i, incident);
        add(spec.atMs + spec.withdrawAfterMs, { kind: 'withdraw-site', site }, i, incident);
        if (spec.restoreAtMs !== undefined) {
          add(spec.restoreAtMs, { kind: 'prepend-site', site, prepend: 0 }, i, incident);
          add(spec.restoreAtMs, { kind: 'announce-site', site }, i, incident);
        }
        return;
      }
      case 'policy-shift': {
        add(spec.atMs, { kind: 'prepend-site', site: siteOf(spec.pop, where), prepend: spec.prepend }, i, incidentOf(i, 'policy-shift', spec.atMs));
        return;
      }
      case 'link-down': {
        const incident = incidentOf(i, 'link-down', spec.atMs);
        add(spec.atMs, { kind: 'link-down', a: spec.a, b: spec.b }, i, incident);
        if (spec.upAtMs !== undefined) add(spec.upAtMs, { kind: 'link-up', a: spec.a, b: spec.b }, i, incident);
        return;
      }
      case 'link-flaps': {
        planLinkFlaps(spec, i, context, random, (atMs) => incidentOf(i, 'link-flap', atMs), add);
        return;
      }
      case 'server-churn': {
        const site = siteOf(spec.pop, where);
        serverChurn.push({ atMs: spec.atMs, site, action: spec.action, count: spec.count, incident: incidentOf(i, 'server-churn', spec.atMs) });
        return;
      }
      case 'client-flips': {
        if (clientFlips !== undefined) throw new RangeError(`${where}: only one client-flips process is allowed`);
        clientFlips = { ratePerS: spec.ratePerS, unstableFraction: spec.unstableFraction, mode: spec.mode, flapIndex: i };
        return;
      }
      case 'ddos': {
        if (spec.atMs >= context.horizonMs) return;
        const { atMs: startMs, durationMs, bitsPerS, sources, spoofed } = spec;
        const packetsPerS = bitsPerS / (8 * spec.packetBytes);
        attacks.push({ flapIndex: i, incident: incidentOf(i, 'ddos', startMs), startMs, durationMs, packetsPerS, bitsPerS, sources, spoofed });
        return;
      }
    }
  });

  // Stable sort: equal times keep the order in which the scenario listed them.
  routing.sort((x, y) => x.atMs - y.atMs);
  serverChurn.sort((x, y) => x.atMs - y.atMs);
  const plan: FlapPlan = {
    routing: nestLinkOutages(routing),
    siteOutages: outages.map(mergeIntervals),
    serverChurn,
    incidents,
    ...(clientFlips === undefined ? {} : { clientFlips }),
    ...(attacks.length === 0 ? {} : { attacks }),
  };
  return plan;
}

/** The time of the n-th periodic check (every `intervalMs` from 0) strictly after `tMs`. */
export function nthCheckAfter(tMs: number, intervalMs: number, n: number): number {
  return (Math.floor(tMs / intervalMs) + n) * intervalMs;
}

function planLinkFlaps(
  spec: Extract<FlapSpec, { type: 'link-flaps' }>,
  flapIndex: number,
  context: FlapPlanContext,
  random: RandomStream,
  newIncident: (atMs: number) => number,
  add: (atMs: number, action: RoutingAction, flapIndex: number, incident: number) => void,
): void {
  const sitesWithNeighbours = context.siteNeighbourAsns.flatMap((asns, site) => asns.map((asn) => [site, asn] as const));
  const links = spec.links === 'pop-upstreams' ? sitesWithNeighbours.length : context.linkCount;
  if (links === 0) return;
  // Every link flaps as its own Poisson process at `ratePerS`; their superposition is one Poisson
  // process at links x rate whose flaps fall on a uniformly chosen link.
  const ratePerMs = (spec.ratePerS * links) / 1000;
  for (let t = random.exponential(ratePerMs); t < context.horizonMs; t += random.exponential(ratePerMs)) {
    const downMs = sampleDurationMs(spec.downTime, random);
    const incident = newIncident(t);
    if (spec.links === 'pop-upstreams') {
      const [site, neighbourAsn] = sitesWithNeighbours[random.int(0, sitesWithNeighbours.length)]!;
      add(t, { kind: 'site-link-down', site, neighbourAsn }, flapIndex, incident);
      add(t + downMs, { kind: 'site-link-up', site, neighbourAsn }, flapIndex, incident);
    } else {
      const [a, b] = context.randomLink(random);
      add(t, { kind: 'link-down', a, b }, flapIndex, incident);
      add(t + downMs, { kind: 'link-up', a, b }, flapIndex, incident);
    }
  }
}

/**
 * Overlapping outages of one link (a second flap starts before the first ends) nest: the link is
 * down from the first down to the last up. Only the transitions reach routing.
 */
function nestLinkOutages(actions: readonly TimedRoutingAction[]): TimedRoutingAction[] {
  const downCount = new Map<string, number>();
  const linkKey = (action: RoutingAction): string | undefined => {
    switch (action.kind) {
      case 'link-down':
      case 'link-up':
        return action.a < action.b ? `${action.a}-${action.b}` : `${action.b}-${action.a}`;
      case 'site-link-down':
      case 'site-link-up':
        return `site${action.site}-${action.neighbourAsn}`;
      default:
        return undefined;
    }
  };
  return actions.filter(({ action }) => {
    const key = linkKey(action);
    if (key === undefined) return true;
    const before = downCount.get(key) ?? 0;
    const goingDown = action.kind === 'link-down' || action.kind === 'site-link-down';
    const after = goingDown ? before + 1 : Math.max(0, before - 1);
    downCount.set(key, after);
    return goingDown ? before === 0 : before === 1;
  });
}

/** Sorts and merges overlapping outage intervals of one site (the earlier incident keeps the blame). */
function mergeIntervals(intervals: readonly PlannedOutage[]): [number, number, number][] {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const merged: [number, number, number][] = [];
  for (const [down, up, incident] of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && down <= last[1]) last[1] = Math.max(last[1], up);
    else merged.push([down, up, incident]);
  }
  return merged;
}
