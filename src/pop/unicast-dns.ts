/**
 * The non-anycast baseline `unicast-dns`: DNS hands each client a PoP's unicast address and the
 * session stays pinned there. When a PoP fails, health checks detect it after `failureThreshold`
 * checks `healthCheckIntervalMs` apart, and clients holding a cached answer keep going to the dead
 * PoP for up to the DNS TTL: new sessions fail until detection + TTL (worst case; the same form
 * as Route 53 DNS failover). After that, DNS answers with the next healthy PoP in index order.
 * Inside the PoP the load balancer maps the flow as in `edge` (conntrack, table changes).
 */
import type { PopLayerModel } from './pop-layer-model.js';
import type { BreakCause, ServingArchitecture, SessionPlacement } from './serving-architecture.js';

/** Sessions pinned by DNS; failover after detection + TTL. */
export class UnicastDnsArchitecture implements ServingArchitecture {
  readonly name = 'unicast-dns';

  constructor(private readonly model: PopLayerModel) {}

  /**
   * The PoP a client resolving to `popIndex` actually uses at tMs: that PoP unless it has been
   * down for at least the failover time, then the next PoP (in index order) that is up.
   */
  resolvedPop(popIndex: number, tMs: number): number {
    const model = this.model;
    const outage = model.sites.outageAt(popIndex, tMs);
    if (outage === undefined || tMs < outage.downAtMs + model.unicastDnsFailoverMs) return popIndex;
    for (let step = 1; step < model.popCount; step++) {
      const candidate = (popIndex + step) % model.popCount;
      if (model.sites.isUp(candidate, tMs)) return candidate;
    }
    return popIndex;
  }

  open(flowHash: number, popIndex: number, tMs: number, placement: SessionPlacement): BreakCause | null {
    return this.model.openAtPop(flowHash, this.resolvedPop(popIndex, tMs), tMs, placement);
  }

  stateLossAt(placement: Readonly<SessionPlacement>, tMs: number): BreakCause | null {
    return this.model.popStateLoss(placement, tMs);
  }

  deliver(placement: Readonly<SessionPlacement>, _popIndex: number, tMs: number, idleMs: number): BreakCause | null {
    return this.model.inPopDelivery(placement, tMs, idleMs);
  }

  incidentOf(cause: BreakCause, placement: Readonly<SessionPlacement>, _popIndex: number, tMs: number): number {
    return this.model.popIncidentOf(cause, placement, tMs);
  }

  servingPopOf(placement: Readonly<SessionPlacement>): number {
    return placement.popIndex;
  }
}
