import { describe, expect, it } from 'vitest';
import { CatchmentTimelineBuilder } from './catchment-timeline.js';
import { ClientFlipLogBuilder } from './client-flips.js';
import { PerFlowFlips } from './per-flow-flips.js';

/** Two ASes on PoP 0; AS 0 has a second path to PoP 1 from 100 s to 200 s (incident 4). */
function flows(): PerFlowFlips {
  const routed = new CatchmentTimelineBuilder(Int32Array.from([0, 0]));
  routed.record(500_000, 0, 2, 9);
  const log = new ClientFlipLogBuilder();
  log.end(log.start(0, 100_000, 1, 99), 200_000);
  return new PerFlowFlips(routed.build(), log.build(4));
}

describe('PerFlowFlips', () => {
  it('leaves the shared rows alone: established flows never see the flip', () => {
    const perFlow = flows();
    for (const t of [0, 100_000, 150_000, 200_000, 400_000]) expect(perFlow.timeline.landingAt(0, t)).toBe(0);
    expect(perFlow.timeline.landingAt(0, 500_000)).toBe(2);
  });

  it('hashes new flows onto the primary or the alternative, about half each, only while the path set lasts', () => {
    const perFlow = flows();
    let onAlternative = 0;
    for (let h = 0; h < 2000; h++) {
      const flowHash = Math.imul(h, 0x9e3779b1) >>> 0;
      const row = perFlow.open(0, 150_000, flowHash, h);
      if (row === 0) continue;
      onAlternative++;
      expect(row).toBe(2);
      // The alternative's row: PoP 1 until the path set ends, then rehashed back to the routed path.
      expect(perFlow.timeline.landingAt(row, 150_000)).toBe(1);
      expect(perFlow.timeline.landingAt(row, 200_000)).toBe(0);
      expect(perFlow.timeline.incidentAt(row, 200_000)).toBe(4);
      expect(perFlow.timeline.landingAt(row, 500_000)).toBe(2);
      expect(perFlow.timeline.incidentAt(row, 500_000)).toBe(9);
    }
    expect(onAlternative).toBeGreaterThan(900);
    expect(onAlternative).toBeLessThan(1100);
    for (const t of [99_999, 200_000, 300_000]) {
      for (let h = 0; h < 50; h++) expect(perFlow.open(0, t, h, h)).toBe(0);
    }
    expect(perFlow.open(1, 150_000, 12345, 1)).toBe(1);
  });

  it('cross-flow state moved exactly when the flow and the previous flow took different paths, never outside a flip', () => {
    const perFlow = flows();
    let moved = 0;
    for (let h = 0; h < 2000; h++) {
      perFlow.open(0, 150_000, Math.imul(h, 0x85ebca6b) >>> 0, h);
      if (perFlow.crossFlowStateMoved) moved++;
      perFlow.open(0, 300_000, Math.imul(h, 0x85ebca6b) >>> 0, h);
      expect(perFlow.crossFlowStateMoved).toBe(false);
    }
    expect(moved).toBeGreaterThan(900);
    expect(moved).toBeLessThan(1100);
  });
});
