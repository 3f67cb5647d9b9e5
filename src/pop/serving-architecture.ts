/**
 * The contract between the PoP layer and the session layer: a serving architecture decides, for
 * a packet of a session arriving at a PoP at time t, whether it reaches the server holding the
 * session's state, and if not, why. Causes are the outcome causes of ARCHITECTURE.md.
 */

/** Why a packet missed the session's state. */
export type BreakCause = 'pop-shift' | 'backend-remap' | 'blackhole' | 'site-failure' | 'server-failure';

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

/** Where a session's state lives after its first packet. */
export interface SessionPlacement {
  /** The PoP that took the first packet (for unicast-dns: the PoP DNS resolved to). */
  readonly popIndex: number;
  /**
   * The server holding the state: an index into that PoP's servers, or for `global-hash` an
   * index into the shared pool.
   */
  readonly serverId: number;
  /** When the session opened (ms). */
  readonly openedAtMs: number;
  /** The session's 32-bit flow hash. */
  readonly flowHash: number;
}

/** One serving architecture's rule for where packets land and who holds the state. */
export interface ServingArchitecture {
  readonly name: ArchitectureName;
  /** First packet of a session reaches `popIndex` at tMs (for unicast-dns: the PoP DNS chose). */
  open(flowHash: number, popIndex: number, tMs: number): SessionPlacement | BreakCause;
  /** Does a later packet arriving at `popIndex` at tMs reach the state holder? null = yes. */
  deliver(placement: SessionPlacement, popIndex: number, tMs: number, idleMs: number): BreakCause | null;
}

/** Whether `name` is one of {@link ARCHITECTURE_NAMES}. */
export function isArchitectureName(name: string): name is ArchitectureName {
  return (ARCHITECTURE_NAMES as readonly string[]).includes(name);
}
