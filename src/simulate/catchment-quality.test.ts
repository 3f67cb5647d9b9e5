import { describe, expect, it } from 'vitest';
import { AsGeographyTable, greatCircleKm, rttMsOfKm, type LatLon } from '../geo/index.js';
import { steadyStateDeploymentCatchment } from '../routing/index.js';
import { CatchmentTimelineBuilder } from '../sessions/index.js';
import { buildAsGraph } from '../topology/index.js';
import { catchmentQuality, weightedPercentiles } from './catchment-quality.js';

const NEW_YORK: LatLon = { latDeg: 40.7128, lonDeg: -74.006 };
const FRANKFURT: LatLon = { latDeg: 50.1109, lonDeg: 8.6821 };
const TOKYO: LatLon = { latDeg: 35.6762, lonDeg: 139.6503 };

describe('weightedPercentiles', () => {
  it('takes the nearest rank on the cumulative weight and skips NaN and zero weights', () => {
    const values = Float64Array.from([5, 1, Number.NaN, 3, 100]);
    const weights = Float64Array.from([1, 1, 50, 8, 0]);
    // Sorted: 1 (w 1), 3 (w 8), 5 (w 1); total 10: p50 at 5 -> 3, p90 at 9 -> 3, p99 at 9.9 -> 5.
    expect(weightedPercentiles(values, weights)).toEqual({ p50: 3, p90: 3, p99: 5 });
  });

  it('gives on large inputs (binned selection) exactly what sorting everything gives', () => {
    // A fixed LCG: skewed values with many duplicates, weights with zeros and a few giants.
    let x = 12345;
    const next = (): number => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (const n of [5_000, 40_000]) {
      const values = Float64Array.from({ length: n }, () => Math.round(20_000 * next() ** 3));
      const weights = Float64Array.from({ length: n }, () => (next() < 0.1 ? 0 : next() < 0.01 ? 1e6 : 1 + 1000 * next()));
      const order = Array.from({ length: n }, (_, i) => i).filter((i) => weights[i]! > 0).sort((a, b) => values[a]! - values[b]!);
      const total = order.reduce((s, i) => s + weights[i]!, 0);
      const sorted = (q: number): number => {
        let sum = 0;
        for (const i of order) if ((sum += weights[i]!) >= q * total) return values[i]!;
        return values[order[order.length - 1]!]!;
      };
      expect(weightedPercentiles(values, weights)).toEqual({ p50: sorted(0.5), p90: sorted(0.9), p99: sorted(0.99) });
    }
  });
});

describe('catchmentQuality', () => {
  // 1 provides 2 and 3; 4 is a customer of 2. Site fra on 3, site tyo on 1.
  const graph = buildAsGraph({ a: [1, 1, 2], b: [2, 3, 4], rel: [-1, -1, -1], count: 3 });
  const places: readonly { points: readonly LatLon[]; users: number }[] = [
    { points: [NEW_YORK], users: 0 },
    { points: [NEW_YORK], users: 10 },
    { points: [FRANKFURT], users: 30 },
    { points: [NEW_YORK], users: 60 },
  ];
  const geography = new AsGeographyTable(places.map((p) => ({ ...p, source: 'csv' as const })));
  const deployment = {
    operatorAsn: 64_512,
    sites: [
      { name: 'fra', upstreams: [3], peers: [], location: FRANKFURT },
      { name: 'tyo', upstreams: [1], peers: [], location: TOKYO },
    ],
  };
  const catchment = steadyStateDeploymentCatchment(graph, deployment);
  const clients = Int32Array.from([1, 2, 3]);
  const builder = new CatchmentTimelineBuilder(catchment.servingOrigin.subarray(0, graph.asCount));
  // At 10 s AS 4 moves to fra (as if tyo were withdrawn), nothing else.
  builder.record(10_000, graph.indexOf(4), 0);
  const timeline = builder.build();
  const quality = catchmentQuality({
    geography,
    popLocations: [FRANKFURT, TOKYO],
    popNames: ['fra', 'tyo'],
    popCities: ['Frankfurt am Main, DE', undefined],
    clients,
    catchment,
    timeline,
    windows: [{ startMs: 10_000, settledMs: 1_000, description: 'withdraw tyo', asesChanged: 1 }],
  });

  it('weights by users: New York clients on Tokyo are not on their nearest PoP, Frankfurt is', () => {
    expect(catchment.servingOrigin[graph.indexOf(2)]).toBe(1);
    expect(catchment.servingOrigin[graph.indexOf(3)]).toBe(0);
    expect(quality.users).toBe(100);
    expect(quality.steadyState.notNearestShare).toBeCloseTo(0.7, 9);
    // Tokyo is about 4,650 km farther from New York than Frankfurt: under Li et al.'s 5,000 km.
    expect(quality.steadyState.farShare).toBe(0);
    const extraKm = greatCircleKm(NEW_YORK, TOKYO) - greatCircleKm(NEW_YORK, FRANKFURT);
    expect(quality.steadyState.extraKm.p50).toBeCloseTo(extraKm, 0);
    expect(quality.steadyState.extraKm.p99).toBeCloseTo(extraKm, 0);
    // Frankfurt's users (30 %) sit on their PoP: p50 of extra RTT is New York's, not 0.
    expect(quality.steadyState.extraRttMs.p50).toBeCloseTo(rttMsOfKm(greatCircleKm(NEW_YORK, TOKYO)) - rttMsOfKm(greatCircleKm(NEW_YORK, FRANKFURT)), 1);
  });

  it('gives each PoP its users share, RTTs and not-on-nearest share', () => {
    expect(quality.pops[0]).toEqual({ pop: 'fra', city: 'Frankfurt am Main, DE', usersShare: 0.3, rttMsP50: 0, nearestRttMsP50: 0, notNearestShare: 0 });
    expect(quality.pops[1]!.usersShare).toBeCloseTo(0.7, 9);
    expect(quality.pops[1]!.notNearestShare).toBe(1);
    expect(quality.pops[1]!.nearestRttMsP50).toBeCloseTo(rttMsOfKm(greatCircleKm(NEW_YORK, FRANKFURT)), 1);
  });

  it('shows how an event changed the figures', () => {
    expect(quality.events).toHaveLength(1);
    const [event] = quality.events;
    expect(event!.before.notNearestShare).toBeCloseTo(0.7, 9);
    expect(event!.after.notNearestShare).toBeCloseTo(0.1, 9);
    expect(event!.after.extraKm.p90).toBe(0);
  });
});
