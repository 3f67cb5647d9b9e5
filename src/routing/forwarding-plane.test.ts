import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../sim/index.js';
import { BLACKHOLE, type ForwardingChange, ForwardingPlane, LOOP } from './forwarding-plane.js';

/** Outcome of v by walking next hops from scratch. */
function walk(nextHop: Int32Array, terminal: Int32Array, v: number): number {
  const seen = new Set<number>();
  let x = v;
  for (;;) {
    if (terminal[x]! >= 0) return terminal[x]!;
    if (nextHop[x] === -1) return BLACKHOLE;
    if (seen.has(x)) return LOOP;
    seen.add(x);
    x = nextHop[x]!;
  }
}

describe('ForwardingPlane', () => {
  it('resolves sites, black holes and loops', () => {
    // 0 -> 1 -> site (2, id 5); 3 -> 4 (no route); 6 <-> 7; 8 -> 6.
    const nextHop = Int32Array.from([1, 2, -1, 4, -1, -1, 7, 6, 6]);
    const terminal = Int32Array.from([-1, -1, 5, -1, -1, -1, -1, -1, -1]);
    const plane = new ForwardingPlane(9, nextHop, terminal);
    expect([0, 1, 2, 3, 4, 6, 7, 8].map((v) => plane.outcomeOf(v))).toEqual([5, 5, 5, BLACKHOLE, BLACKHOLE, LOOP, LOOP, LOOP]);
  });

  it('keeps outcomes equal to a from-scratch walk under random next-hop changes and emits exactly the changes', () => {
    const random = new RandomStreams(3).stream('forwarding-test');
    const n = 40;
    const nextHop = new Int32Array(n).fill(-1);
    const terminal = new Int32Array(n).fill(-1);
    terminal[0] = 0;
    terminal[1] = 1;
    for (let v = 2; v < n; v++) nextHop[v] = random.int(0, v);
    const asCount = 35;
    const plane = new ForwardingPlane(asCount, nextHop, terminal);
    const mirror = Array.from({ length: asCount }, (_, v) => plane.outcomeOf(v));
    const changes: ForwardingChange[] = [];
    plane.changes$.subscribe((c) => {
      changes.push(c);
      expect(c.servingSite).not.toBe(mirror[c.asIndex]);
      mirror[c.asIndex] = c.servingSite;
    });
    for (let step = 0; step < 2_000; step++) {
      const v = random.int(0, n);
      const draw = random.next();
      const hop = draw < 0.1 ? -1 : random.int(0, n);
      const term = draw > 0.95 ? random.int(0, 3) : -1;
      if (term >= 0) terminal[v] = term;
      else {
        terminal[v] = -1;
        nextHop[v] = hop;
      }
      if (term >= 0) nextHop[v] = -1;
      plane.update(v, nextHop[v]!, terminal[v]!, step);
      for (let x = 0; x < n; x++) expect(plane.outcomeOf(x)).toBe(walk(nextHop, terminal, x));
    }
    expect(changes.length).toBeGreaterThan(100);
    expect(changes.every((c) => c.asIndex < asCount)).toBe(true);
    for (let v = 0; v < asCount; v++) expect(mirror[v]).toBe(plane.outcomeOf(v));
  });
});
