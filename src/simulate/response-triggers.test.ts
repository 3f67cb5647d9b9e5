import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../scenario/index.js';
import { simulate } from './simulate.js';
import { singleSourceAttack } from '../../test/attack-scenario.js';

const BASE = singleSourceAttack('triggered', 1, false);

/** Every PoP withdraws itself 30 s after its offered load reaches 100 Mbps, for 5 minutes. */
const TRIGGERS = `responses:
  - plan: shed
    actions:
${[0, 1, 2].map((p) => `      - { action: withdraw, pop: pop-${p}, when: { loadAbove: 100Mbps, detectionDelay: 30s }, for: 5m }`).join('\n')}
`;

describe('load-triggered responses', () => {
  it('fire at the crossing plus the detection delay, one after another as the attack moves, and equal the same responses at fixed times', async () => {
    const result = await simulate(parseScenarioText(BASE + TRIGGERS), { workers: 1 });
    const events = result.convergence.events.filter((e) => e.description.startsWith('withdraw'));
    // The attack moves after the first withdrawal and sets off at least one more PoP.
    expect(events.length).toBeGreaterThanOrEqual(2);
    // The first PoP the attack lands on crosses 100 Mbps in the attack's first second (legitimate load is far below).
    expect(events[0]!.atMs).toBe(600_000 + 30_000);
    // Later firings are caused by the attack moving after an earlier withdrawal: strictly later, on other PoPs.
    for (let i = 1; i < events.length; i++) {
      expect(events[i]!.atMs).toBeGreaterThan(events[i - 1]!.atMs);
      expect(events[i]!.description).not.toBe(events[0]!.description);
    }
    // Each withdrawal is restored 5 minutes later.
    const restores = result.convergence.events.filter((e) => e.description.endsWith('restored'));
    expect(restores.map((e) => e.atMs)).toEqual(events.map((e) => e.atMs + 300_000).filter((t) => t < 1_800_000));

    // Causality: the same withdrawals written at the instants they fired give the same run.
    const fixed = events.map((e) => `      - { action: withdraw, pop: ${e.description.replace('withdraw ', '')}, at: ${e.atMs / 1000}s, for: 5m }`).join('\n');
    const replay = await simulate(parseScenarioText(`${BASE}responses:\n  - plan: fixed\n    actions:\n${fixed}\n`), { workers: 1 });
    const timed = (list: readonly (typeof events)[number][]) => list.map(({ atMs, description }) => ({ atMs, description }));
    expect(timed(replay.convergence.events)).toEqual(timed(result.convergence.events));
    expect(replay.results).toEqual(result.results);
  });

  it('never fire when the load stays below the threshold', async () => {
    const high = TRIGGERS.replaceAll('100Mbps', '100Gbps');
    const result = await simulate(parseScenarioText(BASE + high), { workers: 1 });
    expect(result.convergence.events.filter((e) => e.description.startsWith('withdraw'))).toEqual([]);
  });
});
