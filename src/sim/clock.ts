/**
 * The virtual-time clock: `now`, schedule at an absolute time or after a delay, cancel, and run
 * until a time or until nothing is left. Everything else in anysim is a model built on it
 * (SimPy's discrete-event core is the example), never inside it.
 */
import { EventQueue, type ScheduledEvent } from './event-queue.js';

export type { ScheduledEvent } from './event-queue.js';

/** Default bound on events run by one {@link Clock.run} call: a model that never quiesces fails. */
export const DEFAULT_MAX_EVENTS = 200_000_000;

/** Virtual time in milliseconds driven by one binary-heap event queue. */
export class Clock {
  private readonly queue = new EventQueue();
  private currentMs: number;

  constructor(startMs = 0) {
    this.currentMs = startMs;
  }

  /** The current virtual time in ms. */
  get nowMs(): number {
    return this.currentMs;
  }

  /** Live events still waiting. */
  get pending(): number {
    return this.queue.size;
  }

  /** Schedules `action` at absolute time `atMs`, which must not be in the past. */
  schedule(atMs: number, action: () => void): ScheduledEvent {
    if (atMs < this.currentMs) {
      throw new RangeError(`cannot schedule at ${atMs} ms: the clock is already at ${this.currentMs} ms`);
    }
    return this.queue.push(atMs, action);
  }

  /** Schedules `action` `delayMs` from now (a non-negative delay). */
  scheduleAfter(delayMs: number, action: () => void): ScheduledEvent {
    if (!(delayMs >= 0)) throw new RangeError(`delay must be >= 0 ms, got ${delayMs}`);
    return this.queue.push(this.currentMs + delayMs, action);
  }

  /** Flags an event so it never runs. */
  cancel(event: ScheduledEvent): void {
    this.queue.cancel(event);
  }

  /**
   * Runs every event with time <= `endMs` in (time, sequence) order, including events those
   * events schedule, then leaves the clock at `endMs`.
   */
  runUntil(endMs: number, maxEvents = DEFAULT_MAX_EVENTS): void {
    if (endMs < this.currentMs) {
      throw new RangeError(`cannot run until ${endMs} ms: the clock is already at ${this.currentMs} ms`);
    }
    this.drain(endMs, maxEvents);
    this.currentMs = endMs;
  }

  /** Runs until no event is left (or `maxEvents` have run, which throws: the model never quiesced). */
  run(maxEvents = DEFAULT_MAX_EVENTS): void {
    this.drain(Number.POSITIVE_INFINITY, maxEvents);
  }

  private drain(endMs: number, maxEvents: number): void {
    let budget = maxEvents;
    for (;;) {
      const next = this.queue.peek();
      if (next === undefined || next.timeMs > endMs) return;
      if (budget-- <= 0) {
        throw new RangeError(`the model did not quiesce: more than ${maxEvents} events before ${endMs} ms`);
      }
      this.queue.pop();
      if (next.timeMs < this.currentMs) {
        throw new Error(`invariant: time went backwards (${next.timeMs} ms < ${this.currentMs} ms)`);
      }
      this.currentMs = next.timeMs;
      next.action();
    }
  }
}
