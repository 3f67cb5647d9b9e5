/**
 * The data plane: where a packet from an AS ends if every AS on its way forwards to its current
 * BGP next hop (hop-by-hop destination forwarding, RFC 1812 §5.2.4): at an origin or PoP site, in
 * a black hole (an AS on the way has no route) or in a loop (transient during convergence, as
 * measured by Hengartner et al., "Detection and Analysis of Routing Loops", IMW 2002).
 *
 * Kept incrementally: the next hops form a forest (plus, transiently, cycles); each node keeps the
 * list of nodes that forward to it. When a node's next hop changes only the nodes whose forwarding
 * passes through it can change, and only if the node's own outcome changed, so the update walks up
 * the new next-hop chain once and then down that subtree. Every changed outcome is pushed to
 * {@link ForwardingPlane.changes$} synchronously, so the stream is in virtual-time order.
 */
import type { Observable } from 'rxjs';
import { HotStream } from '../sim/index.js';

/** Outcome of a packet whose path reaches an AS with no route. */
export const BLACKHOLE = -1;
/** Outcome of a packet that cycles between ASes. */
export const LOOP = -2;

/** A change of where an AS's packets end. */
export interface ForwardingChange {
  /** Virtual time of the change, ms. */
  readonly timeMs: number;
  /** The AS index whose outcome changed. */
  readonly asIndex: number;
  /** The new outcome: origin or site index, {@link BLACKHOLE} or {@link LOOP}. */
  readonly servingSite: number;
  /**
   * The routing event whose wave changed the next hop behind this change (the caller's id, -1:
   * none): the AS whose route changed, or the AS on this AS's forwarding path whose route did.
   */
  readonly wave: number;
}

const UNSET = -3;

/** Next hops, terminal nodes and forwarding outcomes of every node. */
export class ForwardingPlane {
  private readonly nextHop: Int32Array;
  private readonly terminal: Int32Array;
  private readonly outcome: Int32Array;
  private readonly firstChild: Int32Array;
  private readonly nextSibling: Int32Array;
  private readonly prevSibling: Int32Array;
  private readonly stamp: Uint32Array;
  private stampGeneration = 0;
  private readonly stack: Int32Array;
  private readonly stream = new HotStream<ForwardingChange>();

  /** Changes of forwarding outcome of ASes (nodes below `asCount`), in time order. */
  readonly changes$: Observable<ForwardingChange> = this.stream.observable;

  /**
   * `nextHop[v]` is v's next-hop node or -1; `terminal[v]` the origin or site index v originates
   * for, or -1. The initial outcomes are computed without emitting changes.
   */
  constructor(
    private readonly asCount: number,
    nextHop: Int32Array,
    terminal: Int32Array,
  ) {
    const n = nextHop.length;
    this.nextHop = Int32Array.from(nextHop);
    this.terminal = Int32Array.from(terminal);
    this.outcome = new Int32Array(n).fill(UNSET);
    this.firstChild = new Int32Array(n).fill(-1);
    this.nextSibling = new Int32Array(n).fill(-1);
    this.prevSibling = new Int32Array(n).fill(-1);
    this.stamp = new Uint32Array(n);
    this.stack = new Int32Array(n);
    for (let v = 0; v < n; v++) {
      if (this.terminal[v]! >= 0) this.nextHop[v] = -1;
      if (this.nextHop[v]! >= 0) this.link(v, this.nextHop[v]!);
    }
    for (let v = 0; v < n; v++) {
      if (this.terminal[v]! >= 0) this.fill(v, this.terminal[v]!);
      else if (this.nextHop[v] === -1) this.fill(v, BLACKHOLE);
    }
    for (let v = 0; v < n; v++) if (this.outcome[v] === UNSET) this.fill(v, LOOP);
  }

  /** Where packets from node `v` end now: origin or site index, {@link BLACKHOLE} or {@link LOOP}. */
  outcomeOf(v: number): number {
    return this.outcome[v]!;
  }

  /**
   * Sets `v`'s next hop (-1 for none) and terminal id (-1 unless v originates) at `timeMs`, and
   * re-derives the outcomes that depend on it, emitting each change as part of `wave`.
   */
  update(v: number, nextHop: number, terminal: number, timeMs: number, wave = -1): void {
    const hop = terminal >= 0 ? -1 : nextHop;
    if (hop === this.nextHop[v] && terminal === this.terminal[v]) return;
    if (this.nextHop[v]! >= 0) this.unlink(v);
    this.nextHop[v] = hop;
    this.terminal[v] = terminal;
    if (hop >= 0) this.link(v, hop);
    const result = this.resolve(v);
    if (result === this.outcome[v]) return;
    this.fill(v, result, timeMs, wave);
  }

  /** Completes the stream (the simulation is being discarded). */
  complete(): void {
    this.stream.complete();
  }

  /** Walks the next-hop chain from v's next hop to its end. */
  private resolve(v: number): number {
    if (this.terminal[v]! >= 0) return this.terminal[v]!;
    const generation = this.nextGeneration();
    let x = this.nextHop[v]!;
    for (;;) {
      if (x === -1) return BLACKHOLE;
      if (x === v) return LOOP;
      if (this.terminal[x]! >= 0) return this.terminal[x]!;
      if (this.stamp[x] === generation) return LOOP;
      this.stamp[x] = generation;
      x = this.nextHop[x]!;
    }
  }

  /** Sets `result` on v and every node forwarding through it; emits changes when `timeMs` is given. */
  private fill(v: number, result: number, timeMs?: number, wave = -1): void {
    const generation = this.nextGeneration();
    const stack = this.stack;
    let depth = 0;
    stack[depth++] = v;
    this.stamp[v] = generation;
    while (depth > 0) {
      const x = stack[--depth]!;
      if (this.outcome[x] !== result) {
        this.outcome[x] = result;
        if (timeMs !== undefined && x < this.asCount) this.stream.next({ timeMs, asIndex: x, servingSite: result, wave });
      }
      for (let c = this.firstChild[x]!; c !== -1; c = this.nextSibling[c]!) {
        if (this.stamp[c] === generation) continue;
        this.stamp[c] = generation;
        stack[depth++] = c;
      }
    }
  }

  private nextGeneration(): number {
    this.stampGeneration = (this.stampGeneration + 1) >>> 0;
    if (this.stampGeneration === 0) {
      this.stamp.fill(0);
      this.stampGeneration = 1;
    }
    return this.stampGeneration;
  }

  private link(v: number, parent: number): void {
    const head = this.firstChild[parent]!;
    this.nextSibling[v] = head;
    this.prevSibling[v] = -1;
    if (head !== -1) this.prevSibling[head] = v;
    this.firstChild[parent] = v;
  }

  private unlink(v: number): void {
    const parent = this.nextHop[v]!;
    const prev = this.prevSibling[v]!;
    const next = this.nextSibling[v]!;
    if (prev === -1) this.firstChild[parent] = next;
    else this.nextSibling[prev] = next;
    if (next !== -1) this.prevSibling[next] = prev;
    this.nextSibling[v] = -1;
    this.prevSibling[v] = -1;
  }
}
