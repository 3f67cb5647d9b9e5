/**
 * The `global-hash` architecture: every PoP hashes flows over one shared server pool with one
 * table (Katran-style stateless agreement: separate load balancers hashing the same header fields
 * with the same table pick the same server), so a client moved by anycast still reaches its
 * server. Pool changes reach each PoP after that PoP's own update delay; while PoPs disagree, a
 * packet entering a PoP whose table maps the flow elsewhere misses the state (`backend-remap`).
 *
 * Approximation: conntrack is credited only at the PoP that opened the session (the one whose
 * load balancer is known to have an entry); a PoP the flow moved to relies on its table alone.
 */
import type { PopLayerModel } from './pop-layer-model.js';
import { NO_SERVER } from './server-churn.js';
import type { BreakCause, ServingArchitecture, SessionPlacement } from './serving-architecture.js';

/** One shared pool and table; per-PoP table update delay. */
export class GlobalHashArchitecture implements ServingArchitecture {
  readonly name = 'global-hash';

  constructor(private readonly model: PopLayerModel) {}

  /** The pool server PoP `popIndex`'s (delayed) table picks for a flow at tMs. */
  private poolChoice(flowHash: number, popIndex: number, tMs: number): number {
    const delayMs = this.model.globalUpdateDelayMs[popIndex];
    if (delayMs === undefined) throw new RangeError(`no PoP ${popIndex}`);
    return this.model.sharedPool.primary(flowHash, tMs - delayMs);
  }

  open(flowHash: number, popIndex: number, tMs: number, placement: SessionPlacement): BreakCause | null {
    const model = this.model;
    if (!model.sites.isUp(popIndex, tMs)) return 'site-failure';
    const serverId = this.poolChoice(flowHash, popIndex, tMs);
    if (serverId === NO_SERVER) return 'server-failure';
    // A stale table can still name a server that is already gone.
    if (!model.sites.isUp(model.poolSiteOf(serverId), tMs)) return 'site-failure';
    const status = model.poolStatusAt(serverId, tMs);
    if (status === 'failed') return 'server-failure';
    if (status === 'removed') return 'backend-remap';
    placement.popIndex = popIndex;
    placement.serverId = serverId;
    placement.openedAtMs = tMs;
    placement.flowHash = flowHash;
    return null;
  }

  stateLossAt(placement: Readonly<SessionPlacement>, tMs: number): BreakCause | null {
    const model = this.model;
    const { serverId, openedAtMs } = placement;
    return model.stateLoss(model.poolSiteOf(serverId), model.sharedPool, serverId, openedAtMs, tMs);
  }

  deliver(placement: Readonly<SessionPlacement>, popIndex: number, tMs: number, idleMs: number): BreakCause | null {
    const model = this.model;
    const loss = this.stateLossAt(placement, tMs);
    if (loss !== null) return loss;
    if (!model.sites.isUp(popIndex, tMs)) return 'site-failure';
    const { serverId, flowHash } = placement;
    if (this.poolChoice(flowHash, popIndex, tMs) === serverId) return null;
    if (popIndex === placement.popIndex && idleMs < model.conntrackHorizonMs(popIndex)) return null;
    return 'backend-remap';
  }

  incidentOf(cause: BreakCause, placement: Readonly<SessionPlacement>, popIndex: number, tMs: number): number {
    const model = this.model;
    const { serverId, openedAtMs } = placement;
    if (this.stateLossAt(placement, tMs) !== null) return model.stateLossIncident(model.poolSiteOf(serverId), true, serverId, openedAtMs, tMs);
    if (cause === 'site-failure') return model.sites.outageAt(popIndex, tMs)?.incident ?? -1;
    return cause === 'backend-remap' ? model.tableChangeIncident(-1, tMs) : -1;
  }

  servingPopOf(placement: Readonly<SessionPlacement>): number {
    return this.model.poolSiteOf(placement.serverId);
  }
}
