import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../sim/index.js';
import { planFlaps, type FlapPlanContext } from './flap-plan.js';
import { addResponses, RESPONSE_FLAP_INDEX_BASE, ResponsePlanError, responseIndexOf } from './response-plan.js';

const context: FlapPlanContext = {
  horizonMs: 3_600_000,
  siteNames: ['pop-0', 'pop-1'],
  siteNeighbourAsns: [[10, 11], [12]],
  linkCount: 1,
  randomLink: () => [1, 2],
};

const flaps = planFlaps(
  [{ type: 'pop-withdraw', pop: 'pop-1', atMs: 60_000, reannounceAtMs: 120_000 }],
  context,
  new RandomStreams(1).stream('flaps'),
);

describe('addResponses', () => {
  it('turns each response into a routing action with an incident of its own, merged in time order', () => {
    const plan = addResponses(
      flaps,
      [
        { pop: 'pop-0', atMs: 120_000, action: { kind: 'restore' } },
        { pop: 'pop-0', atMs: 30_000, action: { kind: 'announce-to', neighbourAsns: [11] } },
        { pop: 'pop-0', atMs: 90_000, action: { kind: 'prepend', prepend: 3 } },
        { pop: 'pop-0', atMs: 100_000, action: { kind: 'withdraw' } },
      ],
      context,
    );
    expect(plan.routing.map((r) => [r.atMs, r.action])).toEqual([
      [30_000, { kind: 'announce-to-site', site: 0, neighbourAsns: [11] }],
      [60_000, { kind: 'withdraw-site', site: 1 }],
      [90_000, { kind: 'prepend-site', site: 0, prepend: 3 }],
      [100_000, { kind: 'withdraw-site', site: 0 }],
      // At equal times the flap's action runs first.
      [120_000, { kind: 'announce-site', site: 1 }],
      [120_000, { kind: 'restore-site', site: 0 }],
    ]);
    expect(plan.incidents.slice(1)).toEqual([
      { flapIndex: RESPONSE_FLAP_INDEX_BASE, incidentClass: 'response', startMs: 120_000 },
      { flapIndex: RESPONSE_FLAP_INDEX_BASE + 1, incidentClass: 'response', startMs: 30_000 },
      { flapIndex: RESPONSE_FLAP_INDEX_BASE + 2, incidentClass: 'response', startMs: 90_000 },
      { flapIndex: RESPONSE_FLAP_INDEX_BASE + 3, incidentClass: 'response', startMs: 100_000 },
    ]);
    const restore = plan.routing.find((r) => r.action.kind === 'restore-site')!;
    expect(responseIndexOf(restore.flapIndex)).toBe(0);
    expect(plan.incidents[restore.incident]!.incidentClass).toBe('response');
    // The flap plan's own incident is untouched.
    expect(plan.incidents[0]).toEqual(flaps.incidents[0]);
  });

  it('adds a triggered response only once fired, at its firing, and restores after forMs under the same incident', () => {
    const triggered = { pop: 'pop-0', atMs: 0, action: { kind: 'withdraw' as const }, trigger: { bitsPerS: 1e9, detectionDelayMs: 30_000 }, forMs: 600_000 };
    expect(addResponses(flaps, [triggered], context).routing).toEqual(flaps.routing);
    const plan = addResponses(flaps, [triggered], context, new Map([[0, 200_000]]));
    const added = plan.routing.filter((r) => responseIndexOf(r.flapIndex) === 0);
    expect(added.map((r) => [r.atMs, r.action.kind])).toEqual([
      [200_000, 'withdraw-site'],
      [800_000, 'restore-site'],
    ]);
    expect(new Set(added.map((r) => r.incident)).size).toBe(1);
    expect(plan.incidents[added[0]!.incident]).toEqual({ flapIndex: RESPONSE_FLAP_INDEX_BASE, incidentClass: 'response', startMs: 200_000 });
  });

  it('names a scenario flap index as no response', () => {
    expect(responseIndexOf(0)).toBeUndefined();
    expect(responseIndexOf(-1)).toBeUndefined();
    expect(responseIndexOf(RESPONSE_FLAP_INDEX_BASE + 7)).toBe(7);
  });

  it('leaves the plan as it is without responses, and drops responses at or after the horizon', () => {
    expect(addResponses(flaps, [], context)).toBe(flaps);
    const late = addResponses(flaps, [{ pop: 'pop-0', atMs: 3_600_000, action: { kind: 'withdraw' } }], context);
    expect(late.routing).toEqual(flaps.routing);
  });

  it('refuses an unknown PoP or a neighbour the PoP does not have, naming the response', () => {
    const unknownPop = (): unknown => addResponses(flaps, [{ pop: 'pop-9', atMs: 0, action: { kind: 'withdraw' } }], context);
    expect(unknownPop).toThrow(ResponsePlanError);
    expect(unknownPop).toThrow(/unknown PoP "pop-9"/);
    try {
      addResponses(flaps, [{ pop: 'pop-0', atMs: 0, action: { kind: 'withdraw' } }, { pop: 'pop-1', atMs: 0, action: { kind: 'announce-to', neighbourAsns: [10] } }], context);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ResponsePlanError);
      expect((error as ResponsePlanError).responseIndex).toBe(1);
      expect((error as ResponsePlanError).field).toBe('neighbours');
      expect((error as ResponsePlanError).message).toMatch(/AS10 is not an upstream or peer of PoP "pop-1"/);
    }
  });
});
