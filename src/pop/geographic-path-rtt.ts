/**
 * The {@link PathRtt} of a run with geography: RTTs from great-circle distances through the geo
 * layer's RTT model (2/3 c in fibre, conduit inflation 1.3: src/geo/rtt-model.ts), from a client
 * AS's home point to a PoP's location, and between PoP locations.
 *
 * An approximation, named so: the straight line stands for every route. The catchment-quality
 * figures walk the anycast route's AS path (src/routing/catchment-latency.ts), but a cost compares
 * two paths at once (the landing PoP's and the owner's, or the unicast and the anycast one), the
 * second of which is a route the steady state does not hold (a PoP's own prefix, or the route of a
 * moment during convergence). Taking both at their great-circle lengths keeps the difference to
 * geography alone, at the price of leaving out each path's AS-level detour (which inflates
 * both). Between PoPs the operator's backbone or transit is assumed to follow the great circle
 * with the same conduit inflation.
 */
import { greatCircleKm, rttMsOfKm, type AsGeography, type LatLon } from '../geo/index.js';
import type { PathRtt } from './architecture-cost.js';

/** RTTs from where ASes and PoPs are. */
export class GeographicPathRtt implements PathRtt {
  /** popRttMs[a * n + b]: RTT between PoP a and PoP b, ms (computed once: n² is small). */
  private readonly popRttMs: Float64Array;

  constructor(
    private readonly geography: AsGeography,
    private readonly popLocations: readonly LatLon[],
  ) {
    const n = popLocations.length;
    this.popRttMs = new Float64Array(n * n);
    for (let a = 0; a < n; a++) {
      for (let b = a + 1; b < n; b++) {
        const rtt = rttMsOfKm(greatCircleKm(popLocations[a]!, popLocations[b]!));
        this.popRttMs[a * n + b] = rtt;
        this.popRttMs[b * n + a] = rtt;
      }
    }
  }

  popToPopRttMs(fromPop: number, toPop: number): number {
    return this.popRttMs[fromPop * this.popLocations.length + toPop]!;
  }

  clientToPopRttMs(clientAs: number, pop: number): number {
    return rttMsOfKm(greatCircleKm(this.geography.pointsOf(clientAs)[0]!, this.popLocations[pop]!));
  }
}
