/**
 * The routing pass: BGP on its own clock over the whole horizon with the flap plan's inputs, then
 * on to quiescence, recording every AS's forwarding changes as its catchment timeline and, per
 * event window, how long the network took to settle.
 */
import type { FlapPlan, RoutingAction } from '../flaps/index.js';
import { BgpSimulation } from '../routing/index.js';
import type { Scenario } from '../scenario/index.js';
import { CatchmentTimelineBuilder, type CatchmentTimeline } from '../sessions/index.js';
import { Clock, type RandomStreams } from '../sim/index.js';
import type { ConvergenceResult, ConvergenceWindow } from './simulation-result.js';
import type { World } from './world.js';

/** What the routing pass hands on. */
export interface RoutingPass {
  readonly timeline: CatchmentTimeline;
  /** Each AS's landing at time 0 (the steady state: what DNS-based assignment would give). */
  readonly initialLanding: Int32Array;
  readonly convergence: ConvergenceResult;
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
  const bgp = new BgpSimulation(
    clock,
    world.graph,
    world.deployment,
    {
      mraiMs: routing.mraiMs,
      mraiTimers: routing.mraiTimers,
      wrate: routing.wrate,
      damping: routing.damping,
      holdTimeMs: routing.holdTimeMs,
      linkDelayMs: routing.linkDelayMs,
      processingDelayMs: routing.processingDelayMs,
    },
    streams,
  );
  const asCount = world.graph.asCount;
  const initialLanding = new Int32Array(asCount);
  for (let a = 0; a < asCount; a++) initialLanding[a] = bgp.servingSite(a);
  const builder = new CatchmentTimelineBuilder(initialLanding);

  const windows = eventWindows(plan, world);
  const lastChangeMs = new Map<number, number>();
  const dropped = new Set<number>();
  let window = -1;
  // Windowed attribution: a change is blamed on the incident of the latest input applied.
  let incident = -1;
  const closeWindow = (): void => {
    if (window < 0) return;
    const w = windows[window]!;
    const settled = [...lastChangeMs.values()].map((t) => t - w.startMs).sort((x, y) => x - y);
    const pick = (q: number): number => (settled.length === 0 ? 0 : settled[Math.min(settled.length - 1, Math.floor(q * settled.length))]!);
    w.result = {
      startMs: w.startMs,
      description: w.description,
      asesChanged: settled.length,
      settledMs: { p50: pick(0.5), p90: pick(0.9), max: settled.length === 0 ? 0 : settled[settled.length - 1]! },
      asesDropped: dropped.size,
    };
    lastChangeMs.clear();
    dropped.clear();
  };
  const subscription = bgp.forwardingChanges$.subscribe((change) => {
    if (change.asIndex >= asCount) return;
    builder.record(change.timeMs, change.asIndex, change.servingSite, incident);
    lastChangeMs.set(change.asIndex, change.timeMs);
    if (change.servingSite < 0) dropped.add(change.asIndex);
  });

  windows.forEach((w, i) => {
    clock.schedule(w.startMs, () => {
      closeWindow();
      window = i;
      for (const action of w.actions) apply(bgp, action);
      incident = w.incidents[w.incidents.length - 1] ?? -1;
    });
  });
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
  closeWindow();
  subscription.unsubscribe();
  const updates = bgp.updatesSent;
  bgp.dispose();
  return {
    timeline: builder.build(),
    initialLanding,
    convergence: {
      updates,
      events: plan.routing.map((r) => ({ atMs: r.atMs, description: describe(r.action, world), flapIndex: r.flapIndex })),
      windows: windows.map((w) => w.result).filter((r): r is ConvergenceWindow => r !== undefined),
    },
  };
}

interface EventWindow {
  readonly startMs: number;
  description: string;
  readonly actions: RoutingAction[];
  readonly incidents: number[];
  result?: ConvergenceWindow;
}

/** Groups the plan's actions by instant: one window per distinct event time. */
function eventWindows(plan: FlapPlan, world: World): EventWindow[] {
  const windows: EventWindow[] = [];
  for (const r of plan.routing) {
    const last = windows[windows.length - 1];
    if (last !== undefined && last.startMs === r.atMs) {
      last.actions.push(r.action);
      last.incidents.push(r.incident);
      last.description += `; ${describe(r.action, world)}`;
    } else {
      windows.push({ startMs: r.atMs, description: describe(r.action, world), actions: [r.action], incidents: [r.incident] });
    }
  }
  return windows;
}

function apply(bgp: BgpSimulation, action: RoutingAction): void {
  switch (action.kind) {
    case 'withdraw-site':
      return bgp.withdrawSite(action.site);
    case 'announce-site':
      return bgp.announceSite(action.site);
    case 'kill-site':
      return bgp.killSite(action.site);
    case 'prepend-site':
      return bgp.setSitePrepend(action.site, action.prepend);
    case 'link-down':
      return bgp.linkDown(action.a, action.b);
    case 'link-up':
      return bgp.linkUp(action.a, action.b);
    case 'site-link-down':
      return bgp.siteLinkDown(action.site, action.neighbourAsn);
    case 'site-link-up':
      return bgp.siteLinkUp(action.site, action.neighbourAsn);
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
  }
}
