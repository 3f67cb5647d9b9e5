/**
 * "What is the chance a session of length L is cut?" — the figure a game or chat designer asks
 * for ("a 1-hour match"), per protocol and architecture, from the yearly figures (per-year.ts).
 *
 * Over a year, a protocol's sessions are open for (sessions per year x mean length) session-
 * seconds and suffer (broken per million / 10^6 x sessions per year) breaks, so the break rate per
 * second a session is open is h = (broken per million / 10^6) / mean length. A session open for L
 * is cut with probability 1 - exp(-h L) (incidents arrive as a Poisson process in time). This
 * treats every open second alike: it ignores that a session's first packet is never cut by a move
 * already done, so very short sessions fare slightly better than shown. DNS queries (one packet
 * per attempt) have no length to speak of and are left out.
 */
import { meanDurationMs, type DurationDistribution } from '../sim/index.js';
import type { YearlyBreaks } from './per-year.js';

/** Session lengths of the table: 1 min, 10 min, 1 h, 1 day. */
export const SESSION_LENGTHS_MS: readonly number[] = [60_000, 600_000, 3_600_000, 86_400_000];

/** Their labels. */
export const SESSION_LENGTH_LABELS: readonly string[] = ['1 min', '10 min', '1 h', '1 day'];

/** Protocols whose sessions have no length a designer would pick. */
const LENGTHLESS_PROTOCOLS: ReadonlySet<string> = new Set(['dns-udp']);

/** One (protocol, architecture)'s break rate per open hour and chance of a cut at each length. */
export interface SessionCutCurve {
  readonly protocol: string;
  readonly architecture: string;
  readonly breaksPerSessionHour: number;
  /** P(cut) for each of `lengthsMs`. */
  readonly cutChance: readonly number[];
}

/** The chance a session of length L is cut: 1 - exp(-h L). */
export function cutChance(breaksPerSessionHour: number, lengthMs: number): number {
  return -Math.expm1((-breaksPerSessionHour * lengthMs) / 3_600_000);
}

/** Curves for every (protocol, architecture) with a finite mean session length. */
export function sessionCutCurves(
  yearly: readonly YearlyBreaks[],
  durations: Readonly<Record<string, DurationDistribution>>,
  lengthsMs: readonly number[] = SESSION_LENGTHS_MS,
): SessionCutCurve[] {
  return yearly.flatMap((y) => {
    const duration = durations[y.protocol];
    if (duration === undefined || LENGTHLESS_PROTOCOLS.has(y.protocol)) return [];
    const meanMs = meanDurationMs(duration);
    if (!Number.isFinite(meanMs) || meanMs <= 0) return [];
    const breaksPerSessionHour = (y.perMillion.estimate / 1e6 / meanMs) * 3_600_000;
    return [{ protocol: y.protocol, architecture: y.architecture, breaksPerSessionHour, cutChance: lengthsMs.map((l) => cutChance(breaksPerSessionHour, l)) }];
  });
}
