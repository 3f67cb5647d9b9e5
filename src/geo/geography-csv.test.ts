import { describe, expect, it } from 'vitest';
import { GeographyCsvError, parseGeographyCsv } from './geography-csv.js';

describe('parseGeographyCsv', () => {
  it('reads rows with and without users, skipping a header, comments and blank lines', () => {
    const rows = parseGeographyCsv('asn,lat,lon,users\n# comment\n\n3356, 39.74, -104.99, 1200\n174,51.5,-0.12\n', 'geo.csv');
    expect(rows).toEqual([
      { asn: 3356, latDeg: 39.74, lonDeg: -104.99, users: 1200, line: 4 },
      { asn: 174, latDeg: 51.5, lonDeg: -0.12, line: 5 },
    ]);
  });

  it.each([
    ['1,2\n', 'geo.csv:1: expected ASN,lat,lon[,users] (3 or 4 fields), got 2 field(s)'],
    ['x,1,2\n', 'geo.csv:1: ASN: expected a decimal ASN 1..4294967295, got "x"'],
    ['7,91,2\n', 'geo.csv:1: lat: expected decimal degrees in -90..90, got "91"'],
    ['7,1,-181\n', 'geo.csv:1: lon: expected decimal degrees in -180..180, got "-181"'],
    ['7,1,2,-5\n', 'geo.csv:1: users: expected a number >= 0, got "-5"'],
    ['# c\n7,1,2\n7,3,4\n', 'geo.csv:3: ASN 7 is listed twice (first at line 2)'],
  ])('names file, line and what was expected for %j', (text, message) => {
    expect(() => parseGeographyCsv(text, 'geo.csv')).toThrow(new GeographyCsvError(message));
  });
});
