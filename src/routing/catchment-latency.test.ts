import { describe, expect, it } from 'vitest';
import { AsGeographyTable, greatCircleKm, rttMsOfKm, SiteIndex, type LatLon } from '../geo/index.js';
import { buildAsGraph } from '../topology/index.js';
import { steadyStateDeploymentCatchment } from './catchment.js';
import { clientLatency, routePathKm } from './catchment-latency.js';

const LONDON: LatLon = { latDeg: 51.5074, lonDeg: -0.1278 };
const NEW_YORK: LatLon = { latDeg: 40.7128, lonDeg: -74.006 };
const FRANKFURT: LatLon = { latDeg: 50.1109, lonDeg: 8.6821 };
const TOKYO: LatLon = { latDeg: 35.6762, lonDeg: 139.6503 };

describe('catchment latency', () => {
  // 1 is the provider of 2 and 3; 4 is a customer of 2 only. Site "fra" hangs off 3, site "tyo" off 1.
  const graph = buildAsGraph({ a: [1, 1, 2], b: [2, 3, 4], rel: [-1, -1, -1], count: 3 });
  const points: readonly (readonly LatLon[])[] = [[NEW_YORK, LONDON], [NEW_YORK], [FRANKFURT], [NEW_YORK]];
  const geography = new AsGeographyTable(points.map((p) => ({ points: p, users: 1, source: 'csv' })));
  const deployment = {
    operatorAsn: 64_512,
    sites: [
      { name: 'fra', upstreams: [3], peers: [], location: FRANKFURT },
      { name: 'tyo', upstreams: [1], peers: [], location: TOKYO },
    ],
  };
  const popLocations = [FRANKFURT, TOKYO];
  const catchment = steadyStateDeploymentCatchment(graph, deployment);

  it('walks the AS path entering each AS at its point nearest to the packet', () => {
    // AS 2 learns both sites from its provider 1: tyo (1, site) is shorter than fra (1, 3, site).
    const as4 = graph.indexOf(4);
    expect(catchment.servingOrigin[as4]).toBe(1);
    // 4 -> 2 (0 km) -> 1 enters at New York (nearer than London) -> Tokyo.
    expect(routePathKm(catchment, geography, popLocations, as4)).toBeCloseTo(greatCircleKm(NEW_YORK, TOKYO), 6);
  });

  it('reports the nearest PoP by great circle and a non-negative extra RTT', () => {
    const latency = clientLatency(catchment, geography, new SiteIndex(popLocations), graph.indexOf(4));
    expect(latency.nearestPopIndex).toBe(0);
    expect(latency.nearestKm).toBeCloseTo(greatCircleKm(NEW_YORK, FRANKFURT), 6);
    expect(latency.nearestRttMs).toBeCloseTo(rttMsOfKm(greatCircleKm(NEW_YORK, FRANKFURT)), 9);
    expect(latency.rttMs).toBeGreaterThan(latency.nearestRttMs);
  });

  it('gives NaN for an AS without a route', () => {
    const onlyFra = steadyStateDeploymentCatchment(graph, deployment, [true, false]);
    expect(onlyFra.servingOrigin[graph.indexOf(4)]).toBe(0);
    const none = steadyStateDeploymentCatchment(graph, deployment, [false, false]);
    expect(routePathKm(none, geography, popLocations, graph.indexOf(4))).toBeNaN();
  });
});
