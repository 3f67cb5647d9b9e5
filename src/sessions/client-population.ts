/**
 * Client populations over client ASes, drawn in O(1) by Walker's alias method (Vose's stable
 * construction). Weights: `uniform` (every client AS alike) or `degree` (by the AS's number of
 * neighbours, a public proxy for its size: larger eyeball networks peer and buy transit more).
 */
import type { RandomStream } from '../sim/index.js';

/** A weighted set of client ASes (by AS index) to draw sessions' clients from. */
export class ClientPopulation {
  private readonly probability: Float64Array;
  private readonly alias: Int32Array;

  constructor(
    /** AS indexes that host clients. */
    readonly asIndexes: Int32Array,
    weights: ArrayLike<number>,
  ) {
    const n = asIndexes.length;
    if (n === 0) throw new RangeError('a client population needs at least one client AS');
    if (weights.length !== n) throw new RangeError(`expected ${n} weights, got ${weights.length}`);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i]!;
      if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`client weight ${i} must be a finite number >= 0, got ${w}`);
      total += w;
    }
    if (!(total > 0)) throw new RangeError('client weights must not all be zero');
    this.probability = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = Float64Array.from({ length: n }, (_, i) => (weights[i]! * n) / total);
    const small: number[] = [];
    const large: number[] = [];
    for (let i = n - 1; i >= 0; i--) (scaled[i]! < 1 ? small : large).push(i);
    while (small.length > 0 && large.length > 0) {
      const s = small.pop()!;
      const l = large.pop()!;
      this.probability[s] = scaled[s]!;
      this.alias[s] = l;
      scaled[l] = scaled[l]! + scaled[s]! - 1;
      (scaled[l]! < 1 ? small : large).push(l);
    }
    for (const i of large) this.probability[i] = 1;
    for (const i of small) this.probability[i] = 1;
  }

  /** Draws one client AS index (two uniform draws). */
  draw(random: RandomStream): number {
    const n = this.asIndexes.length;
    const column = Math.floor(random.next() * n);
    const pick = random.next() < this.probability[column]! ? column : this.alias[column]!;
    return this.asIndexes[pick]!;
  }
}
