/**
 * Report-sized views of per-PoP series. A footprint of hundreds of PoPs (a root-server-like
 * deployment) would make every chart and table a wall of colours: the busiest PoPs are shown by
 * name and the rest summed as "other PoPs", with "no route" (black hole or loop) kept apart.
 */

/** Most PoPs shown by name; the rest are summed. */
export const POPS_SHOWN_MAX = 11;

/** Label of the summed remainder. */
export const OTHER_POPS = 'other PoPs';
/** Label of sessions or ASes with no route. */
export const NO_ROUTE = 'no route';

/** How per-PoP rows (plus a last "no route" row) map onto labels. */
export interface PopGrouping {
  /** Labels in order: shown PoPs (in PoP order), then "other PoPs" if any, then "no route". */
  readonly labels: readonly string[];
  /** groupOf[row] = label index, for rows 0..popCount (the last is "no route"). */
  readonly groupOf: Int32Array;
}

/** Groups PoPs by `weight` (e.g. sessions served): the heaviest {@link POPS_SHOWN_MAX} by name. */
export function groupPops(names: readonly string[], weight: readonly number[]): PopGrouping {
  const popCount = names.length;
  const ranked = names.map((_, i) => i).sort((a, b) => (weight[b] ?? 0) - (weight[a] ?? 0) || a - b);
  const shown = new Set(popCount <= POPS_SHOWN_MAX + 1 ? ranked : ranked.slice(0, POPS_SHOWN_MAX));
  const labels: string[] = [];
  const groupOf = new Int32Array(popCount + 1);
  for (let p = 0; p < popCount; p++) {
    if (!shown.has(p)) continue;
    groupOf[p] = labels.length;
    labels.push(names[p]!);
  }
  if (shown.size < popCount) {
    const other = labels.length;
    labels.push(OTHER_POPS);
    for (let p = 0; p < popCount; p++) if (!shown.has(p)) groupOf[p] = other;
  }
  groupOf[popCount] = labels.length;
  labels.push(NO_ROUTE);
  return { labels, groupOf };
}

/** Sums `values` (one per row) into the grouping's labels. */
export function sumByGroup(grouping: PopGrouping, values: readonly number[]): number[] {
  const sums = new Array<number>(grouping.labels.length).fill(0);
  values.forEach((v, row) => {
    sums[grouping.groupOf[row]!]! += v;
  });
  return sums;
}

/** Rounds a share to 6 decimals: enough for any chart or table, and keeps JSON small. */
export function roundShare(share: number): number {
  return Math.round(share * 1e6) / 1e6;
}
