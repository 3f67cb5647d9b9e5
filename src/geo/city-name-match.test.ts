import { describe, expect, it } from 'vitest';
import { CityNameMatcher, foldCityName } from './city-name-match.js';

/** A matcher over `names` with populations in `population` (same order). */
function matcher(names: readonly string[], population: readonly number[]): CityNameMatcher {
  return new CityNameMatcher({ length: names.length, nameAt: (i) => names[i]! }, Float64Array.from(population));
}

describe('foldCityName', () => {
  it('drops case and accents, keeps letters of other scripts', () => {
    expect(foldCityName('São Paulo')).toBe('sao paulo');
    expect(foldCityName('ZÜRICH')).toBe('zurich');
    expect(foldCityName('Köln')).toBe('koln');
    expect(foldCityName('東京')).toBe('東京');
  });
});

describe('CityNameMatcher', () => {
  const names = ['Frankfort', 'Frankfurt am Main', 'Frankfurt (Oder)', 'West Frankfort', 'Zürich', 'Munich', 'Fra', 'Bonn'];
  const population = [27_830, 650_000, 51_691, 8_067, 341_730, 1_260_391, 500, 300_000];
  const all = (): boolean => true;
  const named = (indexes: readonly number[]): string[] => indexes.map((i) => names[i]!);

  it('puts names that continue the query first, by population, then its near misspellings', () => {
    const m = matcher(names, population);
    expect(named(m.matches('Frankfurt', all))).toEqual(['Frankfurt am Main', 'Frankfurt (Oder)', 'Frankfort', 'West Frankfort']);
    // "frankfrut" continues no name: every match is a misspelling, ranked by population alone.
    expect(named(m.matches('frankfrut', all))).toEqual(['Frankfurt am Main', 'Frankfurt (Oder)', 'Frankfort', 'West Frankfort']);
  });

  it('matches a name whatever its accents and case, and a word inside a longer name', () => {
    const m = matcher(names, population);
    expect(named(m.matches('ZURICH', all))[0]).toBe('Zürich');
    expect(named(m.matches('main', all))).toEqual(['Frankfurt am Main']);
    expect(named(m.matches('oder', all))).toEqual(['Frankfurt (Oder)']);
  });

  it('does not take a query shorter than 3 characters as the start of longer names', () => {
    const m = matcher(names, population);
    expect(named(m.matches('Fr', all))).not.toContain('Frankfurt am Main');
    expect(named(m.matches('Fra', all))[0]).toBe('Frankfurt am Main');
  });

  it('keeps only the cities `accept` admits, and finds nothing for a far name or an empty one', () => {
    const m = matcher(names, population);
    expect(named(m.matches('Frankfurt', (i) => i !== 1))).toEqual(['Frankfurt (Oder)', 'Frankfort', 'West Frankfort']);
    expect(m.matches('Gotham', all)).toEqual([]);
    expect(m.matches(' , ', all)).toEqual([]);
  });

  it('breaks population ties by table order', () => {
    const m = matcher(['Springfield', 'Springfield', 'Springfield Gardens'], [10, 10, 10]);
    expect(m.matches('springfield', all)).toEqual([0, 1, 2]);
  });
});
