/**
 * A run's per-PoP load from a route history (docs/load.md): the glue between a prepared world and
 * the load layer's computePopLoad. The client population and its weights are the session pass's;
 * each protocol offers its traffic profile at its arrival rate (diurnal shape included) with
 * sessions open by Little's law; attacks are the flap plan's, their sources resolved against the
 * topology; capacities are the scenario's (absent: unlimited).
 *
 * Attack sources given by ASN take equal shares. Drawn sources (`count` client ASes, weights
 * `uniform` or `degree`) are drawn without replacement from the client candidates with the
 * `attacks` random stream, one stream for all attacks in the scenario's order, so an attack never
 * moves another consumer's draws.
 */
import type { PlannedAttack } from '../flaps/index.js';
import { computePopLoad, type AttackLoad, type PopLoad, type ProtocolDemand } from '../load/index.js';
import { popCapacityOf, ScenarioError, type Scenario } from '../scenario/index.js';
import { ArrivalProcess, type CatchmentTimeline, protocolProfile, trafficProfile } from '../sessions/index.js';
import { meanDurationMs, type RandomStream, RandomStreams } from '../sim/index.js';
import type { World } from './world.js';

/** What the load of any route history of one run needs, resolved once. */
export interface RunLoadModel {
  readonly attacks: readonly AttackLoad[];
  /**
   * The load of one route history, on bins of `binMs` (the load layer's 1 s by default), with
   * every attack or only those whose indexes `attackIndexes` lists.
   */
  loadOf(timeline: CatchmentTimeline, binMs?: number, attackIndexes?: readonly number[]): PopLoad;
}

/**
 * Resolves `attacks`' sources (drawing from `random` where asked) and builds the run's load
 * model; clients are the candidates that reach a PoP in `initialLanding` (as the session pass's).
 */
export function runLoadModel(scenario: Scenario, world: World, initialLanding: Int32Array, attacks: readonly PlannedAttack[], random: RandomStream): RunLoadModel {
  const resolved = attacks.map((attack) => resolveAttack(scenario.name, attack, world, random));
  // rateAt draws nothing: the processes here only describe the rates the session pass draws from.
  const rates = new RandomStreams(scenario.seed, 'load-rates/');
  const protocols: ProtocolDemand[] = scenario.workload.map((spec) => ({
    traffic: trafficProfile(
      protocolProfile(spec.protocol, {
        ...(spec.packetIntervalMs === undefined ? {} : { packetIntervalMs: spec.packetIntervalMs }),
        ...(spec.resolver === undefined ? {} : { resolver: spec.resolver }),
        ...(spec.applicationTimeoutMs === undefined ? {} : { applicationTimeoutMs: spec.applicationTimeoutMs }),
      }),
    ),
    arrivals: new ArrivalProcess(spec.arrivalsPerS, rates.stream(spec.protocol), spec.diurnal),
    meanDurationMs: meanDurationMs(spec.duration),
  }));
  const capacities = world.deployment.sites.map((site) => popCapacityOf(scenario.capacity, site.name));
  const reached = Array.from(world.clientCandidates.keys()).filter((i) => initialLanding[world.clientCandidates[i]!]! >= 0);
  const clients = { asIndexes: Int32Array.from(reached, (i) => world.clientCandidates[i]!), weights: reached.map((i) => world.clientWeights[i]!) };
  return {
    attacks: resolved,
    loadOf: (timeline, binMs, attackIndexes) =>
      computePopLoad({
        timeline,
        popCount: world.deployment.sites.length,
        horizonMs: scenario.durationMs,
        clients,
        protocols,
        attacks: attackIndexes === undefined ? resolved : attackIndexes.map((a) => resolved[a]!),
        capacities,
        ...(binMs === undefined ? {} : { binMs }),
      }),
  };
}

function resolveAttack(scenarioName: string, attack: PlannedAttack, world: World, random: RandomStream): AttackLoad {
  const { startMs, durationMs, packetsPerS, bitsPerS } = attack;
  const spec = attack.sources;
  if (spec.kind === 'asns') {
    const sources = spec.asns.map((asn) => {
      const asIndex = world.graph.indexOf(asn);
      if (asIndex < 0) throw ScenarioError.fromProblems(scenarioName, [{ path: ['flaps', attack.flapIndex, 'sources'], message: `attack source AS${asn} is not in the topology` }]);
      return { asIndex, weight: 1 };
    });
    return { startMs, durationMs, packetsPerS, bitsPerS, sources };
  }
  const candidates = world.clientCandidates;
  const weights = Array.from(candidates, (asIndex) => (spec.weighting === 'uniform' ? 1 : degreeOf(world, asIndex)));
  const count = Math.min(spec.count, candidates.length);
  const sources: { asIndex: number; weight: number }[] = [];
  let total = weights.reduce((a, b) => a + b, 0);
  for (let n = 0; n < count && total > 0; n++) {
    let pick = random.uniform(0, total);
    let i = 0;
    while (i < weights.length - 1 && (weights[i] === 0 || pick >= weights[i]!)) {
      pick -= weights[i]!;
      i++;
    }
    sources.push({ asIndex: candidates[i]!, weight: 1 });
    total -= weights[i]!;
    weights[i] = 0;
  }
  return { startMs, durationMs, packetsPerS, bitsPerS, sources };
}

function degreeOf(world: World, asIndex: number): number {
  return world.graph.offsets[asIndex + 1]! - world.graph.offsets[asIndex]!;
}
