/**
 * Session arrivals: a Poisson process, optionally shaped by a diurnal curve. The shaped process is
 * drawn by thinning (Lewis & Shedler 1979): candidates at the peak rate, each kept with
 * probability rate(t) / peak, which is exact for any bounded rate function.
 */
import type { RandomStream } from '../sim/index.js';

/** A day, in ms. */
export const DAY_MS = 86_400_000;

/** rate(t) = base * (1 + amplitude * cos(2π (t - peakMs) / 1 day)); amplitude in [0, 1]. */
export interface DiurnalShape {
  readonly amplitude: number;
  readonly peakMs: number;
}

/** The rate at `tMs` of a stream of `ratePerS` shaped by `diurnal` (none: flat), per second. */
export function diurnalRateAt(ratePerS: number, diurnal: DiurnalShape | undefined, tMs: number): number {
  if (diurnal === undefined) return ratePerS;
  const phase = (2 * Math.PI * (tMs - diurnal.peakMs)) / DAY_MS;
  return ratePerS * (1 + diurnal.amplitude * Math.cos(phase));
}

/** Draws successive arrival times of one Poisson stream. */
export class ArrivalProcess {
  private readonly peakPerMs: number;

  constructor(
    private readonly ratePerS: number,
    private readonly random: RandomStream,
    private readonly diurnal?: DiurnalShape,
  ) {
    if (!(ratePerS > 0) || !Number.isFinite(ratePerS)) throw new RangeError(`arrival rate must be > 0 per s, got ${ratePerS}`);
    if (diurnal !== undefined && !(diurnal.amplitude >= 0 && diurnal.amplitude <= 1)) {
      throw new RangeError(`diurnal amplitude must be in [0, 1], got ${diurnal.amplitude}`);
    }
    this.peakPerMs = (ratePerS / 1000) * (1 + (diurnal?.amplitude ?? 0));
  }

  /** The largest rate the process reaches, per second (the thinning envelope). */
  get peakRatePerS(): number {
    return this.ratePerS * (1 + (this.diurnal?.amplitude ?? 0));
  }

  /** The rate at `tMs`, per second. */
  rateAt(tMs: number): number {
    return diurnalRateAt(this.ratePerS, this.diurnal, tMs);
  }

  /** The next arrival strictly after `afterMs`. */
  next(afterMs: number): number {
    let t = afterMs;
    for (;;) {
      t += this.random.exponential(this.peakPerMs);
      if (this.diurnal === undefined) return t;
      if (this.random.next() * this.peakPerMs * 1000 < this.rateAt(t)) return t;
    }
  }
}
