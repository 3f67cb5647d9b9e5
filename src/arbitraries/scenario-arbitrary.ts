/**
 * A fast-check arbitrary of whole scenarios: a synthetic Internet-like topology, PoPs placed by
 * count, a flap schedule, a workload, the hashing algorithm inside PoPs and the serving
 * architectures, with every other field at its documented default (docs/scenarios.md). Small by
 * default — 100 to 300 ASes, 2 to 6 PoPs, one to fifteen minutes, modest arrival rates — so that
 * one `simulate()` takes well under a second. Every part is drawn from integers, so a failing
 * scenario shrinks toward fewer ASes, fewer PoPs, fewer flaps, a shorter run and less traffic.
 * With `load`, PoP capacities, an attack and response plans are drawn too (load-arbitrary.ts).
 */
import fc from 'fast-check';
import {
  ALL_ARCHITECTURES,
  checkScenarioConsistency,
  formatFieldPath,
  parseScenarioValue,
  type ArchitectureNameInScenario,
  type HashAlgorithmName,
  type ProtocolName,
  type Scenario,
} from '../scenario/index.js';
import { ARBITRARY_FLAP_TYPES, flapDraftArbitrary, resolveFlapSchedule, type ArbitraryFlapType } from './flap-schedule-arbitrary.js';
import { loadDraftArbitrary, resolveLoad, type LoadDraft } from './load-arbitrary.js';
import { arbitraryPopPlacement } from './pop-placement-arbitrary.js';
import { arbitraryWorkload } from './workload-arbitrary.js';

/** Bounds of {@link arbitraryScenario}; every field has a small default. */
export interface ArbitraryScenarioOptions {
  /** Synthetic ASes, from `minAses` (default 100, the schema's minimum) to `maxAses` (default 300). */
  readonly minAses?: number;
  readonly maxAses?: number;
  /** PoPs placed by count (defaults 2 and 6). */
  readonly minPops?: number;
  readonly maxPops?: number;
  /** Length of the run, ms (defaults 1 min and 15 min; whole seconds are drawn). */
  readonly minDurationMs?: number;
  readonly maxDurationMs?: number;
  /** Most flaps (default 4) and their types (default every type a synthetic scenario can name). */
  readonly maxFlaps?: number;
  readonly flapTypes?: readonly ArbitraryFlapType[];
  /** Protocols drawn from (default all five) and their rates and lengths (see arbitraryWorkload). */
  readonly protocols?: readonly ProtocolName[];
  readonly maxArrivalsPerS?: number;
  readonly maxSessionMs?: number;
  /** Serving architectures judged, all of them in every scenario (default all six). */
  readonly architectures?: readonly ArchitectureNameInScenario[];
  /** Hashing algorithms inside PoPs drawn from (default ['maglev', 'ring', 'jump', 'rendezvous']). */
  readonly algorithms?: readonly HashAlgorithmName[];
  /**
   * Also draw the load parts (default false): PoP capacities (or none), a `ddos` attack (or none)
   * and up to two operator response plans, each plan a whole run of the scenario (docs/load.md).
   */
  readonly load?: boolean;
}

/** Largest synthetic graph an arbitrary scenario may have: runs must stay short. */
export const ARBITRARY_SCENARIO_ASES_MAX = 5_000;

/** Longest arbitrary scenario: a day of virtual time. */
export const ARBITRARY_SCENARIO_DURATION_MS_MAX = 86_400_000;

/**
 * The operator's ASN: a private-use 32-bit ASN (RFC 6996), outside the 1..399,999 range synthetic
 * topologies draw from, so it can never collide with an AS of the graph (the default 64500 can).
 */
const OPERATOR_ASN = 4_200_000_000;

const DEFAULT_ALGORITHMS: readonly HashAlgorithmName[] = ['maglev', 'ring', 'jump', 'rendezvous'];

/** The documented defaults of every field the arbitrary does not draw, read through the schema. */
const DEFAULTS: Scenario = parseScenarioValue(
  {
    name: 'arbitrary',
    // One replication: property suites ask about many scenarios, each cheap; a claim about one
    // run's counts needs no interval (set replications on a drawn scenario to get one).
    replications: 1,
    duration: '1m',
    topology: { synthetic: { ases: 100 } },
    pops: { count: 2 },
    workload: [{ protocol: 'db', arrivals: '1/s', duration: { fixed: '1s' } }],
  },
  'arbitrary scenario defaults',
);

function checkRange(name: string, min: number, max: number, floor: number, ceiling: number): void {
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < floor || max > ceiling || min > max) {
    throw new RangeError(`arbitraryScenario: ${name} must satisfy ${floor} <= min <= max <= ${ceiling} (integers), got ${min}..${max}`);
  }
}

/**
 * Random small scenarios that `simulate()` runs in well under a second, shrinking toward the
 * smallest one that still fails. Every scenario passes the scenario schema's checks, and
 * `scenarioToYaml` writes it as a file that `anysim run` reproduces.
 *
 * @example
 * import { arbitraryScenario, checkScenarioProperty, simulate } from 'anysim';
 *
 * await checkScenarioProperty(arbitraryScenario({ protocols: ['websocket'], flapTypes: ['client-flips'] }), async (scenario) => {
 *   const result = await simulate(scenario);
 *   const daisy = result.results.find((r) => r.architecture === 'daisy-chain');
 *   return daisy !== undefined && daisy.broken === 0;
 * }, { numRuns: 20, seed: 1 });
 */
export function arbitraryScenario(options: ArbitraryScenarioOptions = {}): fc.Arbitrary<Scenario> {
  const minAses = options.minAses ?? 100;
  const maxAses = options.maxAses ?? 300;
  const minDurationS = Math.ceil((options.minDurationMs ?? 60_000) / 1_000);
  const maxDurationS = Math.floor((options.maxDurationMs ?? 900_000) / 1_000);
  checkRange('ASes', minAses, maxAses, 100, ARBITRARY_SCENARIO_ASES_MAX);
  checkRange('duration (s)', minDurationS, maxDurationS, 10, ARBITRARY_SCENARIO_DURATION_MS_MAX / 1_000);
  const flapTypes = options.flapTypes ?? ARBITRARY_FLAP_TYPES;
  const architectures = options.architectures ?? ALL_ARCHITECTURES;
  const algorithms = options.algorithms ?? DEFAULT_ALGORITHMS;
  if (flapTypes.length === 0) throw new RangeError('arbitraryScenario: flapTypes must name at least one type (use maxFlaps: 0 for none)');
  if (architectures.length === 0 || algorithms.length === 0) throw new RangeError('arbitraryScenario: architectures and algorithms must not be empty');
  const servers = DEFAULTS.servers;
  return fc
    .record({
      ases: fc.integer({ min: minAses, max: maxAses }),
      pops: arbitraryPopPlacement({
        ...(options.minPops === undefined ? {} : { minPops: options.minPops }),
        ...(options.maxPops === undefined ? {} : { maxPops: options.maxPops }),
      }),
      durationS: fc.integer({ min: minDurationS, max: maxDurationS }),
      flaps: flapDraftArbitrary(flapTypes.length, options.maxFlaps ?? 4),
      workload: arbitraryWorkload({
        ...(options.protocols === undefined ? {} : { protocols: options.protocols }),
        ...(options.maxArrivalsPerS === undefined ? {} : { maxArrivalsPerS: options.maxArrivalsPerS }),
        ...(options.maxSessionMs === undefined ? {} : { maxSessionMs: options.maxSessionMs }),
      }),
      algorithm: fc.constantFrom(...algorithms),
      seed: fc.nat(),
      load: options.load === true ? loadDraftArbitrary : fc.constant<LoadDraft | null>(null),
    })
    .map(({ ases, pops, durationS, flaps, workload, algorithm, seed, load }): Scenario => {
      const durationMs = durationS * 1_000;
      const popNames = pops.kind === 'count' ? Array.from({ length: pops.count }, (_, i) => `pop-${i}`) : pops.sites.map((s) => s.name);
      const resolvedLoad = load === null ? {} : resolveLoad(load, pops, popNames, durationMs);
      const scenario: Scenario = {
        ...DEFAULTS,
        seed: String(seed),
        durationMs,
        topology: { kind: 'synthetic', ases },
        pops,
        servers: { ...servers, algorithm },
        routing: { ...DEFAULTS.routing, operatorAsn: OPERATOR_ASN },
        flaps: [
          ...resolveFlapSchedule(flaps, flapTypes, {
            popNames,
            durationMs,
            serversPerPop: servers.perPop,
            healthCheckIntervalMs: DEFAULTS.serving.healthCheckIntervalMs,
            failureThreshold: DEFAULTS.serving.failureThreshold,
          }),
          ...(resolvedLoad.attack === undefined ? [] : [resolvedLoad.attack]),
        ],
        workload,
        architectures,
        ...(resolvedLoad.capacity === undefined ? {} : { capacity: resolvedLoad.capacity }),
        ...(resolvedLoad.responses === undefined ? {} : { responses: resolvedLoad.responses }),
      };
      const problems = checkScenarioConsistency(scenario);
      if (problems.length > 0) {
        throw new Error(`invariant: arbitraryScenario drew an inconsistent scenario: ${problems.map((p) => `${formatFieldPath(p.path)}: ${p.message}`).join('; ')}`);
      }
      return scenario;
    });
}
