/**
 * The `edge` architecture: each PoP's load balancer hashes the flow onto one of its own servers,
 * which holds the state. The state holder is asked first: a session whose PoP or server died is
 * lost to that (`site-failure`, `server-failure`) whatever the routes do, as under every other
 * architecture. Otherwise anycast moving the client to another PoP breaks the session (the new
 * PoP has no state and answers with a reset: `pop-shift`); inside the PoP, conntrack keeps an
 * established flow on its server across table changes while its entry lives (Maglev NSDI 2016
 * §3.3), otherwise a table change sends it elsewhere (`backend-remap`).
 */
import type { PopLayerModel } from './pop-layer-model.js';
import type { BreakCause, ServingArchitecture, SessionPlacement } from './serving-architecture.js';

/** State on the PoP's own server; no help across PoPs. */
export class EdgeArchitecture implements ServingArchitecture {
  readonly name = 'edge';

  constructor(private readonly model: PopLayerModel) {}

  open(flowHash: number, popIndex: number, tMs: number, placement: SessionPlacement): BreakCause | null {
    return this.model.openAtPop(flowHash, popIndex, tMs, placement);
  }

  stateLossAt(placement: Readonly<SessionPlacement>, tMs: number): BreakCause | null {
    return this.model.popStateLoss(placement, tMs);
  }

  deliver(placement: Readonly<SessionPlacement>, popIndex: number, tMs: number, idleMs: number): BreakCause | null {
    if (popIndex !== placement.popIndex) return this.model.popStateLoss(placement, tMs) ?? 'pop-shift';
    return this.model.inPopDelivery(placement, tMs, idleMs);
  }

  incidentOf(cause: BreakCause, placement: Readonly<SessionPlacement>, _popIndex: number, tMs: number): number {
    return this.model.popIncidentOf(cause, placement, tMs);
  }

  servingPopOf(placement: Readonly<SessionPlacement>): number {
    return placement.popIndex;
  }
}
