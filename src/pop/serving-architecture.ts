/**
 * The contract between the PoP layer and the session layer: a serving architecture decides, for
 * a packet of a session arriving at a PoP at time t, whether it reaches the server holding the
 * session's state, and if not, why. Causes are the outcome causes of ARCHITECTURE.md.
 */

/** Why a packet missed the session's state. */
export type BreakCause = 'pop-shift' | 'backend-remap' | 'blackhole' | 'site-failure' | 'server-failure' | 'cross-flow-state' | 'overload';

/** The serving architectures of ARCHITECTURE.md. */
export type ArchitectureName = 'edge' | 'global-hash' | 'daisy-chain' | 'quic-lb' | 'unicast-handoff' | 'unicast-dns';

/** Every architecture name, in the order reports list them. */
export const ARCHITECTURE_NAMES: readonly ArchitectureName[] = [
  'edge',
  'global-hash',
  'daisy-chain',
  'quic-lb',
  'unicast-handoff',
  'unicast-dns',
];

/**
 * Where a session's state lives after its first packet. {@link ServingArchitecture.open} fills in
 * one the caller owns, so the session judge reuses one object for millions of sessions instead of
 * allocating one per session and architecture (measured: a third of the session pass's garbage).
 */
export interface SessionPlacement {
  /** The PoP that took the first packet (for unicast-dns: the PoP DNS resolved to). */
  popIndex: number;
  /**
   * The server holding the state: an index into that PoP's servers, or for `global-hash` an
   * index into the shared pool.
   */
  serverId: number;
  /** When the session opened (ms). */
  openedAtMs: number;
  /** The session's 32-bit flow hash. */
  flowHash: number;
}

/** A placement to hand to {@link ServingArchitecture.open} (no session yet). */
export function emptySessionPlacement(): SessionPlacement {
  return { popIndex: -1, serverId: -1, openedAtMs: 0, flowHash: 0 };
}

/** One serving architecture's rule for where packets land and who holds the state. */
export interface ServingArchitecture {
  readonly name: ArchitectureName;
  /**
   * First packet of a session reaches `popIndex` at tMs (for unicast-dns: the PoP DNS chose).
   * null: the session opened, and `placement` now says where its state lives; otherwise why it
   * could not open (`placement` is then left as it was).
   */
  open(flowHash: number, popIndex: number, tMs: number, placement: SessionPlacement): BreakCause | null;
  /**
   * Is the state holder alive at tMs, and does it still hold the session's state? null = yes;
   * otherwise why not (`site-failure`, `server-failure`, or `backend-remap` for a server removed
   * undrained). The world decides this before it decides where a packet goes (issue 12, item 1):
   * a session whose owner died is lost whatever the routes do.
   */
  stateLossAt(placement: Readonly<SessionPlacement>, tMs: number): BreakCause | null;
  /**
   * Does a later packet arriving at `popIndex` at tMs reach the state holder? null = yes. The
   * holder's state is checked first ({@link stateLossAt}), then where the packet went.
   */
  deliver(placement: Readonly<SessionPlacement>, popIndex: number, tMs: number, idleMs: number): BreakCause | null;
  /**
   * The incident behind `cause`, found for `placement` by a packet arriving at `popIndex` at tMs
   * (a state loss: the site outage or server churn step that took the state; a table change: the
   * churn step that moved the flow); -1 when none is known. Routing causes (pop-shift,
   * blackhole) are blamed by the session judge on the route entry that moved or dropped the packet.
   */
  incidentOf(cause: BreakCause, placement: Readonly<SessionPlacement>, popIndex: number, tMs: number): number;
  /**
   * The PoP whose server holds the session's state: where a packet that lands elsewhere must be
   * carried to (the opening PoP, or for `global-hash` the site of the pool server). The cost of
   * an architecture (architecture-cost.ts) measures forwarding and added RTT against it.
   */
  servingPopOf(placement: Readonly<SessionPlacement>): number;
}

/**
 * Opens a session on a placement of its own: the placement, or why the session could not open.
 * For one-off use (tests, properties, tools); a hot loop passes one reused placement to `open`.
 */
export function openSession(architecture: ServingArchitecture, flowHash: number, popIndex: number, tMs: number): SessionPlacement | BreakCause {
  const placement = emptySessionPlacement();
  return architecture.open(flowHash, popIndex, tMs, placement) ?? placement;
}

/** Whether `name` is one of {@link ARCHITECTURE_NAMES}. */
export function isArchitectureName(name: string): name is ArchitectureName {
  return (ARCHITECTURE_NAMES as readonly string[]).includes(name);
}
