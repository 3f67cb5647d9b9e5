/**
 * The static world of a run: the AS graph, the anycast deployment on it, and the client
 * population, built from the scenario and checked against each other.
 */
import type { FlapPlanContext } from '../flaps/index.js';
import { GeographyCsvError, parseGeographyCsv, worldCities, type AsGeographyTable, type GeographyRow, type LatLon } from '../geo/index.js';
import { InputFileError, readRegularFile } from '../input-file.js';
import { checkScenarioAgainstTopology, ScenarioError, type Scenario } from '../scenario/model.js';
import { ClientPopulation } from '../sessions/index.js';
import type { RandomStream, RandomStreams } from '../sim/index.js';
import {
  buildAsGeography,
  drawPopCities,
  generateSyntheticTopology,
  loadAsRelFile,
  placePopsInCities,
  Relationship,
  TopologyError,
  validateDeployment,
  type AnycastDeployment,
  type AsGraph,
  type PopCity,
} from '../topology/index.js';

/** Graph, deployment and clients of one run. */
export interface World {
  readonly graph: AsGraph;
  /** "synthetic Internet-like graph" or the CAIDA file's path. */
  readonly topologySource: string;
  readonly deployment: AnycastDeployment;
  /** Per site, the neighbour ASNs its own unicast prefix is announced to (undefined: all its links). */
  readonly unicastNeighbours: readonly (readonly number[] | undefined)[];
  /** Candidate client ASes (stubs or all) and their weights, before reachability is known. */
  readonly clientCandidates: Int32Array;
  readonly clientWeights: readonly number[];
  readonly flapContext: FlapPlanContext;
  /** Where every AS is and whom it serves (docs/geography.md). */
  readonly geography: AsGeographyTable;
  /** Geography CSV rows whose ASN is not in the graph (0 without a CSV). */
  readonly unknownGeographyAsns: number;
  /** Where each PoP site is, in site order. */
  readonly popLocations: readonly LatLon[];
}

/**
 * Smallest population of a city PoPs placed by count are drawn from: metros of a million
 * inhabitants or more (an assumption: operators build PoPs in large metros; docs/geography.md).
 */
export const POP_CITY_MIN_POPULATION = 1_000_000;

/** Largest geography CSV read (a limit: 70,000 ASes at about 40 bytes a line is under 3 MB). */
export const MAX_GEOGRAPHY_CSV_BYTES = 256 * 1024 * 1024;

/** Builds the world; problems found against the topology are {@link ScenarioError}s. */
export function buildWorld(scenario: Scenario, streams: RandomStreams): World {
  const graph =
    scenario.topology.kind === 'synthetic'
      ? generateSyntheticTopology({ ases: scenario.topology.ases }, streams.stream('topology'))
      : loadAsRelFile(scenario.topology.file);
  const problems = checkScenarioAgainstTopology(scenario, (asn) => graph.indexOf(asn) >= 0);
  if (problems.length > 0) throw ScenarioError.fromProblems(scenario.name, problems);
  const cities = worldCities();
  // A CAIDA graph without a CSV has no rows: every AS is placed by the seeded fallback.
  const rows =
    scenario.topology.kind === 'synthetic'
      ? undefined
      : scenario.topology.geography === undefined
        ? []
        : readGeographyCsv(scenario, scenario.topology.geography);
  const { geography, unknownCsvAsns } = buildAsGeography(graph, { cities, random: streams.stream('geo/as-cities'), ...(rows === undefined ? {} : { rows }) });
  const deployment: AnycastDeployment =
    scenario.pops.kind === 'count'
      ? placePopsOrExplain(graph, geography, scenario, scenario.pops, streams)
      : {
          operatorAsn: scenario.routing.operatorAsn,
          sites: scenario.pops.sites.map((s) => ({
            name: s.name,
            upstreams: [...s.upstreams],
            peers: [...s.peers],
            ...(s.city === undefined ? {} : { city: s.city }),
            location: s.location ?? geography.pointsOf(graph.indexOf(s.upstreams[0] ?? s.peers[0]!))[0]!,
          })),
        };
  validateDeployment(graph, deployment);
  return {
    geography,
    unknownGeographyAsns: unknownCsvAsns,
    popLocations: deployment.sites.map((site) => site.location!),
    graph,
    topologySource: scenario.topology.kind === 'synthetic' ? 'a synthetic Internet-like graph' : `CAIDA as-rel ${scenario.topology.file}`,
    deployment,
    unicastNeighbours:
      scenario.pops.kind === 'count'
        ? deployment.sites.map(() => undefined)
        : scenario.pops.sites.map((s) =>
            s.unicastUpstreams === undefined && s.unicastPeers === undefined ? undefined : [...(s.unicastUpstreams ?? s.upstreams), ...(s.unicastPeers ?? s.peers)],
          ),
    ...clientCandidates(graph, geography, scenario),
    flapContext: {
      horizonMs: scenario.durationMs,
      siteNames: deployment.sites.map((s) => s.name),
      siteNeighbourAsns: deployment.sites.map((s) => [...s.upstreams, ...s.peers]),
      linkCount: graph.linkCount,
      randomLink: (random: RandomStream) => randomLink(graph, random),
    },
  };
}

/** The rows of the scenario's geography CSV; a bad line is a ScenarioError naming file and line. */
function readGeographyCsv(scenario: Scenario, file: string): GeographyRow[] {
  try {
    return parseGeographyCsv(readRegularFile(file, MAX_GEOGRAPHY_CSV_BYTES, 'a geography CSV').toString('utf8'), file);
  } catch (error) {
    if (!(error instanceof GeographyCsvError) && !(error instanceof InputFileError)) throw error;
    throw ScenarioError.fromProblems(scenario.name, [{ path: ['topology', 'caida', 'geography'], message: error.message }]);
  }
}

/**
 * PoPs placed by count, each in a city of the scenario's list (cycled through) or drawn by
 * population from the metros (stream `geo/pop-cities`), and attached to the transit ASes nearest
 * to it; a topology too small for them
 * is a ScenarioError at pops.upstreamsPerPop.
 */
function placePopsOrExplain(
  graph: AsGraph,
  geography: AsGeographyTable,
  scenario: Scenario,
  pops: { readonly count: number; readonly upstreamsPerPop: number; readonly cities?: readonly PopCity[] },
  streams: RandomStreams,
): AnycastDeployment {
  try {
    const popCities =
      pops.cities === undefined
        ? drawPopCities(worldCities().atLeast(POP_CITY_MIN_POPULATION), pops.count, streams.stream('geo/pop-cities'))
        : Array.from({ length: pops.count }, (_, p) => pops.cities![p % pops.cities!.length]!);
    return placePopsInCities(graph, geography, scenario.routing.operatorAsn, popCities, pops.upstreamsPerPop);
  } catch (error) {
    if (!(error instanceof TopologyError)) throw error;
    throw ScenarioError.fromProblems(scenario.name, [{ path: ['pops', 'upstreamsPerPop'], message: error.message.replace(/^pops: /, '') }]);
  }
}

/** Candidate client ASes (stubs: no customers; or all) weighted uniformly, by degree or by users. */
function clientCandidates(graph: AsGraph, geography: AsGeographyTable, scenario: Scenario): { clientCandidates: Int32Array; clientWeights: number[] } {
  const clients: number[] = [];
  for (let i = 0; i < graph.asCount; i++) {
    let hasCustomer = false;
    for (let k = graph.offsets[i]!; k < graph.offsets[i + 1]! && !hasCustomer; k++) {
      hasCustomer = graph.relationships[k] === Relationship.Customer;
    }
    if (scenario.clients.ases === 'all' || !hasCustomer) clients.push(i);
  }
  const weighting = scenario.clients.weighting;
  const weights = clients.map((i) => (weighting === 'degree' ? graph.degree(i) : weighting === 'users' ? geography.usersOf(i) : 1));
  return { clientCandidates: Int32Array.from(clients), clientWeights: weights };
}

/**
 * The clients of a run: the candidates that reach a PoP in the steady state. An AS with no
 * valley-free path to any PoP (a few hundred in the inferred CAIDA graph, an artefact of inferred
 * relationships) would only add breaks that have nothing to do with anycast; the report counts
 * them instead.
 */
export function reachableClients(world: World, initialLanding: Int32Array): ClientPopulation {
  const keep: number[] = [];
  const weights: number[] = [];
  world.clientCandidates.forEach((asIndex, i) => {
    if (initialLanding[asIndex]! < 0) return;
    keep.push(asIndex);
    weights.push(world.clientWeights[i]!);
  });
  if (keep.length === 0) throw new ScenarioError(`${world.deployment.sites.length} PoPs reach none of the ${world.clientCandidates.length} client ASes`);
  return new ClientPopulation(Int32Array.from(keep), weights);
}

/** A uniformly random link [asnA, asnB] (each link is two adjacency slots, so slots are uniform). */
function randomLink(graph: AsGraph, random: RandomStream): readonly [number, number] {
  const slot = random.int(0, graph.neighbours.length);
  let lo = 0;
  let hi = graph.asCount - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (graph.offsets[mid]! <= slot) lo = mid;
    else hi = mid - 1;
  }
  return [graph.asnAt(lo), graph.asnAt(graph.neighbours[slot]!)];
}
