/**
 * A serving architecture for judge tests: state on the PoP that saw the first packet, any other
 * PoP resets (the `edge` rule without servers, churn or outages).
 */
import type { BreakCause, ServingArchitecture, SessionPlacement } from '../src/pop/index.js';

/** The `edge` rule alone: the state holder is the opening landing; elsewhere is `pop-shift`. */
export const EDGE_LIKE: ServingArchitecture = {
  name: 'edge',
  open: (flowHash: number, popIndex: number, tMs: number, placement: SessionPlacement): null => {
    Object.assign(placement, { popIndex, serverId: 0, openedAtMs: tMs, flowHash });
    return null;
  },
  stateLossAt: () => null,
  deliver: (placement: Readonly<SessionPlacement>, popIndex: number): BreakCause | null => (popIndex === placement.popIndex ? null : 'pop-shift'),
  incidentOf: () => -1,
  servingPopOf: (placement: Readonly<SessionPlacement>): number => placement.popIndex,
};
