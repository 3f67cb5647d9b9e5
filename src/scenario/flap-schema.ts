/**
 * Flap processes in the file format, one object per process, told apart by `type`. Times are
 * offsets from the scenario's start ("at: 10m"). What each process models:
 * - pop-withdraw: the operator withdraws a PoP's prefix (and may re-announce it), RFC 4271 UPDATE.
 * - pop-failure: the PoP stops serving; health checks (interval, failure threshold) find it and
 *   then withdraw its route.
 * - silent-death: the PoP's router dies without a withdrawal; neighbours notice when the BGP hold
 *   timer expires (RFC 4271 §6.5).
 * - maintenance-drain: graceful drain, AS-path prepending first, withdrawal later.
 * - link-down: one inter-AS link fails (and may come back).
 * - link-flaps: every chosen link flaps as a Poisson process (rate per link) with a down-time
 *   distribution.
 * - policy-shift: the PoP changes its AS-path prepending (a traffic-engineering change).
 * - server-churn: servers added, removed, drained or failed inside a PoP.
 * - client-flips: load balancing in transit networks; each flip moves an unstable client to the
 *   runner-up site of the nearest AS on its path that has one, per packet or per flow (Wei &
 *   Heidemann, TMA 2017: about 1 % of vantage points are anycast-unstable).
 * - ddos: an attack offering a volume ("40Gbps" or "10Mpps") from `at` for `duration`, from
 *   source ASes listed by ASN or drawn (seeded) by size; its traffic follows each source's route
 *   (docs/load.md).
 */
import { z } from 'zod';
import { didYouMean } from '../did-you-mean.js';
import {
  DEFAULT_DRAIN_PREPEND,
  DEFAULT_DRAIN_WITHDRAW_AFTER,
  DEFAULT_FLAPPING_LINKS,
  DEFAULT_CLIENT_FLIP_MODE,
  DEFAULT_UNSTABLE_FRACTION,
  DEFAULT_ATTACK_PACKET_BYTES,
  DEFAULT_ATTACK_WEIGHTING,
} from './defaults.js';
import { durationDistributionSchema } from './duration-distribution-schema.js';
import { asnField, boundedInt, durationField, fractionField, latLonField, listField, nameField, oneOf, positiveNumber, rateField, strictObject, volumeField } from './field-types.js';
import { SCENARIO_LIMITS } from './limits.js';
import type { ClientFlipMode, FlapSpec } from './scenario.js';
import { describeValue } from './units.js';

/** Pattern of PoP names: sites' names and the "pop-<i>" names of count placement. */
export const POP_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Flap types, as written in `type:`. */
export const FLAP_TYPES = [
  'pop-withdraw',
  'pop-failure',
  'silent-death',
  'maintenance-drain',
  'link-down',
  'link-flaps',
  'policy-shift',
  'server-churn',
  'client-flips',
  'ddos',
] as const;

/** client-flips modes, the default first (see ClientFlipMode). */
const CLIENT_FLIP_MODES = ['per-packet', 'per-flow'] as const satisfies readonly ClientFlipMode[];

/** A link or a client never flaps more than once a second: beyond that the input is a typo. */
const FLAP_RATE_PER_S_MAX = 1;

const popRef = () => nameField(SCENARIO_LIMITS.popNameLengthMax, POP_NAME_PATTERN, 'a PoP name (a site name, or "pop-<i>" with PoPs by count)');
const time = (description: string) => durationField(`${description} (time from the scenario's start)`, { allowZero: true });
const type = <const T extends string>(value: T) => z.literal(value);

/**
 * A flap as parsed, before the scenario-wide defaults are known: pop-failure may leave its health
 * check settings to the scenario's `serving` section.
 */
export type FlapDraft =
  | Exclude<FlapSpec, { readonly type: 'pop-failure' }>
  | {
      readonly type: 'pop-failure';
      readonly pop: string;
      readonly atMs: number;
      readonly recoverAtMs?: number;
      readonly healthCheckIntervalMs?: number;
      readonly failureThreshold?: number;
    };

const popWithdraw = strictObject(
  { type: type('pop-withdraw'), pop: popRef(), at: time('withdrawal'), reannounceAt: time('re-announcement').optional() },
  'a pop-withdraw flap',
).transform((f): FlapDraft => ({
  type: f.type,
  pop: f.pop,
  atMs: f.at,
  ...(f.reannounceAt === undefined ? {} : { reannounceAtMs: f.reannounceAt }),
}));

const popFailure = strictObject(
  {
    type: type('pop-failure'),
    pop: popRef(),
    at: time('failure'),
    recoverAt: time('recovery').optional(),
    healthCheckInterval: durationField('health-check interval (default: serving.healthCheckInterval)').optional(),
    failureThreshold: boundedInt(1, SCENARIO_LIMITS.failureThresholdMax, 'missed health checks before the PoP is declared down').optional(),
  },
  'a pop-failure flap',
).transform((f): FlapDraft => ({
  type: f.type,
  pop: f.pop,
  atMs: f.at,
  ...(f.recoverAt === undefined ? {} : { recoverAtMs: f.recoverAt }),
  ...(f.healthCheckInterval === undefined ? {} : { healthCheckIntervalMs: f.healthCheckInterval }),
  ...(f.failureThreshold === undefined ? {} : { failureThreshold: f.failureThreshold }),
}));

const silentDeath = strictObject({ type: type('silent-death'), pop: popRef(), at: time('death') }, 'a silent-death flap').transform(
  (f): FlapDraft => ({ type: f.type, pop: f.pop, atMs: f.at }),
);

const maintenanceDrain = strictObject(
  {
    type: type('maintenance-drain'),
    pop: popRef(),
    at: time('start of the drain (prepending)'),
    prepend: boundedInt(1, SCENARIO_LIMITS.prependMax, 'AS-path prepends').default(DEFAULT_DRAIN_PREPEND),
    withdrawAfter: durationField('time from the prepend to the withdrawal').prefault(DEFAULT_DRAIN_WITHDRAW_AFTER),
    restoreAt: time('re-announcement without prepending').optional(),
  },
  'a maintenance-drain flap',
).transform((f): FlapDraft => ({
  type: f.type,
  pop: f.pop,
  atMs: f.at,
  prepend: f.prepend,
  withdrawAfterMs: f.withdrawAfter,
  ...(f.restoreAt === undefined ? {} : { restoreAtMs: f.restoreAt }),
}));

const linkDown = strictObject(
  { type: type('link-down'), a: asnField('one end of the link (ASN)'), b: asnField('the other end (ASN)'), at: time('link failure'), upAt: time('link repair').optional() },
  'a link-down flap',
).transform((f): FlapDraft => ({ type: f.type, a: f.a, b: f.b, atMs: f.at, ...(f.upAt === undefined ? {} : { upAtMs: f.upAt }) }));

const linkFlaps = strictObject(
  {
    type: type('link-flaps'),
    rate: rateField('flaps per link (Poisson)', { maxPerS: FLAP_RATE_PER_S_MAX }),
    downTime: durationDistributionSchema('time a flapped link stays down'),
    links: oneOf(['pop-upstreams', 'any'], 'which links flap').default(DEFAULT_FLAPPING_LINKS),
  },
  'a link-flaps process',
).transform((f): FlapDraft => ({ type: f.type, ratePerS: f.rate, downTime: f.downTime, links: f.links }));

const policyShift = strictObject(
  { type: type('policy-shift'), pop: popRef(), at: time('policy change'), prepend: boundedInt(0, SCENARIO_LIMITS.prependMax, 'AS-path prepends after the change') },
  'a policy-shift flap',
).transform((f): FlapDraft => ({ type: f.type, pop: f.pop, atMs: f.at, prepend: f.prepend }));

const serverChurn = strictObject(
  {
    type: type('server-churn'),
    pop: popRef(),
    at: time('churn'),
    action: oneOf(['add', 'remove', 'drain', 'fail'], 'a server churn action'),
    count: boundedInt(1, SCENARIO_LIMITS.serverChurnCountMax, 'servers affected').default(1),
  },
  'a server-churn flap',
).transform((f): FlapDraft => ({ type: f.type, pop: f.pop, atMs: f.at, action: f.action, count: f.count }));

const clientFlips = strictObject(
  {
    type: type('client-flips'),
    rate: rateField('flips per client (Poisson)', { maxPerS: FLAP_RATE_PER_S_MAX }),
    unstableFraction: fractionField('share of clients that flip at all', false).default(DEFAULT_UNSTABLE_FRACTION),
    mode: oneOf(CLIENT_FLIP_MODES, 'a client flip mode').default(DEFAULT_CLIENT_FLIP_MODE),
  },
  'a client-flips process',
).transform((f): FlapDraft => ({ type: f.type, ratePerS: f.rate, unstableFraction: f.unstableFraction, mode: f.mode }));

/** Half the Earth's circumference: a larger radius covers the whole Earth. */
const ATTACK_REGION_RADIUS_KM_MAX = 20_016;

const attackSources = z.union(
  [
    listField(asnField('an attack source ASN'), 1, SCENARIO_LIMITS.attackSourcesMax, 'attack source ASNs'),
    strictObject(
      {
        count: boundedInt(1, SCENARIO_LIMITS.attackSourcesMax, 'source ASes drawn among the client ASes'),
        weighting: oneOf(['uniform', 'degree'], 'how drawn sources are weighted').default(DEFAULT_ATTACK_WEIGHTING),
        near: strictObject(
          {
            lat: latLonField(90, 'the region centre\'s latitude in degrees'),
            lon: latLonField(180, 'the region centre\'s longitude in degrees'),
            radiusKm: positiveNumber(ATTACK_REGION_RADIUS_KM_MAX, 'the region\'s radius in km'),
          },
          'a region { lat, lon, radiusKm } the sources are drawn in',
        ).optional(),
      },
      'drawn attack sources',
    ),
  ],
  { error: (issue) => `expected attack sources: a list of ASNs, or { count, weighting, near }; got ${describeValue(issue.input)}` },
);

const ddos = strictObject(
  {
    type: type('ddos'),
    at: time('start of the attack'),
    duration: durationField('how long the attack lasts'),
    volume: volumeField('offered volume, all sources together'),
    packetSize: boundedInt(SCENARIO_LIMITS.packetBytesMin, SCENARIO_LIMITS.packetBytesMax, 'mean attack packet size in bytes').default(DEFAULT_ATTACK_PACKET_BYTES),
    sources: attackSources,
    spoofed: z.boolean({ error: (issue) => `expected true or false; got ${describeValue(issue.input)}` }).default(false),
  },
  'a ddos attack',
).transform((f): FlapDraft => ({
  type: f.type,
  atMs: f.at,
  durationMs: f.duration,
  bitsPerS: f.volume.unit === 'bitsPerS' ? f.volume.value : f.volume.value * 8 * f.packetSize,
  packetBytes: f.packetSize,
  sources: Array.isArray(f.sources)
    ? { kind: 'asns', asns: f.sources }
    : {
        kind: 'drawn',
        count: f.sources.count,
        weighting: f.sources.weighting,
        ...(f.sources.near === undefined ? {} : { near: { center: { latDeg: f.sources.near.lat, lonDeg: f.sources.near.lon }, radiusKm: f.sources.near.radiusKm } }),
      },
  spoofed: f.spoofed,
}));

/** The zod schema of one flap entry, discriminated by `type`; parses to a FlapDraft. */
export const flapSchema = z.discriminatedUnion(
  'type',
  [popWithdraw, popFailure, silentDeath, maintenanceDrain, linkDown, linkFlaps, policyShift, serverChurn, clientFlips, ddos],
  {
    error: (issue) => {
      const input = issue.input;
      const given = typeof input === 'object' && input !== null && 'type' in input ? (input as { type: unknown }).type : undefined;
      const expected = FLAP_TYPES.map((name) => JSON.stringify(name)).join(', ');
      if (typeof input !== 'object' || input === null || Array.isArray(input)) return `expected a flap object with a "type"; got ${describeValue(input)}`;
      return `expected type to be one of ${expected}; got ${describeValue(given)}${typeof given === 'string' ? didYouMean(given, FLAP_TYPES) : ''}`;
    },
  },
);
