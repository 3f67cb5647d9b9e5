/**
 * An AS_PATH (RFC 4271 §5.1.2) as an immutable linked list from the AS holding the route to the
 * origin: the route an AS announces is its own node consed onto the route it selected, so a
 * neighbour's Adj-RIB-In shares the announcer's list instead of copying it (O(1) per UPDATE).
 */

/** One AS_PATH: `node` first, then `rest`; `length` counts ASes with prepends. */
export class RoutePath {
  constructor(
    /** The routing-network node at the head of the path. */
    readonly node: number,
    /** ASes on the path including prepended copies (RFC 4271 §9.1.2.2 a counts them). */
    readonly length: number,
    /** The path of the next hop, or null at the origin. */
    readonly rest: RoutePath | null,
  ) {}

  /** Whether `node` is on the path: the loop check of RFC 4271 §9.1.2. O(path length). */
  contains(node: number): boolean {
    for (let p: RoutePath | null = this; p !== null; p = p.rest) if (p.node === node) return true;
    return false;
  }

  /** Whether two paths list the same nodes with the same lengths. */
  sameAs(other: RoutePath | null): boolean {
    let a: RoutePath | null = this;
    let b = other;
    while (a !== null && b !== null) {
      if (a === b) return true;
      if (a.node !== b.node || a.length !== b.length) return false;
      a = a.rest;
      b = b.rest;
    }
    return a === b;
  }
}
