import { describe, expect, it } from 'vitest';
import { closestName, didYouMean, editDistance } from './did-you-mean.js';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps', () => {
    expect(editDistance('maglev', 'maglev')).toBe(0);
    expect(editDistance('maglv', 'maglev')).toBe(1);
    expect(editDistance('mgalev', 'maglev')).toBe(1);
    expect(editDistance('ring', 'jump')).toBe(4);
    expect(editDistance('', 'abc')).toBe(3);
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
