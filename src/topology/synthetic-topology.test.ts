import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../sim/index.js';
import { type AsGraph, Relationship } from './as-graph.js';
import { generateSyntheticTopology, isReservedAsn } from './synthetic-topology.js';
import { TopologyError } from './topology-error.js';

function generate(ases: number, seed: number): AsGraph {
  return generateSyntheticTopology({ ases }, new RandomStreams(seed).stream('topology'));
}

/** Whether every AS reaches every other over links (BFS from AS 0). */
function connected(graph: AsGraph): boolean {
  const seen = new Uint8Array(graph.asCount);
  const queue = [0];
  seen[0] = 1;
  for (let h = 0; h < queue.length; h++) {
    const u = queue[h]!;
    for (let k = graph.offsets[u]!; k < graph.offsets[u + 1]!; k++) {
      const v = graph.neighbours[k]!;
      if (seen[v] === 0) {
        seen[v] = 1;
        queue.push(v);
      }
    }
  }
  return queue.length === graph.asCount;
}

/** Whether the customer-to-provider links form no cycle (Kahn's algorithm). */
function providerHierarchyAcyclic(graph: AsGraph): boolean {
  const providers = new Int32Array(graph.asCount);
  for (let k = 0; k < graph.relationships.length; k++) if (graph.relationships[k] === Relationship.Customer) providers[graph.neighbours[k]!]!++;
  const ready: number[] = [];
  for (let i = 0; i < graph.asCount; i++) if (providers[i] === 0) ready.push(i);
  let done = 0;
  while (ready.length > 0) {
    const u = ready.pop()!;
    done++;
    for (let k = graph.offsets[u]!; k < graph.offsets[u + 1]!; k++) {
      if (graph.relationships[k] === Relationship.Customer && --providers[graph.neighbours[k]!]! === 0) ready.push(graph.neighbours[k]!);
    }
  }
  return done === graph.asCount;
}

describe('generateSyntheticTopology', () => {
  it('gives the same graph for the same seed and another for another seed', () => {
    const a = generate(500, 1);
    const b = generate(500, 1);
    const c = generate(500, 2);
    expect(b.asns).toEqual(a.asns);
    expect(b.neighbours).toEqual(a.neighbours);
    expect(c.asns).not.toEqual(a.asns);
  });

  it.each([100, 2_000, 100_000])('builds %i connected ASes with an acyclic provider hierarchy', (ases) => {
    const graph = generate(ases, 3);
    expect(graph.asCount).toBe(ases);
    expect(connected(graph)).toBe(true);
    expect(providerHierarchyAcyclic(graph)).toBe(true);
  });

  it('has a tier-1 clique of peers, multi-homed ASes and peering below the clique', () => {
    const graph = generate(2_000, 4);
    const noProvider: number[] = [];
    let multihomed = 0;
    let peerings = 0;
    for (let i = 0; i < graph.asCount; i++) {
      let providers = 0;
      for (let k = graph.offsets[i]!; k < graph.offsets[i + 1]!; k++) {
        if (graph.relationships[k] === Relationship.Provider) providers++;
        if (graph.relationships[k] === Relationship.Peer) peerings++;
      }
      if (providers === 0) noProvider.push(i);
      if (providers >= 2) multihomed++;
    }
    expect(noProvider.length).toBe(Math.round(Math.log2(2_000)));
    for (const a of noProvider) for (const b of noProvider) if (a !== b) expect(graph.relationshipBetween(a, b)).toBe(Relationship.Peer);
    expect(multihomed).toBeGreaterThan(200);
    expect(peerings / 2).toBeGreaterThan(noProvider.length * (noProvider.length - 1) / 2);
  });

  it('never draws documentation, private-use or special ASNs (the operator ASN stays free)', () => {
    expect([23456, 64496, 64500, 64512, 65535, 65551, 4_200_000_000].every(isReservedAsn)).toBe(true);
    expect([1, 64495, 65552, 399_999].some(isReservedAsn)).toBe(false);
    for (let seed = 0; seed < 20; seed++) {
      const graph = generate(5000, seed);
      expect(Array.from(graph.asns).filter(isReservedAsn)).toEqual([]);
    }
  });

  it('enforces its size limits', () => {
    expect(() => generate(99, 1)).toThrow(TopologyError);
    expect(() => generate(100_001, 1)).toThrow('ases must be in 100..100000');
  });
});
