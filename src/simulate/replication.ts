/**
 * One replication of a run: its own history (flaps, routing, client flips, PoP layer, sessions)
 * in the shared world, reduced to plain data that crosses a worker-thread boundary: the counts
 * of every (protocol, architecture) and, for the replication a report shows, the views built
 * from its route history.
 */
import {
  CostTally,
  incidentReach,
  IncidentTally,
  OutcomeTally,
  tallyCosts,
  tallyIncidents,
  tallyOutcomes,
  virtualTimeProgress,
  type CostCounts,
  type IncidentCounts,
  type PairCounts,
} from '../metrics/index.js';
import type { Scenario } from '../scenario/model.js';
import { judgeArrivals, Workload, type CatchmentTimeline } from '../sessions/index.js';
import { Clock } from '../sim/index.js';
import { runCatchmentQuality } from './run-catchment-quality.js';
import { runCatchmentUncertainty } from './run-catchment-uncertainty.js';
import { catchmentSampleTimes, movedClientAses, movedClientUsersShare, sharesAtInstants, ZOOM_OFFSETS_MS, ZOOMED_EVENTS_MAX } from './catchment-shares.js';
import { groupPops, NO_ROUTE, roundShare, sumByGroup, type PopGrouping } from './pop-groups.js';
import { prepareRun, type PreparedRun, type RunPhase } from './prepare-run.js';
import type { CatchmentShift, SimulationResult } from './simulation-result.js';

/** Callbacks of one session pass. */
export interface SessionPassOptions {
  /** Called with the share of the horizon done, at most every 1 % of virtual time. */
  readonly onProgress?: (fraction: number) => void;
}

/** The parts of a result that come from one replication's route history (and its load). */
export type ShownViews = Pick<
  SimulationResult,
  | 'topology'
  | 'pops'
  | 'popLoad'
  | 'catchment'
  | 'catchmentAroundEvents'
  | 'catchmentZooms'
  | 'clientAsesMoved'
  | 'clientUsersMovedShare'
  | 'convergence'
  | 'unicastDnsFailoverMs'
  | 'catchmentQuality'
  | 'catchmentUncertainty'
  | 'attacks'
>;

/** What one replication hands back (structured-clonable). */
export interface ReplicationOutput {
  readonly replication: number;
  /** Sessions judged, counted once. */
  readonly sessions: number;
  /** Of those, open at the start. */
  readonly openAtStart: number;
  readonly counts: readonly PairCounts[];
  /** What each (protocol, architecture) cost (sums, same order as {@link counts}). */
  readonly costCounts: readonly CostCounts[];
  /** Breaks per incident, and each incident's reach and recovery. */
  readonly incidentCounts: IncidentCounts;
  /** The routing-derived views, when asked for (the shown replication). */
  readonly shown?: ShownViews;
}

/** The tally of a session pass and how many of its sessions were open at the start. */
export interface SessionPassTally {
  readonly tally: OutcomeTally;
  readonly openAtStart: number;
  /** Breaks per incident; absent from a pass that does not count them (a benchmark's plain loop): zero. */
  readonly incidents?: IncidentTally;
  /** Costs per architecture; absent from a pass that does not measure them: zero. */
  readonly costs?: CostTally;
}

/** An empty incident tally for `run`. */
function newIncidentTally(run: PreparedRun): IncidentTally {
  return new IncidentTally(run.protocols.map((p) => p.protocol), run.architectureNames, run.judgedArchitectures, run.incidents);
}

/** An empty cost tally for `run`. */
function newCostTally(run: PreparedRun): CostTally {
  return new CostTally(run.costedProtocols, run.architectureNames, run.judgedArchitectures);
}

/** The session pass on the reactive stream model: arrivals -> judge -> tally and progress. */
export function runSessionPass(run: PreparedRun, options: SessionPassOptions = {}): SessionPassTally {
  const { scenario } = run;
  const clock = new Clock();
  const workload = new Workload(clock, run.traffic, run.population, run.dnsPopOfAs, scenario.durationMs);
  const tally = new OutcomeTally(run.protocols, run.architectureNames, run.judgedArchitectures, run.world.deployment.sites.length, scenario.durationMs);
  // arrivals$ is hot: progress listens to it beside the judge, so the outcome stream
  // has one subscriber and needs no share().
  const incidents = newIncidentTally(run);
  const costs = newCostTally(run);
  const tallied = workload.arrivals$
    .pipe(judgeArrivals(run.judges, run.timeline), tallyIncidents(incidents), tallyCosts(costs), tallyOutcomes(tally))
    .subscribe();
  const progress =
    options.onProgress === undefined
      ? undefined
      : workload.arrivals$.pipe(virtualTimeProgress(scenario.durationMs, scenario.durationMs / 100)).subscribe(options.onProgress);
  workload.start();
  clock.runUntil(scenario.durationMs);
  workload.complete();
  tallied.unsubscribe();
  progress?.unsubscribe();
  options.onProgress?.(1);
  return { tally, openAtStart: workload.openAtStartCount, incidents, costs };
}

/** Options of {@link runReplication}. */
export interface ReplicationOptions extends SessionPassOptions {
  /** Called as each stage starts. */
  readonly onPhase?: (phase: RunPhase) => void;
  /** Build the routing-derived views (the shown replication). */
  readonly withViews: boolean;
}

/** Runs replication `replication` of `scenario` in this thread. */
export function runReplication(scenario: Scenario, replication: number, options: ReplicationOptions): ReplicationOutput {
  const run = prepareRun(scenario, options.onPhase, replication);
  options.onPhase?.('sessions');
  const pass = runSessionPass(run, options.onProgress === undefined ? {} : { onProgress: options.onProgress });
  return replicationOutput(run, pass, replication, options.withViews);
}

/** A finished session pass as a replication's output. */
export function replicationOutput(run: PreparedRun, pass: SessionPassTally, replication: number, withViews: boolean): ReplicationOutput {
  return {
    replication,
    sessions: pass.tally.sessionCount,
    openAtStart: pass.openAtStart,
    counts: pass.tally.counts(),
    costCounts: (pass.costs ?? newCostTally(run)).counts(),
    incidentCounts: (pass.incidents ?? newIncidentTally(run)).counts(
      incidentReach({
        timeline: run.timeline,
        sites: run.popModel.sites,
        popCount: run.world.deployment.sites.length,
        clients: run.population.asIndexes,
        incidents: run.incidents,
        horizonMs: run.scenario.durationMs,
        usersOf: (asIndex) => run.geography.usersOf(asIndex),
      }),
    ),
    ...(withViews ? { shown: shownViews(run, pass.tally) } : {}),
  };
}

/** The views of a result drawn from one replication's route history and load. */
function shownViews(run: PreparedRun, tally: OutcomeTally): ShownViews {
  const { scenario, world } = run;
  const popCount = world.deployment.sites.length;
  const popNames = world.deployment.sites.map((s) => s.name);
  const clients = run.population.asIndexes;
  const windows = run.routing.convergence.windows;
  const load = tally.popLoadResult();
  const grouping = groupPops(popNames, load.sessionsByPop.map((row) => row.reduce((a, b) => a + b, 0)));
  // One sweep computes the chart's samples, then each window's before and settled instants.
  const sampleTimes = catchmentSampleTimes(scenario.durationMs, windows.map((w) => w.startMs));
  const windowInstants = windows.flatMap((w) => [Math.max(0, w.startMs - 1), w.startMs + w.settledMs.max]);
  const zoomed = windows
    .map((w, i) => ({ w, i }))
    .sort((a, b) => b.w.asesChanged - a.w.asesChanged || a.i - b.i)
    .slice(0, ZOOMED_EVENTS_MAX)
    .filter(({ w }) => w.asesChanged > 0)
    .sort((a, b) => a.i - b.i)
    .map(({ w }) => w);
  const zoomInstants = zoomed.flatMap((w) => ZOOM_OFFSETS_MS.map((offset) => clampMs(w.startMs + offset, scenario.durationMs)));
  const shares = sharesInOrder(run.timeline, clients, popCount, [...sampleTimes, ...windowInstants, ...zoomInstants]);
  const zoomBase = sampleTimes.length + windowInstants.length;
  // The same instants around events weighted by users (issue 15, item 6: users, not ASes).
  const userShares = sharesInOrder(run.timeline, clients, popCount, windowInstants, (asIndex) => run.geography.usersOf(asIndex));
  return {
    topology: {
      source: world.topologySource,
      ases: world.graph.asCount,
      links: world.graph.linkCount,
      clientAses: clients.length,
      unreachableClientAses: world.clientCandidates.length - clients.length,
    },
    pops: world.deployment.sites.map((s) => ({ name: s.name, upstreams: [...s.upstreams], peers: [...s.peers] })),
    popLoad: { binMs: load.binMs, labels: grouping.labels, sessions: regroupRows(grouping, load.sessionsByPop) },
    catchment: {
      labels: grouping.labels,
      points: sampleTimes.map((atMs, i) => ({ atMs, shares: sumByGroup(grouping, shares[i]!).map(roundShare) })),
    },
    catchmentAroundEvents: windows.map((w, i) => ({
      atMs: w.startMs,
      description: w.description,
      shifts: catchmentShifts(popNames, shares[sampleTimes.length + 2 * i]!, shares[sampleTimes.length + 2 * i + 1]!),
      userShifts: catchmentShifts(popNames, userShares[2 * i]!, userShares[2 * i + 1]!),
    })),
    catchmentZooms: zoomed.map((w, z) => ({
      atMs: w.startMs,
      description: w.description,
      points: ZOOM_OFFSETS_MS.map((offsetMs, k) => ({
        offsetMs,
        shares: sumByGroup(grouping, shares[zoomBase + z * ZOOM_OFFSETS_MS.length + k]!).map(roundShare),
      })),
    })),
    clientAsesMoved: movedClientAses(run.timeline, clients),
    clientUsersMovedShare: movedClientUsersShare(run.timeline, clients, (asIndex) => run.geography.usersOf(asIndex)),
    convergence: run.routing.convergence,
    unicastDnsFailoverMs: run.popModel.unicastDnsFailoverMs,
    catchmentQuality: runCatchmentQuality(run),
    catchmentUncertainty: runCatchmentUncertainty(run),
    ...(run.attacks.length === 0 ? {} : { attacks: run.attacks }),
  };
}

/** Per-PoP rows (plus the "no route" row) summed into the grouping's labels, bin by bin. */
function regroupRows(grouping: PopGrouping, rows: readonly (readonly number[])[]): number[][] {
  const bins = rows[0]?.length ?? 0;
  const out = grouping.labels.map(() => new Array<number>(bins).fill(0));
  rows.forEach((row, r) => {
    const target = out[grouping.groupOf[r]!]!;
    row.forEach((v, b) => {
      target[b]! += v;
    });
  });
  return out;
}

/** PoPs (by name; the last share is "no route") whose share moved by at least half a point. */
function catchmentShifts(popNames: readonly string[], before: readonly number[], after: readonly number[]): CatchmentShift[] {
  const names = [...popNames, NO_ROUTE];
  return names.flatMap((pop, i) => {
    const b = before[i] ?? 0;
    const a = after[i] ?? 0;
    return Math.abs(a - b) >= 0.005 ? [{ pop, before: roundShare(b), after: roundShare(a) }] : [];
  });
}

/** Shares at instants in any order (the sweep needs them sorted; results come back in input order); weighted as sharesAtInstants. */
function sharesInOrder(
  timeline: CatchmentTimeline,
  clients: Int32Array,
  popCount: number,
  instantsMs: readonly number[],
  weightOf?: (asIndex: number) => number,
): number[][] {
  const order = instantsMs.map((_, i) => i).sort((a, b) => instantsMs[a]! - instantsMs[b]! || a - b);
  const sorted = sharesAtInstants(timeline, clients, popCount, order.map((i) => instantsMs[i]!), weightOf);
  const out = new Array<number[]>(instantsMs.length);
  order.forEach((original, k) => {
    out[original] = sorted[k]!;
  });
  return out;
}

/** An instant inside the run (zoom offsets before 0 or past the end are clamped). */
function clampMs(tMs: number, horizonMs: number): number {
  return Math.min(horizonMs, Math.max(0, tMs));
}
