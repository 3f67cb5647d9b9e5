/**
 * When load-triggered responses fire (docs/responses.md, "Load triggers"). A triggered response
 * acts `detectionDelayMs` after its PoP's offered load first reaches the threshold; load depends
 * on routes and routes on the responses that already acted, so the instant is found causally, by
 * re-running the routing pass in steps:
 *
 * 1. run the routing pass with the responses fired so far (none at first);
 * 2. compute the load of that history; for every response not yet fired, its first crossing at or
 *    after the instant it is armed; the earliest crossing plus its delay is the next firing;
 * 3. fix that one firing and go back to 1, until no pending response fires within the horizon.
 *
 * A firing at t depends only on the history before t, and a re-run with one more response at t is
 * the same history up to t (the routing pass's random streams are fresh copies under the same
 * names, drawn in clock order), so each firing found stays right in every later step. Cost: one
 * routing pass per firing, plus one.
 */
import type { ResponseSpec } from '../flaps/index.js';
import type { PopLoad } from '../load/index.js';

/** Most firings resolved in one run (a limit: each costs a routing pass). */
export const TRIGGERED_FIRINGS_MAX = 64;

/**
 * The instants the triggered responses of `responses` act, by response index. `loadWith` runs the
 * routing pass with the given firings and gives the load of its history; `popIndexOf` names a
 * PoP's index.
 */
export function resolveTriggeredResponses(
  responses: readonly ResponseSpec[],
  horizonMs: number,
  popIndexOf: (name: string) => number,
  loadWith: (firedAtMs: ReadonlyMap<number, number>) => PopLoad,
): Map<number, number> {
  const fired = new Map<number, number>();
  const pending = responses.map((_, i) => i).filter((i) => responses[i]!.trigger !== undefined);
  while (pending.length > 0) {
    if (fired.size >= TRIGGERED_FIRINGS_MAX) throw new RangeError(`more than ${TRIGGERED_FIRINGS_MAX} load-triggered responses fired (the limit)`);
    const load = loadWith(fired);
    let next: { index: number; atMs: number } | undefined;
    for (const i of pending) {
      const response = responses[i]!;
      const trigger = response.trigger!;
      const crossingMs = load.firstCrossingMs(
        popIndexOf(response.pop),
        { ...(trigger.packetsPerS === undefined ? {} : { packetsPerS: trigger.packetsPerS }), ...(trigger.bitsPerS === undefined ? {} : { bitsPerS: trigger.bitsPerS }) },
        response.atMs,
      );
      if (crossingMs === undefined) continue;
      const atMs = crossingMs + trigger.detectionDelayMs;
      if (atMs < horizonMs && (next === undefined || atMs < next.atMs)) next = { index: i, atMs };
    }
    if (next === undefined) break;
    fired.set(next.index, next.atMs);
    pending.splice(pending.indexOf(next.index), 1);
  }
  return fired;
}
