/**
 * The `daisy-chain` architecture, after Beamer (Olteanu et al., "Stateless Datacenter
 * Load-balancing with Beamer", NSDI 2018): a load balancer or PoP that receives a mid-flow packet
 * it holds no state for forwards it to the previous owner, so neither a table change inside the
 * PoP nor an anycast shift between PoPs breaks the session. Beamer chains between servers of one
 * cluster; here the same rule spans PoPs (the previous owner is assumed known to the new PoP,
 * e.g. carried in the packet as Beamer does). Only the loss of the owner's state breaks it.
 */
import type { PopLayerModel } from './pop-layer-model.js';
import type { BreakCause, ServingArchitecture, SessionPlacement } from './serving-architecture.js';

/** Mid-flow packets chained to the previous owner. */
export class DaisyChainArchitecture implements ServingArchitecture {
  readonly name = 'daisy-chain';

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
