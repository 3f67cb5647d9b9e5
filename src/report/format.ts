/** Number formats for reports: fixed rules, so the same result always prints the same bytes. */
import type { MeanInterval } from '../metrics/index.js';

/** A fraction as a percentage with a precision that suits small rates. */
export function formatPercent(fraction: number): string {
  const percent = fraction * 100;
  if (percent === 0) return '0 %';
  if (percent >= 10) return `${percent.toFixed(1)} %`;
  if (percent >= 0.1) return `${percent.toFixed(2)} %`;
  return `${percent.toPrecision(2)} %`;
}

/** A duration in ms in the largest sensible unit: "250 ms", "42.0 s", "12.5 min", "3.2 h". */
export function formatDurationMs(ms: number): string {
  if (!Number.isFinite(ms)) return '∞';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 7_200_000) return `${(ms / 60_000).toFixed(1)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

/** A count with thousands separators (en-US, fixed so output does not depend on the locale). */
export function formatCount(n: number): string {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A markdown table from a header and rows (cells already formatted). */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[], align?: readonly ('l' | 'r')[]): string {
  const rule = header.map((_, i) => ((align?.[i] ?? 'l') === 'r' ? '---:' : '---'));
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(rule), ...rows.map(line)].join('\n');
}

/**
 * A rate per second in the unit that reads best: the first of s, min, h, d that gives a whole
 * number ("50/s", "40/d"), else the first that gives at least 1 ("1.5/s").
 */
export function formatRatePerS(ratePerS: number): string {
  const units: readonly [string, number][] = [['s', 1], ['min', 60], ['h', 3_600], ['d', 86_400]];
  const whole = (x: number): boolean => x >= 1 && Math.abs(x - Math.round(x)) < 1e-9 * x;
  const [unit, seconds] =
    units.find(([, s]) => whole(ratePerS * s)) ?? units.find(([, s]) => ratePerS * s >= 1) ?? units[units.length - 1]!;
  return `${Number((ratePerS * seconds).toPrecision(3))}/${unit}`;
}

/** A count with one decimal when small: "0.4", "12", "1,234". */
export function formatMean(x: number): string {
  if (!Number.isFinite(x)) return '∞';
  return x < 10 ? x.toFixed(1) : formatCount(x);
}

/** "3.2 [1.1, 5.3]". */
export function formatMeanInterval(ci: MeanInterval): string {
  return `${formatMean(ci.estimate)} [${formatMean(ci.low)}, ${formatMean(ci.high)}]`;
}
