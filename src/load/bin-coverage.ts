/**
 * Time-weighted coverage of bins: how much of each bin a weight is present at each PoP. A
 * client AS (or attack source) that lands on PoP p from t0 to t1 with weight w adds w x (the part
 * of each bin inside [t0, t1)) / bin width to p's bins. Whole bins go through a difference array,
 * so an interval costs O(1) however long it is; the two partial bins at its ends are added directly.
 */
export class BinCoverage {
  private readonly whole: Float64Array;
  private readonly partial: Float64Array;

  constructor(
    readonly popCount: number,
    readonly bins: number,
    readonly binMs: number,
  ) {
    this.whole = new Float64Array(popCount * (bins + 1));
    this.partial = new Float64Array(popCount * bins);
  }

  /** Adds `weight` at `pop` over [startMs, endMs), clipped to the bins. */
  add(pop: number, startMs: number, endMs: number, weight: number): void {
    const horizonMs = this.bins * this.binMs;
    const from = Math.max(0, startMs);
    const to = Math.min(horizonMs, endMs);
    if (!(to > from) || weight === 0) return;
    const first = Math.floor(from / this.binMs);
    const last = Math.min(this.bins - 1, Math.ceil(to / this.binMs) - 1);
    const rowP = pop * this.bins;
    if (first === last) {
      this.partial[rowP + first] = this.partial[rowP + first]! + (weight * (to - from)) / this.binMs;
      return;
    }
    this.partial[rowP + first] = this.partial[rowP + first]! + (weight * ((first + 1) * this.binMs - from)) / this.binMs;
    this.partial[rowP + last] = this.partial[rowP + last]! + (weight * (to - last * this.binMs)) / this.binMs;
    if (last > first + 1) {
      const rowW = pop * (this.bins + 1);
      this.whole[rowW + first + 1] = this.whole[rowW + first + 1]! + weight;
      this.whole[rowW + last] = this.whole[rowW + last]! - weight;
    }
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
        out[row + b] = running + this.partial[row + b]!;
      }
    }
    return out;
  }
}
