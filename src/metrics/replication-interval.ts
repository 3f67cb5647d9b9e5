/**
 * Confidence intervals from independent replications: the t-interval on replication means
 * (Law, "Simulation Modeling and Analysis", 5th ed., §9.4.1; the method of independent
 * replications). Breaks come in clusters (one routing event breaks many sessions of the same
 * ASes at once), so sessions are not independent trials and a binomial interval on pooled
 * sessions is far too narrow; whole replications are independent, so the spread between their
 * means is an honest measure of the uncertainty, whatever the clustering inside a replication.
 */
import { studentTQuantile } from './student-t.js';

/** An estimate with its confidence interval. */
export interface ReplicationInterval {
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
}

/**
 * The mean of `values` (one per independent replication) with its two-sided t-interval at
 * `confidence`: mean ± t(1 - (1 - confidence) / 2, R - 1) · s / √R.
 *
 * Degenerate cases, on purpose: with one value there is no spread to measure, so the interval is
 * unbounded (`low` -Infinity, `high` Infinity: the t quantile with 0 degrees of freedom); callers
 * that know a range (a fraction lies in [0, 1]) clamp it. When every value is equal the interval
 * has zero width: R replications that all agree exactly are the only evidence there is (for
 * broken fractions this happens when no replication saw a break; see docs/statistics.md).
 *
 * @example
 * replicationInterval([0.10, 0.12, 0.08, 0.11, 0.09]) // { estimate: 0.1, low: 0.0804, high: 0.1196 }
 * @throws RangeError with no values, a non-finite value, or confidence outside (0, 1)
 */
export function replicationInterval(values: readonly number[], confidence = 0.95): ReplicationInterval {
  if (values.length === 0) throw new RangeError('replicationInterval needs at least one value');
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  let sum = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) throw new RangeError(`replicationInterval: values must be finite, got ${v}`);
    sum += v;
  }
  const n = values.length;
  const mean = sum / n;
  if (n === 1) return { estimate: mean, low: Number.NEGATIVE_INFINITY, high: Number.POSITIVE_INFINITY };
  let squares = 0;
  for (const v of values) squares += (v - mean) * (v - mean);
  const standardError = Math.sqrt(squares / (n - 1) / n);
  const half = studentTQuantile(1 - (1 - confidence) / 2, n - 1) * standardError;
  return { estimate: mean, low: mean - half, high: mean + half };
}

/** {@link replicationInterval} for a fraction: clamped to [0, 1] (one value gives [0, 1]). */
export function fractionInterval(values: readonly number[], confidence = 0.95): ReplicationInterval {
  const ci = replicationInterval(values, confidence);
  return { estimate: ci.estimate, low: Math.max(0, ci.low), high: Math.min(1, ci.high) };
}

/**
 * {@link replicationInterval} for a difference of two fractions (an architecture's broken fraction
 * minus the baseline's on the same replication): clamped to [-1, 1], the differences it can take,
 * so two replications no longer give bounds such as 117 %. One value still gives no interval
 * (unbounded sides), as replicationInterval says.
 */
export function differenceInterval(values: readonly number[], confidence = 0.95): ReplicationInterval {
  const ci = replicationInterval(values, confidence);
  if (values.length === 1) return ci;
  return { estimate: ci.estimate, low: Math.max(-1, ci.low), high: Math.min(1, ci.high) };
}

/** {@link replicationInterval} for a rate that cannot be negative: low clamped to 0. */
export function rateInterval(values: readonly number[], confidence = 0.95): ReplicationInterval {
  const ci = replicationInterval(values, confidence);
  return { estimate: ci.estimate, low: Math.max(0, ci.low), high: ci.high };
}
