/**
 * The sessions already open when the run starts, drawn from the stationary distribution of the
 * M/G/∞ system that Poisson arrivals with i.i.d. durations form (Ross, "Stochastic Processes",
 * 2nd ed., §2.3 and §3.4; Wolff, "Stochastic Modeling and the Theory of Queues", §2.12): in
 * steady state the number open is Poisson with mean λ·E[D], each open session's total length is
 * length-biased (density x·f(x) / E[D]: a random instant falls in long sessions more often), and
 * its age is uniform over that length, so its residual lifetime follows the equilibrium
 * distribution. A run that starts empty instead under-counts long sessions for about one session
 * length (issue 13: about 700 db sessions open at 30 min against 1,800 in steady state).
 *
 * Length-biased forms: fixed d stays d; exponential(mean m) becomes Gamma(2, m); lognormal(μ, σ)
 * becomes lognormal(μ + σ², σ); Pareto(x_m, α) becomes Pareto(x_m, α - 1), which needs α > 1.
 * A Pareto with α <= 1 has an infinite mean and no stationary state: its open sessions are those
 * that arrived during a look-back as long as the run (documented assumption, docs/sessions.md).
 *
 * With a diurnal rate the candidates are drawn at the peak rate and kept with probability
 * rate(-age) / peak (thinning, Lewis & Shedler 1979), which is exact for the past rate curve.
 */
import type { DurationDistribution, RandomStream } from '../sim/index.js';
import { meanDurationMs, sampleDurationMs } from '../sim/index.js';

/** A session open at time 0: it started `ageMs` ago and lasts `durationMs` in all. */
export interface OpenSession {
  readonly ageMs: number;
  readonly durationMs: number;
}

/**
 * Oldest age a session open at the start is given (ms): 30 days. A heavy-tailed length-biased
 * draw (Pareto, α - 1 small) can be astronomically old; nothing inside the run depends on ages
 * beyond the conntrack idle timeout and the ping phase, and times of 1e30 ms lose all precision
 * in double arithmetic (a ping schedule stops advancing), so older sessions are taken to have
 * opened 30 days before the run. Their residual lifetime is kept as drawn.
 */
export const OPEN_AGE_MAX_MS = 30 * 86_400_000;

/** An open session as emitted: its age capped at {@link OPEN_AGE_MAX_MS}, its residual lifetime kept. */
function observed(ageMs: number, durationMs: number): OpenSession {
  if (ageMs <= OPEN_AGE_MAX_MS) return { ageMs, durationMs };
  return { ageMs: OPEN_AGE_MAX_MS, durationMs: OPEN_AGE_MAX_MS + (durationMs - ageMs) };
}

/** Most sessions open at the start of one protocol (a bound on memory-free generation time). */
export const OPEN_AT_START_MAX = 100_000_000;

/** A length-biased draw of `distribution` (finite mean): the length of the session open at a random instant. */
export function lengthBiasedDurationMs(distribution: DurationDistribution, random: RandomStream): number {
  switch (distribution.kind) {
    case 'fixed':
      return distribution.valueMs;
    case 'exponential':
      return random.exponential(1 / distribution.meanMs) + random.exponential(1 / distribution.meanMs);
    case 'lognormal':
      return sampleDurationMs(
        { kind: 'lognormal', medianMs: distribution.medianMs * Math.exp(distribution.sigma * distribution.sigma), sigma: distribution.sigma },
        random,
      );
    case 'pareto':
      if (!(distribution.shape > 1)) throw new RangeError(`a Pareto of shape ${distribution.shape} has no length-biased form (infinite mean)`);
      return sampleDurationMs({ kind: 'pareto', scaleMs: distribution.scaleMs, shape: distribution.shape - 1 }, random);
  }
}

/**
 * Calls `emit` for every session open at time 0, in generation order (the order is part of
 * reproducibility). `peakRatePerS` is the arrival rate's maximum and `rateAt(tMs)` the rate at a
 * past instant (tMs < 0); `lookBackMs` bounds how far back arrivals are drawn when the mean is
 * infinite. Returns how many were emitted.
 */
export function drawOpenAtStart(
  distribution: DurationDistribution,
  peakRatePerS: number,
  rateAt: (tMs: number) => number,
  lookBackMs: number,
  random: RandomStream,
  emit: (open: OpenSession) => void,
): number {
  const meanMs = meanDurationMs(distribution);
  const peakPerMs = peakRatePerS / 1000;
  let emitted = 0;
  const keep = (ageMs: number): boolean => {
    const rate = rateAt(-ageMs);
    return rate >= peakRatePerS || random.next() * peakRatePerS < rate;
  };
  if (Number.isFinite(meanMs)) {
    // The count is Poisson(peak · E[D]): the number of unit-rate exponential gaps that fit in it.
    const expected = peakPerMs * meanMs;
    if (expected > OPEN_AT_START_MAX) throw new RangeError(`${expected.toFixed(0)} sessions open at the start exceeds ${OPEN_AT_START_MAX}`);
    for (let t = random.exponential(1); t < expected; t += random.exponential(1)) {
      const durationMs = lengthBiasedDurationMs(distribution, random);
      const ageMs = random.next() * durationMs;
      if (!keep(ageMs)) continue;
      emit(observed(ageMs, durationMs));
      emitted++;
    }
    return emitted;
  }
  // Infinite mean: arrivals during the look-back, kept when still open at 0.
  for (let ageMs = random.exponential(peakPerMs); ageMs < lookBackMs; ageMs += random.exponential(peakPerMs)) {
    const durationMs = sampleDurationMs(distribution, random);
    if (durationMs <= ageMs || !keep(ageMs)) continue;
    emit(observed(ageMs, durationMs));
    if (++emitted > OPEN_AT_START_MAX) throw new RangeError(`more than ${OPEN_AT_START_MAX} sessions open at the start`);
  }
  return emitted;
}
