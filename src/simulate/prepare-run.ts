/**
 * Everything before the session pass: the world, the flap plan, the routing pass and its
 * timeline (with client flips laid over it), the PoP layer and, per protocol, its judge and its
 * traffic source. A prepared run holds live random streams: use it for one session pass.
 */
import { planFlaps, type FlapPlan, type Incident } from '../flaps/index.js';
import type { TalliedProtocol } from '../metrics/index.js';
import {
  createArchitecture,
  PopLayerModel,
  type ArchitectureName,
  type ChurnEvent,
  type PopLayerConfig,
} from '../pop/index.js';
import type { Scenario } from '../scenario/index.js';
import {
  ArrivalProcess,
  type ClientPopulation,
  overlayClientFlips,
  PerFlowFlips,
  protocolProfile,
  ROUTING_MODE,
  SessionJudge,
  type CatchmentTimeline,
  type JudgedArchitecture,
  type ProtocolTraffic,
} from '../sessions/index.js';
import { RandomStreams } from '../sim/index.js';
import { ClientFlipPass } from './client-flip-pass.js';
import { runRoutingPass, type RoutingPass } from './routing-pass.js';
import { buildWorld, reachableClients, type World } from './world.js';

/** Whether `architecture` applies to `protocol`: QUIC-LB routes by QUIC connection IDs only. */
export function architectureApplies(protocol: string, architecture: ArchitectureName): boolean {
  return architecture !== 'quic-lb' || protocol === 'quic';
}

/** A run ready for its session pass. */
export interface PreparedRun {
  readonly scenario: Scenario;
  readonly world: World;
  readonly routing: RoutingPass;
  /** Client ASes that reach a PoP in the steady state, weighted. */
  readonly population: ClientPopulation;
  /**
   * The route history with client flips laid over it: what sessions see (per-flow flips add a
   * row per flip after the ASes' rows, for the flows that hash onto its alternative).
   */
  readonly timeline: CatchmentTimeline;
  readonly popModel: PopLayerModel;
  readonly architectureNames: readonly ArchitectureName[];
  /** Per protocol (workload order): tally description, judge, traffic, judged architecture indexes. */
  readonly protocols: readonly TalliedProtocol[];
  readonly judges: readonly SessionJudge[];
  readonly traffic: readonly ProtocolTraffic[];
  readonly judgedArchitectures: readonly (readonly number[])[];
  /** The PoP DNS answers for each AS (its catchment at time 0). */
  readonly dnsPopOfAs: Int32Array;
  /**
   * Every incident of the run: the flap plan's, then those registered later (client flips).
   * Timeline entries, site outages and churn events name incidents by index into this list.
   */
  readonly incidents: readonly Incident[];
}

/** The stages of a run, announced as they start (for a progress display). */
export type RunPhase = 'topology' | 'routing' | 'sessions';

/** Builds everything the session pass needs, calling `onPhase` as each stage starts. */
export function prepareRun(scenario: Scenario, onPhase?: (phase: RunPhase) => void): PreparedRun {
  const streams = new RandomStreams(scenario.seed);
  onPhase?.('topology');
  const world = buildWorld(scenario, streams);
  const popCount = world.deployment.sites.length;
  const plan = planFlaps(scenario.flaps, world.flapContext, streams.stream('flaps'));
  onPhase?.('routing');
  const flipPass =
    plan.clientFlips === undefined
      ? undefined
      : new ClientFlipPass(plan.clientFlips, world.clientCandidates, plan, scenario.durationMs, plan.incidents.length, streams.stream('client-flips'));
  const routing = runRoutingPass(scenario, world, plan, streams, flipPass?.probes());
  const population = reachableClients(world, routing.initialLanding);
  const flips = flipPass?.result();
  const perFlowFlips = flips !== undefined && plan.clientFlips?.mode === 'per-flow' ? new PerFlowFlips(routing.timeline, flips.log) : undefined;
  const timeline = flips === undefined ? routing.timeline : perFlowFlips !== undefined ? perFlowFlips.timeline : overlayClientFlips(routing.timeline, flips.log);
  const popModel = new PopLayerModel(popLayerConfig(scenario, world, plan), streams.stream('pop-layer'));
  const architectureNames = scenario.architectures as readonly ArchitectureName[];
  const popChangeTimesMs = popLayerChangeTimes(plan, popModel);

  const protocols: TalliedProtocol[] = [];
  const judges: SessionJudge[] = [];
  const traffic: ProtocolTraffic[] = [];
  const judgedArchitectures: number[][] = [];
  for (const spec of scenario.workload) {
    const profile = protocolProfile(spec.protocol, {
      ...(spec.packetIntervalMs === undefined ? {} : { packetIntervalMs: spec.packetIntervalMs }),
      ...(spec.resolver === undefined ? {} : { resolver: spec.resolver }),
    });
    const applicable = architectureNames.filter((a) => architectureApplies(spec.protocol, a));
    judgedArchitectures.push(applicable.map((a) => architectureNames.indexOf(a)));
    const judged: JudgedArchitecture[] = applicable.map((name) => ({
      architecture: createArchitecture(name, popModel),
      mode: ROUTING_MODE[name],
    }));
    judges.push(
      new SessionJudge(profile, {
        timeline,
        sites: popModel.sites,
        popCount,
        popChangeTimesMs,
        architectures: judged,
        ...(perFlowFlips === undefined ? {} : { perFlowFlips }),
      }),
    );
    protocols.push(
      profile.exposure === 'query'
        ? { protocol: spec.protocol, dnsTimeoutMs: profile.resolver.timeoutMs, dnsAttempts: profile.resolver.attempts }
        : { protocol: spec.protocol },
    );
    traffic.push({
      arrivals: new ArrivalProcess(spec.arrivalsPerS, streams.stream(`workload/${spec.protocol}/arrivals`), spec.diurnal),
      duration: spec.duration,
      random: streams.stream(`workload/${spec.protocol}/sessions`),
    });
  }
  return {
    scenario,
    world,
    routing,
    population,
    timeline,
    popModel,
    architectureNames,
    protocols,
    judges,
    traffic,
    judgedArchitectures,
    dnsPopOfAs: routing.initialLanding,
    incidents: flips === undefined ? plan.incidents : [...plan.incidents, ...flips.incidents],
  };
}

/** The PoP layer's configuration from the scenario and the flap plan. */
function popLayerConfig(scenario: Scenario, world: World, plan: FlapPlan): PopLayerConfig {
  const servers = scenario.servers;
  const nextId = world.deployment.sites.map(() => servers.perPop);
  const live = world.deployment.sites.map(() => Array.from({ length: servers.perPop }, (_, i) => i));
  const churn: ChurnEvent[] = [];
  // Churn names a count; the servers it takes are the most recently added live ones, so that a
  // remove after an add undoes it (documented in docs/scenarios.md).
  for (const event of plan.serverChurn) {
    for (let k = 0; k < event.count; k++) {
      if (event.action === 'add') {
        const serverId = nextId[event.site]!++;
        live[event.site]!.push(serverId);
        churn.push({ atMs: event.atMs, popIndex: event.site, kind: 'add', serverId, incident: event.incident });
      } else {
        const serverId = live[event.site]!.pop();
        if (serverId === undefined) break;
        churn.push({ atMs: event.atMs, popIndex: event.site, kind: event.action, serverId, incident: event.incident });
      }
    }
  }
  return {
    pops: world.deployment.sites.map((site) => ({
      name: site.name,
      servers: servers.perPop,
      algorithm: servers.algorithm,
      tableSize: servers.tableSize,
      vnodes: servers.vnodes,
    })),
    churn,
    siteFailures: plan.siteOutages.flatMap((outages, popIndex) =>
      outages.map(([downAtMs, upAtMs, incident]) => (Number.isFinite(upAtMs) ? { popIndex, downAtMs, upAtMs, incident } : { popIndex, downAtMs, incident })),
    ),
    globalHash: {
      algorithm: servers.algorithm,
      tableSize: servers.tableSize,
      vnodes: servers.vnodes,
      updateDelayMs: { minMs: scenario.serving.globalHashUpdateDelayMs[0], maxMs: scenario.serving.globalHashUpdateDelayMs[1] },
    },
    unicastDns: {
      healthCheckIntervalMs: scenario.serving.healthCheckIntervalMs,
      failureThreshold: scenario.serving.failureThreshold,
      dnsTtlMs: scenario.serving.dnsTtlMs,
    },
    conntrack: { capacity: servers.conntrackCapacity, idleTimeoutMs: servers.conntrackIdleTimeoutMs },
  };
}

/**
 * Times at which a PoP's answer for a fixed landing may change: server churn, and each PoP
 * applying a shared-table update (global-hash) after its own delay.
 */
function popLayerChangeTimes(plan: FlapPlan, model: PopLayerModel): Float64Array {
  const times: number[] = [];
  for (const event of plan.serverChurn) {
    times.push(event.atMs);
    for (const delayMs of model.globalUpdateDelayMs) if (delayMs > 0) times.push(event.atMs + delayMs);
  }
  return Float64Array.from(times).sort();
}
