/**
 * The MinRouteAdvertisementIntervalTimer (RFC 4271 §9.2.1.1): after an UPDATE to a neighbour, the
 * next one to that neighbour waits until the timer expires; changes in between collapse into one
 * UPDATE carrying the then-current route. Per neighbour (per adjacency slot here), jittered to
 * 75-100 % each time it starts (RFC 4271 §10) so that timers across the Internet do not
 * synchronise. Expiry events are never cancelled: a stale expiry finds the deadline moved and
 * does nothing.
 *
 * Two modes. `idle`: a timer runs only after an UPDATE of this prefix, so the first change after
 * a quiet spell goes out at once. `busy` (the default): real routers keep per-peer MRAI timers
 * running with the UPDATEs of the Internet's other prefixes, so every announcement waits for the
 * next expiry of its peer's periodic timer (a per-peer interval of mraiMs x jitter with a random
 * phase). Busy timers reproduce the measured delays: RIPE RIS beacons see the first update about
 * 30 s after an event, and anycast operators see traffic shift 30-90 s after a PoP fails
 * (../shared/REFERENCES.md); idle timers shift traffic in well under a second.
 */
import type { RandomStream } from '../sim/index.js';

/** Whether MRAI timers run only after this prefix's UPDATEs (`idle`) or all the time (`busy`). */
export type MraiTimerMode = 'idle' | 'busy';

/** MRAI deadline and pending flag per slot. */
export class MraiTimers {
  private readonly untilMs: Float64Array;
  private readonly pending: Uint8Array;
  /** Busy mode: each slot's periodic interval and phase (NaN until the slot is first used). */
  private readonly periodMs: Float64Array;
  private readonly phaseMs: Float64Array;

  constructor(
    slots: number,
    private readonly mraiMs: number,
    private readonly jitter: readonly [number, number],
    private readonly random: RandomStream,
    private readonly mode: MraiTimerMode = 'busy',
  ) {
    this.untilMs = new Float64Array(slots);
    this.pending = new Uint8Array(slots);
    this.periodMs = new Float64Array(mode === 'busy' ? slots : 0).fill(Number.NaN);
    this.phaseMs = new Float64Array(mode === 'busy' ? slots : 0);
  }

  /** Whether an UPDATE may go out on `slot` at `nowMs` (busy timers: only at their next expiry). */
  isOpen(slot: number, nowMs: number): boolean {
    if (this.mraiMs === 0) return true;
    return this.mode === 'idle' && nowMs >= this.untilMs[slot]!;
  }

  /** Starts the timer on `slot` after an UPDATE sent at `nowMs` (busy timers run anyway). */
  start(slot: number, nowMs: number): void {
    if (this.mraiMs === 0 || this.mode === 'busy') return;
    this.untilMs[slot] = nowMs + this.mraiMs * this.random.uniform(this.jitter[0], this.jitter[1]);
  }

  /**
   * Marks an UPDATE as waiting at `nowMs`; returns the expiry time to schedule, or undefined if one
   * already waits.
   */
  defer(slot: number, nowMs: number): number | undefined {
    if (this.pending[slot] === 1) return undefined;
    this.pending[slot] = 1;
    if (this.mode === 'busy') this.untilMs[slot] = this.nextExpiry(slot, nowMs);
    return this.untilMs[slot]!;
  }

  /** Busy mode: the first expiry of `slot`'s periodic timer at or after `nowMs`. */
  private nextExpiry(slot: number, nowMs: number): number {
    let period = this.periodMs[slot]!;
    if (Number.isNaN(period)) {
      // Drawn when the slot is first used, so idle parts of a large graph cost no draws.
      period = this.mraiMs * this.random.uniform(this.jitter[0], this.jitter[1]);
      this.periodMs[slot] = period;
      this.phaseMs[slot] = this.random.uniform(0, period);
    }
    const phase = this.phaseMs[slot]!;
    return nowMs <= phase ? phase : phase + Math.ceil((nowMs - phase) / period) * period;
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
