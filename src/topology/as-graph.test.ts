import { describe, expect, it } from 'vitest';
import { buildAsGraph, buildAsGraphReportingDuplicates, Relationship } from './as-graph.js';
import { TopologyError } from './topology-error.js';

describe('buildAsGraph', () => {
  const graph = buildAsGraph({ a: [300, 100, 100], b: [200, 200, 300], rel: [0, -1, -1], count: 3 });

  it('indexes ASes in ascending ASN order and finds them', () => {
    expect([...graph.asns]).toEqual([100, 200, 300]);
    expect(graph.indexOf(200)).toBe(1);
    expect(graph.indexOf(250)).toBe(-1);
    expect(graph.asnAt(2)).toBe(300);
    expect(() => graph.asnAt(3)).toThrow(RangeError);
  });

  it('keeps rows sorted by neighbour with relationships from each side', () => {
    expect(graph.degree(0)).toBe(2);
    expect([...graph.neighbours.subarray(graph.offsets[0]!, graph.offsets[1]!)]).toEqual([1, 2]);
    // The later link 100|300|-1 duplicates 300|100|0 and is reported, the first one kept.
    const { duplicates } = buildAsGraphReportingDuplicates({ a: [300, 100, 100], b: [100, 200, 300], rel: [0, -1, -1], count: 3 });
    expect(duplicates).toEqual([{ first: 0, second: 2 }]);
  });

  it('throws on duplicates, self-links and unknown codes', () => {
    expect(() => buildAsGraph({ a: [1, 2], b: [2, 1], rel: [0, 0], count: 2 })).toThrow(TopologyError);
    expect(() => buildAsGraph({ a: [1], b: [1], rel: [0], count: 1 })).toThrow('self-link');
    expect(() => buildAsGraph({ a: [1], b: [2], rel: [1], count: 1 })).toThrow('unknown relationship');
  });

  it('records provider-customer both ways', () => {
    const g = buildAsGraph({ a: [5], b: [9], rel: [-1], count: 1 });
    expect(g.relationshipBetween(0, 1)).toBe(Relationship.Customer);
    expect(g.relationshipBetween(1, 0)).toBe(Relationship.Provider);
    expect(g.adjacencySlot(1, 0)).toBe(1);
  });
});
