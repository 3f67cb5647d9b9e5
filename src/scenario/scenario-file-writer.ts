/**
 * The inverse of the scenario schema: a normalised `Scenario` written back in the file format
 * (YAML or JSON with unit strings, docs/scenarios.md), so that a scenario built in code — by a
 * property suite's arbitraries, say — can be saved and reproduced with `anysim run FILE`.
 * Every default is written out, so the file does not depend on future defaults; parsing the
 * output gives back a scenario with the same digest (checked in the tests and the property
 * suites). Durations are written in ms and rates per second, in plain decimal notation: the
 * shortest decimal that reads back as the same double, so nothing is rounded.
 */
import { stringify as toYaml } from 'yaml';
import type {
  CapacitySpec,
  ClientsSpec,
  DiurnalSpec,
  DurationDistribution,
  FlapSpec,
  PopCapacity,
  PopSpec,
  ResponsePlanSpec,
  ResponseSpec,
  RoutingSpec,
  Scenario,
  ServersSpec,
  ServingSpec,
  WorkloadSpec,
} from './scenario.js';
import { ScenarioError } from './scenario-error.js';
import { MAX_UNIT_TEXT_LENGTH } from './units.js';

/** A scenario in the file format, as plain JSON-compatible data. */
export type ScenarioFileObject = Readonly<Record<string, unknown>>;

/** `${NAME}` would be substituted again when the file is read, changing the scenario. */
const ENVIRONMENT_REFERENCE = /\$\{[A-Za-z_][A-Za-z0-9_]*\}/;

/**
 * The shortest plain decimal (no exponent) that parses back to exactly `value`. JavaScript's
 * String() gives the shortest round-tripping digits but switches to exponent notation below 1e-6,
 * which the unit grammar does not accept; the digits are shifted by hand instead.
 */
function plainDecimal(value: number): string {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`invariant: cannot write ${value} as a unit value`);
  const text = String(value);
  const exponent = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (exponent === null) return text;
  const digits = exponent[1]! + (exponent[2] ?? '');
  const power = Number(exponent[3]);
  if (power >= 0) return digits.padEnd(power + 1, '0');
  return `0.${'0'.repeat(-power - 1)}${digits}`;
}

function unitText(value: number, unit: string, what: string): string {
  const text = `${plainDecimal(value)}${unit}`;
  if (text.length > MAX_UNIT_TEXT_LENGTH) {
    throw new ScenarioError(`cannot write ${what} = ${value}: "${text}" is longer than the ${MAX_UNIT_TEXT_LENGTH}-character limit of unit strings`);
  }
  return text;
}

const ms = (value: number, what: string): string => unitText(value, 'ms', what);
const perS = (value: number, what: string): string => unitText(value, '/s', what);

function distributionEntry(distribution: DurationDistribution, what: string): Record<string, unknown> {
  switch (distribution.kind) {
    case 'fixed':
      return { fixed: ms(distribution.valueMs, what) };
    case 'exponential':
      return { exponential: { mean: ms(distribution.meanMs, what) } };
    case 'lognormal':
      return { lognormal: { median: ms(distribution.medianMs, what), sigma: distribution.sigma } };
    case 'pareto':
      return { pareto: { scale: ms(distribution.scaleMs, what), shape: distribution.shape } };
  }
}

/**
 * One file field per field of `T`, keyed by the normalised field's name: `[file key, value]`, the
 * value undefined when the field is absent (the schema tells absent from any value). The mapped
 * type makes a field added to the normalised scenario a compile error here until it is written.
 */
type FileFields<T> = { readonly [K in keyof T]-?: readonly [string, unknown] };

function fileObject<T>(fields: FileFields<T>): Record<string, unknown> {
  const entries = Object.values(fields) as (readonly [string, unknown])[];
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined));
}

const optionalMs = (value: number | undefined, what: string): string | undefined => (value === undefined ? undefined : ms(value, what));

/** The servers' fields the file nests under `conntrack`. */
type ConntrackField = 'conntrackCapacity' | 'conntrackIdleTimeoutMs';

type FlapOf<T extends FlapSpec['type']> = Extract<FlapSpec, { readonly type: T }>;

function flapEntry(flap: FlapSpec, i: number): Record<string, unknown> {
  const what = (field: string): string => `flaps[${i}].${field}`;
  const at = (atMs: number): readonly [string, string] => ['at', ms(atMs, what('at'))];
  switch (flap.type) {
    case 'pop-withdraw':
      return fileObject<FlapOf<'pop-withdraw'>>({
        type: ['type', flap.type],
        pop: ['pop', flap.pop],
        atMs: at(flap.atMs),
        reannounceAtMs: ['reannounceAt', optionalMs(flap.reannounceAtMs, what('reannounceAt'))],
      });
    case 'pop-failure':
      return fileObject<FlapOf<'pop-failure'>>({
        type: ['type', flap.type],
        pop: ['pop', flap.pop],
        atMs: at(flap.atMs),
        recoverAtMs: ['recoverAt', optionalMs(flap.recoverAtMs, what('recoverAt'))],
        healthCheckIntervalMs: ['healthCheckInterval', ms(flap.healthCheckIntervalMs, what('healthCheckInterval'))],
        failureThreshold: ['failureThreshold', flap.failureThreshold],
      });
    case 'silent-death':
      return fileObject<FlapOf<'silent-death'>>({ type: ['type', flap.type], pop: ['pop', flap.pop], atMs: at(flap.atMs) });
    case 'maintenance-drain':
      return fileObject<FlapOf<'maintenance-drain'>>({
        type: ['type', flap.type],
        pop: ['pop', flap.pop],
        atMs: at(flap.atMs),
        prepend: ['prepend', flap.prepend],
        withdrawAfterMs: ['withdrawAfter', ms(flap.withdrawAfterMs, what('withdrawAfter'))],
        restoreAtMs: ['restoreAt', optionalMs(flap.restoreAtMs, what('restoreAt'))],
      });
    case 'link-down':
      return fileObject<FlapOf<'link-down'>>({
        type: ['type', flap.type],
        a: ['a', flap.a],
        b: ['b', flap.b],
        atMs: at(flap.atMs),
        upAtMs: ['upAt', optionalMs(flap.upAtMs, what('upAt'))],
      });
    case 'link-flaps':
      return fileObject<FlapOf<'link-flaps'>>({
        type: ['type', flap.type],
        ratePerS: ['rate', perS(flap.ratePerS, what('rate'))],
        downTime: ['downTime', distributionEntry(flap.downTime, what('downTime'))],
        links: ['links', flap.links],
      });
    case 'policy-shift':
      return fileObject<FlapOf<'policy-shift'>>({ type: ['type', flap.type], pop: ['pop', flap.pop], atMs: at(flap.atMs), prepend: ['prepend', flap.prepend] });
    case 'server-churn':
      return fileObject<FlapOf<'server-churn'>>({
        type: ['type', flap.type],
        pop: ['pop', flap.pop],
        atMs: at(flap.atMs),
        action: ['action', flap.action],
        count: ['count', flap.count],
      });
    case 'ddos':
      return fileObject<FlapOf<'ddos'>>({
        type: ['type', flap.type],
        atMs: at(flap.atMs),
        durationMs: ['duration', ms(flap.durationMs, what('duration'))],
        bitsPerS: ['volume', `${String(flap.bitsPerS)}bps`],
        packetBytes: ['packetSize', flap.packetBytes],
        sources: [
          'sources',
          flap.sources.kind === 'asns'
            ? [...flap.sources.asns]
            : {
                count: flap.sources.count,
                weighting: flap.sources.weighting,
                ...(flap.sources.near === undefined ? {} : { near: { lat: flap.sources.near.center.latDeg, lon: flap.sources.near.center.lonDeg, radiusKm: flap.sources.near.radiusKm } }),
              },
        ],
        spoofed: ['spoofed', flap.spoofed],
      });
    case 'client-flips':
      return fileObject<FlapOf<'client-flips'>>({
        type: ['type', flap.type],
        ratePerS: ['rate', perS(flap.ratePerS, what('rate'))],
        unstableFraction: ['unstableFraction', flap.unstableFraction],
        mode: ['mode', flap.mode],
      });
  }
}

function responsePlanEntry(plan: ResponsePlanSpec, p: number): Record<string, unknown> {
  return { plan: plan.name, actions: plan.responses.map((response, i) => responseEntry(response, `responses[${p}].actions[${i}].at`)) };
}

function responseEntry(response: ResponseSpec, where: string): Record<string, unknown> {
  const trigger = response.trigger;
  const base = {
    pop: response.pop,
    at: ms(response.atMs, where),
    ...(trigger === undefined
      ? {}
      : {
          when: {
            loadAbove: trigger.bitsPerS === undefined ? `${String(trigger.packetsPerS)}pps` : `${String(trigger.bitsPerS)}bps`,
            detectionDelay: ms(trigger.detectionDelayMs, where.replace(/at$/, 'when.detectionDelay')),
          },
        }),
    ...(response.forMs === undefined ? {} : { for: ms(response.forMs, where.replace(/at$/, 'for')) }),
  };
  const action = response.action;
  switch (action.kind) {
    case 'withdraw':
    case 'restore':
      return { action: action.kind, ...base };
    case 'prepend':
      return { action: action.kind, ...base, prepend: action.prepend };
    case 'announce-to':
      return { action: action.kind, ...base, neighbours: [...action.neighbourAsns] };
  }
}

/** A PoP capacity in the file's units; absent limits are left out (unlimited). */
function popCapacityEntry(capacity: PopCapacity): Record<string, unknown> {
  return fileObject<PopCapacity>({
    packetsPerS: ['packets', capacity.packetsPerS === undefined ? undefined : `${String(capacity.packetsPerS)}pps`],
    bitsPerS: ['bits', capacity.bitsPerS === undefined ? undefined : `${String(capacity.bitsPerS)}bps`],
    sessions: ['sessions', capacity.sessions],
  });
}

function capacityEntry(capacity: CapacitySpec): Record<string, unknown> {
  return {
    default: popCapacityEntry(capacity.default),
    pops: Object.fromEntries(Object.entries(capacity.pops).map(([name, c]) => [name, popCapacityEntry(c)])),
  };
}

function workloadEntry(entry: WorkloadSpec, i: number): Record<string, unknown> {
  const what = (field: string): string => `workload[${i}].${field}`;
  const { resolver, diurnal } = entry;
  return fileObject<WorkloadSpec>({
    protocol: ['protocol', entry.protocol],
    arrivalsPerS: ['arrivals', perS(entry.arrivalsPerS, what('arrivals'))],
    diurnal: ['diurnal', diurnal === undefined ? undefined : fileObject<DiurnalSpec>({ amplitude: ['amplitude', diurnal.amplitude], peakMs: ['peak', ms(diurnal.peakMs, what('diurnal.peak'))] })],
    duration: ['duration', distributionEntry(entry.duration, what('duration'))],
    resolver: [
      'resolver',
      resolver === undefined ? undefined : resolver.profile === 'custom' ? { timeout: ms(resolver.timeoutMs, what('resolver.timeout')), attempts: resolver.attempts } : resolver.profile,
    ],
    packetIntervalMs: ['packetInterval', optionalMs(entry.packetIntervalMs, what('packetInterval'))],
    applicationTimeoutMs: [
      'applicationTimeout',
      entry.applicationTimeoutMs === Number.POSITIVE_INFINITY ? 'none' : optionalMs(entry.applicationTimeoutMs, what('applicationTimeout')),
    ],
  });
}

/**
 * Writes `scenario` as a file-format object (every field explicit). `parseScenarioValue` of the
 * result gives a scenario with the same {@link scenarioDigest}.
 *
 * @throws ScenarioError when the scenario cannot be written faithfully: a CAIDA path containing
 *   `${NAME}` (it would be substituted again when read), or a value too small for a unit string.
 * @example
 * const text = stringify(scenarioToFileObject(referenceScenario()));
 */
export function scenarioToFileObject(scenario: Scenario): ScenarioFileObject {
  const topology = scenario.topology;
  if (topology.kind === 'caida' && ENVIRONMENT_REFERENCE.test(topology.file)) {
    throw new ScenarioError(`cannot write topology.caida.file "${topology.file}": it contains \${NAME}, which would be substituted again when read`);
  }
  const { servers, serving, routing, clients } = scenario;
  return fileObject<Scenario>({
    name: ['name', scenario.name],
    description: ['description', scenario.description],
    seed: ['seed', scenario.seed],
    replications: ['replications', scenario.replications],
    durationMs: ['duration', ms(scenario.durationMs, 'duration')],
    topology: [
      'topology',
      topology.kind === 'synthetic'
        ? { synthetic: { ases: topology.ases } }
        : { caida: topology.geography === undefined ? { file: topology.file } : { file: topology.file, geography: topology.geography } },
    ],
    pops: [
      'pops',
      scenario.pops.kind === 'count'
        ? {
            count: scenario.pops.count,
            upstreamsPerPop: scenario.pops.upstreamsPerPop,
            ...(scenario.pops.cities === undefined ? {} : { cities: scenario.pops.citySet ?? scenario.pops.cities.map((c) => c.city) }),
          }
        : { sites: scenario.pops.sites.map((site) => fileObject<PopSpec>({
              name: ['name', site.name],
              upstreams: ['upstreams', [...site.upstreams]],
              peers: ['peers', [...site.peers]],
              unicastUpstreams: ['unicastUpstreams', site.unicastUpstreams === undefined ? undefined : [...site.unicastUpstreams]],
              unicastPeers: ['unicastPeers', site.unicastPeers === undefined ? undefined : [...site.unicastPeers]],
              city: ['city', site.city],
              // A named city's point is the city's: writing the name alone reads back the same site.
              location: ['location', site.city !== undefined || site.location === undefined ? undefined : { lat: site.location.latDeg, lon: site.location.lonDeg }],
            })) },
    ],
    servers: [
      'servers',
      {
        ...fileObject<Omit<ServersSpec, ConntrackField>>({
          perPop: ['perPop', servers.perPop],
          algorithm: ['algorithm', servers.algorithm],
          tableSize: ['tableSize', servers.tableSize],
          vnodes: ['vnodes', servers.vnodes],
        }),
        conntrack: fileObject<Pick<ServersSpec, ConntrackField>>({
          conntrackCapacity: ['capacity', servers.conntrackCapacity],
          conntrackIdleTimeoutMs: ['idleTimeout', ms(servers.conntrackIdleTimeoutMs, 'servers.conntrack.idleTimeout')],
        }),
      },
    ],
    serving: [
      'serving',
      fileObject<ServingSpec>({
        globalHashUpdateDelayMs: ['globalHashUpdateDelay', serving.globalHashUpdateDelayMs.map((value) => ms(value, 'serving.globalHashUpdateDelay'))],
        healthCheckIntervalMs: ['healthCheckInterval', ms(serving.healthCheckIntervalMs, 'serving.healthCheckInterval')],
        failureThreshold: ['failureThreshold', serving.failureThreshold],
        dnsTtlMs: ['dnsTtl', ms(serving.dnsTtlMs, 'serving.dnsTtl')],
        quicResetKey: ['quicResetKey', serving.quicResetKey],
      }),
    ],
    routing: [
      'routing',
      fileObject<RoutingSpec>({
        operatorAsn: ['operatorAsn', routing.operatorAsn],
        mraiMs: ['mrai', ms(routing.mraiMs, 'routing.mrai')],
        mraiTimers: ['mraiTimers', routing.mraiTimers],
        wrate: ['wrate', routing.wrate],
        damping: ['damping', routing.damping],
        holdTimeMs: ['holdTime', ms(routing.holdTimeMs, 'routing.holdTime')],
        linkDelayMs: ['linkDelay', routing.linkDelayMs.map((value) => ms(value, 'routing.linkDelay'))],
        processingDelayMs: ['processingDelay', routing.processingDelayMs.map((value) => ms(value, 'routing.processingDelay'))],
        unicastDynamics: ['unicastDynamics', routing.unicastDynamics],
        tieBreak: ['tieBreak', routing.tieBreak],
      }),
    ],
    clients: ['clients', fileObject<ClientsSpec>({ ases: ['ases', clients.ases], weighting: ['weighting', clients.weighting] })],
    flaps: ['flaps', scenario.flaps.map(flapEntry)],
    responses: ['responses', scenario.responses?.map(responsePlanEntry)],
    workload: ['workload', scenario.workload.map(workloadEntry)],
    capacity: ['capacity', scenario.capacity === undefined ? undefined : capacityEntry(scenario.capacity)],
    architectures: ['architectures', [...scenario.architectures]],
    allowance: ['allowance', { ...scenario.allowance }],
    eventRatesPerYear: ['eventRatesPerYear', { ...scenario.eventRatesPerYear }],
  });
}

/**
 * Writes `scenario` as YAML text, with `comment` (if any) as leading `#` lines. `anysim run` on
 * the text (saved as .yaml) runs the same scenario: `parseScenarioText` gives the same digest.
 *
 * @throws ScenarioError as {@link scenarioToFileObject} does.
 */
export function scenarioToYaml(scenario: Scenario, comment = ''): string {
  const header = comment === '' ? '' : `${comment.split('\n').map((line) => `# ${line}`.trimEnd()).join('\n')}\n`;
  return `${header}${toYaml(scenarioToFileObject(scenario), { lineWidth: 0 })}`;
}
