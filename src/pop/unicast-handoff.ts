/**
 * The `unicast-handoff` architecture: anycast carries only the handshake; the server then moves
 * the client to a unicast address of the same PoP (QUIC's preferred address, RFC 9000 §9.6; an
 * HTTP redirect or an application-level handoff for TCP). Later packets reach that PoP whatever
 * anycast does, so `pop-shift` cannot happen; the PoP's own load balancer still maps the flow
 * (conntrack, table changes), and the loss of the PoP or server breaks the session.
 */
import type { PopLayerModel } from './pop-layer-model.js';
import type { BreakCause, ServingArchitecture, SessionPlacement } from './serving-architecture.js';

/** Handshake over anycast, then pinned to the PoP's unicast address. */
export class UnicastHandoffArchitecture implements ServingArchitecture {
  readonly name = 'unicast-handoff';

  constructor(private readonly model: PopLayerModel) {}

  open(flowHash: number, popIndex: number, tMs: number, placement: SessionPlacement): BreakCause | null {
    return this.model.openAtPop(flowHash, popIndex, tMs, placement);
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
