import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../scenario/index.js';
import { simulate } from '../simulate/index.js';
import { attackLoadSpec } from './attack-chart.js';
import { formatBitsPerS, renderAttackSections } from './attack-section.js';
import { seriesColours } from './charts.js';
import { renderMarkdownReport } from './markdown-report.js';
import { singleSourceAttack } from '../../test/attack-scenario.js';

const SCENARIO = singleSourceAttack('attack-report', 2, true) + `responses:
  - plan: absorb
  - plan: shed
    actions:
${[0, 1, 2].map((p) => `      - { action: withdraw, pop: pop-${p}, when: { loadAbove: 500Mbps, detectionDelay: 30s }, for: 15m }`).join('\n')}
`;

describe('the attack sections', () => {
  it('give volume, peaks, a chart per plan and where the attack went in each phase of each plan', async () => {
    const result = await simulate(parseScenarioText(SCENARIO), { workers: 1 });
    const section = renderAttackSections(result, (file) => `charts/${file}`);
    expect(section).toContain('## Attack: flaps[0]');
    expect(section).toContain('1 Gbps (0.25 Mpps) from 1 source AS, 10.0 min to 20.0 min.');
    expect(section).toContain('![Offered and dropped load per PoP, flaps[0], plan absorb](charts/attack-0-absorb.svg)');
    expect(section).toContain('![Offered and dropped load per PoP, flaps[0], plan shed](charts/attack-0-shed.svg)');
    expect(section).toMatch(/\| absorb \| attack starts \| 10\.0 min \|/);
    expect(section).toMatch(/\| shed \| after withdraw pop-\d \| 10\.5 min \|/);
    expect(section).toContain('| 1 Gbps | 1 Gbps |');
    expect(renderMarkdownReport(result)).toContain('## Attack: flaps[0]');
    // Absorbing 1 Gbps at 250 Mbps breaks websocket sessions by overload; the interval is over replications.
    const absorbEdge = result.responsePlans!.plans[0]!.pairs.find((p) => p.architecture === 'edge')!;
    expect(absorbEdge.overloadFraction.estimate).toBeGreaterThan(0);
    expect(absorbEdge.overloadFraction.low).toBeLessThanOrEqual(absorbEdge.overloadFraction.estimate);
    expect(renderMarkdownReport(result)).toContain('by overload % [95 % CI]');
    // The chart draws offered and dropped series for the PoPs with load.
    const spec = attackLoadSpec(result, result.attacks![0]!, seriesColours) as { data: { values: { kind: string }[] } };
    expect(new Set(spec.data.values.map((v) => v.kind))).toEqual(new Set(['offered', 'dropped']));
  });

  it('is absent without attacks', async () => {
    const result = await simulate(parseScenarioText(SCENARIO.replace(/flaps:[\s\S]*?workload:/, 'workload:').replace(/responses:[\s\S]*$/, '')), { workers: 1 });
    expect(renderAttackSections(result)).toBe('');
    expect(formatBitsPerS(40e9)).toBe('40 Gbps');
    expect(formatBitsPerS(1.5e12)).toBe('1.5 Tbps');
    expect(formatBitsPerS(999)).toBe('999 bps');
  });
});
