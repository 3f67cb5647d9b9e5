/**
 * An attack as load sees it: a volume offered from a window of time, split over source ASes.
 * Each source's share enters the network at that AS and follows its route (the catchment
 * timeline) at every instant, so attack traffic moves with the catchment; what a source's route
 * black-holes or loops never reaches a PoP (docs/load.md, "Attacks").
 */

/** One source AS and its share of the attack's volume. */
export interface AttackSource {
  readonly asIndex: number;
  /** Share of the volume, >= 0; shares are normalised over the attack's sources. */
  readonly weight: number;
}

/** An attack's offered traffic. */
export interface AttackLoad {
  readonly startMs: number;
  readonly durationMs: number;
  /** Offered packets per second, all sources together. */
  readonly packetsPerS: number;
  /** Offered bits per second, all sources together. */
  readonly bitsPerS: number;
  readonly sources: readonly AttackSource[];
}

/** The sources' weights normalised to sum 1 (throws on an empty or all-zero source list). */
export function attackShares(attack: AttackLoad): Float64Array {
  let total = 0;
  for (const s of attack.sources) {
    if (!(s.weight >= 0) || !Number.isFinite(s.weight)) throw new RangeError(`attack source weight must be a finite number >= 0, got ${s.weight}`);
    total += s.weight;
  }
  if (!(total > 0)) throw new RangeError('an attack needs at least one source with weight > 0');
  return Float64Array.from(attack.sources, (s) => s.weight / total);
}
