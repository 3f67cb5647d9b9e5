import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../sim/index.js';
import { CatchmentTimelineBuilder } from './catchment-timeline.js';
import { ClientFlipLogBuilder, drawFlipInstants, overlayClientFlips } from './client-flips.js';

describe('drawFlipInstants', () => {
  const horizonMs = 10 * 3_600_000;
  const clients = Int32Array.from({ length: 200 }, (_, i) => i);

  it('draws Poisson instants at the configured rate for every unstable client, sorted, within the run', () => {
    const instants = drawFlipInstants(clients, { ratePerS: 3 / 3600, unstableFraction: 1 }, horizonMs, new RandomStreams(1).stream('flips'));
    expect(instants.clients.length).toBe(200);
    let count = 0;
    for (const times of instants.timesMs) {
      for (let i = 0; i < times.length; i++) {
        expect(times[i]).toBeGreaterThanOrEqual(i === 0 ? 0 : times[i - 1]!);
        expect(times[i]).toBeLessThan(horizonMs);
      }
      count += times.length;
    }
    // 200 clients x 30 expected instants each (Poisson sd ~ 77).
    expect(count).toBeGreaterThan(5600);
    expect(count).toBeLessThan(6400);
  });

  it('only the unstable share of clients flips, and the same stream gives the same draws', () => {
    const draw = () => drawFlipInstants(clients, { ratePerS: 1 / 60, unstableFraction: 0.1 }, horizonMs, new RandomStreams(2).stream('flips'));
    const instants = draw();
    expect(instants.clients.length).toBeGreaterThan(8);
    expect(instants.clients.length).toBeLessThan(35);
    expect(draw()).toEqual(instants);
  });

  it('refuses a rate that would exceed the per-client limit', () => {
    expect(() => drawFlipInstants(clients, { ratePerS: 1, unstableFraction: 1 }, 2e9, new RandomStreams(3).stream('flips'))).toThrow(/exceeds/);
  });
});

describe('overlayClientFlips (per packet)', () => {
  /** AS 0 lands on PoP 1, then PoP 2 from 1,000 s (incident 7); AS 1 always on PoP 0. */
  const routed = () => {
    const builder = new CatchmentTimelineBuilder(Int32Array.from([1, 0]));
    builder.record(1_000_000, 0, 2, 7);
    return builder.build();
  };

  it('lands the client on the flip site while the flip lasts, then back on its routed landing, naming the flip', () => {
    const log = new ClientFlipLogBuilder();
    log.end(log.start(0, 100_000, 3, 99), 200_000);
    log.end(log.start(1, 50_000, 2, 99), 60_000);
    log.start(1, 500_000, 3, 99);
    const timeline = overlayClientFlips(routed(), log.build(20));
    const entries = (a: number) =>
      Array.from({ length: timeline.endEntry(a) - timeline.firstEntry(a) }, (_, i) => {
        const e = timeline.firstEntry(a) + i;
        return [timeline.timesMs[e], timeline.landings[e], timeline.incidents[e]];
      });
    expect(entries(0)).toEqual([
      [0, 1, -1],
      [100_000, 3, 21],
      [200_000, 1, 21],
      [1_000_000, 2, 7],
    ]);
    // A flip without an end lasts to the end of the route history.
    expect(entries(1)).toEqual([
      [0, 0, -1],
      [50_000, 2, 20],
      [60_000, 0, 20],
      [500_000, 3, 22],
    ]);
  });

  it('a route change of its own that ends a flip names the route change', () => {
    const log = new ClientFlipLogBuilder();
    log.end(log.start(0, 900_000, 3, 99), 1_000_000);
    const timeline = overlayClientFlips(routed(), log.build(20));
    expect(timeline.landingAt(0, 999_999)).toBe(3);
    expect(timeline.landingAt(0, 1_000_000)).toBe(2);
    expect(timeline.incidentAt(0, 1_000_000)).toBe(7);
  });

  it('sorts the log by client and start, and numbers incidents in start order', () => {
    const builder = new ClientFlipLogBuilder();
    builder.start(5, 10, 1, 99);
    builder.start(2, 20, 1, 99);
    builder.start(5, 30, 0, 99);
    const log = builder.build(0);
    expect([...log.asIndex]).toEqual([2, 5, 5]);
    expect([...log.startMs]).toEqual([20, 10, 30]);
    expect([...log.incident]).toEqual([1, 0, 2]);
    expect(() => builder.end(0, 5)).toThrow(/before it starts/);
  });

  it('numbers flips that start at the same instant by client, and lists every start in order', () => {
    const builder = new ClientFlipLogBuilder();
    builder.start(7, 50, 1, 99);
    builder.start(3, 50, 1, 99);
    builder.start(7, 60, 0, 99);
    builder.start(3, 40, 0, 99);
    expect(() => builder.build(10)).toThrow(/out of time order/);
    const inOrder = new ClientFlipLogBuilder();
    for (const [as, atMs] of [[7, 50], [3, 20], [3, 50], [7, 60], [5, 50]] as const) inOrder.start(as, atMs, 1, 99);
    const log = inOrder.build(10);
    expect([...log.asIndex]).toEqual([3, 3, 5, 7, 7]);
    expect([...log.startMs]).toEqual([20, 50, 50, 50, 60]);
    // Start order 20 (AS 3), then 50 for ASes 3, 5, 7, then 60.
    expect([...log.incident]).toEqual([10, 11, 12, 13, 14]);
    expect([...log.incidentStartsMs]).toEqual([20, 50, 50, 50, 60]);
  });
});
