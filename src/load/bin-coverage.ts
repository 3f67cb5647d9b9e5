/**
 * Time-weighted coverage of bins: how much of each bin a weight is present at each PoP. A
 * client AS (or attack source) that lands on PoP p from t0 to t1 with weight w adds w x (the part
 * of each bin inside [t0, t1)) / the bin's length to p's bins (the last bin ends at the horizon). Whole bins go through a difference array,
 * so an interval costs O(1) however long it is; the two partial bins at its ends are added directly.
 */
export class BinCoverage {
  private readonly whole: Float64Array;
  private readonly partial: Float64Array;

  constructor(
    readonly popCount: number,
    readonly bins: number,
    readonly binMs: number,
    /** The end of time: the last bin may be shorter than `binMs`, and its coverage is over its own length. */
    readonly horizonMs: number = bins * binMs,
  ) {
    this.whole = new Float64Array(popCount * (bins + 1));
    this.partial = new Float64Array(popCount * bins);
  }

  /** Adds `weight` at `pop` over [startMs, endMs), clipped to the bins. */
  add(pop: number, startMs: number, endMs: number, weight: number): void {
    const from = Math.max(0, startMs);
    const to = Math.min(this.horizonMs, endMs);
    if (!(to > from) || weight === 0) return;
    const first = Math.floor(from / this.binMs);
    const last = Math.min(this.bins - 1, Math.ceil(to / this.binMs) - 1);
    const rowP = pop * this.bins;
    if (first === last) {
      this.partial[rowP + first] = this.partial[rowP + first]! + (weight * (to - from)) / this.lengthOf(first);
      return;
    }
    this.partial[rowP + first] = this.partial[rowP + first]! + (weight * ((first + 1) * this.binMs - from)) / this.lengthOf(first);
    this.partial[rowP + last] = this.partial[rowP + last]! + (weight * (to - last * this.binMs)) / this.lengthOf(last);
    if (last > first + 1) {
      const rowW = pop * (this.bins + 1);
      this.whole[rowW + first + 1] = this.whole[rowW + first + 1]! + weight;
      this.whole[rowW + last] = this.whole[rowW + last]! - weight;
    }
  }

  /** The length of bin `bin` inside the horizon, ms. */
  private lengthOf(bin: number): number {
    return Math.min(this.binMs, this.horizonMs - bin * this.binMs);
  }

  /** The coverage, PoP-major (`pop * bins + bin`). */
  build(): Float64Array {
    const out = new Float64Array(this.popCount * this.bins);
    for (let p = 0; p < this.popCount; p++) {
      let running = 0;
      const rowW = p * (this.bins + 1);
      const row = p * this.bins;
      for (let b = 0; b < this.bins; b++) {
        running += this.whole[rowW + b]!;
        // The difference array leaves rounding residue (1e-14 of a weight) where coverage ends.
        out[row + b] = Math.max(0, running + this.partial[row + b]!);
      }
    }
    return out;
  }
}
