/** The clock and the seeded random streams: the base every other layer builds on. */
export { Clock, DEFAULT_MAX_EVENTS } from './clock.js';
export { EventQueue, EVENT_QUEUE_CAPACITY, type ScheduledEvent } from './event-queue.js';
export { RandomStreams, type RandomStream } from './random.js';
export { meanDurationMs, sampleDurationMs, type DurationDistribution } from './distribution.js';
export { HotStream } from './hot-stream.js';
