/**
 * The zod building blocks of the scenario file format: unit-string fields (durations, rates),
 * bounded integers, fractions, AS numbers, enumerations and strict objects. Each one writes its own
 * message, saying what was expected and naming the limit it enforces, because zod's generic
 * "Invalid input" does not tell a new user what to type.
 */
import { z } from 'zod';
import { closestName, didYouMean } from '../did-you-mean.js';
import { SCENARIO_LIMITS } from './limits.js';
import {
  DURATION_PATTERN,
  RATE_PATTERN,
  describeValue,
  readDurationMs,
  readRatePerS,
  type DurationLimits,
  type RateLimits,
  type UnitReading,
} from './units.js';
import { readVolume, VOLUME_PATTERN } from './traffic-units.js';

function unknownFieldsMessage(keys: readonly string[], known: readonly string[]): string {
  const named = keys.map((key) => JSON.stringify(key)).join(', ');
  const first = keys[0] ?? '';
  const near = closestName(first, known);
  const hint = near === undefined ? '' : ` (did you mean "${near}"?)`;
  const noun = keys.length === 1 ? 'unknown field' : 'unknown fields';
  return `${noun} ${named}${hint}; expected only ${known.join(', ')}`;
}

/**
 * A strict object: unknown fields are rejected with a message listing the known ones and the
 * nearest match. `what` names the object in messages ("a topology").
 */
export function strictObject<Shape extends z.core.$ZodLooseShape>(shape: Shape, what: string) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? unknownFieldsMessage(issue.keys, known)
        : `expected ${what} (an object with fields ${known.join(', ')}); got ${describeValue(issue.input)}`,
  });
}

/** Why a non-string value is not a unit string (a string reaches the transform instead). */
function reasonOf(reading: UnitReading): string {
  return reading.ok ? 'expected a string with a unit' : reading.reason;
}

/** A duration string ("90s") read into ms, within `limits`. */
export function durationField(description: string, limits: DurationLimits = {}) {
  return z
    .string({ error: (issue) => reasonOf(readDurationMs(issue.input, limits)) })
    .transform((text, ctx) => {
      const reading = readDurationMs(text, limits);
      if (reading.ok) return reading.value;
      ctx.addIssue({ code: 'custom', message: reading.reason, input: text });
      return z.NEVER;
    })
    .meta({ description: `${description}; a duration such as "90s" (units ms, s, m, h, d)`, pattern: DURATION_PATTERN });
}

/** A rate string ("20/s") read into events per second, within `limits`. */
export function rateField(description: string, limits: RateLimits = {}) {
  return z
    .string({ error: (issue) => reasonOf(readRatePerS(issue.input, limits)) })
    .transform((text, ctx) => {
      const reading = readRatePerS(text, limits);
      if (reading.ok) return reading.value;
      ctx.addIssue({ code: 'custom', message: reading.reason, input: text });
      return z.NEVER;
    })
    .meta({ description: `${description}; a rate such as "20/s" (per s, m, h, d)`, pattern: RATE_PATTERN });
}

/** An integer in [min, max]; `what` says what it counts ("ASes"). */
export function boundedInt(min: number, max: number, what: string) {
  const range = `an integer from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}`;
  return z
    .number({ error: (issue) => `expected ${what}, ${range}; got ${describeValue(issue.input)}` })
    .int({ error: (issue) => `expected ${what}, ${range}; got ${describeValue(issue.input)}` })
    .min(min, { error: (issue) => `${String(issue.input)} is below the minimum of ${min.toLocaleString('en-US')} (${what})` })
    .max(max, { error: (issue) => `${String(issue.input)} is above the limit of ${max.toLocaleString('en-US')} (${what})` })
    .meta({ description: `${what}: ${range}` });
}

/** A number in [0, 1] (or (0, 1] without zero); `what` names the share. */
export function fractionField(what: string, allowZero: boolean) {
  const range = allowZero ? 'a number from 0 to 1' : 'a number above 0 and at most 1';
  const base = z.number({ error: (issue) => `expected ${what}, ${range}; got ${describeValue(issue.input)}` });
  const lower = allowZero
    ? base.min(0, { error: () => `expected ${what}, ${range}; it cannot be negative` })
    : base.gt(0, { error: () => `expected ${what}, ${range}; 0 is meaningless here` });
  return lower.max(1, { error: (issue) => `${String(issue.input)} is above 1; expected ${what}, ${range}` }).meta({ description: `${what}: ${range}` });
}

/** A latitude (limit 90) or longitude (limit 180) in degrees. */
export function latLonField(limit: number, what: string) {
  return z
    .number({ error: (issue) => `expected ${what}, a number from -${limit} to ${limit}; got ${describeValue(issue.input)}` })
    .min(-limit, { error: (issue) => `${String(issue.input)} is below -${limit} (${what})` })
    .max(limit, { error: (issue) => `${String(issue.input)} is above ${limit} (${what})` })
    .meta({ description: `${what}: -${limit}..${limit}` });
}

/** A positive real number up to `max` (a distribution's shape parameter). */
export function positiveNumber(max: number, what: string) {
  const range = `a number above 0 and at most ${max}`;
  return z
    .number({ error: (issue) => `expected ${what}, ${range}; got ${describeValue(issue.input)}` })
    .gt(0, { error: () => `expected ${what}, ${range}; it must be above 0` })
    .max(max, { error: (issue) => `${String(issue.input)} is above the limit of ${max} (${what})` })
    .meta({ description: `${what}: ${range}` });
}

/** A 32-bit AS number (RFC 6793), 0 excluded (RFC 7607). */
export function asnField(what: string) {
  return boundedInt(1, SCENARIO_LIMITS.asnMax, what);
}

/** One of a fixed list of words. */
export function oneOf<const Values extends readonly [string, ...string[]]>(values: Values, what: string) {
  const listed = values.map((value) => JSON.stringify(value)).join(', ');
  return z
    .enum(values, {
      error: (issue) => `expected ${what}: one of ${listed}; got ${describeValue(issue.input)}${typeof issue.input === 'string' ? didYouMean(issue.input, values) : ''}`,
    })
    .meta({ description: what });
}

/** A list of `item` with at least `min` and at most `max` entries. */
export function listField<Item extends z.ZodType>(item: Item, min: number, max: number, what: string) {
  return z
    .array(item, { error: (issue) => `expected ${what} (a list); got ${describeValue(issue.input)}` })
    .min(min, { error: () => `expected at least ${min} ${what}; got fewer` })
    .max(max, { error: () => `too many ${what}: the limit is ${max.toLocaleString('en-US')}` });
}

/** A string of 1 to `maxLength` characters matching `pattern`, described by `what`. */
export function nameField(maxLength: number, pattern: RegExp, what: string) {
  return z
    .string({ error: (issue) => `expected ${what} (a string); got ${describeValue(issue.input)}` })
    .min(1, { error: () => `expected ${what}; got an empty string` })
    .max(maxLength, { error: () => `${what} is longer than the limit of ${maxLength} characters` })
    .regex(pattern, { error: (issue) => `expected ${what} matching ${String(pattern)}; got ${describeValue(issue.input)}` })
    .meta({ description: what });
}

/** A traffic volume string ("40Gbps", "10Mpps") read into bits or packets per second. */
export function volumeField(description: string, allowed: 'bits' | 'packets' | 'either' = 'either') {
  return z
    .string({ error: (issue) => reasonOfVolume(readVolume(issue.input, allowed)) })
    .transform((text, ctx) => {
      const reading = readVolume(text, allowed);
      if (reading.ok) return reading.volume;
      ctx.addIssue({ code: 'custom', message: reading.reason, input: text });
      return z.NEVER;
    })
    .meta({ description: `${description}; a volume such as "40Gbps" or "10Mpps"`, pattern: VOLUME_PATTERN });
}

function reasonOfVolume(reading: ReturnType<typeof readVolume>): string {
  return reading.ok ? 'expected a string with a unit' : reading.reason;
}
