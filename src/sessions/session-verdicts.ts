/**
 * What the session judge answers for one session under each architecture: the verdict arrays,
 * the break causes' codes in them, and the two ways a slot is filled (not broken, broken).
 */
import type { BreakCause } from '../pop/index.js';

/** Break causes in a fixed order; code k + 1 in verdict arrays is BREAK_CAUSES[k]. */
export const BREAK_CAUSES: readonly BreakCause[] = [
  'pop-shift',
  'backend-remap',
  'blackhole',
  'site-failure',
  'server-failure',
  'cross-flow-state',
  'overload',
];

/** Each break cause's code in {@link SessionVerdicts.causeCodes} (its index in {@link BREAK_CAUSES} plus one). */
export const CAUSE_CODE: Readonly<Record<BreakCause, number>> = {
  'pop-shift': 1,
  'backend-remap': 2,
  blackhole: 3,
  'site-failure': 4,
  'server-failure': 5,
  'cross-flow-state': 6,
  overload: 7,
};
/** The code of an `overload` break. */
export const OVERLOAD_CODE = CAUSE_CODE.overload;
/** The code of a `blackhole` break. */
export const BLACKHOLE_CODE = CAUSE_CODE.blackhole;
/** The code of a `site-failure` break. */
export const SITE_FAILURE_CODE = CAUSE_CODE['site-failure'];

/** No incident known (src/flaps NO_INCIDENT). */
export const NO_INCIDENT = -1;

/**
 * The verdicts for one session, one slot per architecture. Reused between sessions: read it
 * synchronously where it is emitted.
 */
export interface SessionVerdicts {
  /** 0: not broken; k >= 1: broken, cause BREAK_CAUSES[k - 1]. */
  readonly causeCodes: Uint8Array;
  /** dns-udp: the attempt that was answered (1-based), 0 when every attempt failed. */
  readonly answeredAttempt: Uint8Array;
  /** dns-udp: for an answered query, the time from its first try to the try that was answered (ms); else 0. */
  readonly addedLatencyMs: Float64Array;
  /**
   * The incident blamed for the break (index into the run's incident list): the route entry that
   * moved or dropped the packet, the site outage or churn step that took the state. -1 when the
   * session is not broken or no incident explains the break.
   */
  readonly incident: Int32Array;
  /**
   * When the session broke (ms): the send time of the packet answered with a reset or that found
   * its state gone, or the instant the transport, the application or the resolver gave up on lost
   * packets. NaN when the session is not broken.
   */
  readonly breakAtMs: Float64Array;
}

/** Verdicts with `architectureCount` slots. */
export function emptySessionVerdicts(architectureCount: number): SessionVerdicts {
  return {
    causeCodes: new Uint8Array(architectureCount),
    answeredAttempt: new Uint8Array(architectureCount),
    addedLatencyMs: new Float64Array(architectureCount),
    incident: new Int32Array(architectureCount),
    breakAtMs: new Float64Array(architectureCount),
  };
}

/** Slot `a`: the session is not broken. */
export function passVerdict(v: SessionVerdicts, a: number): void {
  v.causeCodes[a] = 0;
  v.incident[a] = NO_INCIDENT;
  v.breakAtMs[a] = Number.NaN;
}

/** Slot `a`: the session broke at `atMs` with cause `code`, blamed on `incident`. */
export function failVerdict(v: SessionVerdicts, a: number, code: number, atMs: number, incident: number): void {
  v.causeCodes[a] = code;
  v.incident[a] = incident;
  v.breakAtMs[a] = atMs;
}
