import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../scenario/index.js';
import { simulate } from './simulate.js';
import { singleSourceAttack } from '../../test/attack-scenario.js';

const BASE = singleSourceAttack('attack-view', 1, true);

describe('attack views', () => {
  it('put a single source attack on one PoP, which drops what exceeds its capacity', async () => {
    const result = await simulate(parseScenarioText(BASE), { workers: 1 });
    const attack = result.attacks![0]!;
    expect(attack.sourceAses).toBe(1);
    expect(attack.phases.map((p) => [p.description, p.fromMs, p.toMs])).toEqual([['attack starts', 600_000, 1_200_000]]);
    const phase = attack.phases[0]!;
    // A single source lands on one PoP at a time: here, no route changes, all on one PoP.
    const target = phase.attackShareByPop.findIndex((s) => s > 0);
    expect(phase.attackShareByPop[target]).toBeCloseTo(1, 9);
    expect(phase.unreachedShare).toBe(0);
    // 1 Gbps into 250 Mbps: three quarters dropped (the legitimate load adds a hair).
    expect(phase.droppedShareOfAttack).toBeGreaterThan(0.75);
    expect(phase.droppedShareOfAttack).toBeLessThan(0.76);
    // The chart's series: the attack part at the target is 1 Gbps inside the attack, 0 outside.
    const bin = (tMs: number): number => Math.floor(tMs / attack.binMs);
    expect(attack.attackBitsPerS[target]![bin(900_000)]).toBeCloseTo(1e9, 0);
    expect(attack.attackBitsPerS[target]![bin(300_000)]).toBe(0);
    expect(attack.droppedBitsPerS[target]![bin(900_000)]).toBeGreaterThan(0.75e9);
    // offered = legitimate + attack >= attack everywhere.
    attack.offeredBitsPerS.forEach((row, p) => row.forEach((v, b) => expect(v).toBeGreaterThanOrEqual(attack.attackBitsPerS[p]![b]!)));
  });

  it('split the attack into phases at the responses and follow its traffic away from a withdrawn PoP', async () => {
    const first = await simulate(parseScenarioText(BASE), { workers: 1 });
    const target = first.attacks![0]!.phases[0]!.attackShareByPop.findIndex((s) => s > 0);
    const result = await simulate(parseScenarioText(`${BASE}responses:\n  - plan: shed\n    actions: [{ action: withdraw, pop: pop-${target}, at: 12m, for: 20m }]\n`), { workers: 1 });
    const phases = result.attacks![0]!.phases;
    expect(phases.map((p) => [p.description, p.fromMs, p.toMs])).toEqual([
      ['attack starts', 600_000, 720_000],
      [`after withdraw pop-${target}`, 720_000, 1_200_000],
    ]);
    expect(phases[0]!.attackShareByPop[target]).toBeCloseTo(1, 9);
    // After the withdrawal the attack lands elsewhere but for the seconds BGP takes to converge.
    expect(phases[1]!.attackShareByPop[target]).toBeLessThan(0.05);
    expect(phases[1]!.attackShareByPop.reduce((a, b) => a + b, 0) + phases[1]!.unreachedShare).toBeCloseTo(1, 9);
  });
});
