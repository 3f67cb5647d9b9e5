/**
 * The zod schema of the scenario FILE format (YAML or JSON): strict objects (unknown fields are
 * rejected), unit strings for durations and rates, documented defaults (defaults.ts) and limits
 * (limits.ts). It transforms into the normalised `Scenario` of scenario.ts: ms everywhere, rates
 * per second, every default filled. Cross-field checks (PoP names, event order) run after it, in
 * consistency-checks.ts, because they need the whole scenario.
 */
import { z } from 'zod';
import { CITY_SETS, POPULATION_CITY_SET, worldCities, type LatLon } from '../geo/index.js';
import type { PopCity } from '../topology/index.js';
import {
  ALL_ARCHITECTURES,
  DEFAULT_ALLOWANCE,
  ALL_PROTOCOLS,
  DEFAULT_CLIENTS,
  DEFAULT_ROUTING,
  DEFAULT_REPLICATIONS,
  DEFAULT_SEED,
  DEFAULT_SERVERS,
  DEFAULT_SERVING,
  DEFAULT_UPSTREAMS_PER_POP,
} from './defaults.js';
import {
  asnField,
  boundedInt,
  durationField,
  fractionField,
  latLonField,
  listField,
  nameField,
  oneOf,
  strictObject,
} from './field-types.js';
import { capacitySchema } from './capacity-schema.js';
import { POP_NAME_PATTERN, flapSchema, type FlapDraft } from './flap-schema.js';
import { SCENARIO_LIMITS } from './limits.js';
import type {
  ArchitectureNameInScenario,
  ClientsSpec,
  FlapSpec,
  HashAlgorithmName,
  PopSpec,
  PopsSpec,
  ProtocolName,
  RoutingSpec,
  Scenario,
  ServersSpec,
  ServingSpec,
  AllowanceSpec,
  EventRatesPerYearSpec,
  IncidentClass,
  TopologySpec,
} from './scenario.js';
import { INCIDENT_CLASSES } from '../flaps/index.js';
import { TIE_BREAK_RULES } from '../routing/index.js';
import { describeValue, type DurationLimits } from './units.js';
import { responsePlanSchema } from './response-schema.js';
import { workloadEntrySchema } from './workload-schema.js';

const L = SCENARIO_LIMITS;

/** Scenario names name report files: letters, digits, dot, dash and underscore only. */
const SCENARIO_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** RFC 4271 §4.2: a non-zero hold time is at least 3 s; the field is 16 bits of seconds. */
const HOLD_TIME_MS_MIN = 3_000;
const HOLD_TIME_MS_MAX = 65_535_000;

/** MRAI above 10 minutes is no longer a rate limit but an outage. */
const MRAI_MS_MAX = 600_000;

const HASH_ALGORITHMS = ['modulo', 'ring', 'rendezvous', 'maglev', 'jump'] as const satisfies readonly HashAlgorithmName[];
const architectureNames = ALL_ARCHITECTURES as readonly [ArchitectureNameInScenario, ...ArchitectureNameInScenario[]];

/** A [low, high] range of durations (uniform draw), low <= high. */
function durationRange(what: string, limits: DurationLimits) {
  return z
    .tuple([durationField(`${what}: low end`, limits), durationField(`${what}: high end`, limits)], {
      error: (issue) => `expected ${what} as a range [low, high] such as ["1ms", "50ms"]; got ${describeValue(issue.input)}`,
    })
    .transform((range, ctx): readonly [number, number] => {
      if (range[0] > range[1]) {
        ctx.addIssue({ code: 'custom', input: range, message: `the low end of ${what} is above the high end` });
        return z.NEVER;
      }
      return [range[0], range[1]];
    });
}

const topologySchema = strictObject(
  {
    synthetic: strictObject(
      { ases: boundedInt(L.syntheticAsesMin, L.syntheticAsesMax, 'ASes in the synthetic graph') },
      'synthetic topology parameters',
    ).optional(),
    caida: strictObject(
      {
        file: nameField(L.caidaPathLengthMax, /\S/, 'the path of a CAIDA as-rel or as-rel2 file (${VAR} is replaced from the environment)'),
        geography: nameField(L.caidaPathLengthMax, /\S/, 'the path of a geography CSV, ASN,lat,lon[,users] per line (${VAR} is replaced from the environment)').optional(),
      },
      'a CAIDA topology',
    ).optional(),
  },
  'a topology: { synthetic: { ases } } or { caida: { file } }',
)
  .meta({ minProperties: 1, maxProperties: 1 })
  .transform((topology, ctx): TopologySpec => {
  if (topology.synthetic !== undefined && topology.caida === undefined) return { kind: 'synthetic', ases: topology.synthetic.ases };
  if (topology.caida !== undefined && topology.synthetic === undefined) {
    const { file, geography } = topology.caida;
    return geography === undefined ? { kind: 'caida', file } : { kind: 'caida', file, geography };
  }
  ctx.addIssue({
    code: 'custom',
    input: topology,
    message: 'expected exactly one of synthetic or caida, such as { synthetic: { ases: 500 } }',
  });
  return z.NEVER;
});

const siteSchema = strictObject(
  {
    name: nameField(L.popNameLengthMax, POP_NAME_PATTERN, 'a PoP site name'),
    upstreams: listField(asnField('an upstream (provider) ASN'), 1, L.upstreamsPerPopMax, 'upstream ASNs'),
    peers: listField(asnField('a peer ASN'), 0, L.peersPerPopMax, 'peer ASNs').default([]),
    unicastUpstreams: listField(asnField('an upstream ASN that carries the unicast prefix'), 0, L.upstreamsPerPopMax, 'upstream ASNs').optional(),
    unicastPeers: listField(asnField('a peer ASN that carries the unicast prefix'), 0, L.peersPerPopMax, 'peer ASNs').optional(),
    city: nameField(L.popNameLengthMax * 2, /\S/, 'a city of the GeoNames table, with a country code to disambiguate ("Frankfurt am Main, DE")').optional(),
    location: strictObject(
      {
        lat: latLonField(90, 'a latitude in degrees'),
        lon: latLonField(180, 'a longitude in degrees'),
      },
      'a location { lat, lon } in degrees',
    ).optional(),
  },
  'a PoP site',
).transform((site, ctx): PopSpec => {
  const { city, location, ...rest } = site;
  if (city !== undefined && location !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['location'], input: location, message: 'give a site either city or location, not both' });
    return z.NEVER;
  }
  if (location !== undefined) return { ...rest, location: { latDeg: location.lat, lonDeg: location.lon } };
  if (city === undefined) return rest;
  const resolved = resolveCity(city);
  if (typeof resolved === 'string') {
    ctx.addIssue({ code: 'custom', path: ['city'], input: city, message: resolved });
    return z.NEVER;
  }
  return { ...rest, city, location: resolved };
});

/** A coordinate in -limit..limit degrees. */

/** Close matches an unknown city's message offers at most. */
const CITY_SUGGESTIONS_MAX = 3;

/**
 * The point of a city named "Name" or "Name, CC" (ISO country code) in the GeoNames table (the
 * most populous match), or a message saying what was expected, with the closest names of the
 * table ("Frankfurt" → "Frankfurt am Main, DE"; CityTable.closestNames).
 */
function resolveCity(text: string): LatLon | string {
  const table = worldCities();
  const city = table.resolve(text);
  if (city !== undefined) return city.location;
  const closest = table.closestNames(text, CITY_SUGGESTIONS_MAX).map((name) => JSON.stringify(name));
  const suggestion = closest.length === 0 ? '' : `; did you mean ${closest.length === 1 ? closest[0] : `${closest.slice(0, -1).join(', ')} or ${closest.at(-1)}`}?`;
  return `unknown city "${text}": expected a city of the GeoNames table (population 1,000 or more) as "Name" or "Name, CC", such as "Frankfurt am Main, DE", or give location: { lat, lon }${suggestion}`;
}

const CITY_SET_NAMES = [POPULATION_CITY_SET, ...Object.keys(CITY_SETS)] as [string, ...string[]];
const cityName = nameField(L.popNameLengthMax * 2, /\S/, 'a city of the GeoNames table ("Frankfurt am Main, DE")');

const popsSchema = strictObject(
  {
    count: boundedInt(1, L.popsMax, 'PoPs placed automatically').optional(),
    upstreamsPerPop: boundedInt(1, L.upstreamsPerPopMax, 'upstreams per PoP placed by count').optional(),
    cities: z
      .union([oneOf(CITY_SET_NAMES, 'a named city set'), listField(cityName, 1, L.popsMax, 'PoP cities')], {
        error: (issue) => `expected a named city set (one of ${CITY_SET_NAMES.map((n) => JSON.stringify(n)).join(', ')}) or a list of cities; got ${describeValue(issue.input)}`,
      })
      .optional(),
    sites: listField(siteSchema, 1, L.popsMax, 'PoP sites').optional(),
  },
  'PoPs: { count } or { sites: [...] }',
).transform((pops, ctx): PopsSpec => {
  if (pops.sites !== undefined && pops.count === undefined) {
    if (pops.upstreamsPerPop !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['upstreamsPerPop'], input: pops.upstreamsPerPop, message: 'upstreamsPerPop applies only to PoPs by count; sites list their upstreams' });
      return z.NEVER;
    }
    return { kind: 'sites', sites: pops.sites };
  }
  if (pops.count !== undefined && pops.sites === undefined) {
    const base = { kind: 'count', count: pops.count, upstreamsPerPop: pops.upstreamsPerPop ?? DEFAULT_UPSTREAMS_PER_POP } as const;
    if (pops.cities === undefined || pops.cities === POPULATION_CITY_SET) return base;
    const names = typeof pops.cities === 'string' ? CITY_SETS[pops.cities]! : pops.cities;
    const cities: PopCity[] = [];
    for (const [index, name] of names.entries()) {
      const location = resolveCity(name);
      if (typeof location === 'string') {
        ctx.addIssue({ code: 'custom', path: typeof pops.cities === 'string' ? ['cities'] : ['cities', index], input: name, message: location });
        return z.NEVER;
      }
      cities.push({ city: name, location });
    }
    return typeof pops.cities === 'string' ? { ...base, cities, citySet: pops.cities } : { ...base, cities };
  }
  ctx.addIssue({ code: 'custom', input: pops, message: 'expected exactly one of count or sites, such as { count: 4 }' });
  return z.NEVER;
});

const serversSchema = strictObject(
  {
    perPop: boundedInt(1, L.serversPerPopMax, 'servers per PoP').default(DEFAULT_SERVERS.perPop),
    algorithm: oneOf(HASH_ALGORITHMS, 'a hashing algorithm').default(DEFAULT_SERVERS.algorithm),
    tableSize: boundedInt(1, L.tableSizeMax, 'lookup table size (Maglev M, prime)').default(DEFAULT_SERVERS.tableSize),
    vnodes: boundedInt(1, L.vnodesMax, 'ring-hash virtual nodes per server').default(DEFAULT_SERVERS.vnodes),
    conntrack: strictObject(
      {
        capacity: boundedInt(1, L.conntrackCapacityMax, 'conntrack entries per server').default(DEFAULT_SERVERS.conntrack.capacity),
        idleTimeout: durationField('conntrack idle timeout').prefault(DEFAULT_SERVERS.conntrack.idleTimeout),
      },
      'conntrack settings',
    ).prefault({}),
  },
  'server settings',
).transform(
  (servers): ServersSpec => ({
    perPop: servers.perPop,
    algorithm: servers.algorithm,
    tableSize: servers.tableSize,
    vnodes: servers.vnodes,
    conntrackCapacity: servers.conntrack.capacity,
    conntrackIdleTimeoutMs: servers.conntrack.idleTimeout,
  }),
);

const servingSchema = strictObject(
  {
    globalHashUpdateDelay: durationRange('the global-hash table update delay', { allowZero: true, maxMs: L.networkDelayMsMax }).prefault([
      ...DEFAULT_SERVING.globalHashUpdateDelay,
    ]),
    healthCheckInterval: durationField('health-check interval').prefault(DEFAULT_SERVING.healthCheckInterval),
    failureThreshold: boundedInt(1, L.failureThresholdMax, 'missed health checks before a PoP is declared down').default(
      DEFAULT_SERVING.failureThreshold,
    ),
    dnsTtl: durationField('DNS record TTL', { allowZero: true }).prefault(DEFAULT_SERVING.dnsTtl),
    quicResetKey: oneOf(['shared', 'per-pop'], 'who can send a QUIC stateless reset').default(DEFAULT_SERVING.quicResetKey),
  },
  'serving settings',
).transform(
  (serving): ServingSpec => ({
    globalHashUpdateDelayMs: serving.globalHashUpdateDelay,
    healthCheckIntervalMs: serving.healthCheckInterval,
    failureThreshold: serving.failureThreshold,
    dnsTtlMs: serving.dnsTtl,
    quicResetKey: serving.quicResetKey,
  }),
);

const routingSchema = strictObject(
  {
    operatorAsn: asnField("the operator's ASN (originates the anycast prefix)").default(DEFAULT_ROUTING.operatorAsn),
    mrai: durationField('MinRouteAdvertisementInterval (eBGP)', { allowZero: true, maxMs: MRAI_MS_MAX }).prefault(DEFAULT_ROUTING.mrai),
    mraiTimers: oneOf(['busy', 'idle'], 'how MRAI timers run').default(DEFAULT_ROUTING.mraiTimers),
    wrate: z.boolean({ error: (issue) => `expected true or false; got ${describeValue(issue.input)}` }).default(DEFAULT_ROUTING.wrate),
    damping: z.boolean({ error: (issue) => `expected true or false; got ${describeValue(issue.input)}` }).default(DEFAULT_ROUTING.damping),
    holdTime: durationField('BGP hold time', { minMs: HOLD_TIME_MS_MIN, maxMs: HOLD_TIME_MS_MAX }).prefault(DEFAULT_ROUTING.holdTime),
    linkDelay: durationRange('the per-link message delay', { allowZero: true, maxMs: L.networkDelayMsMax }).prefault([...DEFAULT_ROUTING.linkDelay]),
    processingDelay: durationRange('the per-update processing delay', { allowZero: true, maxMs: L.networkDelayMsMax }).prefault([
      ...DEFAULT_ROUTING.processingDelay,
    ]),
    unicastDynamics: oneOf(['bgp', 'steady-state'], 'how the PoPs\' unicast prefixes converge').default(DEFAULT_ROUTING.unicastDynamics),
    tieBreak: oneOf(TIE_BREAK_RULES, 'how an AS picks among equally preferred routes').default(DEFAULT_ROUTING.tieBreak),
  },
  'routing settings',
).transform(
  (routing): RoutingSpec => ({
    operatorAsn: routing.operatorAsn,
    mraiMs: routing.mrai,
    mraiTimers: routing.mraiTimers,
    wrate: routing.wrate,
    damping: routing.damping,
    holdTimeMs: routing.holdTime,
    linkDelayMs: routing.linkDelay,
    processingDelayMs: routing.processingDelay,
    unicastDynamics: routing.unicastDynamics,
    tieBreak: routing.tieBreak,
  }),
);

const clientsSchema = strictObject(
  {
    ases: oneOf(['stubs', 'all'], 'which ASes host clients').default(DEFAULT_CLIENTS.ases),
    weighting: oneOf(['uniform', 'degree', 'users'], 'how client ASes are weighted').default(DEFAULT_CLIENTS.weighting),
  },
  'client settings',
).transform((clients): ClientsSpec => ({ ases: clients.ases, weighting: clients.weighting }));

const protocolFractions = (what: string) =>
  Object.fromEntries(ALL_PROTOCOLS.map((protocol) => [protocol, fractionField(`${what} for ${protocol}`, true).optional()])) as Record<
    ProtocolName,
    z.ZodOptional<ReturnType<typeof fractionField>>
  >;

/**
 * The former `slo.maxBrokenFraction`, still read: a protocol's value becomes its allowance on the
 * excess over the unicast-dns baseline unless `allowance` names the protocol (docs/scenarios.md).
 */
const legacySloSchema = strictObject(
  { maxBrokenFraction: strictObject(protocolFractions('largest acceptable broken fraction'), 'broken-fraction limits per protocol').prefault({}) },
  'SLOs (read as allowances; prefer allowance)',
);

const allowanceSchema = strictObject(
  protocolFractions('largest excess broken fraction over the unicast-dns baseline'),
  'allowances per protocol, such as { dns-udp: 0.001 }',
);

const eventRatesSchema = strictObject(
  Object.fromEntries(
    INCIDENT_CLASSES.map((incidentClass) => [
      incidentClass,
      z
        .number({ error: (issue) => `expected incidents per year for ${incidentClass}, a number from 0 to ${L.eventRatePerYearMax}; got ${describeValue(issue.input)}` })
        .min(0, { error: () => `expected incidents per year for ${incidentClass}; it cannot be negative` })
        .max(L.eventRatePerYearMax, { error: (issue) => `${String(issue.input)} is above the limit of ${L.eventRatePerYearMax} incidents per year (${incidentClass})` })
        .optional(),
    ]),
  ) as Record<IncidentClass, z.ZodOptional<z.ZodNumber>>,
  'incidents per year by incident class, such as { pop-failure: 0.2 }',
);

function mergedAllowance(
  allowance: Readonly<Partial<Record<ProtocolName, number>>>,
  slo: { readonly maxBrokenFraction: Readonly<Partial<Record<ProtocolName, number>>> } | undefined,
): AllowanceSpec {
  return Object.fromEntries(
    ALL_PROTOCOLS.map((protocol) => [protocol, allowance[protocol] ?? slo?.maxBrokenFraction[protocol] ?? DEFAULT_ALLOWANCE[protocol]]),
  ) as AllowanceSpec;
}

function givenRates(rates: Readonly<Partial<Record<IncidentClass, number | undefined>>>): EventRatesPerYearSpec {
  return Object.fromEntries(INCIDENT_CLASSES.flatMap((c) => (rates[c] === undefined ? [] : [[c, rates[c]]])));
}

const seedExpected = `expected a seed: an integer or a string of 1 to ${L.seedLengthMax} characters`;

const seedSchema = z
  .union(
    [
      z.string().min(1).max(L.seedLengthMax),
      // int() also bounds the value to safe integers, so String(seed) is exact.
      z.number().int({ error: (issue) => `${seedExpected}; got ${describeValue(issue.input)}, which is not a safe integer` }),
    ],
    { error: (issue) => `${seedExpected}; got ${describeValue(issue.input)}` },
  )
  .transform((seed) => String(seed))
  .meta({ description: 'root seed of every random stream; the same seed gives the same report' });

function fillPopFailureDefaults(flap: FlapDraft, serving: ServingSpec): FlapSpec {
  if (flap.type !== 'pop-failure') return flap;
  return {
    ...flap,
    healthCheckIntervalMs: flap.healthCheckIntervalMs ?? serving.healthCheckIntervalMs,
    failureThreshold: flap.failureThreshold ?? serving.failureThreshold,
  };
}

/**
 * The zod schema of a scenario file. `scenarioFileSchema.parse(value)` returns a normalised
 * `Scenario`; its input side (`z.toJSONSchema(..., { io: 'input' })`) is the file format.
 */
export const scenarioFileSchema = strictObject(
  {
    name: nameField(L.nameLengthMax, SCENARIO_NAME_PATTERN, 'a scenario name (letters, digits, ".", "-", "_"; it names report files)'),
    description: z
      .string({ error: (issue) => `expected a description (a string); got ${describeValue(issue.input)}` })
      .max(L.descriptionLengthMax, { error: () => `the description is longer than the limit of ${L.descriptionLengthMax} characters` })
      .default(''),
    seed: seedSchema.prefault(DEFAULT_SEED),
    replications: boundedInt(1, L.replicationsMax, 'independent replications of the run (each its own flaps, routes and sessions; intervals come from their spread)').default(
      DEFAULT_REPLICATIONS,
    ),
    duration: durationField('simulated time', { minMs: L.durationMsMin, maxMs: L.durationMsMax }),
    topology: topologySchema,
    pops: popsSchema,
    servers: serversSchema.prefault({}),
    serving: servingSchema.prefault({}),
    routing: routingSchema.prefault({}),
    clients: clientsSchema.prefault({}),
    flaps: listField(flapSchema, 0, L.flapEntriesMax, 'flap entries').default([]),
    responses: listField(responsePlanSchema, 0, L.responsePlansMax, 'response plans').default([]),
    workload: listField(workloadEntrySchema, 1, L.workloadEntriesMax, 'workload entries'),
    architectures: listField(oneOf(architectureNames, 'a serving architecture'), 1, architectureNames.length, 'architectures').default([
      ...ALL_ARCHITECTURES,
    ]),
    allowance: allowanceSchema.prefault({}),
    eventRatesPerYear: eventRatesSchema.prefault({}),
    slo: legacySloSchema.optional(),
    capacity: capacitySchema.optional(),
  },
  'a scenario',
).transform(
  (file): Scenario => ({
    name: file.name,
    description: file.description,
    seed: file.seed,
    replications: file.replications,
    durationMs: file.duration,
    topology: file.topology,
    pops: file.pops,
    servers: file.servers,
    serving: file.serving,
    routing: file.routing,
    clients: file.clients,
    flaps: file.flaps.map((flap) => fillPopFailureDefaults(flap, file.serving)),
    ...(file.responses.length === 0 ? {} : { responses: file.responses }),
    workload: file.workload,
    architectures: file.architectures,
    allowance: mergedAllowance(file.allowance, file.slo),
    eventRatesPerYear: givenRates(file.eventRatesPerYear),
    ...(file.capacity === undefined ? {} : { capacity: file.capacity }),
  }),
);

/** The scenario file format as TypeScript sees it (before defaults and unit parsing). */
export type ScenarioFile = z.input<typeof scenarioFileSchema>;
