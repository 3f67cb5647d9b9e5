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
  const allowed = Math.min(3, Math.max(1, Math.floor(Math.max(given.length, best.length) / 3)));
  return bestDistance <= allowed && best !== given ? best : undefined;
}

/** `; did you mean "x"?` when a close known name exists, else the empty string. */
export function didYouMean(given: string, known: readonly string[]): string {
  const name = closestName(given, known);
  return name === undefined ? '' : `; did you mean "${name}"?`;
}
