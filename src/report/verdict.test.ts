import { describe, expect, it } from 'vitest';
import { replicationInterval } from '../metrics/index.js';
import type { BreakCause } from '../pop/index.js';
import { BASELINE_ARCHITECTURE, pairedExcess, protocolVerdict, type ReplicateCounts } from './verdict.js';

const NO_CAUSES: Record<BreakCause, number> = { 'pop-shift': 0, 'backend-remap': 0, blackhole: 0, 'site-failure': 0, 'server-failure': 0, 'cross-flow-state': 0, overload: 0 };

/** A replication where each architecture broke `broken[a]` of `sessions`, split by the causes given. */
function replicate(sessions: number, broken: Record<string, Partial<Record<BreakCause, number>>>): ReplicateCounts {
  return {
    results: Object.entries(broken).map(([architecture, causes]) => {
      const brokenByCause = { ...NO_CAUSES, ...causes };
      return { protocol: 'p', architecture, sessions, broken: Object.values(brokenByCause).reduce((s, x) => s + x, 0), brokenByCause };
    }),
  };
}

const ARCHITECTURES = ['edge', 'daisy-chain', BASELINE_ARCHITECTURE];

describe('the paired excess over the unicast-dns baseline', () => {
  it('is the t-interval of the per-replication differences, not of the pooled fractions', () => {
    // Replications differ wildly in how many site failures they saw; the difference does not.
    const replicates = [
      replicate(1000, { edge: { 'site-failure': 100, 'pop-shift': 2 }, [BASELINE_ARCHITECTURE]: { 'site-failure': 100 } }),
      replicate(1000, { edge: { 'site-failure': 10, 'pop-shift': 3 }, [BASELINE_ARCHITECTURE]: { 'site-failure': 10 } }),
      replicate(1000, { edge: { 'site-failure': 300, 'pop-shift': 1 }, [BASELINE_ARCHITECTURE]: { 'site-failure': 300 } }),
    ];
    const { excess, drivingCause } = pairedExcess(replicates, 'p', 'edge');
    expect(excess).toEqual(replicationInterval([0.002, 0.003, 0.001]));
    expect(excess.estimate).toBeCloseTo(0.002, 12);
    // Unpaired, the spread of the site failures would swamp the 0.2 % excess.
    expect(excess.high - excess.low).toBeLessThan(0.01);
    expect(drivingCause).toBe('pop-shift');
  });

  it('names no driving cause when the architecture adds nothing over the baseline', () => {
    const replicates = [1, 2].map(() => replicate(100, { edge: { 'site-failure': 5 }, [BASELINE_ARCHITECTURE]: { 'site-failure': 5, blackhole: 1 } }));
    const { excess, drivingCause } = pairedExcess(replicates, 'p', 'edge');
    expect(excess.estimate).toBeCloseTo(-0.01, 12);
    expect(drivingCause).toBeNull();
  });

  it('names no driving cause when the excess is negative, even if one cause is above the baseline', () => {
    // edge loses 1 session to pop-shift but 3 fewer to blackholes than the baseline: no excess to drive.
    const replicates = [1, 2].map(() => replicate(100, { edge: { 'pop-shift': 1 }, [BASELINE_ARCHITECTURE]: { blackhole: 3 } }));
    const { excess, drivingCause } = pairedExcess(replicates, 'p', 'edge');
    expect(excess.estimate).toBeCloseTo(-0.02, 12);
    expect(drivingCause).toBeNull();
  });
});

describe('the protocol verdict', () => {
  it('is anycast-safe when edge adds nothing beyond the allowance, although site failures break many sessions', () => {
    const replicates = [
      replicate(10_000, { edge: { 'site-failure': 500, blackhole: 3 }, 'daisy-chain': { 'site-failure': 500, blackhole: 3 }, [BASELINE_ARCHITECTURE]: { 'site-failure': 505 } }),
      replicate(10_000, { edge: { 'site-failure': 480, blackhole: 1 }, 'daisy-chain': { 'site-failure': 480, blackhole: 1 }, [BASELINE_ARCHITECTURE]: { 'site-failure': 479 } }),
      replicate(10_000, { edge: { 'site-failure': 520, blackhole: 2 }, 'daisy-chain': { 'site-failure': 520, blackhole: 2 }, [BASELINE_ARCHITECTURE]: { 'site-failure': 521 } }),
    ];
    const v = protocolVerdict(replicates, 'p', ARCHITECTURES, 0.001, 'test');
    expect(v.verdict).toBe('anycast-safe');
    expect(v.architecture).toBe('edge');
    expect(v.excess.high).toBeLessThanOrEqual(0.001);
    expect(v.architectures).toEqual(['edge', 'daisy-chain']);
    expect(v.baseline).toBe(BASELINE_ARCHITECTURE);
    expect(v.perArchitecture.map((a) => a.architecture)).toEqual(['edge', 'daisy-chain']);
  });

  it('is safe with a named mitigation when only another architecture is within the allowance', () => {
    const replicates = [40, 60, 50].map((shifts) =>
      replicate(1000, { edge: { 'pop-shift': shifts, 'site-failure': 5 }, 'daisy-chain': { 'site-failure': 5 }, [BASELINE_ARCHITECTURE]: { 'site-failure': 5 } }),
    );
    const v = protocolVerdict(replicates, 'p', ARCHITECTURES, 0.01, 'test');
    expect(v.verdict).toBe('safe with mitigation');
    expect(v.architecture).toBe('daisy-chain');
    expect(v.architectures).toEqual(['daisy-chain']);
    expect(v.drivingCause).toBe('pop-shift');
    expect(v.reason).toMatch(/edge adds 5\.00 % .*driven by pop-shift; within the allowance of 1\.00 % under daisy-chain/);
  });

  it('is unsafe when no anycast architecture is within the allowance, naming the cause and the best architecture', () => {
    const replicates = [40, 60, 50].map((shifts) =>
      replicate(1000, { edge: { 'pop-shift': shifts }, 'daisy-chain': { 'backend-remap': shifts / 2 }, [BASELINE_ARCHITECTURE]: {} }),
    );
    const v = protocolVerdict(replicates, 'p', ARCHITECTURES, 0.01, 'test');
    expect(v.verdict).toBe('unsafe');
    expect(v.architecture).toBe('edge');
    expect(v.architectures).toEqual([]);
    expect(v.drivingCause).toBe('pop-shift');
    expect(v.reason).toMatch(/above the allowance of 1\.00 %; the best, daisy-chain, adds 2\.50 %/);
  });

  it('is not safe on one replication, which gives no interval, however small the estimate', () => {
    const v = protocolVerdict([replicate(1000, { edge: {}, [BASELINE_ARCHITECTURE]: {} })], 'p', ARCHITECTURES.filter((a) => a !== 'daisy-chain'), 0.01, 'test');
    expect(v.excess.estimate).toBe(0);
    expect(v.excess.high).toBe(Number.POSITIVE_INFINITY);
    expect(v.verdict).toBe('unsafe');
    expect(v.reason).toMatch(/one replication gives no interval/);
  });

  it('without the baseline in the run judges the whole broken fraction and says so', () => {
    const replicates = [2, 3, 4].map((n) => replicate(1000, { edge: { 'site-failure': n } }));
    const v = protocolVerdict(replicates, 'p', ['edge'], 0.01, 'test');
    expect(v.excess.estimate).toBeCloseTo(0.003, 12);
    expect(v.verdict).toBe('anycast-safe');
    expect(v.reason).toMatch(/no unicast-dns baseline in the run/);
  });
});
