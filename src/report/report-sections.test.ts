import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runRunCommand } from '../cli/run-command.js';
import { recordingIo } from '../cli/recording-io.js';
import { INCIDENT_CLASSES } from '../flaps/index.js';
import { parseScenarioText } from '../scenario/index.js';
import { prepareRun, simulate, type SimulationResult } from '../simulate/index.js';
import { loadBars, renderCharts, seriesColours } from './charts.js';
import { renderMarkdownReport } from './markdown-report.js';
import { resultJson } from './write-report.js';

const SMALL = `
name: small
description: Three PoPs on a small graph; pop-0 withdrawn and re-announced, pop-2 dies, upstream links flap.
seed: 5
replications: 2
duration: 20m
topology: { synthetic: { ases: 150 } }
pops: { count: 3 }
flaps:
  - type: pop-withdraw
    pop: pop-0
    at: 5m
    reannounceAt: 12m
  - type: silent-death
    pop: pop-2
    at: 15m
  - type: link-flaps
    rate: 40/d
    downTime: { fixed: 1m }
workload:
  - protocol: dns-udp
    arrivals: 10/s
    duration: { fixed: 100ms }
  - protocol: websocket
    arrivals: 2/s
    duration: { lognormal: { median: 5m, sigma: 1 } }
architectures: [edge, daisy-chain, unicast-dns]
`;

const scenario = parseScenarioText(SMALL, 'small.yaml');
let result: SimulationResult;

beforeAll(async () => {
  result = await simulate(scenario, { workers: 1 });
}, 120_000);

describe('per-incident tallies on a small scenario', () => {
  it('see every incident the flap plans hold, counted independently from the plans', () => {
    const planned = new Map<string, number>();
    for (let r = 0; r < scenario.replications; r++) {
      for (const incident of prepareRun(scenario, undefined, r).incidents) planned.set(incident.incidentClass, (planned.get(incident.incidentClass) ?? 0) + 1);
    }
    const seen = new Map(result.incidents.classes.map((c) => [c.incidentClass, c.incidents]));
    expect(seen).toEqual(planned);
    expect(seen.get('pop-withdraw')).toBe(2);
    expect(seen.get('silent-death')).toBe(2);
  });

  it('blame every break of the outcome tally exactly once: per class plus unattributed equals the broken count', () => {
    for (const r of result.results) {
      const perClass = result.incidents.classes.reduce((s, c) => {
        const b = c.breaksPerIncident.find((x) => x.protocol === r.protocol && x.architecture === r.architecture)!;
        return s + b.estimate * c.incidents;
      }, 0);
      const unattributed = result.incidents.unattributed.find((x) => x.protocol === r.protocol && x.architecture === r.architecture)!.breaks;
      expect(perClass + unattributed).toBeCloseTo(r.broken, 6);
      const perFlap = result.incidents.flaps.reduce((s, f) => s + f.breaks.find((x) => x.protocol === r.protocol && x.architecture === r.architecture)!.breaks, 0);
      expect(perFlap + unattributed).toBe(r.broken);
    }
    // The withdrawal breaks long sessions under edge and not under the baseline.
    const withdraw = result.incidents.classes.find((c) => c.incidentClass === 'pop-withdraw')!;
    const ws = (architecture: string) => withdraw.breaksPerIncident.find((b) => b.protocol === 'websocket' && b.architecture === architecture)!;
    expect(ws('edge').estimate).toBeGreaterThan(0);
    expect(ws('unicast-dns').estimate).toBe(0);
    expect(withdraw.clientAsesAffectedPerIncident).toBeGreaterThan(0);
  });
});

describe('the report', () => {
  it('opens with its inputs: description, topology, footprint, flap processes with rates, workload', () => {
    const md = renderMarkdownReport(result);
    const inputs = md.slice(md.indexOf('## Inputs'), md.indexOf('## Verdicts'));
    expect(md.indexOf('## Inputs')).toBeGreaterThan(0);
    expect(md.indexOf('## Inputs')).toBeLessThan(md.indexOf('## Verdicts'));
    expect(inputs).toContain('Three PoPs on a small graph');
    expect(inputs).toMatch(/\*\*Topology\*\*: a synthetic Internet-like graph of 150 ASes/);
    expect(inputs).toMatch(/\*\*Footprint\*\*: 3 PoPs/);
    expect(inputs).toContain('| flaps[2] | link-flaps | PoP upstream links flap; down for fixed 60.0 s | 40/d per link |');
    expect(inputs).toContain('| websocket | 2/s | lognormal, median 5.0 min, σ 1 | – |');
    expect(inputs).toContain('2 independent replications');
  });

  it('has a Verdicts table with one row per protocol, then per-incident, per-year and session-cut sections, and an appendix', () => {
    const md = renderMarkdownReport(result);
    const section = md.slice(md.indexOf('## Verdicts'), md.indexOf('## Per incident'));
    const rows = section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| protocol') && !line.startsWith('| ---'));
    expect(rows.map((row) => row.split(' | ')[0])).toEqual(['| dns-udp', '| websocket']);
    expect(rows.every((row) => /\*\*(anycast-safe|safe with mitigation|unsafe)\*\*/.test(row))).toBe(true);
    expect(section).toContain('`unicast-dns` is the baseline');
    const order = ['## Per incident', '### Which flap process caused the breaks', '## Per year', '## Chance a session of length L is cut', "## This run's own totals", '## Appendix: event tables'];
    const at = order.map((heading) => md.indexOf(heading));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(md).not.toMatch(/mitigation.*unicast-dns \(/);
  });

  it('writes verdicts and the yearly view into the JSON', () => {
    const json = JSON.parse(resultJson(result)) as { verdicts: Record<string, unknown>[]; perYear: { rates: { incidentClass: string }[] } };
    expect(json.verdicts.map((v) => v.protocol)).toEqual(['dns-udp', 'websocket']);
    for (const v of json.verdicts) {
      expect(Object.keys(v)).toEqual(expect.arrayContaining(['protocol', 'verdict', 'excess', 'allowance', 'drivingCause', 'architecture', 'architectures']));
      expect(Object.keys(v.excess as object)).toEqual(['estimate', 'low', 'high']);
    }
    expect(json.perYear.rates.map((r) => r.incidentClass)).toEqual(INCIDENT_CLASSES.filter((c) => result.incidents.classes.some((x) => x.incidentClass === c)));
  });
});

describe('chart data', () => {
  it('PoP load: the last bin ends at the run end and holds its own sessions only', () => {
    const bars = loadBars(result);
    const ends = bars.map((b) => b.toMinute);
    expect(Math.max(...ends)).toBe(20);
    const { sessions, binMs } = result.popLoad;
    const bins = sessions[0]!.length;
    const last = bars.filter((b) => b.fromMinute === ((bins - 1) * binMs) / 60_000);
    expect(last.map((b) => b.sessions)).toEqual(sessions.map((row) => row[bins - 1]));
    expect(bars.filter((b) => b.toMinute <= b.fromMinute)).toEqual([]);
  });

  it('gives 13 series 13 distinct colours, no route black and other PoPs grey', () => {
    const labels = [...Array.from({ length: 11 }, (_, i) => `pop-${i}`), 'other PoPs', 'no route'];
    const colours = seriesColours(labels);
    expect(new Set(colours).size).toBe(13);
    expect(colours[12]).toBe('#000000');
    expect(colours[11]).toBe('#bdbdbd');
  });

  it('time axes end at the run end: the last tick of the load and catchment charts is 20 min', async () => {
    const charts = await renderCharts(result);
    for (const file of ['pop-load.svg', 'catchment.svg']) {
      const svg = charts.find((c) => c.file === file)!.svg;
      const xAxis = svg.slice(svg.indexOf("X-axis titled 'time (min)'"));
      const ticks = [...xAxis.slice(0, xAxis.indexOf('role-axis-title')).matchAll(/<text[^>]*>(\d+)<\/text>/g)].map((m) => Number(m[1]));
      expect(ticks).toContain(20);
      expect(Math.max(...ticks)).toBe(20);
      expect(svg).toContain("X-axis titled 'time (min)' for a linear scale with values from 0 to 20");
    }
    expect(charts.map((c) => c.file)).toContain('session-cut.svg');
  });
});

describe('anysim run on a terminal', () => {
  it('prints the verdict table to stdout when it is a terminal, and nothing when it is not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'anysim-verdicts-'));
    try {
      const file = join(dir, 'small.yaml');
      writeFileSync(file, SMALL.replace('replications: 2', 'replications: 2\n'));
      const tty = recordingIo(true);
      expect(await runRunCommand([file, '--json', join(dir, 'a.json')], tty)).toBe(0);
      const lines = tty.out.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^protocol\s+verdict\s+excess over unicast-dns/);
      expect(lines.slice(2).map((l) => l.split(/\s+/)[0])).toEqual(['dns-udp', 'websocket']);
      const json = JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8')) as { verdicts: { verdict: string }[] };
      expect(lines[2]).toContain(json.verdicts[0]!.verdict);
      const pipe = recordingIo(false);
      expect(await runRunCommand([file, '--json', join(dir, 'b.json')], pipe)).toBe(0);
      expect(pipe.out).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('catchment quality on a small scenario', () => {
  it('is in the JSON and the report: steady state, the catchment table with RTTs, and the busiest events', () => {
    const q = result.catchmentQuality;
    expect(q.pops.map((p) => p.pop)).toEqual(['pop-0', 'pop-1', 'pop-2']);
    expect(q.pops.reduce((sum, p) => sum + p.usersShare, 0)).toBeCloseTo(1, 5);
    expect(q.steadyState.notNearestShare).toBeGreaterThanOrEqual(0);
    expect(q.steadyState.extraRttMs.p50).toBeGreaterThanOrEqual(0);
    expect(q.steadyState.extraRttMs.p90).toBeGreaterThanOrEqual(q.steadyState.extraRttMs.p50);
    expect(q.steadyState.extraKm.p99).toBeGreaterThanOrEqual(q.steadyState.extraKm.p90);
    // pop-0's withdrawal moves its clients: the event row says so.
    const withdrawal = q.events.find((e) => e.description.includes('withdraw pop-0'));
    expect(withdrawal).toBeDefined();
    expect(withdrawal!.before).not.toEqual(withdrawal!.after);
    expect(JSON.parse(resultJson(result)).catchmentQuality).toEqual(q);
    const markdown = renderMarkdownReport(result);
    expect(markdown).toContain('## Catchment quality');
    expect(markdown).toMatch(/\| pop-0 \| [^|]+, [A-Z]{2} \| [0-9.]+ % \| [0-9.]+ ms \| [0-9.]+ ms \|/);
    expect(markdown).toContain(`| users not on their nearest PoP | `);
    // A synthetic graph's places are drawn: the section says its figures are not a calibration.
    expect(q.locationSources['city-draw']).toBeGreaterThan(0);
    expect(markdown).toContain(`**Drawn places:** ${q.locationSources['city-draw'].toLocaleString('en-US')} client ASes`);
  });
});

describe('catchment uncertainty on a small scenario', () => {
  it('is in the JSON and the report: the share decided by ties and each PoP\'s range over the rules', () => {
    const u = result.catchmentUncertainty;
    expect(u.rule).toBe('lowest-asn');
    expect(u.randomSeeds).toBe(8);
    expect(u.pops.map((p) => p.pop)).toEqual(['pop-0', 'pop-1', 'pop-2']);
    expect(u.pops.reduce((sum, p) => sum + p.lowestAsn, 0)).toBeCloseTo(1, 9);
    expect(u.pops.reduce((sum, p) => sum + p.hotPotato, 0)).toBeCloseTo(1, 9);
    for (const p of u.pops) {
      expect(p.min).toBeLessThanOrEqual(Math.min(p.lowestAsn, p.hotPotato, p.randomMin));
      expect(p.max).toBeGreaterThanOrEqual(Math.max(p.lowestAsn, p.hotPotato, p.randomMax));
    }
    expect(u.clientsDecidedByTies).toBeGreaterThanOrEqual(0);
    expect(u.clientsDecidedByTies).toBeLessThanOrEqual(1);
    expect(JSON.parse(resultJson(result)).catchmentUncertainty).toEqual(u);
    const markdown = renderMarkdownReport(result);
    expect(markdown).toContain('## Catchment uncertainty');
    expect(markdown).toContain('### Catchment uncertainty per PoP');
    expect(markdown).toMatch(/\| pop-0 \| [0-9.]+ % \| [0-9.]+ % \| [0-9.]+ % – [0-9.]+ % \| [0-9.]+ % – [0-9.]+ % \|/);
  });
});

