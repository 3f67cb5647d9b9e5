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
import type { DurationDistribution, FlapSpec, Scenario, WorkloadSpec } from './scenario.js';
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

/** Optional fields are written only when present: the schema distinguishes absent from any value. */
function optionalMs(key: string, value: number | undefined, what: string): Record<string, string> {
  return value === undefined ? {} : { [key]: ms(value, what) };
}

function flapEntry(flap: FlapSpec, i: number): Record<string, unknown> {
  const what = (field: string): string => `flaps[${i}].${field}`;
  switch (flap.type) {
    case 'pop-withdraw':
      return { type: flap.type, pop: flap.pop, at: ms(flap.atMs, what('at')), ...optionalMs('reannounceAt', flap.reannounceAtMs, what('reannounceAt')) };
    case 'pop-failure':
      return {
        type: flap.type,
        pop: flap.pop,
        at: ms(flap.atMs, what('at')),
        ...optionalMs('recoverAt', flap.recoverAtMs, what('recoverAt')),
        healthCheckInterval: ms(flap.healthCheckIntervalMs, what('healthCheckInterval')),
        failureThreshold: flap.failureThreshold,
      };
    case 'silent-death':
      return { type: flap.type, pop: flap.pop, at: ms(flap.atMs, what('at')) };
    case 'maintenance-drain':
      return {
        type: flap.type,
        pop: flap.pop,
        at: ms(flap.atMs, what('at')),
        prepend: flap.prepend,
        withdrawAfter: ms(flap.withdrawAfterMs, what('withdrawAfter')),
        ...optionalMs('restoreAt', flap.restoreAtMs, what('restoreAt')),
      };
    case 'link-down':
      return { type: flap.type, a: flap.a, b: flap.b, at: ms(flap.atMs, what('at')), ...optionalMs('upAt', flap.upAtMs, what('upAt')) };
    case 'link-flaps':
      return { type: flap.type, rate: perS(flap.ratePerS, what('rate')), downTime: distributionEntry(flap.downTime, what('downTime')), links: flap.links };
    case 'policy-shift':
      return { type: flap.type, pop: flap.pop, at: ms(flap.atMs, what('at')), prepend: flap.prepend };
    case 'server-churn':
      return { type: flap.type, pop: flap.pop, at: ms(flap.atMs, what('at')), action: flap.action, count: flap.count };
    case 'client-flips':
      return { type: flap.type, rate: perS(flap.ratePerS, what('rate')), unstableFraction: flap.unstableFraction };
  }
}

function workloadEntry(entry: WorkloadSpec, i: number): Record<string, unknown> {
  const what = (field: string): string => `workload[${i}].${field}`;
  const resolver = entry.resolver;
  return {
    protocol: entry.protocol,
    arrivals: perS(entry.arrivalsPerS, what('arrivals')),
    ...(entry.diurnal === undefined ? {} : { diurnal: { amplitude: entry.diurnal.amplitude, peak: ms(entry.diurnal.peakMs, what('diurnal.peak')) } }),
    duration: distributionEntry(entry.duration, what('duration')),
    ...(resolver === undefined
      ? {}
      : { resolver: resolver.profile === 'custom' ? { timeout: ms(resolver.timeoutMs, what('resolver.timeout')), attempts: resolver.attempts } : resolver.profile }),
    ...optionalMs('packetInterval', entry.packetIntervalMs, what('packetInterval')),
  };
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
  const { servers, serving, routing } = scenario;
  return {
    name: scenario.name,
    description: scenario.description,
    seed: scenario.seed,
    duration: ms(scenario.durationMs, 'duration'),
    topology: topology.kind === 'synthetic' ? { synthetic: { ases: topology.ases } } : { caida: { file: topology.file } },
    pops:
      scenario.pops.kind === 'count'
        ? { count: scenario.pops.count, upstreamsPerPop: scenario.pops.upstreamsPerPop }
        : { sites: scenario.pops.sites.map((site) => ({ name: site.name, upstreams: [...site.upstreams], peers: [...site.peers] })) },
    servers: {
      perPop: servers.perPop,
      algorithm: servers.algorithm,
      tableSize: servers.tableSize,
      vnodes: servers.vnodes,
      conntrack: { capacity: servers.conntrackCapacity, idleTimeout: ms(servers.conntrackIdleTimeoutMs, 'servers.conntrack.idleTimeout') },
    },
    serving: {
      globalHashUpdateDelay: serving.globalHashUpdateDelayMs.map((value) => ms(value, 'serving.globalHashUpdateDelay')),
      healthCheckInterval: ms(serving.healthCheckIntervalMs, 'serving.healthCheckInterval'),
      failureThreshold: serving.failureThreshold,
      dnsTtl: ms(serving.dnsTtlMs, 'serving.dnsTtl'),
    },
    routing: {
      operatorAsn: routing.operatorAsn,
      mrai: ms(routing.mraiMs, 'routing.mrai'),
      wrate: routing.wrate,
      damping: routing.damping,
      holdTime: ms(routing.holdTimeMs, 'routing.holdTime'),
      linkDelay: routing.linkDelayMs.map((value) => ms(value, 'routing.linkDelay')),
      processingDelay: routing.processingDelayMs.map((value) => ms(value, 'routing.processingDelay')),
    },
    clients: { ases: scenario.clients.ases, weighting: scenario.clients.weighting },
    flaps: scenario.flaps.map(flapEntry),
    workload: scenario.workload.map(workloadEntry),
    architectures: [...scenario.architectures],
    slo: { maxBrokenFraction: { ...scenario.slo.maxBrokenFraction } },
  };
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
