import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CatchmentTimelineBuilder } from '../sessions/index.js';
import { catchmentSampleTimes, EVENT_SAMPLES_MAX, sharesAtInstants } from './catchment-shares.js';

describe('sharesAtInstants', () => {
  it('equals counting every client AS at every instant', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.nat(), fc.integer({ min: -2, max: 5 })), { maxLength: 200 }),
        fc.array(fc.integer({ min: 0, max: 12_000 }), { maxLength: 20 }),
        (ases, popCount, rawChanges, rawInstants) => {
          const builder = new CatchmentTimelineBuilder(Int32Array.from({ length: ases }, (_, a) => a % popCount));
          const changes = [...rawChanges].sort((x, y) => x[0] - y[0]);
          for (const [t, as, landing] of changes) builder.record(t, as % ases, Math.min(landing, popCount - 1));
          const timeline = builder.build();
          const clients = Int32Array.from({ length: ases }, (_, a) => a).filter((a) => a % 3 !== 1);
          if (clients.length === 0) return;
          const instants = [...rawInstants].sort((a, b) => a - b);
          const fast = sharesAtInstants(timeline, clients, popCount, instants);
          instants.forEach((t, i) => {
            const counts = new Array<number>(popCount + 1).fill(0);
            for (const a of clients) {
              const landing = timeline.landingAt(a, t);
              counts[landing >= 0 ? landing : popCount]!++;
            }
            expect(fast[i]).toEqual(counts.map((n) => n / clients.length));
          });
        },
      ),
      { seed: 11, numRuns: 150 },
    );
  });

  it('samples evenly plus after events, with a cap on event samples', () => {
    const few = catchmentSampleTimes(3_600_000, [600_000]);
    expect(few).toContain(600_000 + 5_000);
    expect(few[0]).toBe(0);
    expect(few[few.length - 1]).toBe(3_600_000);
    const many = catchmentSampleTimes(86_400_000, Array.from({ length: 6000 }, (_, i) => i * 14_000 + 7));
    expect(many.length).toBeLessThanOrEqual(241 + EVENT_SAMPLES_MAX);
  });
});

describe('sharesAtInstants weighted', () => {
  it('counts each client AS with its weight, and equals the unweighted shares with weight one', () => {
    // AS 0 (users 1) moves from PoP 0 to PoP 1 at 10 s; AS 1 (users 3) stays on PoP 0; AS 2 (users 4) black-holed at 5 s.
    const builder = new CatchmentTimelineBuilder([0, 0, 1]);
    builder.record(5_000, 2, -1);
    builder.record(10_000, 0, 1);
    const timeline = builder.build();
    const clients = Int32Array.from([0, 1, 2]);
    const users = [1, 3, 4];
    const weighted = sharesAtInstants(timeline, clients, 2, [0, 6_000, 20_000], (as) => users[as]!);
    expect(weighted).toEqual([[0.5, 0.5, 0], [0.5, 0, 0.5], [0.375, 0.125, 0.5]]);
    expect(sharesAtInstants(timeline, clients, 2, [0, 20_000], () => 1)).toEqual(sharesAtInstants(timeline, clients, 2, [0, 20_000]));
  });
});
