/**
 * Everything before the session pass: the world, the flap plan, the routing pass and its
 * timeline (with client flips laid over it), the PoP layer and, per protocol, its judge and its
 * traffic source. A prepared run holds live random streams: use it for one session pass.
 *
 * Replications: everything drawn at random draws from the replication's own streams, named
 * `rep/<r>/...` under the seed (replication 0 keeps the unprefixed names): the flaps, routing,
 * client flips, the PoP layer and the workload, and also a synthetic topology and PoPs placed by
 * count. Those are random stand-ins for "an Internet-like graph" and "four PoPs somewhere", and
 * they move the results as much as the events do (seeds 11-16 of the reference: dns-udp 0.15-0.47 %
 * broken), so an interval that held them fixed would not cover what another seed gives. A world
 * given exactly (a CAIDA file, listed sites) is the same in every replication; listed sites on a
 * synthetic graph name its ASes, so that graph (stream `topology`, unprefixed) is kept too.
 */
import { addResponses, FlapPlanError, IncidentTable, planFlaps, ResponsePlanError, type FlapPlan } from '../flaps/index.js';
import type { AsGeographyTable, LatLon } from '../geo/index.js';
import type { CostedProtocol, TalliedProtocol } from '../metrics/index.js';
import {
  createArchitecture,
  GeographicPathRtt,
  PopLayerModel,
  type ArchitectureName,
  type ChurnEvent,
  type PopLayerConfig,
} from '../pop/index.js';
import { ScenarioError, type Scenario } from '../scenario/model.js';
import {
  ArrivalProcess,
  type ClientPopulation,
  overlayClientFlips,
  PerFlowFlips,
  protocolProfile,
  ROUTING_MODE,
  SessionJudge,
  trafficProfile,
  type CatchmentTimeline,
  type JudgedArchitecture,
  type ProtocolProfile,
  type ProtocolTraffic,
  type UnicastRoutes,
} from '../sessions/index.js';
import { RandomStreams } from '../sim/index.js';
import { ClientFlipPass } from './client-flip-pass.js';
import { attackViews } from './attack-view.js';
import { resolveTriggeredResponses } from './response-triggers.js';
import { runRoutingPass, type RoutingPass } from './routing-pass.js';
import type { AttackView } from './simulation-result.js';
import { needsLoadPass, runLoadPass, type RunLoad } from './run-load.js';
import { buildWorld, reachableClients, type World } from './world.js';

/** Whether `architecture` applies to `protocol`: QUIC-LB routes by QUIC connection IDs only. */
export function architectureApplies(protocol: string, architecture: ArchitectureName): boolean {
  return architecture !== 'quic-lb' || protocol === 'quic';
}

/** A run ready for its session pass. */
export interface PreparedRun {
  readonly scenario: Scenario;
  readonly world: World;
  /** Where every AS is and whom it serves (the world's; docs/geography.md). */
  readonly geography: AsGeographyTable;
  /** Where each PoP site is, in site order (the world's). */
  readonly popLocations: readonly LatLon[];
  readonly routing: RoutingPass;
  /** Client ASes that reach a PoP in the steady state, weighted. */
  readonly population: ClientPopulation;
  /**
   * The route history with client flips laid over it: what sessions see (per-flow flips add a
   * row per flip after the ASes' rows, for the flows that hash onto its alternative).
   */
  readonly timeline: CatchmentTimeline;
  /** How packets to each PoP's own unicast prefix fare over the run (unicast-dns, unicast-handoff). */
  readonly unicast: UnicastRoutes;
  readonly popModel: PopLayerModel;
  readonly architectureNames: readonly ArchitectureName[];
  /** Per protocol (workload order): tally description, judge, traffic, judged architecture indexes. */
  readonly protocols: readonly TalliedProtocol[];
  readonly judges: readonly SessionJudge[];
  readonly traffic: readonly ProtocolTraffic[];
  readonly judgedArchitectures: readonly (readonly number[])[];
  /** Per protocol (workload order): its traffic profile, for each architecture's backhaul (cost-tally.ts). */
  readonly costedProtocols: readonly CostedProtocol[];
  /** The PoP DNS answers for each AS (its catchment at time 0). */
  readonly dnsPopOfAs: Int32Array;
  /**
   * Every incident of the run: the flap plan's, then those registered later (client flips).
   * Timeline entries, site outages and churn events name incidents by index into this table.
   */
  readonly incidents: IncidentTable;
  /** Each attack's load and where its traffic went, on the routing pass's history (attack-view.ts). */
  readonly attacks: readonly AttackView[];
  /** The load pass (docs/load.md): present when the scenario gives capacities or attacks. */
  readonly load?: RunLoad;
}

/** The stages of a run, announced as they start (for a progress display). */
export type RunPhase = 'topology' | 'routing' | 'sessions';

/** The flap plan; a flap asking for more events than a plan holds is a ScenarioError at that flap. */
function planFlapsOrExplain(scenario: Scenario, world: World, streams: RandomStreams): FlapPlan {
  try {
    return planFlaps(scenario.flaps, world.flapContext, streams.stream('flaps'));
  } catch (error) {
    if (!(error instanceof FlapPlanError)) throw error;
    const flap = scenario.flaps[error.flapIndex];
    const field = flap !== undefined && 'ratePerS' in flap ? 'rate' : 'type';
    throw ScenarioError.fromProblems(scenario.name, [{ path: ['flaps', error.flapIndex, field], message: error.message }]);
  }
}

/**
 * The flap plan with the scenario's responses added: a run applies the first response plan (a
 * scenario comparing several runs once per plan, simulate.ts). A response the deployment cannot
 * carry out is a ScenarioError at its field.
 */
function planWithResponses(scenario: Scenario, world: World, plan: FlapPlan, firedAtMs: ReadonlyMap<number, number>): FlapPlan {
  const responses = scenario.responses?.[0]?.responses ?? [];
  try {
    return addResponses(plan, responses, world.flapContext, firedAtMs);
  } catch (error) {
    if (!(error instanceof ResponsePlanError)) throw error;
    // A scenario comparing plans runs each as a scenario of that plan alone, so the plan's index in
    // the file is not known here: the problem names the plan and points at `responses`.
    const plan = scenario.responses?.[0]?.name ?? '';
    throw ScenarioError.fromProblems(scenario.name, [
      { path: ['responses'], message: `plan "${plan}", actions[${error.responseIndex}].${error.field}: ${error.message}` },
    ]);
  }
}

/**
 * When the first plan's load-triggered responses fire (response-triggers.ts): each step is a trial
 * routing pass and load pass (run-load.ts) on fresh copies of the replication's streams, so every
 * step draws what the final run draws up to its firings. The trial passes leave client flips out:
 * a trigger watches the routes' load (flips move about 1 % of clients, Wei & Heidemann 2017).
 * Empty without triggers.
 */
function firedResponses(
  scenario: Scenario,
  world: World,
  flapPlan: FlapPlan,
  profiles: readonly ProtocolProfile[],
  replication: number,
): Map<number, number> {
  const responses = scenario.responses?.[0]?.responses ?? [];
  if (!responses.some((r) => r.trigger !== undefined)) return new Map();
  const siteNames = world.flapContext.siteNames;
  return resolveTriggeredResponses(responses, scenario.durationMs, (name) => siteNames.indexOf(name), (firedAtMs) => {
    const trialStreams = new RandomStreams(scenario.seed, replicationPrefix(replication));
    const plan = planWithResponses(scenario, world, flapPlan, firedAtMs);
    const pass = runRoutingPass(scenario, world, plan, trialStreams);
    return runLoadPass({ scenario, world, plan, timeline: pass.timeline, initialLanding: pass.initialLanding, profiles, streams: trialStreams }).load;
  });
}

/** The stream-name prefix of replication `replication` ('' for replication 0). */
export function replicationPrefix(replication: number): string {
  if (!Number.isInteger(replication) || replication < 0) throw new RangeError(`replication must be an integer >= 0, got ${replication}`);
  return replication === 0 ? '' : `rep/${replication}/`;
}

/**
 * Builds everything replication `replication` (default 0) of the session pass needs, calling
 * `onPhase` as each stage starts.
 */
export function prepareRun(scenario: Scenario, onPhase?: (phase: RunPhase) => void, replication = 0): PreparedRun {
  const streams = new RandomStreams(scenario.seed, replicationPrefix(replication));
  // Listed sites name upstream ASes of one graph: a synthetic graph under them stays that graph.
  const worldStreams = scenario.pops.kind === 'sites' ? new RandomStreams(scenario.seed) : streams;
  onPhase?.('topology');
  const world = buildWorld(scenario, worldStreams);
  const popCount = world.deployment.sites.length;
  const flapPlan = planFlapsOrExplain(scenario, world, streams);
  const profiles = scenario.workload.map((spec) =>
    protocolProfile(spec.protocol, {
      ...(spec.packetIntervalMs === undefined ? {} : { packetIntervalMs: spec.packetIntervalMs }),
      ...(spec.resolver === undefined ? {} : { resolver: spec.resolver }),
      ...(spec.applicationTimeoutMs === undefined ? {} : { applicationTimeoutMs: spec.applicationTimeoutMs }),
    }),
  );
  const plan = planWithResponses(scenario, world, flapPlan, firedResponses(scenario, world, flapPlan, profiles, replication));
  onPhase?.('routing');
  const flipPass =
    plan.clientFlips === undefined
      ? undefined
      : new ClientFlipPass(plan.clientFlips, world.clientCandidates, plan, scenario.durationMs, streams.stream('client-flips'));
  const routing = runRoutingPass(scenario, world, plan, streams, flipPass?.probes());
  const population = reachableClients(world, routing.initialLanding);
  const flips = flipPass?.result();
  const perFlowFlips = flips !== undefined && plan.clientFlips?.mode === 'per-flow' ? new PerFlowFlips(routing.timeline, flips.log) : undefined;
  const timeline = flips === undefined ? routing.timeline : perFlowFlips !== undefined ? perFlowFlips.timeline : overlayClientFlips(routing.timeline, flips.log);
  const popModel = new PopLayerModel(popLayerConfig(scenario, world, plan), streams.stream('pop-layer'));
  const architectureNames = scenario.architectures as readonly ArchitectureName[];
  const popChangeTimesMs = popLayerChangeTimes(plan, popModel);
  // Added RTT of each architecture, from where the clients and PoPs are (docs/pop.md, Cost).
  const pathRtt = new GeographicPathRtt(world.geography, world.popLocations, world.graph.asCount);

  const load = needsLoadPass(scenario)
    ? runLoadPass({ scenario, world, plan, timeline, initialLanding: routing.initialLanding, profiles, streams })
    : undefined;
  const attacks =
    load === undefined
      ? []
      : attackViews(plan, load, timeline, scenario.durationMs, world.deployment.sites.map((s) => s.name), (wave) => routing.convergence.events[wave]?.description ?? '');
  const judgeChangeTimesMs = load?.overload === undefined ? popChangeTimesMs : Float64Array.from([...popChangeTimesMs, ...load.overloadEdgesMs]).sort();

  const protocols: TalliedProtocol[] = [];
  const judges: SessionJudge[] = [];
  const traffic: ProtocolTraffic[] = [];
  const judgedArchitectures: number[][] = [];
  const costedProtocols: CostedProtocol[] = [];
  for (const [w, spec] of scenario.workload.entries()) {
    const profile = profiles[w]!;
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
        popChangeTimesMs: judgeChangeTimesMs,
        architectures: judged,
        unicast: routing.unicast,
        quicResetKeyShared: scenario.serving.quicResetKey === 'shared',
        pathRtt,
        ...(perFlowFlips === undefined ? {} : { perFlowFlips }),
        ...(load?.overload === undefined ? {} : { overload: load.overload }),
      }),
    );
    costedProtocols.push({ protocol: spec.protocol, query: profile.exposure === 'query', traffic: trafficProfile(profile) });
    protocols.push(
      profile.exposure === 'query'
        ? { protocol: spec.protocol, dnsTimeoutMs: profile.resolver.timeoutMs, dnsAttempts: profile.resolver.attempts }
        : { protocol: spec.protocol },
    );
    traffic.push({
      arrivals: new ArrivalProcess(spec.arrivalsPerS, streams.stream(`workload/${spec.protocol}/arrivals`), spec.diurnal),
      duration: spec.duration,
      random: streams.stream(`workload/${spec.protocol}/sessions`),
      aliveAtStart: streams.stream(`workload/${spec.protocol}/alive-at-start`),
    });
  }
  return {
    scenario,
    world,
    geography: world.geography,
    popLocations: world.popLocations,
    routing,
    population,
    timeline,
    unicast: routing.unicast,
    popModel,
    architectureNames,
    protocols,
    judges,
    traffic,
    judgedArchitectures,
    costedProtocols,
    dnsPopOfAs: routing.initialLanding,
    incidents: flips === undefined ? IncidentTable.of(plan.incidents) : flips.incidents,
    attacks,
    ...(load === undefined ? {} : { load }),
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
 * applying a shared-table update (global-hash) after its own delay. A site going down or coming
 * back changes the shared pool too, so its edges are delayed per PoP as well.
 */
function popLayerChangeTimes(plan: FlapPlan, model: PopLayerModel): Float64Array {
  const times: number[] = [];
  const poolChanges: number[] = plan.serverChurn.map((event) => event.atMs);
  for (const outages of plan.siteOutages) {
    for (const [downAtMs, upAtMs] of outages) {
      poolChanges.push(downAtMs);
      if (Number.isFinite(upAtMs)) poolChanges.push(upAtMs);
    }
  }
  for (const atMs of poolChanges) {
    times.push(atMs);
    for (const delayMs of model.globalUpdateDelayMs) if (delayMs > 0) times.push(atMs + delayMs);
  }
  return Float64Array.from(times).sort();
}
