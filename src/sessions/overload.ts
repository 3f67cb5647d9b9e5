/**
 * Overload as the session judge sees it: an overloaded PoP drops each inbound packet with the
 * probability of its bin (src/load, fluid fair share; docs/load.md). Whether one packet is dropped
 * is decided by a hash of (session key, PoP, send time) against that probability, so it draws
 * nothing from any random stream, a retransmission (another send time) gets a fresh chance, and
 * every architecture sees the same fate for the same packet (common random numbers).
 */

/** What the judge needs of the load model. */
export interface OverloadModel {
  /** Probability that `pop` drops a packet arriving at `tMs` (0 when not overloaded). */
  dropProbabilityAt(pop: number, tMs: number): number;
  /** The incident (an attack) blamed for `pop`'s overload at `tMs`, or -1 when none explains it. */
  incidentAt(pop: number, tMs: number): number;
  /** Probability that `pop` refuses a new session at `tMs` for want of session capacity (0: it has room). */
  refusalProbabilityAt(pop: number, tMs: number): number;
}

/** Salt that makes a session's refusal draw independent of its packets' drop draws. */
const REFUSAL_SALT = 0x5bd1e995;

/** Whether `pop` refuses the new session `key` whose first packet reaches it at `tMs`. */
export function overloadRefuses(model: OverloadModel, key: number, pop: number, tMs: number): boolean {
  const p = model.refusalProbabilityAt(pop, tMs);
  return p > 0 && packetUniform((key ^ REFUSAL_SALT) >>> 0, pop, tMs) < p;
}

/** A uniform in [0, 1) from a session key, a PoP and a send time (murmur3 finaliser, twice). */
export function packetUniform(key: number, pop: number, tMs: number): number {
  const ms = Math.floor(tMs);
  let h = (key ^ Math.imul(pop + 1, 0x27d4eb2d) ^ Math.imul(ms % 4294967296 | 0, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h = (h ^ (h >>> 16) ^ Math.floor(ms / 4294967296)) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39);
  h = (h ^ (h >>> 15)) >>> 0;
  return h / 4294967296;
}

/** Whether `pop` drops the packet of session `key` sent at `tMs`. */
export function overloadDrops(model: OverloadModel, key: number, pop: number, tMs: number): boolean {
  const p = model.dropProbabilityAt(pop, tMs);
  return p > 0 && packetUniform(key, pop, tMs) < p;
}
