import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../scenario/index.js';
import { tinyScenario } from '../../test/tiny-inputs.js';
import type { RunPhase } from './prepare-run.js';
import { claimedReplications, claimReplication, replicationOptions, type ReplicationSpan } from './replication-claims.js';
import { runReplication } from './replication.js';
import { threadCpuMs } from './thread-cpu.js';

describe('replication options', () => {
  it('replication 0 alone builds the views and announces stages; every replication reports its own progress', () => {
    const phases: RunPhase[] = [];
    const progress: [number, number][] = [];
    const hooks = { onPhase: (phase: RunPhase) => phases.push(phase), onProgress: (r: number, f: number) => progress.push([r, f]) };
    const first = replicationOptions(0, hooks);
    const third = replicationOptions(2, hooks);
    expect(first.withViews).toBe(true);
    expect(third.withViews).toBe(false);
    expect(first.onPhase).toBe(hooks.onPhase);
    expect(third.onPhase).toBeUndefined();
    first.onProgress?.(0.5);
    third.onProgress?.(0.25);
    expect(progress).toEqual([
      [0, 0.5],
      [2, 0.25],
    ]);
    expect(replicationOptions(0, {})).toEqual({ withViews: true });
  });
});

describe('claims', () => {
  it('hands out each replication once, in order, then -1', () => {
    const claims = new Int32Array(new SharedArrayBuffer(4));
    expect([0, 1, 2, 3].map(() => claimReplication(claims, 3))).toEqual([0, 1, 2, -1]);
  });

  it('runs the replications left to claim, each as runReplication does alone, with one span each', () => {
    const scenario = { ...parseScenarioText(tinyScenario('claims', '2m'), 'claims.yaml'), replications: 4 };
    // Another thread has taken replications 0 and 1 already.
    const claims = Int32Array.of(2);
    const spans: ReplicationSpan[] = [];
    const outputs = [...claimedReplications(scenario, claims, { onSpan: (span) => spans.push(span) }, 3)];
    expect(outputs.map((o) => o.replication)).toEqual([2, 3]);
    expect(JSON.stringify(outputs[1])).toBe(JSON.stringify(runReplication(scenario, 3, { withViews: false })));
    expect(outputs.every((o) => o.shown === undefined)).toBe(true);
    expect(spans.map((s) => [s.replication, s.thread])).toEqual([
      [2, 3],
      [3, 3],
    ]);
    expect(spans[0]!.endMs).toBeGreaterThanOrEqual(spans[0]!.startMs);
    expect(spans[1]!.startMs).toBeGreaterThanOrEqual(spans[0]!.endMs);
    // Spans carry CPU time exactly where the OS exposes it (comparing it with wall time would be a
    // timed assertion: the two clocks tick differently under load).
    for (const span of spans) {
      if (threadCpuMs() === undefined) expect(span.cpuMs).toBeUndefined();
      else expect(span.cpuMs).toBeGreaterThanOrEqual(0);
    }
    expect(claimReplication(claims, 4)).toBe(-1);
  });
});

describe('thread CPU', () => {
  it('grows with work done on this thread', () => {
    const before = threadCpuMs();
    if (before === undefined) return;
    let x = 0;
    for (let i = 0; i < 2e7; i++) x = (x + i) % 7;
    expect(x).toBeGreaterThanOrEqual(0);
    expect(threadCpuMs()!).toBeGreaterThan(before);
  });
});
