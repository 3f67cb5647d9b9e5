import { describe, expect, it } from 'vitest';
import { COST_LIMITS, estimateScenarioCost } from './cost-estimate.js';
import { parseScenarioText } from './load-scenario.js';
import { REFERENCE_SCENARIO_TEXT, referenceScenario } from './reference-scenario.js';
import { ScenarioError } from './scenario-error.js';

const BASE = `name: cost
duration: 2h
topology: { synthetic: { ases: 300 } }
pops: { count: 4 }
workload:
  - { protocol: websocket, arrivals: 20/s, duration: { fixed: 3m } }
  - { protocol: dns-udp, arrivals: 30/s, duration: { fixed: 100ms } }
architectures: [edge]
`;

function problemsOf(text: string, limits = true): string {
  try {
    parseScenarioText(text, 'cost.yaml', { env: {}, limits });
    return '';
  } catch (error) {
    if (error instanceof ScenarioError) return error.message;
    throw error;
  }
}

describe('estimateScenarioCost', () => {
  it('counts expected sessions, pinned flap events and table bytes', () => {
    const cost = estimateScenarioCost(parseScenarioText(BASE, 'cost.yaml', { env: {} }));
    expect(cost.sessions).toBe(50 * 7200);
    expect(cost.flapEvents).toBe(0);
    // Maglev by default: (4 PoPs + the shared pool) x 65537 entries x 6 bytes.
    expect(cost.tableBytes).toBe(5 * 65_537 * 6);
  });

  it('the reference scenario is far below every limit', () => {
    const cost = estimateScenarioCost(referenceScenario());
    expect(cost.sessions).toBeLessThan(COST_LIMITS.sessionsMax / 100);
    expect(cost.tableBytes).toBeLessThan(COST_LIMITS.tableBytesMax / 100);
    expect(problemsOf(REFERENCE_SCENARIO_TEXT)).toBe('');
  });

  it('refuses 10M sessions/s for 30 days at the arrival rate line, and limits: false lifts it', () => {
    const text = BASE.replace('2h', '30d').replace('30/s', '10000000/s');
    expect(problemsOf(text)).toBe(
      'cost.yaml:7: workload[1].arrivals: the workload makes about 2.59e13 sessions over 30d; the limit is 1.00e9 (docs/scenarios.md, Limits): lower the arrival rates or the duration, or run it anyway with --no-limits',
    );
    expect(problemsOf(text, false)).toBe('');
  });

  it('refuses 1000 PoPs with Maglev tables of 16777213 entries at the table size line', () => {
    const text = BASE.replace('pops: { count: 4 }', 'pops: { count: 1000 }\nservers: { algorithm: maglev, tableSize: 16777213 }');
    expect(problemsOf(text)).toMatch(/^cost\.yaml:5: servers\.tableSize: 1000 PoPs' maglev tables need about 1\.01e11 bytes; the limit is 2\.15e9 \(2 GiB\)/);
  });

  it('refuses link flaps over the planner cap even without limits; lists every problem in line order', () => {
    const text = `${BASE.replace('2h', '30d').replace('30/s', '10000000/s')}flaps:\n  - { type: link-flaps, rate: 1/s, downTime: { fixed: 1s }, links: pop-upstreams }\n`;
    const message = problemsOf(text);
    expect(message.split('\n')).toEqual([
      'cost.yaml: 2 problems in the scenario:',
      expect.stringMatching(/^ {2}cost\.yaml:7: workload\[1\]\.arrivals: /),
      expect.stringMatching(/^ {2}cost\.yaml:10: flaps\[0\]\.rate: link-flaps plans about 4\.15e7 routing events over 30d; the limit is 1\.00e6/),
    ]);
    expect(problemsOf(text, false)).toMatch(/^cost\.yaml:10: flaps\[0\]\.rate: /);
  });

  it('counts every replication and response plan: the whole run is refused at the replications or responses line', () => {
    // 360,000 sessions per replication: 2,778 replications pass 10^9, 2,000 x 2 plans too.
    const many = BASE.replace('architectures: [edge]', 'architectures: [edge]\nreplications: 1000');
    expect(estimateScenarioCost(parseScenarioText(many, 'cost.yaml', { env: {} }))).toMatchObject({ sessions: 360_000, runs: 1000, sessionsJudged: 3.6e8 });
    expect(problemsOf(many)).toBe('');
    const plans = `${many}responses:\n${[1, 2, 3].map((k) => `  - plan: plan-${k}\n    actions: []\n`).join('')}`;
    expect(estimateScenarioCost(parseScenarioText(plans, 'cost.yaml', { env: {}, limits: false })).sessionsJudged).toBeCloseTo(1.08e9, -3);
    expect(problemsOf(plans)).toBe(
      'cost.yaml:10: responses: 1000 replications x 3 response plans of about 360000 sessions each make about 1.08e9 sessions to judge; the limit is 1.00e9 (docs/scenarios.md, Limits): run fewer replications or response plans, lower the arrival rates or the duration, or run it anyway with --no-limits',
    );
    expect(problemsOf(plans, false)).toBe('');
    const longer = many.replace('2h', '6h');
    expect(problemsOf(longer)).toMatch(/^cost\.yaml:9: replications: 1000 replications of about 1\.08e6 sessions each make about 1\.08e9 sessions to judge; /);
  });
});
