/**
 * Which ASes can reach a prefix that enters the network at one AS, ignoring which route each
 * picks: in the Gao-Rexford model an AS has a route in the steady state exactly when a valley-free
 * path leads from it to the origin (Gao & Rexford 2001: own and customer routes are exported to
 * everyone, peer and provider routes to customers only). Walking up provider links from an entry
 * that holds a customer route, one peer step from any of those, then down customer links gives
 * that set without the path lengths and tie-breaks of steady-state.ts. A single-origin prefix is
 * reachable from the union of the sets of the origin's live neighbours, so a PoP's unicast
 * reachability under any set of failed PoP links is an OR of per-neighbour sets.
 *
 * Most climbs end at the same few provider-less ASes (the tier-1 clique), whose downward sets
 * cover most of the graph: {@link ValleyFreeReach} keeps the set of each such root (its cone and
 * its peers' cones) and walks down only from what the roots do not already cover.
 */
import type { RoutingNetwork } from './routing-network.js';

/** Valley-free reachability over one link state, with the roots' sets kept between calls. */
export class ValleyFreeReach {
  private readonly words: number;
  private readonly rootReach = new Map<number, Uint32Array>();
  private readonly onUp: Uint8Array;
  private readonly down: Uint8Array;
  private readonly upStack: Int32Array;
  private readonly downStack: Int32Array;

  /** `up[k] === 1` where slot k carries routes; call {@link linksChanged} after changing AS-AS slots. */
  constructor(
    private readonly network: RoutingNetwork,
    private readonly up: Uint8Array,
  ) {
    const n = network.asCount;
    this.words = Math.ceil(n / 32);
    this.onUp = new Uint8Array(n);
    this.down = new Uint8Array(n);
    this.upStack = new Int32Array(n);
    this.downStack = new Int32Array(n);
  }

  /** Forgets the roots' sets (an AS-AS link changed). */
  linksChanged(): void {
    this.rootReach.clear();
  }

  /**
   * One bit per AS (bit a of word a >>> 5): the ASes with a valley-free path to a prefix that AS
   * `entry` holds as a customer route (`customerRoute`: learned from a customer or its own,
   * exported to all) or as a peer route (exported to customers only).
   */
  from(entry: number, customerRoute: boolean): Uint32Array {
    const { asCount, offsets, peerStart, providerStart, neighbours } = this.network;
    const bits = new Uint32Array(this.words);
    this.onUp.fill(0);
    const sources: number[] = [entry];
    if (customerRoute) {
      // Customer routes climb to providers; each climbing AS also offers its route to its peers.
      let depth = 0;
      this.onUp[entry] = 1;
      this.upStack[depth++] = entry;
      while (depth > 0) {
        const u = this.upStack[--depth]!;
        let root = true;
        for (let k = providerStart[u]!; k < offsets[u + 1]!; k++) {
          const v = neighbours[k]!;
          if (this.up[k] !== 1 || v >= asCount) continue;
          root = false;
          if (this.onUp[v] === 0) {
            this.onUp[v] = 1;
            this.upStack[depth++] = v;
          }
        }
        if (root) {
          const reach = this.rootSet(u);
          for (let w = 0; w < this.words; w++) bits[w]! |= reach[w]!;
        } else {
          sources.push(u);
          for (let k = peerStart[u]!; k < providerStart[u]!; k++) if (this.up[k] === 1 && neighbours[k]! < asCount) sources.push(neighbours[k]!);
        }
      }
    }
    this.walkDown(sources, bits, true);
    return bits;
  }

  /** A root's set: its cone and its peers' cones (what its customer route reaches). */
  private rootSet(root: number): Uint32Array {
    const known = this.rootReach.get(root);
    if (known !== undefined) return known;
    const { asCount, peerStart, providerStart, neighbours } = this.network;
    const sources = [root];
    for (let k = peerStart[root]!; k < providerStart[root]!; k++) if (this.up[k] === 1 && neighbours[k]! < asCount) sources.push(neighbours[k]!);
    const bits = new Uint32Array(this.words);
    this.walkDown(sources, bits, false);
    this.rootReach.set(root, bits);
    return bits;
  }

  /** Adds to `bits` everything down customer links from `sources`; with `skipKnown`, ASes already in `bits` (and so their cones) are not walked again. */
  private walkDown(sources: readonly number[], bits: Uint32Array, skipKnown: boolean): void {
    const { asCount, offsets, peerStart, neighbours } = this.network;
    const down = this.down;
    const stack = this.downStack;
    const known = (v: number): boolean => skipKnown && (bits[v >>> 5]! & (1 << (v & 31))) !== 0;
    down.fill(0);
    let depth = 0;
    for (const s of sources) {
      if (down[s] === 0 && !known(s)) {
        down[s] = 1;
        stack[depth++] = s;
      }
    }
    // Marks first, then walks: cones of ASes already known are skipped as a whole.
    while (depth > 0) {
      const u = stack[--depth]!;
      bits[u >>> 5]! |= 1 << (u & 31);
      for (let k = offsets[u]!; k < peerStart[u]!; k++) {
        const v = neighbours[k]!;
        if (this.up[k] === 1 && v < asCount && down[v] === 0 && !known(v)) {
          down[v] = 1;
          stack[depth++] = v;
        }
      }
    }
  }
}
