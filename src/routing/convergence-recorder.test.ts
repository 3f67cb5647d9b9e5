import { describe, expect, it } from 'vitest';
import { Clock, RandomStreams } from '../sim/index.js';
import { buildAsGraph } from '../topology/index.js';
import { BgpSimulation } from './bgp-simulation.js';
import { ConvergenceRecorder, nearestRankPercentile } from './convergence-recorder.js';

describe('nearestRankPercentile', () => {
  it('takes the nearest rank', () => {
    const values = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    expect(nearestRankPercentile(values, 50)).toBe(50);
    expect(nearestRankPercentile(values, 90)).toBe(90);
    expect(nearestRankPercentile(values, 100)).toBe(100);
    expect(nearestRankPercentile([7], 50)).toBe(7);
    expect(nearestRankPercentile([], 50)).toBe(0);
  });
});

describe('ConvergenceRecorder', () => {
  it('measures settle times and black-hole time from the first event', () => {
    // Chain 1 <- 2 <- 3 (each a provider of the previous); 1 originates, then withdraws at 1 s.
    const graph = buildAsGraph({ a: [2, 3], b: [1, 2], rel: [-1, -1], count: 2 });
    const clock = new Clock();
    const simulation = new BgpSimulation(clock, graph, [1], {}, new RandomStreams(1));
    const recorder = new ConvergenceRecorder(simulation, 1_000);
    clock.schedule(1_000, () => simulation.withdrawOrigin(1));
    clock.run();
    const report = recorder.finish(clock.nowMs + 500);
    expect([...report.ases.keys()]).toEqual([0, 1, 2]);
    const as1 = report.ases.get(0)!;
    expect(as1.routeSettledMs).toBe(0);
    const as3 = report.ases.get(2)!;
    expect(as3.routeSettledMs!).toBeGreaterThan(report.ases.get(1)!.routeSettledMs!);
    expect(as3.forwardingSettledMs).toBe(0);
    // Everyone is black-holed from the withdrawal to the end of the recording.
    expect(as3.blackholeMs).toBeCloseTo(clock.nowMs + 500 - 1_000, 9);
    expect(as3.loopMs).toBe(0);
    expect(report.convergenceMs.max).toBe(as3.routeSettledMs);
  });
});
