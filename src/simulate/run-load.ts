/**
 * The load pass of a run (docs/load.md): after the routing pass, per-PoP offered, delivered and
 * dropped load over time from the catchment timeline, the workload and the scenario's attacks,
 * and the overload model the session judge applies. Only scenarios with capacities or attacks
 * have one, so every other run is unchanged. Drawn attack sources come from the replication's
 * `attacks` stream, so attacks move no other draw.
 */
import { NO_INCIDENT, type FlapPlan, type PlannedAttack } from '../flaps/index.js';
import { greatCircleKm } from '../geo/index.js';
import { computePopLoad, drawAttackSources, type AttackLoad, type AttackSource, type PopLoad, type ProtocolDemand } from '../load/index.js';
import { popCapacityOf, ScenarioError, type Scenario } from '../scenario/model.js';
import { meanDurationMs, type RandomStreams } from '../sim/index.js';
import { diurnalRateAt, trafficProfile, type CatchmentTimeline, type OverloadModel, type ProtocolProfile } from '../sessions/index.js';
import type { World } from './world.js';

/** One attack with its sources resolved against the topology. */
export interface ResolvedAttack {
  readonly plan: PlannedAttack;
  readonly sources: readonly AttackSource[];
}

/** The load of one run and what the judge needs of it. */
export interface RunLoad {
  readonly load: PopLoad;
  readonly attacks: readonly ResolvedAttack[];
  /** Present when some PoP drops packets or refuses sessions in some bin. */
  readonly overload?: OverloadModel;
  /** Start of every bin in which some PoP drops packets, and the end of each run of them: checkpoints. */
  readonly overloadEdgesMs: readonly number[];
}

/** Whether `scenario` needs a load pass: it gives capacities or attacks. */
export function needsLoadPass(scenario: Scenario): boolean {
  return scenario.capacity !== undefined || scenario.flaps.some((f) => f.type === 'ddos');
}

/** The inputs of the load pass beyond the world and the plan. */
export interface LoadPassInput {
  readonly scenario: Scenario;
  readonly world: World;
  readonly plan: FlapPlan;
  /** The catchment timeline sessions see (rows of ASes first). */
  readonly timeline: CatchmentTimeline;
  /** Each AS's landing at time 0: clients that reach no PoP then are not clients (reachableClients). */
  readonly initialLanding: Int32Array;
  /** Each workload entry's (possibly overridden) protocol profile, in workload order. */
  readonly profiles: readonly ProtocolProfile[];
  readonly streams: RandomStreams;
}

/** Runs the load pass. */
export function runLoadPass(input: LoadPassInput): RunLoad {
  const { scenario, world, plan, timeline, initialLanding, profiles, streams } = input;
  const attacksRandom = streams.stream('attacks');
  const attacks: ResolvedAttack[] = (plan.attacks ?? []).map((attack) => ({ plan: attack, sources: resolveSources(attack, world, attacksRandom, scenario.name) }));
  const asIndexes: number[] = [];
  const weights: number[] = [];
  world.clientCandidates.forEach((asIndex, i) => {
    if (initialLanding[asIndex]! < 0) return;
    asIndexes.push(asIndex);
    weights.push(world.clientWeights[i]!);
  });
  const protocols: ProtocolDemand[] = scenario.workload.map((spec, i) => {
    const rateAt = (tMs: number): number => diurnalRateAt(spec.arrivalsPerS, spec.diurnal, tMs);
    return { traffic: trafficProfile(profiles[i]!), arrivals: { rateAt }, meanDurationMs: meanDurationMs(spec.duration) };
  });
  const popCount = world.deployment.sites.length;
  const attackLoads: AttackLoad[] = attacks.map(({ plan: a, sources }) => ({ startMs: a.startMs, durationMs: a.durationMs, packetsPerS: a.packetsPerS, bitsPerS: a.bitsPerS, sources }));
  const load = computePopLoad({
    timeline,
    popCount,
    horizonMs: scenario.durationMs,
    clients: { asIndexes: Int32Array.from(asIndexes), weights },
    protocols,
    attacks: attackLoads.filter((a) => a.sources.length > 0),
    capacities: world.deployment.sites.map((site) => popCapacityOf(scenario.capacity, site.name)),
  });
  const overloadEdgesMs = overloadEdges(load);
  if (overloadEdgesMs.length === 0 && !refusesSessions(load)) return { load, attacks, overloadEdgesMs };
  const overload: OverloadModel = {
    dropProbabilityAt: (pop, tMs) => load.dropProbabilityAt(pop, tMs),
    incidentAt: (pop, tMs) => attackIncidentAt(load, attacks, pop, tMs),
    refusalProbabilityAt: (pop, tMs) => load.refusalProbabilityAt(pop, tMs),
  };
  return { load, attacks, overload, overloadEdgesMs };
}

/** The sources of `attack`: its ASNs (that the topology has), or a weighted draw of client candidates. */
function resolveSources(attack: PlannedAttack, world: World, random: ReturnType<RandomStreams['stream']>, scenarioName: string): AttackSource[] {
  const spec = attack.sources;
  if (spec.kind === 'asns') {
    return spec.asns.map((asn) => world.graph.indexOf(asn)).filter((i) => i >= 0).map((asIndex) => ({ asIndex, weight: 1 }));
  }
  const near = spec.near;
  const candidates =
    near === undefined
      ? world.clientCandidates
      : Int32Array.from(world.clientCandidates).filter((asIndex) => greatCircleKm(world.geography.pointsOf(asIndex)[0]!, near.center) <= near.radiusKm);
  if (candidates.length === 0) {
    throw ScenarioError.fromProblems(scenarioName, [
      {
        path: ['flaps', attack.flapIndex, 'sources', 'near', 'radiusKm'],
        message: `no client AS has its home within ${near!.radiusKm} km of (${near!.center.latDeg}, ${near!.center.lonDeg}); widen radiusKm or move the centre`,
      },
    ]);
  }
  const weights = Array.from(candidates, (asIndex) => (spec.weighting === 'degree' ? world.graph.degree(asIndex) : 1));
  return drawAttackSources(candidates, weights, spec.count, random);
}

/** The attack blamed for `pop`'s overload at `tMs`: the first active one that offers it traffic. */
function attackIncidentAt(load: PopLoad, attacks: readonly ResolvedAttack[], pop: number, tMs: number): number {
  if (load.offered(pop, load.binAt(tMs), 'attack', 'packetsPerS') <= 0) return NO_INCIDENT;
  for (const { plan } of attacks) if (tMs >= plan.startMs && tMs < plan.startMs + plan.durationMs) return plan.incident;
  return NO_INCIDENT;
}

/** Whether some PoP refuses new sessions in some bin. */
function refusesSessions(load: PopLoad): boolean {
  for (let p = 0; p < load.popCount; p++) for (let b = 0; b < load.binCount; b++) if (load.refusalProbabilityAt(p, b * load.binMs) > 0) return true;
  return false;
}

/** Bin starts where some PoP drops packets, plus the first bin after each run of them. */
function overloadEdges(load: PopLoad): number[] {
  const edges: number[] = [];
  let previous = false;
  for (let b = 0; b < load.binCount; b++) {
    let any = false;
    for (let p = 0; p < load.popCount && !any; p++) any = load.dropFractionAt(p, b) > 0;
    if (any || previous) edges.push(b * load.binMs);
    previous = any;
  }
  return edges;
}
