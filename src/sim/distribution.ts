/**
 * Distributions of positive durations (session lengths, link down times), drawn from a seeded
 * stream. Lognormal by Box-Muller, Pareto by inversion: one or two uniform draws per sample, so a
 * stream's position depends only on how many samples were taken.
 */
import type { RandomStream } from './random.js';

/** A random duration in ms. */
export type DurationDistribution =
  | { readonly kind: 'fixed'; readonly valueMs: number }
  | { readonly kind: 'exponential'; readonly meanMs: number }
  | { readonly kind: 'lognormal'; readonly medianMs: number; readonly sigma: number }
  | { readonly kind: 'pareto'; readonly scaleMs: number; readonly shape: number };

/** Draws one duration in ms from `distribution`. */
export function sampleDurationMs(distribution: DurationDistribution, random: RandomStream): number {
  switch (distribution.kind) {
    case 'fixed':
      return distribution.valueMs;
    case 'exponential':
      return random.exponential(1 / distribution.meanMs);
    case 'lognormal': {
      // Box-Muller; 1 - u keeps the log finite.
      const u1 = 1 - random.next();
      const u2 = random.next();
      const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
      return distribution.medianMs * Math.exp(distribution.sigma * z);
    }
    case 'pareto':
      return distribution.scaleMs / Math.pow(1 - random.next(), 1 / distribution.shape);
  }
}

/** The distribution's mean in ms (Infinity for a Pareto with shape <= 1). */
export function meanDurationMs(distribution: DurationDistribution): number {
  switch (distribution.kind) {
    case 'fixed':
      return distribution.valueMs;
    case 'exponential':
      return distribution.meanMs;
    case 'lognormal':
      return distribution.medianMs * Math.exp((distribution.sigma * distribution.sigma) / 2);
    case 'pareto':
      return distribution.shape <= 1
        ? Number.POSITIVE_INFINITY
        : (distribution.shape * distribution.scaleMs) / (distribution.shape - 1);
  }
}
