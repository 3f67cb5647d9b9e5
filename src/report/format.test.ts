import { describe, expect, it } from 'vitest';
import { formatCount, formatDurationMs, formatPercent, markdownTable } from './format.js';

describe('report formats', () => {
  it('percentages keep two significant digits for small rates', () => {
    expect(formatPercent(0)).toBe('0 %');
    expect(formatPercent(0.000123)).toBe('0.012 %');
    expect(formatPercent(0.0123)).toBe('1.23 %');
    expect(formatPercent(0.5)).toBe('50.0 %');
  });

  it('durations pick their unit', () => {
    expect(formatDurationMs(250)).toBe('250 ms');
    expect(formatDurationMs(42_000)).toBe('42.0 s');
    expect(formatDurationMs(750_000)).toBe('12.5 min');
    expect(formatDurationMs(3 * 3_600_000)).toBe('3.0 h');
  });

  it('counts and tables', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(markdownTable(['a', 'b'], [['1', '2']], ['l', 'r'])).toBe('| a | b |\n| --- | ---: |\n| 1 | 2 |');
  });
});
