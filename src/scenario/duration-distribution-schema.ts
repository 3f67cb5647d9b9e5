/**
 * Random distributions of a positive duration, written as an object with exactly one key:
 * `{ fixed: 60s }`, `{ exponential: { mean: 60s } }`, `{ lognormal: { median: 30s, sigma: 1.2 } }`
 * or `{ pareto: { scale: 10s, shape: 1.5 } }`. Session lengths are heavy-tailed in practice
 * (lognormal or Pareto); fixed and exponential are for calibration and closed-form checks.
 */
import { z } from 'zod';
import { SCENARIO_LIMITS } from './limits.js';
import { durationField, positiveNumber, strictObject } from './field-types.js';
import type { DurationDistribution } from './scenario.js';

const DISTRIBUTION_KINDS = ['fixed', 'exponential', 'lognormal', 'pareto'] as const;

/** The zod schema of a duration distribution in the file format; parses to DurationDistribution. */
export function durationDistributionSchema(what: string) {
  return strictObject(
    {
      fixed: durationField(`${what}: always this long`).optional(),
      exponential: strictObject({ mean: durationField('mean of the exponential distribution') }, 'an exponential distribution').optional(),
      lognormal: strictObject(
        {
          median: durationField('median (e^mu) of the lognormal distribution'),
          sigma: positiveNumber(SCENARIO_LIMITS.lognormalSigmaMax, 'lognormal sigma (standard deviation of the log)'),
        },
        'a lognormal distribution',
      ).optional(),
      pareto: strictObject(
        {
          scale: durationField('Pareto scale (the minimum value)'),
          shape: positiveNumber(SCENARIO_LIMITS.paretoShapeMax, 'Pareto shape alpha (the mean is finite only above 1)'),
        },
        'a Pareto distribution',
      ).optional(),
    },
    `${what} (one of fixed, exponential, lognormal, pareto)`,
  )
    // Tells editors (JSON Schema) that exactly one kind is given; the transform enforces it.
    .meta({ minProperties: 1, maxProperties: 1 })
    .transform((spec, ctx): DurationDistribution => {
    const given = DISTRIBUTION_KINDS.filter((kind) => spec[kind] !== undefined);
    if (given.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        input: spec,
        message: `expected exactly one of fixed, exponential, lognormal, pareto; got ${given.length === 0 ? 'none' : given.join(' and ')}`,
      });
      return z.NEVER;
    }
    if (spec.fixed !== undefined) return { kind: 'fixed', valueMs: spec.fixed };
    if (spec.exponential !== undefined) return { kind: 'exponential', meanMs: spec.exponential.mean };
    if (spec.lognormal !== undefined) return { kind: 'lognormal', medianMs: spec.lognormal.median, sigma: spec.lognormal.sigma };
    const pareto = spec.pareto!;
    return { kind: 'pareto', scaleMs: pareto.scale, shape: pareto.shape };
  });
}
