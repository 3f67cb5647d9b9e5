/**
 * The `quic-lb` architecture (QUIC-LB, draft-ietf-quic-load-balancers): the server encodes its
 * server ID in the QUIC connection IDs it issues, so any load balancer at any PoP routes a packet
 * to that server however anycast moves the client. Only the loss of that server's state breaks a
 * session. Meaningful for QUIC only: TCP and UDP without connection IDs cannot use it, and the
 * session layer should judge only QUIC sessions under it.
 */
import type { PopLayerModel } from './pop-layer-model.js';
import type { BreakCause, ServingArchitecture, SessionPlacement } from './serving-architecture.js';

/** Connection IDs name the server. */
export class QuicLbArchitecture implements ServingArchitecture {
  readonly name = 'quic-lb';

  constructor(private readonly model: PopLayerModel) {}

  open(flowHash: number, popIndex: number, tMs: number, placement: SessionPlacement): BreakCause | null {
    return this.model.openAtPop(flowHash, popIndex, tMs, placement);
  }

  stateLossAt(placement: Readonly<SessionPlacement>, tMs: number): BreakCause | null {
    return this.model.popStateLoss(placement, tMs);
  }

  deliver(placement: Readonly<SessionPlacement>, popIndex: number, tMs: number): BreakCause | null {
    return this.model.forwardedDelivery(placement, popIndex, tMs);
  }

  incidentOf(cause: BreakCause, placement: Readonly<SessionPlacement>, popIndex: number, tMs: number): number {
    return this.model.forwardedIncidentOf(cause, placement, popIndex, tMs);
  }

  servingPopOf(placement: Readonly<SessionPlacement>): number {
    return placement.popIndex;
  }
}
