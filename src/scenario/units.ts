/**
 * Durations and rates as scenario files write them: a number with a unit, as a string. Durations:
 * "250ms", "90s", "30m", "2h", "1d", or a sum such as "1h30m" (as Go's time.ParseDuration reads
 * them). Rates: events per unit of time, "20/s", "1.5/m", "3/h", "100/d". A bare number is refused
 * because it hides the unit, and mixing seconds and milliseconds silently is how simulators go
 * wrong (TigerBeetle style: units in names and values).
 */
import { ScenarioError } from './scenario-error.js';

/** Milliseconds per duration unit; `m` is minutes (months are not a simulation unit). */
export const DURATION_UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** Seconds per unit of a rate's denominator ("/s", "/m", "/h", "/d"). */
export const RATE_UNIT_S: Readonly<Record<string, number>> = {
  s: 1,
  m: 60,
  h: 3_600,
  d: 86_400,
};

/** Longest duration anysim accepts anywhere: 30 days of virtual time. */
export const MAX_DURATION_MS = 30 * 86_400_000;

/** Highest rate anysim accepts anywhere: 10 million events per second. */
export const MAX_RATE_PER_S = 10_000_000;

/** Longest unit string read; anything longer is not a duration or a rate someone meant to write. */
export const MAX_UNIT_TEXT_LENGTH = 64;

/** A regular expression a duration string must match (also shown to editors via the JSON Schema). */
export const DURATION_PATTERN = '^\\s*(\\d+(\\.\\d+)?\\s*(ms|s|m|h|d)\\s*)+$';

/** A regular expression a rate string must match. */
export const RATE_PATTERN = '^\\s*\\d+(\\.\\d+)?\\s*/\\s*(s|m|h|d)\\s*$';

const DURATION_TERM = /(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*/y;
const RATE_TEXT = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(s|m|h|d)\s*$/;

/** Bounds for one duration field. */
export interface DurationLimits {
  /** Smallest value accepted, in ms (default: anything above 0); the message names it. */
  readonly minMs?: number;
  /** Largest value accepted, in ms (default MAX_DURATION_MS); the message names it. */
  readonly maxMs?: number;
  /** Whether 0 is meaningful here (an event at the start); default false. */
  readonly allowZero?: boolean;
}

/** Bounds for one rate field. */
export interface RateLimits {
  /** Largest rate accepted, per second (default MAX_RATE_PER_S); the message names it. */
  readonly maxPerS?: number;
  /** Whether 0 is meaningful here; default false. */
  readonly allowZero?: boolean;
}

/** The result of reading a unit string: the value, or why it is not acceptable. */
export type UnitReading = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly reason: string };

/** Describes a value for a message without echoing megabytes of it. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}...` : value;
    return `the string ${JSON.stringify(shown)}`;
  }
  if (typeof value === 'number') return `the number ${String(value)}`;
  return `${typeof value} ${String(value)}`;
}

/** Formats a duration in ms back into the largest exact unit, for messages ("30d", "90s"). */
export function formatDurationMs(ms: number): string {
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    const size = DURATION_UNIT_MS[unit]!;
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

function formatRate(perS: number): string {
  return `${perS.toLocaleString('en-US')}/s`;
}

const DURATION_EXAMPLE = 'expected a duration such as "90s" (a number and a unit: ms, s, m, h or d)';
const RATE_EXAMPLE = 'expected a rate such as "20/s" (a number, "/", and a unit: s, m, h or d)';

/** Reads a duration string into ms, or says why not. Pure; never throws. */
export function readDurationMs(input: unknown, limits: DurationLimits = {}): UnitReading {
  const maxMs = limits.maxMs ?? MAX_DURATION_MS;
  if (typeof input === 'number') {
    return { ok: false, reason: `${DURATION_EXAMPLE}; got the bare number ${String(input)}, which has no unit` };
  }
  if (typeof input !== 'string') return { ok: false, reason: `${DURATION_EXAMPLE}; got ${describeValue(input)}` };
  if (input.length > MAX_UNIT_TEXT_LENGTH) {
    return { ok: false, reason: `${DURATION_EXAMPLE}; got a string of ${input.length} characters (limit ${MAX_UNIT_TEXT_LENGTH})` };
  }
  const text = input.trim();
  if (text.startsWith('-')) return { ok: false, reason: `a duration cannot be negative; got ${JSON.stringify(input)}` };
  if (text === '') return { ok: false, reason: `${DURATION_EXAMPLE}; got an empty string` };
  let totalMs = 0;
  DURATION_TERM.lastIndex = 0;
  while (DURATION_TERM.lastIndex < text.length) {
    const match = DURATION_TERM.exec(text);
    if (match === null) return { ok: false, reason: `${DURATION_EXAMPLE}; got ${JSON.stringify(input)}` };
    totalMs += Number(match[1]) * DURATION_UNIT_MS[match[2]!]!;
  }
  if (!Number.isFinite(totalMs)) return { ok: false, reason: `${JSON.stringify(input)} is not a finite duration` };
  if (totalMs === 0 && limits.allowZero !== true) {
    return { ok: false, reason: `a zero duration is meaningless here; expected more than 0, such as "90s"` };
  }
  if (limits.minMs !== undefined && totalMs < limits.minMs) {
    return { ok: false, reason: `${JSON.stringify(input)} is shorter than the minimum of ${formatDurationMs(limits.minMs)}` };
  }
  if (totalMs > maxMs) {
    return { ok: false, reason: `${JSON.stringify(input)} is longer than the limit of ${formatDurationMs(maxMs)}` };
  }
  return { ok: true, value: totalMs };
}

/** Reads a rate string into events per second, or says why not. Pure; never throws. */
export function readRatePerS(input: unknown, limits: RateLimits = {}): UnitReading {
  const maxPerS = limits.maxPerS ?? MAX_RATE_PER_S;
  if (typeof input === 'number') {
    return { ok: false, reason: `${RATE_EXAMPLE}; got the bare number ${String(input)}, which has no unit` };
  }
  if (typeof input !== 'string') return { ok: false, reason: `${RATE_EXAMPLE}; got ${describeValue(input)}` };
  if (input.length > MAX_UNIT_TEXT_LENGTH) {
    return { ok: false, reason: `${RATE_EXAMPLE}; got a string of ${input.length} characters (limit ${MAX_UNIT_TEXT_LENGTH})` };
  }
  if (input.trim().startsWith('-')) return { ok: false, reason: `a rate cannot be negative; got ${JSON.stringify(input)}` };
  const match = RATE_TEXT.exec(input);
  if (match === null) return { ok: false, reason: `${RATE_EXAMPLE}; got ${JSON.stringify(input)}` };
  const perS = Number(match[1]) / RATE_UNIT_S[match[2]!]!;
  if (!Number.isFinite(perS)) return { ok: false, reason: `${JSON.stringify(input)} is not a finite rate` };
  if (perS === 0 && limits.allowZero !== true) {
    return { ok: false, reason: 'a zero rate is meaningless here; expected more than 0, such as "3/h"' };
  }
  if (perS > maxPerS) {
    return { ok: false, reason: `${JSON.stringify(input)} is above the limit of ${formatRate(maxPerS)}` };
  }
  return { ok: true, value: perS };
}

function prefixed(field: string | undefined, reason: string): string {
  return field === undefined ? reason : `${field}: ${reason}`;
}

/**
 * Parses a duration string ("250ms", "90s", "30m", "2h", "1d", "1h30m") into milliseconds.
 *
 * @param input - the value as read from the file (anything: it is checked).
 * @param field - the field's name, used in the message.
 * @throws ScenarioError naming the field and what was expected, for a bare number, a negative,
 *   zero (unless allowed), unknown units, or a value above the limit.
 * @example parseDurationMs('90s') === 90_000
 */
export function parseDurationMs(input: unknown, field?: string, limits: DurationLimits = {}): number {
  const reading = readDurationMs(input, limits);
  if (!reading.ok) throw new ScenarioError(prefixed(field, reading.reason));
  return reading.value;
}

/**
 * Parses a rate string ("20/s", "1.5/m", "3/h", "100/d") into events per second.
 *
 * @throws ScenarioError naming the field and what was expected.
 * @example parseRatePerS('3/h') === 3 / 3600
 */
export function parseRatePerS(input: unknown, field?: string, limits: RateLimits = {}): number {
  const reading = readRatePerS(input, limits);
  if (!reading.ok) throw new ScenarioError(prefixed(field, reading.reason));
  return reading.value;
}
