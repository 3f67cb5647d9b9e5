/**
 * Fuzzing durations and rates beyond properties/scenario/bad-input.property.ts (which feeds the
 * unit parsers arbitrary values): here the values are checked, not only the outcome kinds.
 *
 * - a sum of terms ("1h30m", "2 m 15.5s") reads as the sum of its terms in ms, or fails because
 *   it is zero or above 30 days, with a message saying which;
 * - a rate "v/u" reads as v divided by the unit's seconds, or fails above 10,000,000/s;
 * - any string over the grammar's alphabet (digits, units, '.', '/', signs, exponents, spaces,
 *   non-ASCII digits) gives a finite, bounded number or a ScenarioError naming the field;
 * - any unit string longer than 64 characters fails, naming the limit, whatever it holds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_DURATION_MS, MAX_RATE_PER_S, ScenarioError, parseDurationMs, parseRatePerS } from '../../src/scenario/index.js';

const NUM_RUNS = Number(process.env.ANYSIM_PROPERTY_RUNS ?? 300);
const SEED = 1_970;
const params = { numRuns: NUM_RUNS, seed: SEED };

const DURATION_UNITS_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const RATE_UNITS_S = { s: 1, m: 60, h: 3_600, d: 86_400 } as const;
type DurationUnit = keyof typeof DURATION_UNITS_MS;
type RateUnit = keyof typeof RATE_UNITS_S;

/** A decimal as written (at most 3 fraction digits) and its value. */
const decimal = fc
  .tuple(fc.nat({ max: 100_000 }), fc.option(fc.stringMatching(/^[0-9]{1,3}$/), { nil: undefined }))
  .map(([whole, fraction]) => ({ text: fraction === undefined ? String(whole) : `${whole}.${fraction}`, value: Number(fraction === undefined ? whole : `${whole}.${fraction}`) }));

const space = fc.constantFrom('', ' ', '  ');

function outcome(parse: () => number): { ok: true; value: number } | { ok: false; message: string } {
  try {
    return { ok: true, value: parse() };
  } catch (error) {
    if (error instanceof ScenarioError) return { ok: false, message: error.message };
    throw error;
  }
}

describe('duration and rate fuzzing', () => {
  it('a sum of duration terms reads as the sum of its terms, or fails naming zero or the 30-day limit', () => {
    const term = fc.tuple(decimal, space, fc.constantFrom<DurationUnit>('ms', 's', 'm', 'h', 'd'), space);
    fc.assert(
      fc.property(space, fc.array(term, { minLength: 1, maxLength: 4 }), (lead, terms) => {
        const text = lead + terms.map(([n, gap, unit, after]) => `${n.text}${gap}${unit}${after}`).join('');
        const expected = terms.reduce((sum, [n, , unit]) => sum + n.value * DURATION_UNITS_MS[unit], 0);
        const read = outcome(() => parseDurationMs(text, 'field'));
        if (text.length > 64) {
          expect(read.ok).toBe(false);
        } else if (expected === 0) {
          expect(read.ok ? 'accepted' : read.message).toMatch(/^field: a zero duration/);
        } else if (expected > MAX_DURATION_MS) {
          expect(read.ok ? 'accepted' : read.message).toMatch(/^field: .* is longer than the limit of 30d$/);
        } else {
          expect(read.ok, text).toBe(true);
          if (read.ok) expect(Math.abs(read.value - expected)).toBeLessThanOrEqual(expected * 1e-12);
        }
      }),
      params,
    );
  });

  it('a rate reads as its value over the unit, or fails naming zero or the 10,000,000/s limit', () => {
    fc.assert(
      fc.property(decimal, space, space, fc.constantFrom<RateUnit>('s', 'm', 'h', 'd'), (n, before, after, unit) => {
        const text = `${n.text}${before}/${after}${unit}`;
        const expected = n.value / RATE_UNITS_S[unit];
        const read = outcome(() => parseRatePerS(text, 'field'));
        if (expected === 0) expect(read.ok ? 'accepted' : read.message).toMatch(/^field: a zero rate/);
        else if (expected > MAX_RATE_PER_S) expect(read.ok ? 'accepted' : read.message).toMatch(/above the limit of 10,000,000\/s$/);
        else {
          expect(read.ok, text).toBe(true);
          if (read.ok) expect(read.value).toBe(expected);
        }
      }),
      params,
    );
  });

  it('strings over the grammar alphabet give a bounded number or a ScenarioError naming the field', () => {
    const alphabet = fc.constantFrom(...'0123456789', '.', '/', ' ', '\t', '-', '+', 'e', 'E', 'ms', 's', 'm', 'h', 'd', 'y', 'µs', '١', '０', '_', ',', 'Infinity', 'NaN');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }).map((parts) => parts.join('')), (text) => {
        const duration = outcome(() => parseDurationMs(text, 'field'));
        if (duration.ok) expect(Number.isFinite(duration.value) && duration.value > 0 && duration.value <= MAX_DURATION_MS, text).toBe(true);
        else expect(duration.message).toMatch(/^field: \S/);
        const rate = outcome(() => parseRatePerS(text, 'field'));
        if (rate.ok) expect(Number.isFinite(rate.value) && rate.value > 0 && rate.value <= MAX_RATE_PER_S, text).toBe(true);
        else expect(rate.message).toMatch(/^field: \S/);
      }),
      params,
    );
  });

  it('a unit string longer than 64 characters fails, naming the limit', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 65, maxLength: 10_000 }), (text) => {
        for (const parse of [parseDurationMs, parseRatePerS]) {
          const read = outcome(() => parse(text, 'field'));
          expect(read.ok ? 'accepted' : read.message).toMatch(/\(limit 64\)$/);
        }
      }),
      { numRuns: Math.max(1, Math.floor(NUM_RUNS / 3)), seed: SEED },
    );
  });
});
