import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../sim/index.js';
import { nthCheckAfter, planFlaps, type FlapPlanContext } from './flap-plan.js';

const context: FlapPlanContext = {
  horizonMs: 3_600_000,
  siteNames: ['pop-0', 'pop-1'],
  siteNeighbourAsns: [[10, 11], [12]],
  linkCount: 1,
  randomLink: () => [1, 2],
};

describe('planFlaps', () => {
  it('withdraws a failed PoP at the threshold-th health check after it fails', () => {
    expect(nthCheckAfter(12_500, 5_000, 3)).toBe(25_000);
    const plan = planFlaps(
      [{ type: 'pop-failure', pop: 'pop-1', atMs: 12_500, recoverAtMs: 100_000, healthCheckIntervalMs: 5_000, failureThreshold: 3 }],
      context,
      new RandomStreams(1).stream('flaps'),
    );
    expect(plan.routing.map((r) => [r.atMs, r.action.kind])).toEqual([
      [25_000, 'withdraw-site'],
      [105_000, 'announce-site'],
    ]);
    expect(plan.siteOutages).toEqual([[], [[12_500, 100_000, 0]]]);
    // The outage, the withdrawal at detection and the re-announcement are one incident.
    expect(plan.incidents).toEqual([{ flapIndex: 0, incidentClass: 'pop-failure', startMs: 12_500 }]);
    expect(plan.routing.map((r) => r.incident)).toEqual([0, 0]);
  });

  it('a silent death kills the site at once and keeps it dead', () => {
    const plan = planFlaps([{ type: 'silent-death', pop: 'pop-0', atMs: 60_000 }], context, new RandomStreams(1).stream('flaps'));
    expect(plan.routing).toEqual([{ atMs: 60_000, action: { kind: 'kill-site', site: 0 }, flapIndex: 0, incident: 0 }]);
    expect(plan.siteOutages[0]).toEqual([[60_000, Number.POSITIVE_INFINITY, 0]]);
  });

  it('a drain prepends first and withdraws later', () => {
    const plan = planFlaps(
      [{ type: 'maintenance-drain', pop: 'pop-0', atMs: 1_000, prepend: 3, withdrawAfterMs: 300_000 }],
      context,
      new RandomStreams(1).stream('flaps'),
    );
    expect(plan.routing.map((r) => r.action)).toEqual([
      { kind: 'prepend-site', site: 0, prepend: 3 },
      { kind: 'withdraw-site', site: 0 },
    ]);
  });

  it('link flaps are Poisson at the given rate per link, on PoP upstream links, and never leave a link half-open', () => {
    const plan = planFlaps(
      [{ type: 'link-flaps', ratePerS: 1 / 180, downTime: { kind: 'exponential', meanMs: 120_000 }, links: 'pop-upstreams' }],
      { ...context, horizonMs: 100 * 3_600_000 },
      new RandomStreams(2).stream('flaps'),
    );
    const downs = plan.routing.filter((r) => r.action.kind === 'site-link-down').length;
    const ups = plan.routing.filter((r) => r.action.kind === 'site-link-up').length;
    // 3 links x 1/180 per s over 100 h: 6,000 flaps; overlapping flaps of one link nest, so fewer transitions.
    expect(downs).toBeGreaterThan(1000);
    expect(downs).toBeLessThan(6600);
    expect(Math.abs(downs - ups)).toBeLessThanOrEqual(3);
    const state = new Map<string, boolean>();
    for (const { action } of plan.routing) {
      if (action.kind !== 'site-link-down' && action.kind !== 'site-link-up') continue;
      const key = `${action.site}-${action.neighbourAsn}`;
      const down = action.kind === 'site-link-down';
      expect(state.get(key) ?? false).toBe(!down);
      state.set(key, down);
    }
    // Each drawn flap is one incident; a link's down and its up belong to the same one unless a
    // nested flap took over the link's up.
    expect(plan.incidents.every((i) => i.incidentClass === 'link-flap' && i.flapIndex === 0)).toBe(true);
    const firstDown = plan.routing.find((r) => r.action.kind === 'site-link-down')!;
    expect(plan.incidents[firstDown.incident]!.startMs).toBe(firstDown.atMs);
  });

  it('the same stream gives the same plan; names it does not know are an error', () => {
    const spec = [{ type: 'link-flaps', ratePerS: 0.01, downTime: { kind: 'fixed', valueMs: 5_000 }, links: 'any' }] as const;
    const a = planFlaps(spec, context, new RandomStreams(9).stream('flaps'));
    const b = planFlaps(spec, context, new RandomStreams(9).stream('flaps'));
    expect(a).toEqual(b);
    expect(() =>
      planFlaps([{ type: 'pop-withdraw', pop: 'pop-9', atMs: 0 }], context, new RandomStreams(1).stream('flaps')),
    ).toThrow(/flaps\[0\]: unknown PoP "pop-9"/);
  });
});
