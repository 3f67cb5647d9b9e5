/**
 * The MinRouteAdvertisementIntervalTimer (RFC 4271 §9.2.1.1): after an UPDATE to a neighbour, the
 * next one to that neighbour waits until the timer expires; changes in between collapse into one
 * UPDATE carrying the then-current route. Per neighbour (per adjacency slot here), jittered to
 * 75-100 % each time it starts (RFC 4271 §10) so that timers across the Internet do not
 * synchronise. Expiry events are never cancelled: a stale expiry finds the deadline moved and
 * does nothing.
 */
import type { RandomStream } from '../sim/index.js';

/** MRAI deadline and pending flag per slot. */
export class MraiTimers {
  private readonly untilMs: Float64Array;
  private readonly pending: Uint8Array;

  constructor(
    slots: number,
    private readonly mraiMs: number,
    private readonly jitter: readonly [number, number],
    private readonly random: RandomStream,
  ) {
    this.untilMs = new Float64Array(slots);
    this.pending = new Uint8Array(slots);
  }

  /** Whether an UPDATE may go out on `slot` at `nowMs`. */
  isOpen(slot: number, nowMs: number): boolean {
    return nowMs >= this.untilMs[slot]!;
  }

  /** Starts the timer on `slot` after an UPDATE sent at `nowMs`. */
  start(slot: number, nowMs: number): void {
    if (this.mraiMs === 0) return;
    this.untilMs[slot] = nowMs + this.mraiMs * this.random.uniform(this.jitter[0], this.jitter[1]);
  }

  /** Marks an UPDATE as waiting; returns the expiry time to schedule, or undefined if one already waits. */
  defer(slot: number): number | undefined {
    if (this.pending[slot] === 1) return undefined;
    this.pending[slot] = 1;
    return this.untilMs[slot]!;
  }

  /** At an expiry event: whether a waiting UPDATE is due now (and clears the flag if so). */
  takeDue(slot: number, nowMs: number): boolean {
    if (this.pending[slot] === 0 || nowMs < this.untilMs[slot]!) return false;
    this.pending[slot] = 0;
    return true;
  }

  /** Forgets the timer and any waiting UPDATE (the session went down). */
  reset(slot: number): void {
    this.untilMs[slot] = 0;
    this.pending[slot] = 0;
  }
}
