/**
 * Progress as a fraction of the virtual horizon, throttled by virtual time: at most one emission
 * per `stepMs` of simulated time, so a progress bar costs nothing per session.
 */
import { filter, map, type OperatorFunction } from 'rxjs';

/** Anything that carries a session's start: arrivals and outcomes alike. */
interface Timed {
  readonly session: { readonly startMs: number };
}

/** Emits the share of `horizonMs` reached, each time another `stepMs` of virtual time passed. */
export function virtualTimeProgress<T extends Timed>(horizonMs: number, stepMs: number): OperatorFunction<T, number> {
  let nextMs = 0;
  return (source) =>
    source.pipe(
      filter((item) => {
        if (item.session.startMs < nextMs) return false;
        nextMs = item.session.startMs + stepMs;
        return true;
      }),
      map((item) => Math.min(1, item.session.startMs / horizonMs)),
    );
}
