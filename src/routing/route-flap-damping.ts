/**
 * Route flap damping (RFC 2439): a penalty per (neighbour, prefix) grows with each flap and decays
 * exponentially with a half-life; above the suppress threshold the route is not used until the
 * penalty decays below the reuse threshold. The maximum suppress time caps the penalty at
 * reuse · 2^(maxSuppress / halfLife) (RFC 2439 §4.2). Defaults are Cisco's: 1000 per withdrawal,
 * 500 per attribute change, suppress 2000, reuse 750, half-life 15 min, max suppress 60 min.
 * Here the prefix is the one anycast prefix, so the state is one entry per adjacency slot.
 */

/** RFC 2439 parameters. */
export interface RouteFlapDampingConfig {
  readonly withdrawalPenalty: number;
  readonly attributeChangePenalty: number;
  readonly suppressThreshold: number;
  readonly reuseThreshold: number;
  readonly halfLifeMs: number;
  readonly maxSuppressMs: number;
}

/** Cisco's defaults (see file header). */
export const DEFAULT_ROUTE_FLAP_DAMPING: RouteFlapDampingConfig = {
  withdrawalPenalty: 1_000,
  attributeChangePenalty: 500,
  suppressThreshold: 2_000,
  reuseThreshold: 750,
  halfLifeMs: 15 * 60_000,
  maxSuppressMs: 60 * 60_000,
};

/** What a flap did to the route of one slot. */
export type FlapKind = 'withdrawal' | 'attribute-change';

/** Figure-of-merit state for every adjacency slot. */
export class RouteFlapDamping {
  private readonly penalty: Float64Array;
  private readonly penaltyAtMs: Float64Array;
  private readonly suppressed: Uint8Array;
  private readonly reuseAtMs: Float64Array;
  private readonly ceiling: number;

  constructor(
    readonly config: RouteFlapDampingConfig,
    slots: number,
  ) {
    this.penalty = new Float64Array(slots);
    this.penaltyAtMs = new Float64Array(slots);
    this.suppressed = new Uint8Array(slots);
    this.reuseAtMs = new Float64Array(slots);
    this.ceiling = config.reuseThreshold * 2 ** (config.maxSuppressMs / config.halfLifeMs);
  }

  /** The decayed penalty of `slot` at `nowMs`. */
  penaltyAt(slot: number, nowMs: number): number {
    const elapsedMs = nowMs - this.penaltyAtMs[slot]!;
    return this.penalty[slot]! * 2 ** (-elapsedMs / this.config.halfLifeMs);
  }

  /** Whether the route of `slot` is suppressed (ineligible for the decision process). */
  isSuppressed(slot: number): boolean {
    return this.suppressed[slot] === 1;
  }

  /**
   * Charges a flap of `kind` at `nowMs`. Returns the time the route may be reused when it is (still)
   * suppressed, so the caller schedules a reuse check then; undefined otherwise.
   */
  charge(slot: number, kind: FlapKind, nowMs: number): number | undefined {
    const add = kind === 'withdrawal' ? this.config.withdrawalPenalty : this.config.attributeChangePenalty;
    const p = Math.min(this.ceiling, this.penaltyAt(slot, nowMs) + add);
    this.penalty[slot] = p;
    this.penaltyAtMs[slot] = nowMs;
    if (p > this.config.suppressThreshold) this.suppressed[slot] = 1;
    if (this.suppressed[slot] === 0) return undefined;
    const reuseAtMs = nowMs + this.config.halfLifeMs * Math.log2(p / this.config.reuseThreshold);
    this.reuseAtMs[slot] = reuseAtMs;
    return reuseAtMs;
  }

  /** At a scheduled reuse check: lifts suppression when due; returns whether it was lifted. */
  reuseIfDue(slot: number, nowMs: number): boolean {
    if (this.suppressed[slot] === 0 || nowMs < this.reuseAtMs[slot]!) return false;
    this.suppressed[slot] = 0;
    return true;
  }
}
