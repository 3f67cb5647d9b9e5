import { describe, expect, it } from 'vitest';
import { Clock, meanDurationMs, RandomStreams, type DurationDistribution } from '../sim/index.js';
import { ArrivalProcess } from './arrival-process.js';
import { ClientPopulation } from './client-population.js';
import { drawOpenAtStart, lengthBiasedDurationMs, OPEN_AGE_MAX_MS } from './stationary-start.js';
import { Workload } from './workload.js';

const HORIZON_MS = 3_600_000;
const RATE_PER_S = 10;
const LOGNORMAL: DurationDistribution = { kind: 'lognormal', medianMs: 60_000, sigma: 1 };

interface Seen {
  readonly startMs: number;
  readonly plannedMs: number;
  readonly judgedMs: number;
  readonly censored: boolean;
}

/** Every session one protocol's workload emits over the horizon, copied. */
function sessions(seed: string, duration: DurationDistribution, stationary: boolean): Seen[] {
  const streams = new RandomStreams(seed);
  const clock = new Clock();
  const traffic = [
    {
      arrivals: new ArrivalProcess(RATE_PER_S, streams.stream('arrivals')),
      duration,
      random: streams.stream('sessions'),
      ...(stationary ? { aliveAtStart: streams.stream('alive-at-start') } : {}),
    },
  ];
  const workload = new Workload(clock, traffic, new ClientPopulation(Int32Array.from([0, 1]), [1, 1]), Int32Array.from([0, 0]), HORIZON_MS);
  const seen: Seen[] = [];
  workload.arrivals$.subscribe((a) => seen.push({ startMs: a.session.startMs, plannedMs: a.plannedDurationMs, judgedMs: a.session.durationMs, censored: a.censored }));
  workload.start();
  clock.runUntil(HORIZON_MS);
  workload.complete();
  return seen;
}

/** Sessions open at `tMs` (started at or before it, planned to end after it). */
function openAt(seen: readonly Seen[], tMs: number): number {
  return seen.filter((s) => s.startMs <= tMs && s.startMs + s.plannedMs > tMs).length;
}

describe('stationary start', () => {
  it('opens the run with λ·E[D] live sessions, as many as later in the run; a cold start opens with none', () => {
    const mean = RATE_PER_S * (meanDurationMs(LOGNORMAL) / 1000); // 10/s x 98.9 s = 989
    const sd = Math.sqrt(mean);
    for (const seed of ['a', 'b', 'c']) {
      const seen = sessions(seed, LOGNORMAL, true);
      // The count at 0 is Poisson(λ E[D]); 4 sd bounds a false alarm below 1e-4.
      expect(Math.abs(openAt(seen, 0) - mean)).toBeLessThan(4 * sd);
      expect(Math.abs(openAt(seen, 60_000) - mean)).toBeLessThan(4 * sd);
      expect(Math.abs(openAt(seen, HORIZON_MS / 2) - mean)).toBeLessThan(4 * sd);
    }
    const cold = sessions('a', LOGNORMAL, false);
    expect(openAt(cold, 0)).toBe(0);
    // A minute into a cold start only sessions of that minute are open: far below steady state.
    expect(openAt(cold, 60_000)).toBeLessThan(mean * 0.6);
  });

  it('draws open sessions length-biased: their mean length is E[D²]/E[D], their age uniform over it', () => {
    const random = new RandomStreams('bias').stream('open');
    const exponential: DurationDistribution = { kind: 'exponential', meanMs: 30_000 };
    const lengths: number[] = [];
    const ageShares: number[] = [];
    drawOpenAtStart(exponential, 100, () => 100, HORIZON_MS, random, (open) => {
      lengths.push(open.durationMs);
      ageShares.push(open.ageMs / open.durationMs);
    });
    // Poisson(100/s x 30 s = 3000) sessions; length-biased exponential is Gamma(2, 30 s): mean 60 s, sd 42.4 s.
    expect(lengths.length).toBeGreaterThan(3000 - 4 * Math.sqrt(3000));
    expect(lengths.length).toBeLessThan(3000 + 4 * Math.sqrt(3000));
    const meanLength = lengths.reduce((a, b) => a + b, 0) / lengths.length;
    expect(Math.abs(meanLength - 60_000)).toBeLessThan((4 * 42_426) / Math.sqrt(lengths.length));
    const meanShare = ageShares.reduce((a, b) => a + b, 0) / ageShares.length;
    // Uniform(0, 1): mean 1/2, sd 0.2887.
    expect(Math.abs(meanShare - 0.5)).toBeLessThan((4 * 0.2887) / Math.sqrt(ageShares.length));
  });

  it('gives each family its length-biased form: fixed stays, lognormal median x e^σ², Pareto shape - 1', () => {
    const random = new RandomStreams('forms').stream('draws');
    expect(lengthBiasedDurationMs({ kind: 'fixed', valueMs: 100 }, random)).toBe(100);
    const draws = Array.from({ length: 20_000 }, () => lengthBiasedDurationMs(LOGNORMAL, random)).sort((a, b) => a - b);
    // Median of lognormal(μ + σ², σ) = 60 s x e = 163.1 s; the sample median is within 3 %.
    expect(draws[10_000]! / (60_000 * Math.E)).toBeGreaterThan(0.97);
    expect(draws[10_000]! / (60_000 * Math.E)).toBeLessThan(1.03);
    const pareto = Array.from({ length: 20_000 }, () => lengthBiasedDurationMs({ kind: 'pareto', scaleMs: 1000, shape: 3 }, random));
    // Pareto(1 s, 2): mean 2 s, P(X > 2 s) = 1/4.
    expect(pareto.filter((x) => x > 2000).length / 20_000).toBeCloseTo(0.25, 1);
    expect(() => lengthBiasedDurationMs({ kind: 'pareto', scaleMs: 1000, shape: 1 }, random)).toThrow(/infinite mean/);
  });

  it('with an infinite mean (Pareto shape <= 1) looks back one run length instead', () => {
    const random = new RandomStreams('heavy').stream('open');
    const ages: number[] = [];
    const count = drawOpenAtStart({ kind: 'pareto', scaleMs: 10_000, shape: 0.8 }, 1, () => 1, HORIZON_MS, random, (open) => {
      expect(open.durationMs).toBeGreaterThan(open.ageMs);
      ages.push(open.ageMs);
    });
    // λ ∫_0^T P(D > a) da, λ = 1/s, in seconds: 10 + ∫_10^3600 (10/a)^0.8 da = 10 + 10^0.8 (3600^0.2 - 10^0.2) / 0.2 ≈ 122.
    const expected = 10 + (10 ** 0.8 * (3600 ** 0.2 - 10 ** 0.2)) / 0.2;
    expect(Math.abs(count - expected)).toBeLessThan(4 * Math.sqrt(expected));
    expect(Math.max(...ages)).toBeLessThan(HORIZON_MS);
  });

  it('caps the age of astronomically old heavy-tailed sessions at 30 days and keeps their residual lifetime', () => {
    // Pareto shape 1.1: the length-biased form has shape 0.1, so some draws are over 1e30 ms old,
    // where double arithmetic can no longer step a ping schedule (a judge looped forever on one).
    const random = new RandomStreams('old').stream('open');
    const opens: { ageMs: number; durationMs: number }[] = [];
    drawOpenAtStart({ kind: 'pareto', scaleMs: 207_000, shape: 1.1 }, 5, () => 5, HORIZON_MS, random, (open) => opens.push(open));
    expect(opens.length).toBeGreaterThan(1000);
    expect(opens.some((o) => o.ageMs === OPEN_AGE_MAX_MS)).toBe(true);
    for (const o of opens) {
      expect(o.ageMs).toBeLessThanOrEqual(OPEN_AGE_MAX_MS);
      expect(o.durationMs).toBeGreaterThan(o.ageMs);
    }
  });
});

describe('censoring at the horizon', () => {
  it('cuts sessions that outlast the run at the horizon and marks them censored; the rest are whole', () => {
    const seen = sessions('cut', LOGNORMAL, true);
    const cut = seen.filter((s) => s.censored);
    expect(cut.length).toBeGreaterThan(0);
    const wrong = seen.filter((s) =>
      s.startMs + s.plannedMs > HORIZON_MS ? !s.censored || Math.abs(s.startMs + s.judgedMs - HORIZON_MS) > 1e-6 : s.censored || s.judgedMs !== s.plannedMs,
    );
    expect(wrong).toEqual([]);
    // About λ·E[D] sessions are open at the end, as at the start.
    const mean = RATE_PER_S * (meanDurationMs(LOGNORMAL) / 1000);
    expect(Math.abs(cut.length - mean)).toBeLessThan(4 * Math.sqrt(mean));
  });
});
