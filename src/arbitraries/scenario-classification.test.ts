import { describe, expect, it } from 'vitest';
import { parseScenarioText, type Scenario } from '../scenario/index.js';
import { classifyScenario, scenarioHasServerChurn, scenarioIsLossless } from './scenario-classification.js';
import { compareScenarioSize, scenarioSize } from './scenario-size.js';

function scenario(flaps: string, ases = 100, pops = 2, more = ''): Scenario {
  return parseScenarioText(
    `name: c\nduration: 1h\ntopology: { synthetic: { ases: ${ases} } }\npops: { count: ${pops} }\nflaps: ${flaps}\nworkload: [{ protocol: db, arrivals: 1/s, duration: { fixed: 1s } }]\n${more}`,
    'c.yaml',
  );
}

describe('classifyScenario and scenarioSize', () => {
  it('labels flap types, loss and churn', () => {
    expect(classifyScenario(scenario('[]'))).toEqual(['flaps:none', 'lossless']);
    const flips = scenario('[{ type: client-flips, rate: 1/h }, { type: server-churn, pop: pop-0, at: 1m, action: add }]');
    expect(classifyScenario(flips)).toEqual(['flap:client-flips', 'flap:server-churn', 'lossless', 'server-churn']);
    expect(scenarioIsLossless(flips) && scenarioHasServerChurn(flips)).toBe(true);
    const withdraw = scenario('[{ type: pop-withdraw, pop: pop-1, at: 1m }]');
    expect(classifyScenario(withdraw)).toEqual(['flap:pop-withdraw', 'may-drop']);
    expect(scenarioIsLossless(withdraw)).toBe(false);
    const attacked = scenario(
      '[{ type: ddos, at: 1m, duration: 5m, volume: 1Gbps, sources: { count: 3 } }]',
      100,
      2,
      'capacity: { default: { packets: 1Mpps } }\nresponses: [{ plan: absorb, actions: [] }, { plan: shed, actions: [{ action: withdraw, pop: pop-0, at: 2m }] }]\n',
    );
    expect(classifyScenario(attacked)).toEqual(['flap:ddos', 'may-drop', 'capacity', 'responses']);
  });

  it('orders sizes by ASes, then PoPs, flaps and run length', () => {
    const small = scenarioSize(scenario('[]', 100, 3));
    expect(small).toEqual({ ases: 100, pops: 3, flaps: 0, durationMs: 3_600_000 });
    expect(compareScenarioSize(small, scenarioSize(scenario('[]', 101, 2)))).toBeLessThan(0);
    expect(compareScenarioSize(small, scenarioSize(scenario('[]', 100, 2)))).toBeGreaterThan(0);
    expect(compareScenarioSize(small, scenarioSize(scenario('[{ type: client-flips, rate: 1/h }]', 100, 3)))).toBeLessThan(0);
    expect(compareScenarioSize(small, small)).toBe(0);
  });
});
