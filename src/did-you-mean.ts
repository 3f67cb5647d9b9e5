/**
 * "Did you mean ...?" for a mistyped name (a flag, an enum value, a field): the known name at the
 * smallest Damerau-Levenshtein (optimal string alignment) distance, offered only when that
 * distance is small against the name's length, so that a wild guess gets no suggestion.
 */

/** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[(i - 2) * cols + j - 2]! + 1);
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1]!;
}

/** Three rows of the alignment table, grown as needed and reused (one thread runs one call at a time). */
let rows = new Int32Array(3 * 65);

/**
 * Whether the optimal string alignment distance of `a` and `b` is at most `max`: the same answer
 * as `editDistance(a, b) <= max`, but in three reused rows, stopping as soon as no later row can
 * come back within `max` (matching one name against a table of 135,000 cities, most stop after a
 * few rows).
 */
export function withinEditDistance(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  const cols = b.length + 1;
  if (rows.length < 3 * cols) rows = new Int32Array(3 * cols);
  const d = rows;
  // Row i lives at offset (i % 3) * cols.
  for (let j = 0; j < cols; j++) d[j] = j;
  let previousMin = 0;
  for (let i = 1; i <= a.length; i++) {
    const row = (i % 3) * cols;
    const up = ((i - 1) % 3) * cols;
    const twoUp = ((i + 1) % 3) * cols;
    d[row] = i;
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[up + j]! + 1, d[row + j - 1]! + 1, d[up + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[twoUp + j - 2]! + 1);
      d[row + j] = best;
      if (best < rowMin) rowMin = best;
    }
    // A later row's cells are at least this row's smallest, or the row before's plus one (a swap reaches back two rows).
    if (rowMin > max && previousMin + 1 > max) return false;
    previousMin = rowMin;
  }
  return d[(a.length % 3) * cols + cols - 1]! <= max;
}

/** Longest name compared; longer input is no typo of a known name. */
const COMPARED_LENGTH_MAX = 64;

/**
 * The known name closest to `given` (case-insensitive), if it is within a third of the longer
 * name's length (at least 1, at most 3 edits); undefined otherwise.
 */
export function closestName(given: string, known: readonly string[]): string | undefined {
  if (given.length === 0 || given.length > COMPARED_LENGTH_MAX) return undefined;
  const lower = given.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of known) {
    const distance = editDistance(lower, name.toLowerCase());
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  if (best === undefined) return undefined;
  return bestDistance <= typoAllowance(given, best) && best !== given ? best : undefined;
}

/** Edits a mistyping of `known` as `given` may take: a third of the longer name, at least 1, at most 3. */
export function typoAllowance(given: string, known: string): number {
  return Math.min(3, Math.max(1, Math.floor(Math.max(given.length, known.length) / 3)));
}

/** `; did you mean "x"?` when a close known name exists, else the empty string. */
export function didYouMean(given: string, known: readonly string[]): string {
  const name = closestName(given, known);
  return name === undefined ? '' : `; did you mean "${name}"?`;
}
