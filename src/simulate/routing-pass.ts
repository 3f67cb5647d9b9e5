/**
 * The routing pass: BGP on its own clock over the whole horizon with the flap plan's inputs, then
 * on to quiescence, for the anycast prefix and every PoP's unicast prefix. It records every AS's
 * anycast forwarding changes as its catchment timeline, every (PoP, AS) unicast outcome change as
 * the unicast history, each change with the incident whose wave caused it, and per event how long
 * its own wave took to settle (causal-convergence.ts).
 */
import type { FlapPlan, RoutingAction } from '../flaps/index.js';
import { BgpSimulation, type TieBreakSpec, UnicastPrefixes } from '../routing/index.js';
import { ScenarioError, type Scenario } from '../scenario/model.js';
import { CatchmentTimelineBuilder, UnicastHistoryBuilder, type CatchmentTimeline, type UnicastRoutes } from '../sessions/index.js';
import { Clock, type RandomStreams } from '../sim/index.js';
import { CausalConvergence, type EventRow } from './causal-convergence.js';
import { tieBreakSpecOf } from './run-tie-break.js';
import type { ConvergenceResult } from './simulation-result.js';
import type { World } from './world.js';

/** What the routing pass hands on. */
export interface RoutingPass {
  readonly timeline: CatchmentTimeline;
  /** Each AS's landing at time 0 (the steady state: what DNS-based assignment would give). */
  readonly initialLanding: Int32Array;
  readonly convergence: ConvergenceResult;
  /** How packets to each PoP's own unicast prefix fared over the run. */
  readonly unicast: UnicastRoutes;
  /** The tie-break rule every AS applied (`routing.tieBreak`; a random rule's salt included). */
  readonly tieBreak: TieBreakSpec;
}

/**
 * A read of the live BGP state at one instant of the routing pass (client flips ask where a flip
 * can go). Probes run after the routing inputs of their instant; they must not change BGP, and
 * may schedule follow-up reads on the routing clock.
 */
export interface RoutingProbe {
  readonly atMs: number;
  run(bgp: BgpSimulation, clock: Clock): void;
}

/** Most events the routing pass runs after the horizon while waiting for quiescence. */
export const QUIESCENCE_EVENTS_MAX = 50_000_000;

/**
 * Most unicast prefix states x adjacency slots `unicastDynamics: bgp` may hold (about 60 bytes
 * each: 16 million is about 1 GB).
 */
export const UNICAST_BGP_SLOT_STATES_MAX = 16_000_000;

/** Runs BGP for the scenario and records the route history. */
export function runRoutingPass(
  scenario: Scenario,
  world: World,
  plan: FlapPlan,
  streams: RandomStreams,
  /** Timed probes in time order, pulled one at a time so that a long list never fills the heap. */
  probes: Iterable<RoutingProbe> = [],
): RoutingPass {
  const clock = new Clock();
  const routing = scenario.routing;
  const config = {
    mraiMs: routing.mraiMs,
    mraiTimers: routing.mraiTimers,
    wrate: routing.wrate,
    damping: routing.damping,
    holdTimeMs: routing.holdTimeMs,
    linkDelayMs: routing.linkDelayMs,
    processingDelayMs: routing.processingDelayMs,
  };
  const tieBreak = tieBreakSpecOf(routing.tieBreak, world, () => streams.stream('routing/tie-break'));
  const bgp = new BgpSimulation(clock, world.graph, world.deployment, config, streams, { tieBreak });
  checkUnicastBudget(scenario, plan, bgp.network.neighbours.length, world.deployment.sites.length);
  const asCount = world.graph.asCount;
  const initialLanding = new Int32Array(asCount);
  for (let a = 0; a < asCount; a++) initialLanding[a] = bgp.servingSite(a);
  const builder = new CatchmentTimelineBuilder(initialLanding);
  const { rows, rowOfWave } = eventRows(plan, world);
  const convergence = new CausalConvergence(rows, rowOfWave);
  const incidentOf = (wave: number): number => (wave >= 0 ? plan.routing[wave]!.incident : -1);

  let unicastHistory: UnicastHistoryBuilder | undefined;
  const unicast = new UnicastPrefixes(clock, world.graph, world.deployment, bgp.fabric, config, streams, {
    dynamics: routing.unicastDynamics,
    announcedNeighbours: world.unicastNeighbours,
    onChange: ({ timeMs, site, asIndex, outcome, wave }) => {
      unicastHistory!.record(timeMs, site, asIndex, outcome, incidentOf(wave));
      convergence.unicastChanged(timeMs, asIndex, outcome, wave);
    },
  });
  unicastHistory = new UnicastHistoryBuilder(
    asCount,
    world.deployment.sites.map((_, i) => unicast.initialReachability(i)),
  );
  const subscriptions = [
    bgp.forwardingChanges$.subscribe(({ timeMs, asIndex, servingSite, wave }) => {
      if (asIndex >= asCount) return;
      builder.record(timeMs, asIndex, servingSite, incidentOf(wave));
      convergence.landingChanged(timeMs, asIndex, servingSite, wave);
    }),
    bgp.routeChanges$.subscribe(({ timeMs, wave }) => convergence.routeChanged(timeMs, wave)),
  ];

  plan.routing.forEach((r, wave) => clock.schedule(r.atMs, () => apply(bgp, unicast, r.action, wave)));
  const pending = probes[Symbol.iterator]();
  const scheduleProbe = (): void => {
    const next = pending.next();
    if (next.done === true) return;
    const probe = next.value;
    clock.schedule(probe.atMs, () => {
      probe.run(bgp, clock);
      scheduleProbe();
    });
  };
  scheduleProbe();
  clock.runUntil(scenario.durationMs);
  clock.run(QUIESCENCE_EVENTS_MAX);
  for (const s of subscriptions) s.unsubscribe();
  const updates = bgp.updatesSent;
  const unicastUpdates = unicast.updatesSent;
  bgp.dispose();
  unicast.dispose();
  return {
    timeline: builder.build(),
    initialLanding,
    unicast: unicastHistory.build(),
    tieBreak,
    convergence: {
      updates,
      unicastUpdates,
      events: plan.routing.map((r) => ({ atMs: r.atMs, description: describe(r.action, world), flapIndex: r.flapIndex })),
      windows: convergence.windows(clock.nowMs, userShares(world)),
    },
  };
}

/**
 * Full BGP for unicast prefixes keeps one prefix state per PoP the inputs reach: refuses, naming
 * the field, a run whose states would exceed {@link UNICAST_BGP_SLOT_STATES_MAX}.
 */
function checkUnicastBudget(scenario: Scenario, plan: FlapPlan, slots: number, siteCount: number): void {
  if (scenario.routing.unicastDynamics !== 'bgp') return;
  const reached = new Set<number>();
  for (const { action } of plan.routing) {
    if (action.kind === 'link-down' || action.kind === 'link-up') {
      for (let i = 0; i < siteCount; i++) reached.add(i);
    } else if (action.kind === 'kill-site' || action.kind === 'site-link-down' || action.kind === 'site-link-up') {
      reached.add(action.site);
    }
  }
  const states = reached.size * slots;
  if (states > UNICAST_BGP_SLOT_STATES_MAX) {
    throw new ScenarioError(
      `routing.unicastDynamics: bgp would keep ${reached.size} unicast prefixes over ${slots} adjacency slots ` +
        `(${states} slot states, limit ${UNICAST_BGP_SLOT_STATES_MAX}); use unicastDynamics: steady-state for a run this large`,
    );
  }
}

/** Groups the plan's actions by instant: one row per distinct event time; wave w is action w. */
function eventRows(plan: FlapPlan, world: World): { rows: EventRow[]; rowOfWave: Int32Array } {
  const rows: { startMs: number; description: string }[] = [];
  const rowOfWave = new Int32Array(plan.routing.length);
  plan.routing.forEach((r, wave) => {
    const last = rows[rows.length - 1];
    if (last !== undefined && last.startMs === r.atMs) last.description += `; ${describe(r.action, world)}`;
    else rows.push({ startMs: r.atMs, description: describe(r.action, world) });
    rowOfWave[wave] = rows.length - 1;
  });
  return { rows, rowOfWave };
}

/**
 * Applies one plan action as wave `wave` to the anycast prefix and to the unicast prefixes it
 * reaches: links and silent deaths reach every prefix on them; withdrawing or prepending the
 * anycast prefix (a drain, or a response: selective announcement) leaves the PoP's unicast prefix
 * announced.
 */
function apply(bgp: BgpSimulation, unicast: UnicastPrefixes, action: RoutingAction, wave: number): void {
  switch (action.kind) {
    case 'withdraw-site':
      return bgp.withdrawSite(action.site, wave);
    case 'announce-site':
      bgp.announceSite(action.site, wave);
      return unicast.reviveSite(action.site, wave);
    case 'kill-site': {
      const detectionDelaysMs = bgp.killSite(action.site, wave);
      // Empty when the site was already dead: nothing new for its unicast prefix either.
      if (detectionDelaysMs.length > 0) unicast.killSite(action.site, wave, detectionDelaysMs);
      return;
    }
    case 'prepend-site':
      return bgp.setSitePrepend(action.site, action.prepend, wave);
    case 'link-down':
      bgp.linkDown(action.a, action.b, wave);
      return unicast.linkDown(action.a, action.b, wave);
    case 'link-up':
      bgp.linkUp(action.a, action.b, wave);
      return unicast.linkUp(action.a, action.b, wave);
    case 'site-link-down':
      bgp.siteLinkDown(action.site, action.neighbourAsn, wave);
      return unicast.siteLinkDown(action.site, action.neighbourAsn, wave);
    case 'site-link-up':
      bgp.siteLinkUp(action.site, action.neighbourAsn, wave);
      return unicast.siteLinkUp(action.site, action.neighbourAsn, wave);
    case 'announce-to-site':
      return bgp.setSiteAnnouncedNeighbours(action.site, action.neighbourAsns, wave);
    case 'restore-site':
      bgp.restoreSite(action.site, wave);
      return unicast.reviveSite(action.site, wave);
  }
}

/** A routing action in words, for the report. */
function describe(action: RoutingAction, world: World): string {
  const site = (i: number): string => world.deployment.sites[i]?.name ?? `site ${i}`;
  switch (action.kind) {
    case 'withdraw-site':
      return `withdraw ${site(action.site)}`;
    case 'announce-site':
      return `announce ${site(action.site)}`;
    case 'kill-site':
      return `${site(action.site)} dies silently`;
    case 'prepend-site':
      return `${site(action.site)} prepends ${action.prepend}`;
    case 'link-down':
      return `link AS${action.a}-AS${action.b} down`;
    case 'link-up':
      return `link AS${action.a}-AS${action.b} up`;
    case 'site-link-down':
      return `link ${site(action.site)}-AS${action.neighbourAsn} down`;
    case 'site-link-up':
      return `link ${site(action.site)}-AS${action.neighbourAsn} up`;
    case 'announce-to-site':
      return `${site(action.site)} announces to ${action.neighbourAsns.map((asn) => `AS${asn}`).join(', ')} only`;
    case 'restore-site':
      return `${site(action.site)} restored`;
  }
}

/** Each AS's share of all users of the graph (the geography's weights; 0 everywhere when there are none). */
function userShares(world: World): (asIndex: number) => number {
  let total = 0;
  for (let i = 0; i < world.graph.asCount; i++) total += world.geography.usersOf(i);
  return (asIndex) => (total > 0 ? world.geography.usersOf(asIndex) / total : 0);
}
