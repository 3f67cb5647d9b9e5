import { describe, expect, it } from 'vitest';
import type { IncidentClassResult } from '../metrics/index.js';
import { parseScenarioValue } from '../scenario/index.js';
import { yearlyBreaks } from './per-year.js';
import { cutChance, sessionCutCurves } from './session-cut.js';
import { SECONDS_PER_YEAR, yearlyRates, type YearlyRate } from './yearly-rates.js';

function incidentClass(incidentClass: IncidentClassResult['incidentClass'], perIncident: Record<string, [number, number, number]>): IncidentClassResult {
  return {
    incidentClass,
    incidents: 10,
    sessionsAffectedPerIncident: 0,
    clientAsesAffectedPerIncident: 0,
    userShareAffectedPerIncident: 0,
    recoverMs: { p50: 0, p99: 0 },
    breaksPerIncident: Object.entries(perIncident).map(([architecture, [estimate, low, high]]) => ({ protocol: 'websocket', architecture, estimate, low, high })),
  };
}

function rate(incidentClass: YearlyRate['incidentClass'], perYear: number): YearlyRate {
  return { incidentClass, perUnit: perYear, unit: 'PoP', units: 1, perYear, source: 'test' };
}

describe('expected broken sessions per million per year', () => {
  it('is the sum over classes of incidents per year x breaks per incident, per million sessions a year', () => {
    const classes = [
      incidentClass('pop-failure', { edge: [100, 80, 120], 'unicast-dns': [90, 70, 110] }),
      incidentClass('link-flap', { edge: [10, 4, 16], 'unicast-dns': [0, 0, 0] }),
    ];
    // 2 PoP failures and 300 link flaps a year; 1 session per second.
    const [edge, baseline] = yearlyBreaks(classes, [rate('pop-failure', 2), rate('link-flap', 300)], { websocket: 1 });
    const scale = 1e6 / SECONDS_PER_YEAR;
    expect(edge!.perMillion.estimate).toBeCloseTo((2 * 100 + 300 * 10) * scale, 9);
    // Half-widths 20 and 6, scaled by the rates, in quadrature.
    const half = Math.hypot(2 * 20, 300 * 6) * scale;
    expect(edge!.perMillion.high).toBeCloseTo((3200 * scale) + half, 9);
    expect(edge!.perMillion.low).toBeCloseTo((3200 * scale) - half, 9);
    expect(baseline!.perMillion.estimate).toBeCloseTo(180 * scale, 9);
    expect(edge!.excessPerMillion).toBeCloseTo((3200 - 180) * scale, 9);
    expect(baseline!.excessPerMillion).toBe(0);
  });

  it('leaves a class without a rate out, and an unbounded class interval makes the yearly one unbounded', () => {
    const classes = [incidentClass('silent-death', { edge: [500, 0, Number.POSITIVE_INFINITY] }), incidentClass('server-churn', { edge: [7, 7, 7] })];
    const [edge] = yearlyBreaks(classes, [rate('silent-death', 0.1), rate('server-churn', 0)], { websocket: 2 });
    expect(edge!.perMillion.estimate).toBeCloseTo((0.1 * 500 * 1e6) / (2 * SECONDS_PER_YEAR), 9);
    expect(edge!.perMillion.high).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('yearly incident rates', () => {
  const scenario = parseScenarioValue({
    name: 'rates',
    duration: '1h',
    topology: { synthetic: { ases: 200 } },
    pops: { count: 3 },
    flaps: [
      { type: 'link-flaps', rate: '2/d', downTime: { fixed: '1m' } },
      { type: 'client-flips', rate: '6/h', unstableFraction: 0.5 },
    ],
    workload: [{ protocol: 'websocket', arrivals: '1/s', duration: { fixed: '10m' } }],
    eventRatesPerYear: { 'policy-shift': 3 },
  });
  const footprint = { pops: 3, popLinks: 6, links: 400, clientAses: 100 };
  const rates = yearlyRates(scenario, footprint, ['link-flap', 'client-flip', 'pop-failure', 'policy-shift']);
  const of = (c: string): YearlyRate => rates.find((r) => r.incidentClass === c)!;

  it("takes a Poisson process's own rate: link flaps per link, client flips per unstable client", () => {
    expect(of('link-flap').perUnit).toBeCloseTo((2 / 86_400) * SECONDS_PER_YEAR, 6);
    expect(of('link-flap').units).toBe(6);
    expect(of('link-flap').perYear).toBeCloseTo(2 * 365.25 * 6, 6);
    expect(of('link-flap').source).toBe('flaps[0] rate 2/d per link');
    expect(of('client-flip').perYear).toBeCloseTo((6 / 3600) * 0.5 * SECONDS_PER_YEAR * 100, 4);
    expect(of('client-flip').unit).toBe('client AS');
  });

  it('takes the documented default for a scheduled class, and the scenario value when it names one', () => {
    expect(of('pop-failure')).toMatchObject({ perUnit: 0.2, unit: 'PoP', units: 3 });
    expect(of('pop-failure').perYear).toBeCloseTo(0.6, 12);
    expect(of('pop-failure').source).toMatch(/^default: Gill et al\., SIGCOMM 2011/);
    expect(of('policy-shift')).toMatchObject({ perUnit: 3, perYear: 9, source: 'scenario (eventRatesPerYear)' });
  });
});

describe('the chance a session of length L is cut', () => {
  it('is 1 - exp(-h L)', () => {
    expect(cutChance(1, 3_600_000)).toBeCloseTo(1 - Math.exp(-1), 12);
    expect(cutChance(0.5, 60_000)).toBeCloseTo(1 - Math.exp(-0.5 / 60), 12);
    expect(cutChance(0, 86_400_000)).toBe(0);
  });

  it('takes h from broken per million over the mean session length, and leaves DNS out', () => {
    const yearly = [
      { protocol: 'websocket', architecture: 'edge', perMillion: { estimate: 10_000, low: 0, high: 0 }, excessPerMillion: 0 },
      { protocol: 'dns-udp', architecture: 'edge', perMillion: { estimate: 5, low: 0, high: 0 }, excessPerMillion: 0 },
    ];
    const curves = sessionCutCurves(yearly, { websocket: { kind: 'exponential', meanMs: 1_800_000 }, 'dns-udp': { kind: 'fixed', valueMs: 100 } }, [3_600_000]);
    expect(curves).toHaveLength(1);
    // 1 % of sessions broken, mean length 30 min: 0.02 breaks per session-hour.
    expect(curves[0]!.breaksPerSessionHour).toBeCloseTo(0.02, 12);
    expect(curves[0]!.cutChance[0]).toBeCloseTo(1 - Math.exp(-0.02), 12);
  });
});
