import { describe, expect, it } from 'vitest';
import { RandomStreams } from './random.js';

function draws(streams: RandomStreams, name: string, n: number): number[] {
  const stream = streams.stream(name);
  return Array.from({ length: n }, () => stream.next());
}

describe('RandomStreams', () => {
  it('gives the same draws for the same seed and name', () => {
    expect(draws(new RandomStreams(7), 'flaps', 5)).toEqual(draws(new RandomStreams(7), 'flaps', 5));
  });

  it('gives different draws for another seed or another name', () => {
    const base = draws(new RandomStreams(7), 'flaps', 5);
    expect(draws(new RandomStreams(8), 'flaps', 5)).not.toEqual(base);
    expect(draws(new RandomStreams(7), 'workload/dns-udp', 5)).not.toEqual(base);
  });

  it('a new consumer of another sub-stream does not change a stream’s draws', () => {
    const alone = new RandomStreams('s');
    const flapsAlone = draws(alone, 'flaps', 20);

    const crowded = new RandomStreams('s');
    const workload = crowded.stream('workload/websocket');
    for (let i = 0; i < 1000; i++) workload.next();
    const flapsCrowded = draws(crowded, 'flaps', 20);
    expect(flapsCrowded).toEqual(flapsAlone);
  });

  it('refuses to hand out one stream twice', () => {
    const streams = new RandomStreams(1);
    streams.stream('flaps');
    expect(() => streams.stream('flaps')).toThrow(/already taken/);
  });

  it('draws stay in their ranges and exponential has the right mean', () => {
    const stream = new RandomStreams(3).stream('check');
    let sum = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const k = stream.int(2, 5);
      expect(k).toBeGreaterThanOrEqual(2);
      expect(k).toBeLessThan(5);
      const u = stream.uniform(-1, 1);
      expect(u).toBeGreaterThanOrEqual(-1);
      expect(u).toBeLessThan(1);
      sum += stream.exponential(4);
    }
    expect(sum / n).toBeGreaterThan(0.24);
    expect(sum / n).toBeLessThan(0.26);
  });
});
