/**
 * Steady-state catchments over random valley-free topologies: every path is loop-free and
 * valley-free (Gao 2001: uphill*, at most one peer link, downhill*), and the linear three-phase
 * solver agrees with a brute-force oracle that iterates the BGP decision process of every AS
 * (RFC 4271 §9.1 with the Gao-Rexford preference and export rules) until nothing changes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catchmentMap, type CatchmentMap, steadyStateCatchment } from '../../src/routing/index.js';
import { arbitraryTopology } from '../../src/arbitraries/index.js';
import { type AsGraph, Relationship } from '../../src/topology/index.js';

const NUM_RUNS = Number(process.env.ANYSIM_PROPERTY_RUNS ?? 200);
const SEED = 20_161_101;

/** A topology and 1..3 distinct origin ASNs of it. */
const topologyWithOrigins = arbitraryTopology({ maxAses: 30 }).chain((graph) =>
  fc
    .uniqueArray(fc.nat({ max: graph.asCount - 1 }), { minLength: 1, maxLength: Math.min(3, graph.asCount) })
    .map((indexes) => ({ graph, origins: indexes.map((i) => graph.asnAt(i)) })),
);

/** The brute-force oracle: synchronous rounds of every AS's decision over its neighbours' exports. */
function bruteForce(graph: AsGraph, origins: readonly number[]): CatchmentMap {
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
              (candidate.path.length === best.path.length && graph.asnAt(j) < graph.asnAt(best.path[1]!))))
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
});
