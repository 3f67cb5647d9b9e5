import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryWorkload } from './workload-arbitrary.js';

describe('arbitraryWorkload', () => {
  it('lists each chosen protocol once, within the rate and length bounds, with a resolver for dns-udp only', () => {
    fc.assert(
      fc.property(arbitraryWorkload({ protocols: ['dns-udp', 'websocket', 'http-short'], maxArrivalsPerS: 2, maxSessionMs: 30_000 }), (workload) => {
        expect(workload.length).toBeGreaterThanOrEqual(1);
        expect(new Set(workload.map((w) => w.protocol)).size).toBe(workload.length);
        for (const entry of workload) {
          expect(entry.arrivalsPerS).toBeGreaterThan(0);
          expect(entry.arrivalsPerS).toBeLessThanOrEqual(2);
          expect(entry.resolver !== undefined).toBe(entry.protocol === 'dns-udp');
          if (entry.packetIntervalMs !== undefined) expect(entry.protocol).toBe('websocket');
          const typical = entry.duration.kind === 'fixed' ? entry.duration.valueMs : entry.duration.kind === 'exponential' ? entry.duration.meanMs : entry.duration.kind === 'lognormal' ? entry.duration.medianMs : entry.duration.scaleMs;
          expect(typical).toBeLessThanOrEqual(30_000);
        }
      }),
      { seed: 5, numRuns: 200 },
    );
  });

  it('refuses an empty or repeated protocol list and out-of-range bounds', () => {
    expect(() => arbitraryWorkload({ protocols: [] })).toThrow(/at least one protocol/);
    expect(() => arbitraryWorkload({ protocols: ['db', 'db'] })).toThrow(/each once/);
    expect(() => arbitraryWorkload({ maxArrivalsPerS: 5_000 })).toThrow(/maxArrivalsPerS/);
    expect(() => arbitraryWorkload({ maxSessionMs: 10 })).toThrow(/maxSessionMs/);
  });
});
