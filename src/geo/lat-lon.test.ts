import { describe, expect, it } from 'vitest';
import { egressKm, type AsGeography } from './as-geography.js';
import { greatCircleKm, isLatLon, type LatLon } from './lat-lon.js';
import { SiteIndex } from './site-index.js';

const LONDON: LatLon = { latDeg: 51.5074, lonDeg: -0.1278 };
const NEW_YORK: LatLon = { latDeg: 40.7128, lonDeg: -74.006 };
const SYDNEY: LatLon = { latDeg: -33.8688, lonDeg: 151.2093 };

describe('greatCircleKm', () => {
  it('matches published great-circle distances between cities within 0.5 %', () => {
    // Spherical great-circle figures (R = 6371 km): London-New York 5,570 km, London-Sydney 16,990 km.
    expect(greatCircleKm(LONDON, NEW_YORK)).toBeGreaterThan(5_570 * 0.995);
    expect(greatCircleKm(LONDON, NEW_YORK)).toBeLessThan(5_570 * 1.005);
    expect(greatCircleKm(LONDON, SYDNEY)).toBeGreaterThan(16_990 * 0.995);
    expect(greatCircleKm(LONDON, SYDNEY)).toBeLessThan(16_990 * 1.005);
  });

  it('is zero for a point and itself, symmetric, and half the circumference for antipodes', () => {
    expect(greatCircleKm(LONDON, LONDON)).toBe(0);
    expect(greatCircleKm(NEW_YORK, SYDNEY)).toBeCloseTo(greatCircleKm(SYDNEY, NEW_YORK), 9);
    expect(greatCircleKm({ latDeg: 0, lonDeg: 0 }, { latDeg: 0, lonDeg: 180 })).toBeCloseTo(Math.PI * 6_371.0088, 6);
  });

  it('isLatLon rejects out-of-range and non-finite coordinates', () => {
    expect(isLatLon(LONDON)).toBe(true);
    expect(isLatLon({ latDeg: 91, lonDeg: 0 })).toBe(false);
    expect(isLatLon({ latDeg: 0, lonDeg: -180.5 })).toBe(false);
    expect(isLatLon({ latDeg: Number.NaN, lonDeg: 0 })).toBe(false);
  });
});

describe('egressKm', () => {
  it('measures from the AS home point to the nearest point of its neighbour', () => {
    const points: readonly (readonly LatLon[])[] = [[LONDON], [SYDNEY, NEW_YORK]];
    const geography: AsGeography = { pointsOf: (i) => points[i]!, usersOf: () => 1, sourceOf: () => 'city-draw' };
    expect(egressKm(geography, 0, 1)).toBeCloseTo(greatCircleKm(LONDON, NEW_YORK), 9);
    expect(egressKm(geography, 1, 0)).toBeCloseTo(greatCircleKm(SYDNEY, LONDON), 9);
  });
});

describe('SiteIndex', () => {
  it('finds the nearest site and its great-circle km as the haversine does', () => {
    const sites = [LONDON, NEW_YORK, SYDNEY];
    const index = new SiteIndex(sites);
    for (const point of [{ latDeg: 48.85, lonDeg: 2.35 }, { latDeg: 35.68, lonDeg: 139.69 }, { latDeg: 19.43, lonDeg: -99.13 }, LONDON]) {
      const kms = sites.map((s) => greatCircleKm(point, s));
      const expected = kms.indexOf(Math.min(...kms));
      const found = index.nearest(point);
      expect(found.index).toBe(expected);
      expect(found.km).toBeCloseTo(kms[expected]!, 6);
    }
    expect(new SiteIndex([]).nearest(LONDON).index).toBe(-1);
  });
});
