import { describe, expect, it } from 'vitest';
import { DEFAULT_ROUTE_FLAP_DAMPING, RouteFlapDamping } from './route-flap-damping.js';

const HALF_LIFE_MS = DEFAULT_ROUTE_FLAP_DAMPING.halfLifeMs;

describe('RouteFlapDamping', () => {
  it('halves the penalty every half-life', () => {
    const damping = new RouteFlapDamping(DEFAULT_ROUTE_FLAP_DAMPING, 1);
    damping.charge(0, 'withdrawal', 0);
    expect(damping.penaltyAt(0, HALF_LIFE_MS)).toBeCloseTo(500, 9);
    expect(damping.penaltyAt(0, 2 * HALF_LIFE_MS)).toBeCloseTo(250, 9);
  });

  it('suppresses above 2000 and schedules reuse when the penalty decays to 750', () => {
    const damping = new RouteFlapDamping(DEFAULT_ROUTE_FLAP_DAMPING, 1);
    expect(damping.charge(0, 'withdrawal', 0)).toBeUndefined();
    expect(damping.charge(0, 'attribute-change', 0)).toBeUndefined();
    expect(damping.isSuppressed(0)).toBe(false);
    const reuseAtMs = damping.charge(0, 'withdrawal', 0)!;
    expect(damping.isSuppressed(0)).toBe(true);
    expect(damping.penaltyAt(0, reuseAtMs)).toBeCloseTo(750, 6);
    expect(damping.reuseIfDue(0, reuseAtMs - 1)).toBe(false);
    expect(damping.reuseIfDue(0, reuseAtMs)).toBe(true);
    expect(damping.isSuppressed(0)).toBe(false);
  });

  it('caps suppression at the maximum suppress time', () => {
    const damping = new RouteFlapDamping(DEFAULT_ROUTE_FLAP_DAMPING, 1);
    let reuseAtMs = 0;
    for (let f = 0; f < 100; f++) reuseAtMs = damping.charge(0, 'withdrawal', 0)!;
    expect(reuseAtMs).toBeCloseTo(DEFAULT_ROUTE_FLAP_DAMPING.maxSuppressMs, 6);
  });
});
