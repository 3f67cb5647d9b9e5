import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closestName, didYouMean, editDistance, typoAllowance, withinEditDistance } from './did-you-mean.js';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps', () => {
    expect(editDistance('maglev', 'maglev')).toBe(0);
    expect(editDistance('maglv', 'maglev')).toBe(1);
    expect(editDistance('mgalev', 'maglev')).toBe(1);
    expect(editDistance('ring', 'jump')).toBe(4);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('withinEditDistance', () => {
  it('answers editDistance(a, b) <= max, whatever the strings and the bound', () => {
    // A small alphabet makes swaps, repeats and near misses common; lengths up to 70 pass the
    // scratch rows' first size, so their growth is exercised too.
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' '), maxLength: 70 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 5 }), (a, b, max) => withinEditDistance(a, b, max) === editDistance(a, b) <= max),
      { seed: 7, numRuns: 2_000 },
    );
  });

  it('stops early on far strings and still finds a swap at the end', () => {
    expect(withinEditDistance('frankfurt', 'frankfrut', 1)).toBe(true);
    expect(withinEditDistance('frankfurt', 'zzzzzzzzz', 3)).toBe(false);
    expect(withinEditDistance('ab', 'ba', 0)).toBe(false);
  });
});

describe('typoAllowance', () => {
  it('allows a third of the longer name, at least 1 and at most 3 edits', () => {
    expect(typoAllowance('ab', 'abc')).toBe(1);
    expect(typoAllowance('frankfurt', 'frankfort')).toBe(3);
    expect(typoAllowance('zurich', 'munich')).toBe(2);
    expect(typoAllowance('x', 'x'.repeat(40))).toBe(3);
  });
});

describe('closestName', () => {
  const flags = ['seed', 'out', 'json', 'topology', 'no-limits', 'help'];
  it('suggests a near name and nothing for a far one', () => {
    expect(closestName('sed', flags)).toBe('seed');
    expect(closestName('topolgy', flags)).toBe('topology');
    expect(closestName('nolimits', flags)).toBe('no-limits');
    expect(closestName('JSON', flags)).toBe('json');
    expect(closestName('frobnicate', flags)).toBeUndefined();
    expect(closestName('x'.repeat(1000), flags)).toBeUndefined();
  });
  it('formats the hint', () => {
    expect(didYouMean('maglv', ['ring', 'maglev'])).toBe('; did you mean "maglev"?');
    expect(didYouMean('zzzzzz', ['ring', 'maglev'])).toBe('');
  });
});
