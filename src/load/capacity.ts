/**
 * What a PoP can take: a packet rate, a bit rate and a number of open sessions. A limit that is
 * absent is unlimited (`none` in a scenario, the default), so scenarios without capacities load
 * no PoP beyond what it can serve (docs/load.md).
 */

/** A PoP's capacity; each field absent means unlimited. */
export interface PopCapacity {
  /** Inbound packets per second the PoP forwards (its packet-processing limit). */
  readonly packetsPerS?: number;
  /** Inbound bits per second (its ingress links). */
  readonly bitsPerS?: number;
  /** Sessions open at once (connection tables, server slots); legitimate sessions only. */
  readonly sessions?: number;
}

/**
 * The fraction of inbound packets a PoP drops when `packetsPerS` and `bitsPerS` are offered to it:
 * the fluid fair share, 1 - capacity / offered on the binding limit (0 when under every limit).
 */
export function dropFraction(capacity: PopCapacity, packetsPerS: number, bitsPerS: number): number {
  let fraction = 0;
  if (capacity.packetsPerS !== undefined && packetsPerS > capacity.packetsPerS) fraction = 1 - capacity.packetsPerS / packetsPerS;
  if (capacity.bitsPerS !== undefined && bitsPerS > capacity.bitsPerS) fraction = Math.max(fraction, 1 - capacity.bitsPerS / bitsPerS);
  return fraction;
}

/** The fraction of new sessions a PoP refuses with `openSessions` open (1 - capacity / open above the limit). */
export function refusalFraction(capacity: PopCapacity, openSessions: number): number {
  if (capacity.sessions === undefined || openSessions <= capacity.sessions) return 0;
  return 1 - capacity.sessions / openSessions;
}
