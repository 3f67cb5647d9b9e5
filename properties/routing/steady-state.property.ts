/**
 * Steady-state catchments over random valley-free topologies: every path is loop-free and
 * valley-free (Gao 2001: uphill*, at most one peer link, downhill*), and the linear three-phase
 * solver agrees with a brute-force oracle that iterates the BGP decision process of every AS
 * (RFC 4271 §9.1 with the Gao-Rexford preference and export rules) until nothing changes, under
 * every tie-break rule (the oracle computes lowest ASN, hot-potato egress distances and the
 * random rule's keys itself); and the rule never changes a route's class or length.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catchmentMap, type CatchmentMap, randomTieKey, steadyStateCatchment, type TieBreakSpec } from '../../src/routing/index.js';
import { arbitraryTopology } from '../../src/arbitraries/index.js';
import { greatCircleKm, type LatLon } from '../../src/geo/index.js';
import { type AsGraph, Relationship } from '../../src/topology/index.js';

const NUM_RUNS = Number(process.env.ANYSIM_PROPERTY_RUNS ?? 200);
const SEED = 20_161_101;

/** A topology and 1..3 distinct origin ASNs of it. */
const topologyWithOrigins = arbitraryTopology({ maxAses: 30 }).chain((graph) =>
  fc
    .uniqueArray(fc.nat({ max: graph.asCount - 1 }), { minLength: 1, maxLength: Math.min(3, graph.asCount) })
    .map((indexes) => ({ graph, origins: indexes.map((i) => graph.asnAt(i)) })),
);

/** Few distinct places, so that equal egress distances (ties the ASN then breaks) are common. */
const PLACES: readonly LatLon[] = [
  { latDeg: 51.5, lonDeg: -0.1 },
  { latDeg: 40.7, lonDeg: -74 },
  { latDeg: 35.7, lonDeg: 139.7 },
  { latDeg: -33.9, lonDeg: 151.2 },
];

/** A rule with what it needs: home points (1-2 places per AS) for hot-potato, a salt for random. */
const ruleArbitrary = (asCount: number) =>
  fc.oneof(
    fc.constant<TieBreakSpec>({ rule: 'lowest-asn' }),
    fc
      .array(fc.array(fc.constantFrom(...PLACES), { minLength: 1, maxLength: 2 }), { minLength: asCount, maxLength: asCount })
      .map((points): TieBreakSpec => ({ rule: 'hot-potato', geography: { pointsOf: (i) => points[i]!, usersOf: () => 1, sourceOf: () => 'city-draw' } })),
    fc.nat().map((salt): TieBreakSpec => ({ rule: 'random', salt })),
  );

const topologyOriginsRule = topologyWithOrigins.chain((input) => ruleArbitrary(input.graph.asCount).map((spec) => ({ ...input, spec })));

/** The oracle's own tie-break key of neighbour j at AS i (lower wins, then the lower ASN). */
function tieKey(graph: AsGraph, spec: TieBreakSpec, i: number, j: number): number {
  if (spec.rule === 'lowest-asn') return 0;
  if (spec.rule === 'random') return randomTieKey(spec.salt, graph.asnAt(i), graph.asnAt(j), 0);
  const home = spec.geography.pointsOf(i)[0]!;
  return Math.min(...spec.geography.pointsOf(j).map((p) => greatCircleKm(home, p)));
}

/** The brute-force oracle: synchronous rounds of every AS's decision over its neighbours' exports. */
function bruteForce(graph: AsGraph, origins: readonly number[], spec: TieBreakSpec = { rule: 'lowest-asn' }): CatchmentMap {
  const n = graph.asCount;
  const originIndex = new Map(origins.map((asn, id) => [graph.indexOf(asn), id] as const));
  // route[i]: AS indexes from i to the origin, and the class it was learned with.
  let route: ({ path: number[]; cls: number } | null)[] = Array.from({ length: n }, (_, i) =>
    originIndex.has(i) ? { path: [i], cls: 4 } : null,
  );
  const classOf = (r: number): number => (r === Relationship.Customer ? 3 : r === Relationship.Peer ? 2 : 1);
  for (let round = 0; round <= 4 * n + 8; round++) {
    const next = route.map((current, i) => {
      if (originIndex.has(i)) return current;
      let best: { path: number[]; cls: number } | null = null;
      for (let k = graph.offsets[i]!; k < graph.offsets[i + 1]!; k++) {
        const j = graph.neighbours[k]!;
        const offered = route[j];
        if (offered == null || offered.path.includes(i)) continue;
        // j exports own/customer routes to everyone, others only to its customers (i is j's customer
        // exactly when j is i's provider).
        if (offered.cls < 3 && graph.relationships[k] !== Relationship.Provider) continue;
        const candidate = { path: [i, ...offered.path], cls: classOf(graph.relationships[k]!) };
        if (
          best === null ||
          candidate.cls > best.cls ||
          (candidate.cls === best.cls &&
            (candidate.path.length < best.path.length ||
              (candidate.path.length === best.path.length &&
                (tieKey(graph, spec, i, j) < tieKey(graph, spec, i, best.path[1]!) ||
                  (tieKey(graph, spec, i, j) === tieKey(graph, spec, i, best.path[1]!) && graph.asnAt(j) < graph.asnAt(best.path[1]!))))))
        ) {
          best = candidate;
        }
      }
      return best;
    });
    if (JSON.stringify(next) === JSON.stringify(route)) {
      const map: CatchmentMap = {};
      route.forEach((r, i) => {
        map[String(graph.asnAt(i))] =
          r === null ? null : { origin: origins[originIndex.get(r.path[r.path.length - 1]!)!]!, path: r.path.map((x) => graph.asnAt(x)) };
      });
      return map;
    }
    route = next;
  }
  throw new Error('brute-force BGP did not converge');
}

describe('steady-state catchment (properties)', () => {
  it('every path is loop-free and valley-free and ends at its origin', () => {
    fc.assert(
      fc.property(topologyWithOrigins, ({ graph, origins }) => {
        const map = catchmentMap(steadyStateCatchment(graph, origins));
        for (const [asn, entry] of Object.entries(map)) {
          if (entry === null) continue;
          const path = entry.path.map((a) => graph.indexOf(a));
          expect(entry.path[0]).toBe(Number(asn));
          expect(entry.path[entry.path.length - 1]).toBe(entry.origin);
          expect(new Set(path).size).toBe(path.length);
          const steps = path.slice(0, -1).map((x, h) => graph.relationshipBetween(x, path[h + 1]!));
          const pattern = steps.map((r) => (r === Relationship.Provider ? 'P' : r === Relationship.Peer ? 'E' : r === Relationship.Customer ? 'C' : '?')).join('');
          expect(pattern).toMatch(/^P*E?C*$/);
        }
      }),
      { numRuns: NUM_RUNS, seed: SEED },
    );
  });

  it('agrees with a brute-force iteration of the BGP decision process', () => {
    fc.assert(
      fc.property(topologyWithOrigins, ({ graph, origins }) => {
        expect(catchmentMap(steadyStateCatchment(graph, origins))).toEqual(bruteForce(graph, origins));
      }),
      { numRuns: NUM_RUNS, seed: SEED },
    );
  });

  it('agrees with the brute-force decision process under every tie-break rule', () => {
    fc.assert(
      fc.property(topologyOriginsRule, ({ graph, origins, spec }) => {
        expect(catchmentMap(steadyStateCatchment(graph, origins, spec))).toEqual(bruteForce(graph, origins, spec));
      }),
      { numRuns: NUM_RUNS, seed: SEED },
    );
  });

  it('a tie-break rule changes which route an AS takes, never its class or length', () => {
    fc.assert(
      fc.property(topologyOriginsRule, ({ graph, origins, spec }) => {
        const low = steadyStateCatchment(graph, origins);
        const other = steadyStateCatchment(graph, origins, spec);
        expect(other.pathLength).toEqual(low.pathLength);
        expect(other.routeClass).toEqual(low.routeClass);
      }),
      { numRuns: NUM_RUNS, seed: SEED },
    );
  });
});
