/**
 * A hot stream for the simulator's per-event paths: one source pushes values, every subscriber
 * is called in turn, synchronously, on each one, and late subscribers get only what comes after
 * they subscribed (after the end: the end at once).
 *
 * Same contract as an rxjs Subject used as a source, without its cost. rxjs's Node build of
 * `Subject.next` allocates an error-context closure and an iterator on every call. Per arrival
 * of millions of sessions that was two fifths of the session pass's garbage, and the routing pass
 * pays it per route change. Here an emission is a plain loop over the subscribers.
 */
import { Observable, type Subscriber } from 'rxjs';

export class HotStream<T> {
  /** Replaced, never mutated, so an emission in progress is not disturbed by (un)subscribing. */
  private subscribers: readonly Subscriber<T>[] = [];
  private completed = false;

  /** The stream to subscribe to (and pipe rxjs operators on). */
  readonly observable: Observable<T> = new Observable<T>((subscriber) => {
    if (this.completed) {
      subscriber.complete();
      return undefined;
    }
    this.subscribers = [...this.subscribers, subscriber];
    return () => {
      this.subscribers = this.subscribers.filter((s) => s !== subscriber);
    };
  });

  /** Pushes `value` to every subscriber. Values are passed as they are: a reused object must be read at once. */
  next(value: T): void {
    const subscribers = this.subscribers;
    for (let i = 0; i < subscribers.length; i++) subscribers[i]!.next(value);
  }

  /** Ends the stream for every subscriber, present and future. */
  complete(): void {
    if (this.completed) return;
    this.completed = true;
    const subscribers = this.subscribers;
    this.subscribers = [];
    for (const subscriber of subscribers) subscriber.complete();
  }
}
