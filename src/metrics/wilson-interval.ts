/**
 * The Wilson score interval for a binomial proportion (Wilson 1927). Unlike the normal
 * approximation it stays inside [0, 1] and behaves at 0 and n successes, which is where broken
 * session fractions live.
 */

/** A proportion with its confidence interval. */
export interface ProportionInterval {
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
}

/** z for a two-sided 95 % interval. */
export const Z_95 = 1.959963984540054;

/** Wilson interval for `successes` out of `trials` (0 trials: estimate 0, interval [0, 1]). */
export function wilsonInterval(successes: number, trials: number, z = Z_95): ProportionInterval {
  if (!(successes >= 0 && successes <= trials)) {
    throw new RangeError(`successes must be in [0, trials], got ${successes} of ${trials}`);
  }
  if (trials === 0) return { estimate: 0, low: 0, high: 1 };
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  // Clamped to contain the estimate: at 0 or n successes rounding would otherwise leave it outside.
  return { estimate: p, low: Math.min(p, Math.max(0, centre - half)), high: Math.max(p, Math.min(1, centre + half)) };
}
