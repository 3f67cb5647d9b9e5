/**
 * What one run produces: the object `simulate()` returns and `anysim run --json` writes. Plain
 * JSON data (no Maps, no typed arrays), deterministic for a seed: no wall-clock figures.
 */
import type { CatchmentUncertaintyResult } from './catchment-uncertainty.js';
import type { ArchitectureCostResult, IncidentResults, ProtocolArchitectureResult, ReplicateResult, ReplicationInterval } from '../metrics/index.js';
import type { Scenario } from '../scenario/model.js';
import type { CatchmentQualityResult } from './catchment-quality.js';

/** A routing event of the run and how the network took it. */
export interface RoutingEventResult {
  readonly atMs: number;
  /** e.g. "withdraw-site pop-1", "site-link-down pop-0 AS174". */
  readonly description: string;
  /** Which scenario flap process caused it. */
  readonly flapIndex: number;
}

/** BGP convergence over the run. */
export interface ConvergenceResult {
  /** UPDATE messages sent during the run (the anycast prefix). */
  readonly updates: number;
  /** UPDATE messages of the PoPs' unicast prefixes (0 under `unicastDynamics: steady-state`). */
  readonly unicastUpdates: number;
  /** Scheduled routing events. */
  readonly events: readonly RoutingEventResult[];
  /**
   * One row per event instant, measured causally: the changes of that event's own wave, from its
   * start until the wave is quiet, however many other events start meanwhile.
   */
  readonly windows: readonly ConvergenceWindow[];
}

/** p50, p90 and max of a settling time, ms from the event. */
export interface SettledMs {
  readonly p50: number;
  readonly p90: number;
  readonly max: number;
}

/** One event's row (the events at one instant). */
export interface ConvergenceWindow {
  readonly startMs: number;
  readonly description: string;
  /** ASes whose anycast landing this event's wave changed. */
  readonly asesChanged: number;
  /** Time from the event to each such AS's last landing change in the wave: p50, p90, max over them. */
  readonly settledMs: SettledMs;
  /** ASes that the wave black-holed or looped at some point. */
  readonly asesDropped: number;
  /** The share of all users in the ASes whose landing the wave changed (`asesChanged` weighted by users). */
  readonly usersChangedShare: number;
  /** The share of all users in the ASes the wave black-holed or looped. */
  readonly usersDroppedShare: number;
  /**
   * For the ASes the wave black-holed or looped: each one's longest continuous spell without
   * delivery (from the wave's drop until any later change delivers again; open spells count to
   * the end of the routing pass), p50 and max over them (0 when none).
   */
  readonly blackholeMs: { readonly p50: number; readonly max: number };
  /** Rows (indexes into `windows`) whose waves were active at the same time as this one's. */
  readonly overlapsWith: readonly number[];
  /** ASes whose route to some PoP's unicast prefix the wave changed (delivered, black-holed, looped). */
  readonly unicastAsesChanged: number;
  /** Time from the event to each such AS's last unicast change in the wave. */
  readonly unicastSettledMs: SettledMs;
  /** ASes whose packets to some PoP's unicast prefix the wave black-holed or looped. */
  readonly unicastAsesDropped: number;
}

/** Share of client ASes per PoP over time (the catchment timeline chart). */
export interface CatchmentSharePoint {
  readonly atMs: number;
  /** One share per label of {@link CatchmentTimelineResult.labels}. */
  readonly shares: readonly number[];
}

/** The catchment over the run: the busiest PoPs by name, the rest as "other PoPs", and "no route". */
export interface CatchmentTimelineResult {
  readonly labels: readonly string[];
  readonly points: readonly CatchmentSharePoint[];
}

/** New sessions per label over time bins (how load and attack traffic spread). */
export interface PopLoadView {
  readonly binMs: number;
  readonly labels: readonly string[];
  /** sessions[label][bin]. */
  readonly sessions: readonly (readonly number[])[];
}

/** How one PoP's share of client ASes moved across an event. */
export interface CatchmentShift {
  readonly pop: string;
  readonly before: number;
  readonly after: number;
}

/** The catchment just before an event window and once it settled. */
export interface CatchmentAroundEvent {
  readonly atMs: number;
  readonly description: string;
  /** PoPs (and "no route") whose share of client ASes moved by at least half a point. */
  readonly shifts: readonly CatchmentShift[];
  /** The same for the share of the client ASes' users (issue 15, item 6). */
  readonly userShifts: readonly CatchmentShift[];
}

/** The catchment just around one busy event: shares at offsets from the event. */
export interface CatchmentZoom {
  readonly atMs: number;
  readonly description: string;
  /** Shares per label of {@link CatchmentTimelineResult.labels}, at `offsetMs` from the event. */
  readonly points: readonly { readonly offsetMs: number; readonly shares: readonly number[] }[];
}

/** One (protocol, architecture) under one plan. */
export interface ResponsePlanPairResult {
  readonly protocol: string;
  readonly architecture: string;
  /** Broken fraction (mean over replications, t-interval), as in `results[]`. */
  readonly brokenFraction: ReplicationInterval;
  /** Breaks blamed on this plan's responses (pooled over replications): response-induced shifts. */
  readonly brokenByResponses: number;
  /** Breaks blamed on anything else (the attack, flaps, overload): what the plan did not cause. */
  readonly brokenOtherwise: number;
  /**
   * Fraction broken by this plan's responses (response-induced shifts and black holes), among
   * sessions whose fate the run saw: mean over replications with its t-interval.
   */
  readonly byResponsesFraction: ReplicationInterval;
  /**
   * Fraction broken by cause `overload` (dropped or refused at an overloaded PoP), among sessions
   * whose fate the run saw: mean over replications with its t-interval, like the broken fraction.
   */
  readonly overloadFraction: ReplicationInterval;
  /**
   * Paired difference of the broken fraction to the first plan (this plan minus the first), per
   * replication on the same history, mean with its t-interval over replications.
   */
  readonly versusFirstPlan: ReplicationInterval;
}

/** One plan's run. */
export interface ResponsePlanResult {
  readonly plan: string;
  /** Routing actions the plan added to the run. */
  readonly responses: number;
  readonly pairs: readonly ResponsePlanPairResult[];
  readonly convergence: ConvergenceResult;
  /** Where each attack's traffic went under this plan (shown replication). */
  readonly attacks?: readonly AttackView[];
}

/** Per protocol: the plan with the fewest broken sessions under each architecture. */
export interface ResponseVerdict {
  readonly protocol: string;
  readonly architecture: string;
  /** The plan with the lowest mean broken fraction. */
  readonly fewestBreaks: string;
  /** The runner-up plan, or undefined with one plan. */
  readonly runnerUp?: string;
  /**
   * Whether the paired interval of (runner-up minus best) lies above 0: the ranking holds at 95 %
   * (false: the two are not told apart at this number of replications).
   */
  readonly clear: boolean;
}

/** The comparison of a scenario's response plans (SimulationResult.responsePlans). */
export interface ResponseComparison {
  readonly plans: readonly ResponsePlanResult[];
  readonly verdicts: readonly ResponseVerdict[];
}

/** Where an attack's traffic went during one phase of it (between responses). */
export interface AttackPhase {
  /** "attack starts", or "after <the response>". */
  readonly description: string;
  readonly fromMs: number;
  readonly toMs: number;
  /** Mean share of the attack's volume offered to each PoP (PoP order of `pops`). */
  readonly attackShareByPop: readonly number[];
  /** Mean share whose route reached no PoP (black hole, loop). */
  readonly unreachedShare: number;
  /** Mean share the PoPs dropped (fluid fair share, docs/load.md). */
  readonly droppedShareOfAttack: number;
}

/** One attack (a ddos flap) in the shown replication (attack-view.ts). */
export interface AttackView {
  /** Its flap: index into the scenario's `flaps`. */
  readonly flapIndex: number;
  readonly startMs: number;
  readonly durationMs: number;
  readonly bitsPerS: number;
  readonly packetsPerS: number;
  readonly sourceAses: number;
  readonly spoofed: boolean;
  readonly binMs: number;
  /** Per PoP, per bin: offered load (legitimate plus every attack), bits per second. */
  readonly offeredBitsPerS: readonly (readonly number[])[];
  /** Per PoP, per bin: the attacks' part of the offered load. */
  readonly attackBitsPerS: readonly (readonly number[])[];
  /** Per PoP, per bin: dropped load (legitimate plus attack). */
  readonly droppedBitsPerS: readonly (readonly number[])[];
  readonly phases: readonly AttackPhase[];
}

/** One whole run. */
export interface SimulationResult {
  readonly anysimVersion: string;
  readonly seed: string;
  readonly scenarioDigest: string;
  readonly scenarioName: string;
  readonly durationMs: number;
  readonly topology: {
    readonly source: string;
    readonly ases: number;
    readonly links: number;
    readonly clientAses: number;
    /** Candidate client ASes left out: no route to any PoP in the steady state. */
    readonly unreachableClientAses: number;
  };
  readonly pops: readonly { readonly name: string; readonly upstreams: readonly number[]; readonly peers: readonly number[] }[];
  readonly protocols: readonly string[];
  readonly architectures: readonly string[];
  /** The normalised scenario the run simulated: the report shows its inputs from it. */
  readonly scenario: Scenario;
  /** Independent replications run (scenario.replications). */
  readonly replications: number;
  /** How the intervals of `results[]` were built, in words (see docs/statistics.md). */
  readonly intervalMethod: string;
  /** Sessions judged over all replications (each once, whatever the architectures). */
  readonly sessions: number;
  /** Per protocol x architecture: counts summed over replications, intervals from their spread. */
  readonly results: readonly ProtocolArchitectureResult[];
  /** Each replication's own counts, in replication order (for paired comparisons). */
  readonly replicates: readonly ReplicateResult[];
  /**
   * The replication whose history the routing-derived views show (pop load, catchment,
   * convergence, clients moved): always 0, whose streams are the unprefixed ones.
   */
  readonly shownReplication: 0;
  /** Per incident class (pooled over replications): reach, recovery, breaks per incident; breaks per flap process. */
  readonly incidents: IncidentResults;
  readonly popLoad: PopLoadView;
  readonly catchment: CatchmentTimelineResult;
  readonly catchmentAroundEvents: readonly CatchmentAroundEvent[];
  /** The catchment from 30 s before to 5 min after the busiest event windows (a chart each). */
  readonly catchmentZooms: readonly CatchmentZoom[];
  /** Client ASes whose landing changed at least once (unicast-dns pins them: none move). */
  readonly clientAsesMoved: number;
  /** The same weighted by users: the share of the client ASes' users whose AS changed PoP at least once. */
  readonly clientUsersMovedShare: number;
  readonly convergence: ConvergenceResult;
  /** unicast-dns: time from a PoP failure until clients stop being sent there (detection + TTL). */
  readonly unicastDnsFailoverMs: number;
  /** How far the catchment is from "every user on the nearest PoP" (docs/geography.md). */
  readonly catchmentQuality: CatchmentQualityResult;
  /** Each PoP's catchment share as a range over the tie-break rules and random orders (docs/routing.md). */
  readonly catchmentUncertainty: CatchmentUncertaintyResult;
  /**
   * What each architecture costs per protocol on the same histories (issue 15, item 5): packets
   * forwarded between PoPs, backhaul bytes/s, added RTT per packet and at the start (null without
   * geography), with t-intervals over replications. docs/pop.md, "Cost of each architecture".
   */
  readonly architectureCosts: readonly ArchitectureCostResult[];
  /** Prefixes each architecture announces: /24 (IPv4) and /48 (IPv6), one per PoP for unicast designs. */
  readonly addressSpace: readonly { readonly architecture: string; readonly ipv4Slash24: number; readonly ipv6Slash48: number }[];
  /**
   * With several response plans: each plan's run and which breaks fewer sessions
   * (response-comparison.ts). Everything else in the result is the first plan's run.
   */
  readonly responsePlans?: ResponseComparison;
  /** Each attack of the shown replication (absent without ddos flaps). */
  readonly attacks?: readonly AttackView[];
}
