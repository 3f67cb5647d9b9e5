import { describe, expect, it } from 'vitest';
import { Clock, RandomStreams } from '../sim/index.js';
import { ArrivalProcess } from './arrival-process.js';
import { ClientPopulation } from './client-population.js';
import { Workload, type SessionArrival } from './workload.js';

const HORIZON_MS = 60_000;

/** Two protocols (20/s and 5/s) over three client ASes, on a fresh clock. */
function workload(seed: string): { workload: Workload; clock: Clock } {
  const streams = new RandomStreams(seed);
  const clock = new Clock();
  const traffic = [
    { arrivals: new ArrivalProcess(20, streams.stream('a/arrivals')), duration: { kind: 'fixed', valueMs: 100 } as const, random: streams.stream('a/sessions') },
    { arrivals: new ArrivalProcess(5, streams.stream('b/arrivals')), duration: { kind: 'exponential', meanMs: 30_000 } as const, random: streams.stream('b/sessions') },
  ];
  const population = new ClientPopulation(Int32Array.from([0, 1, 2]), [1, 2, 3]);
  return { workload: new Workload(clock, traffic, population, Int32Array.from([0, 1, -1]), HORIZON_MS), clock };
}

/** What a listener keeps of an arrival (the arrival object is reused, so it is copied). */
function record(arrival: SessionArrival): string {
  const s = arrival.session;
  return `${arrival.protocolIndex}:${s.startMs}:${s.clientAs}:${s.durationMs}:${s.flowHash}:${s.dnsPop}`;
}

function run(seed: string, listen: (w: Workload) => void): void {
  const { workload: w, clock } = workload(seed);
  listen(w);
  w.start();
  clock.runUntil(HORIZON_MS);
  w.complete();
}

describe('Workload arrivals$', () => {
  it('is hot: every subscriber sees the same arrivals, in time order, then completes', () => {
    const first: string[] = [];
    const second: string[] = [];
    let completions = 0;
    run('hot', (w) => {
      w.arrivals$.subscribe({ next: (a) => first.push(record(a)), complete: () => completions++ });
      w.arrivals$.subscribe({ next: (a) => second.push(record(a)), complete: () => completions++ });
    });
    // About 25 arrivals per second over a minute.
    expect(first.length).toBeGreaterThan(1200);
    expect(first.length).toBeLessThan(1800);
    expect(second).toEqual(first);
    expect(completions).toBe(2);
    const starts = first.map((r) => Number(r.split(':')[1]));
    expect(starts.every((t, i) => i === 0 || t >= starts[i - 1]!)).toBe(true);
    expect(starts.at(-1)!).toBeLessThan(HORIZON_MS);
    // Both protocols arrive, from the clients they were given; client AS 2 has no DNS answer.
    expect(new Set(first.map((r) => r.split(':')[0]))).toEqual(new Set(['0', '1']));
    expect(first.filter((r) => r.split(':')[2] === '2').every((r) => r.endsWith(':-1'))).toBe(true);
  });

  it('stops calling a subscriber that unsubscribed, without disturbing the others or the draws', () => {
    const alone: string[] = [];
    run('same-seed', (w) => w.arrivals$.subscribe((a) => alone.push(record(a))));
    const kept: string[] = [];
    const quitter: string[] = [];
    run('same-seed', (w) => {
      const subscription = w.arrivals$.subscribe((a) => {
        quitter.push(record(a));
        if (quitter.length === 100) subscription.unsubscribe();
      });
      w.arrivals$.subscribe((a) => kept.push(record(a)));
    });
    expect(quitter).toEqual(alone.slice(0, 100));
    expect(kept).toEqual(alone);
  });
});
