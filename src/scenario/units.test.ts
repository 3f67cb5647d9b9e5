import { describe, expect, it } from 'vitest';
import { ScenarioError } from './scenario-error.js';
import { MAX_DURATION_MS, MAX_RATE_PER_S, formatDurationMs, parseDurationMs, parseRatePerS } from './units.js';
import { scenarioErrorOf as errorOf } from '../../test/scenario-values.js';

describe('parseDurationMs', () => {
  it.each([
    ['250ms', 250],
    ['90s', 90_000],
    ['30m', 1_800_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['1.5s', 1_500],
    [' 2 h ', 7_200_000],
    ['1h30m', 5_400_000],
  ])('reads %j as %d ms', (text, ms) => {
    expect(parseDurationMs(text)).toBe(ms);
  });

  it('refuses a bare number, naming the field and the expected form', () => {
    const error = errorOf(() => parseDurationMs(90, 'duration'));
    expect(error.message).toContain('duration:');
    expect(error.message).toContain('expected a duration such as "90s"');
    expect(error.message).toContain('bare number 90');
  });

  it.each(['-5s', '5', 's', '5 sec', '5y', '1e3s', 'NaN', 'Infinitys', '', '1.s', '5s5'])('refuses %j', (text) => {
    expect(() => parseDurationMs(text, 'at')).toThrow(ScenarioError);
  });

  it('names negative durations as such', () => {
    expect(errorOf(() => parseDurationMs('-5s')).message).toContain('cannot be negative');
  });

  it('refuses zero unless the field allows it', () => {
    expect(errorOf(() => parseDurationMs('0s')).message).toContain('zero duration is meaningless');
    expect(parseDurationMs('0s', 'at', { allowZero: true })).toBe(0);
  });

  it('enforces the 30-day ceiling and names it', () => {
    expect(parseDurationMs('30d')).toBe(MAX_DURATION_MS);
    expect(errorOf(() => parseDurationMs('31d')).message).toContain('limit of 30d');
    expect(errorOf(() => parseDurationMs('99999999999999999999999d')).message).toContain('limit of 30d');
  });

  it('enforces field-specific bounds', () => {
    expect(errorOf(() => parseDurationMs('2s', 'holdTime', { minMs: 3_000 })).message).toContain('minimum of 3s');
    expect(errorOf(() => parseDurationMs('2m', 'timeout', { maxMs: 60_000 })).message).toContain('limit of 1m');
  });

  it('refuses overlong text and non-strings', () => {
    expect(errorOf(() => parseDurationMs('1s'.repeat(100))).message).toContain('limit 64');
    for (const value of [null, undefined, true, {}, [], Number.NaN]) expect(() => parseDurationMs(value)).toThrow(ScenarioError);
  });
});

describe('parseRatePerS', () => {
  it.each([
    ['20/s', 20],
    ['3/h', 3 / 3600],
    ['1.5/m', 1.5 / 60],
    ['100/d', 100 / 86_400],
    [' 2 / s ', 2],
  ])('reads %j as %d per second', (text, perS) => {
    expect(parseRatePerS(text)).toBeCloseTo(perS, 12);
  });

  it.each(['20', '20/ms', '/s', '-1/s', '20 per s', '1e3/s', '20/s/s'])('refuses %j', (text) => {
    expect(() => parseRatePerS(text, 'arrivals')).toThrow(ScenarioError);
  });

  it('refuses a bare number with the expected form', () => {
    expect(errorOf(() => parseRatePerS(20, 'arrivals')).message).toMatch(/^arrivals: expected a rate such as "20\/s".*bare number 20/);
  });

  it('refuses zero and rates above the 10M/s limit, naming it', () => {
    expect(errorOf(() => parseRatePerS('0/s')).message).toContain('zero rate');
    expect(parseRatePerS('0/s', 'x', { allowZero: true })).toBe(0);
    expect(parseRatePerS('10000000/s')).toBe(MAX_RATE_PER_S);
    expect(errorOf(() => parseRatePerS('10000001/s')).message).toContain('limit of 10,000,000/s');
  });
});

describe('formatDurationMs', () => {
  it('uses the largest exact unit', () => {
    expect(formatDurationMs(30 * 86_400_000)).toBe('30d');
    expect(formatDurationMs(5_400_000)).toBe('90m');
    expect(formatDurationMs(1_500)).toBe('1500ms');
  });
});
