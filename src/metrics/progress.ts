/**
 * Progress as a fraction of the virtual horizon, throttled by virtual time: at most one emission
 * per `stepMs` of simulated time, so a progress bar costs nothing per session.
 */
import { filter, map, type OperatorFunction } from 'rxjs';
import type { SessionOutcome } from '../sessions/index.js';

/** Emits the share of `horizonMs` reached, each time another `stepMs` of virtual time passed. */
export function virtualTimeProgress(horizonMs: number, stepMs: number): OperatorFunction<SessionOutcome, number> {
  let nextMs = 0;
  return (source) =>
    source.pipe(
      filter((outcome) => {
        if (outcome.session.startMs < nextMs) return false;
        nextMs = outcome.session.startMs + stepMs;
        return true;
      }),
      map((outcome) => Math.min(1, outcome.session.startMs / horizonMs)),
    );
}
