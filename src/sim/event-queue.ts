/**
 * The simulation's event queue: a binary min-heap ordered by (time in ms, insertion sequence).
 *
 * Why a heap and not an rxjs scheduler: rxjs's VirtualTimeScheduler re-sorts its whole action
 * array on every schedule (O(n) per event); a heap is O(log n). Ordering ties by insertion
 * sequence makes events at equal times run in the order they were scheduled, so runs are
 * deterministic. Cancelled events stay in the heap with a flag and are skipped when popped,
 * which keeps cancel O(1) instead of a search.
 */

/** One scheduled event. `cancelled` is set by {@link EventQueue.cancel}; the queue skips it. */
export interface ScheduledEvent {
  readonly timeMs: number;
  readonly seq: number;
  readonly action: () => void;
  cancelled: boolean;
}

/** Hard cap on pending events: a runaway model fails fast instead of exhausting memory. */
export const EVENT_QUEUE_CAPACITY = 50_000_000;

function before(a: ScheduledEvent, b: ScheduledEvent): boolean {
  return a.timeMs < b.timeMs || (a.timeMs === b.timeMs && a.seq < b.seq);
}

/** A binary min-heap of {@link ScheduledEvent}s keyed by (timeMs, seq). */
export class EventQueue {
  private readonly heap: ScheduledEvent[] = [];
  private nextSeq = 0;
  private live = 0;

  /** Events pushed and neither popped nor cancelled. */
  get size(): number {
    return this.live;
  }

  /** Adds an event; equal times keep insertion order. */
  push(timeMs: number, action: () => void): ScheduledEvent {
    if (!Number.isFinite(timeMs)) throw new RangeError(`event time must be finite, got ${timeMs}`);
    if (this.heap.length >= EVENT_QUEUE_CAPACITY) {
      throw new RangeError(`event queue is full (${EVENT_QUEUE_CAPACITY} events pending)`);
    }
    const event: ScheduledEvent = { timeMs, seq: this.nextSeq++, action, cancelled: false };
    const heap = this.heap;
    let i = heap.length;
    heap.push(event);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (!before(event, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = event;
    this.live++;
    return event;
  }

  /** Flags an event so it never runs. Cancelling twice, or after it ran, does nothing. */
  cancel(event: ScheduledEvent): void {
    if (event.cancelled) return;
    event.cancelled = true;
    this.live--;
  }

  /** The earliest live event without removing it, or undefined when none is left. */
  peek(): ScheduledEvent | undefined {
    this.dropCancelledTop();
    return this.heap[0];
  }

  /** Removes and returns the earliest live event, or undefined when none is left. */
  pop(): ScheduledEvent | undefined {
    this.dropCancelledTop();
    const top = this.removeTop();
    if (top !== undefined) {
      this.live--;
      // A popped event can no longer be cancelled; flagging it keeps `size` right if someone tries.
      top.cancelled = true;
    }
    return top;
  }

  private dropCancelledTop(): void {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) this.removeTop();
  }

  private removeTop(): ScheduledEvent | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    const n = heap.length;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && before(heap[right]!, heap[left]!) ? right : left;
      if (!before(heap[child]!, last)) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = last;
    return top;
  }
}
