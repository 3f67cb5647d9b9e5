/**
 * Close matches for a city name the table does not hold, for the "did you mean" of a scenario's
 * `pops.cities` and `sites[].city` (docs/geography.md, "City names"). GeoNames names a city as its
 * people do ("Frankfurt am Main", "Zürich", "São Paulo"), so a name typed in English or without
 * its accents often misses. Compared after folding case and accents ("Zurich" = "Zürich"), a
 * city matches a query when
 *
 * - its name holds the query at the start of a word: it is the query, or its words continue it
 *   ("Frankfurt" → "Frankfurt am Main", "Frankfurt (Oder)"; "New York" → "New York City"), the
 *   latter for a query of 3 characters or more (tier 0), or
 * - the query is a mistyping of the name or of a run of its words ("Frankfrut" → "Frankfurt am
 *   Main"), within the edits src/did-you-mean.ts allows a mistyped flag or field (tier 1).
 *
 * Matches are ranked by tier, then by population (the larger city is the likelier meaning), then
 * by table order, so the answer is deterministic. This runs only on the error path: the first
 * call folds every name of the table once (about 135,000 for GeoNames) and keeps them.
 */
import { typoAllowance, withinEditDistance } from '../did-you-mean.js';

/** Shortest query matched as the start of a word ("Fra" is a start; "Fr" is too many cities' start). */
const WORD_START_LENGTH_MIN = 3;

/** Names by index, as the city table holds them. */
interface NameColumn {
  readonly length: number;
  nameAt(index: number): string;
}

/** A name in lower case without diacritics (NFD, combining marks dropped): "São Paulo" → "sao paulo". */
export function foldCityName(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The words of a folded name: runs of letters and digits. */
function wordsOf(folded: string): string[] {
  return folded.split(/[^\p{L}\p{N}]+/u).filter((word) => word !== '');
}

/** Whether `query` is within the typo allowance of `text`. */
function isTypoOf(query: string, text: string): boolean {
  return withinEditDistance(query, text, typoAllowance(query, text));
}

/**
 * 0 when `name` holds `query` at a word's start, 1 when `query` nearly spells it or a run of as
 * many of its words, -1 when no match. Both are folded words joined by single spaces.
 */
function matchTier(query: string, queryWordCount: number, name: string): number {
  if (name === query) return 0;
  if (query.length >= WORD_START_LENGTH_MIN && (name.startsWith(query) || name.includes(` ${query}`))) return 0;
  if (isTypoOf(query, name)) return 1;
  const words = name.split(' ');
  if (words.length === queryWordCount) return -1;
  for (let start = 0; start + queryWordCount <= words.length; start++) {
    if (isTypoOf(query, words.slice(start, start + queryWordCount).join(' '))) return 1;
  }
  return -1;
}

/** The table's names folded once, matched against queries. */
export class CityNameMatcher {
  /** Per city, its name's folded words joined by single spaces. */
  private readonly folded: string[];

  /** Folds every name of `names`; `population` (per index) ranks the matches. */
  constructor(
    names: NameColumn,
    private readonly population: Float64Array,
  ) {
    this.folded = Array.from({ length: names.length }, (_, i) => wordsOf(foldCityName(names.nameAt(i))).join(' '));
  }

  /**
   * Indexes of the cities that `accept` admits and whose names match `query`, best first (tier,
   * then population, then index). Every match is returned; callers take as many as they show.
   */
  matches(query: string, accept: (index: number) => boolean): number[] {
    const queryWords = wordsOf(foldCityName(query));
    const joined = queryWords.join(' ');
    if (joined === '') return [];
    const tiers = new Map<number, number>();
    const found: number[] = [];
    for (let i = 0; i < this.folded.length; i++) {
      if (!accept(i)) continue;
      const tier = matchTier(joined, queryWords.length, this.folded[i]!);
      if (tier < 0) continue;
      found.push(i);
      tiers.set(i, tier);
    }
    const population = this.population;
    return found.sort((a, b) => tiers.get(a)! - tiers.get(b)! || population[b]! - population[a]! || a - b);
  }
}
