/**
 * Topology properties: graphs from `arbitraryTopology` are connected, have an acyclic
 * provider-customer hierarchy (the Gao-Rexford convergence condition) and symmetric
 * relationships; as-rel text round-trips; and the arbitrary shrinks a failing case to a minimal one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../src/sim/index.js';
import { arbitraryTopology } from '../../src/arbitraries/index.js';
import { type AsGraph, formatAsRel, generateSyntheticTopology, parseAsRel, Relationship } from '../../src/topology/index.js';

const NUM_RUNS = Number(process.env.ANYSIM_PROPERTY_RUNS ?? 100);
const SEED = 6_793;

const mirror = (r: number): number => (r === Relationship.Customer ? Relationship.Provider : r === Relationship.Provider ? Relationship.Customer : r);

function checkInvariants(graph: AsGraph): void {
  // Symmetry: every adjacency has its mirror.
  for (let i = 0; i < graph.asCount; i++) {
    for (let k = graph.offsets[i]!; k < graph.offsets[i + 1]!; k++) {
      expect(graph.relationshipBetween(graph.neighbours[k]!, i)).toBe(mirror(graph.relationships[k]!));
    }
  }
  // Connected, and customers-to-providers acyclic (peel ASes without remaining customers).
  const seen = new Set([0]);
  const queue = [0];
  for (let h = 0; h < queue.length; h++) {
    const u = queue[h]!;
    for (let k = graph.offsets[u]!; k < graph.offsets[u + 1]!; k++) {
      if (!seen.has(graph.neighbours[k]!)) {
        seen.add(graph.neighbours[k]!);
        queue.push(graph.neighbours[k]!);
      }
    }
  }
  expect(seen.size).toBe(graph.asCount);
  const customers = Array.from({ length: graph.asCount }, (_, i) => {
    let c = 0;
    for (let k = graph.offsets[i]!; k < graph.offsets[i + 1]!; k++) if (graph.relationships[k] === Relationship.Customer) c++;
    return c;
  });
  const ready = customers.flatMap((c, i) => (c === 0 ? [i] : []));
  let peeled = 0;
  while (ready.length > 0) {
    const u = ready.pop()!;
    peeled++;
    for (let k = graph.offsets[u]!; k < graph.offsets[u + 1]!; k++) {
      if (graph.relationships[k] === Relationship.Provider && --customers[graph.neighbours[k]!]! === 0) ready.push(graph.neighbours[k]!);
    }
  }
  expect(peeled).toBe(graph.asCount);
}

describe('topology (properties)', () => {
  it('arbitraryTopology gives connected graphs with an acyclic, symmetric hierarchy', () => {
    fc.assert(fc.property(arbitraryTopology({ maxAses: 40 }), checkInvariants), { numRuns: NUM_RUNS, seed: SEED });
  });

  it('synthetic topologies keep the same invariants for any seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 600 }), fc.nat(), (ases, seed) => {
        checkInvariants(generateSyntheticTopology({ ases }, new RandomStreams(seed).stream('topology')));
      }),
      { numRuns: Math.max(1, Math.round(NUM_RUNS / 5)), seed: SEED },
    );
  });

  it('as-rel text round-trips', () => {
    fc.assert(
      fc.property(arbitraryTopology({ maxAses: 40 }), (graph) => {
        const again = parseAsRel(formatAsRel(graph), 'round-trip');
        expect(again.asns).toEqual(graph.asns);
        expect(again.neighbours).toEqual(graph.neighbours);
        expect(again.relationships).toEqual(graph.relationships);
      }),
      { numRuns: NUM_RUNS, seed: SEED },
    );
  });

  it('shrinks a failing topology to a minimal counterexample', () => {
    const result = fc.check(
      fc.property(arbitraryTopology({ maxAses: 40 }), (graph) => graph.asCount < 6),
      { seed: SEED, numRuns: 1_000 },
    );
    expect(result.failed).toBe(true);
    expect(result.counterexample![0].asCount).toBe(6);
    expect(result.counterexample![0].linkCount).toBeLessThanOrEqual(6);
  });
});
