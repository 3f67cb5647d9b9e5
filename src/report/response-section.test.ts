import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../scenario/index.js';
import { simulate } from '../simulate/index.js';
import { formatPercent } from './format.js';
import { renderMarkdownReport } from './markdown-report.js';
import { renderResponseSection } from './response-section.js';

const BASE = `
name: respond-report
seed: 4
replications: 2
duration: 30m
topology: { synthetic: { ases: 200 } }
pops: { count: 3 }
workload:
  - protocol: websocket
    arrivals: 4/s
    duration: { lognormal: { median: 10m, sigma: 1 } }
architectures: [edge, unicast-dns]
`;

describe('the operator responses section', () => {
  it('names each plan, its responses, the breaks they caused, the paired difference and the plan that breaks fewest', async () => {
    const result = await simulate(
      parseScenarioText(`${BASE}responses:
  - plan: absorb
  - plan: withdraw
    actions:
      - { action: withdraw, pop: pop-0, at: 5m }
      - { action: restore, pop: pop-0, at: 15m }
`),
      { workers: 1 },
    );
    const section = renderResponseSection(result);
    expect(section).toContain('## Operator responses');
    expect(section).toContain('| withdraw | 5.0 min: withdraw pop-0; 15.0 min: restore pop-0 |');
    expect(section).toContain('| absorb | none (absorb) |');
    expect(section).toMatch(/- websocket: \*\*absorb\*\* breaks fewest sessions under `edge`/);
    const withdrawEdge = result.responsePlans!.plans[1]!.pairs.find((p) => p.architecture === 'edge')!;
    expect(section).toContain(`| websocket | edge | withdraw |`);
    const { estimate, low, high } = withdrawEdge.byResponsesFraction;
    expect(section).toContain(`| ${formatPercent(estimate)} [${formatPercent(low)}, ${formatPercent(high)}] |`);
    expect(renderMarkdownReport(result)).toContain('## Operator responses');
  });

  it('is absent without responses, and a single plan is listed without a comparison', async () => {
    const plain = await simulate(parseScenarioText(BASE), { workers: 1 });
    expect(renderResponseSection(plain)).toBe('');
    expect(renderMarkdownReport(plain)).not.toContain('## Operator responses');
    const one = await simulate(parseScenarioText(`${BASE}responses:\n  - plan: only\n    actions: [{ action: prepend, pop: pop-1, prepend: 2, at: 10m }]\n`), { workers: 1 });
    const section = renderResponseSection(one);
    expect(section).toContain('| only | 10.0 min: pop-1 prepends 2 |');
    expect(section).not.toContain('paired');
    // Its incident is credited to the response in the per-incident section.
    expect(renderMarkdownReport(one)).toContain('| response');
  });
});
