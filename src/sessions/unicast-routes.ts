/**
 * How packets to a PoP's own unicast prefix fare over time (ARCHITECTURE.md, Sessions: "Unicast
 * designs are routed too"). Each PoP originates its own unicast prefix in the same BGP run as the
 * anycast prefix, so `unicast-dns` and `unicast-handoff` packets meet the same black holes, loops
 * and link failures as anycast packets do. The session judge sees that history through this
 * interface only; the routing pass records it.
 */

/** Where unicast packets from each client AS to each PoP's prefix end, over the run. */
export interface UnicastRoutes {
  /**
   * Outcome of a packet from AS `asIndex` to PoP `pop`'s unicast prefix sent at `tMs`: `pop`
   * itself when it is delivered there, -1 (black hole) or -2 (loop) when it is lost on the way.
   */
  outcomeAt(pop: number, asIndex: number, tMs: number): number;
  /** The first time strictly after `tMs` at which that outcome may change; Infinity: never. */
  nextChangeAfterMs(pop: number, asIndex: number, tMs: number): number;
  /** The incident behind the outcome in force at `tMs` (-1: none, e.g. the initial state). */
  incidentAt(pop: number, asIndex: number, tMs: number): number;
}

/**
 * Unicast routes that never change: every PoP's prefix reaches every AS for the whole run. What
 * a network without routing events gives, and the judge's unit tests' world.
 */
export const STABLE_UNICAST_ROUTES: UnicastRoutes = {
  outcomeAt: (pop) => pop,
  nextChangeAfterMs: () => Number.POSITIVE_INFINITY,
  incidentAt: () => -1,
};
