import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../sim/index.js';
import { CatchmentTimelineBuilder } from './catchment-timeline.js';
import { overlayClientFlips } from './client-flips.js';

describe('overlayClientFlips', () => {
  const horizonMs = 10 * 3_600_000;
  const base = (): ReturnType<CatchmentTimelineBuilder['build']> => {
    const builder = new CatchmentTimelineBuilder(new Int32Array(200).fill(1));
    builder.record(1_000_000, 0, 2);
    return builder.build();
  };

  it('flips at the configured rate, always to another PoP, and keeps route changes', () => {
    const clients = Int32Array.from({ length: 200 }, (_, i) => i);
    const flipped = overlayClientFlips(base(), clients, { ratePerS: 3 / 3600, unstableFraction: 1 }, 4, horizonMs, new RandomStreams(1).stream('flips'));
    let flips = 0;
    for (let a = 0; a < 200; a++) {
      for (let e = flipped.firstEntry(a) + 1; e < flipped.endEntry(a); e++) {
        expect(flipped.landings[e]).not.toBe(flipped.landings[e - 1]);
        expect(flipped.landings[e]).toBeGreaterThanOrEqual(0);
        expect(flipped.landings[e]).toBeLessThan(4);
        flips++;
      }
    }
    // 200 clients x 30 expected flips each; a flip that picks the routed PoP after a route change
    // is still a change, so the count is close to 6,000 (Poisson sd ~ 77).
    expect(flips).toBeGreaterThan(5600);
    expect(flips).toBeLessThan(6400);
    expect(flipped.landingAt(0, 1_000_000)).toBe(2);
  });

  it('only the unstable share of clients flips', () => {
    const clients = Int32Array.from({ length: 200 }, (_, i) => i);
    const flipped = overlayClientFlips(base(), clients, { ratePerS: 1 / 60, unstableFraction: 0.1 }, 3, horizonMs, new RandomStreams(2).stream('flips'));
    let unstable = 0;
    for (let a = 1; a < 200; a++) if (flipped.endEntry(a) - flipped.firstEntry(a) > 1) unstable++;
    expect(unstable).toBeGreaterThan(8);
    expect(unstable).toBeLessThan(35);
  });
});
