import { describe, expect, it } from 'vitest';
import { SiteHealthTimeline } from '../pop/index.js';
import { CatchmentTimelineBuilder } from './catchment-timeline.js';
import { overloadDrops, packetUniform, type OverloadModel } from './overload.js';
import { protocolProfile, type ProtocolName } from './protocol-profile.js';
import { SessionJudge, type SessionDraw } from './session-judge.js';
import { BREAK_CAUSES } from './session-verdicts.js';
import { STABLE_UNICAST_ROUTES } from './unicast-routes.js';
import { EDGE_LIKE } from '../../test/edge-like-architecture.js';

/** PoP 0 drops packets with `probability` in [fromMs, toMs), blaming incident 7. */
function overloaded(probability: number, fromMs: number, toMs: number, refusal = 0): OverloadModel {
  return {
    dropProbabilityAt: (pop, tMs) => (pop === 0 && tMs >= fromMs && tMs < toMs ? probability : 0),
    incidentAt: () => 7,
    refusalProbabilityAt: (pop) => (pop === 0 ? refusal : 0),
  };
}

function verdict(protocol: ProtocolName, overload: OverloadModel, checkpointsMs: readonly number[], session: Partial<SessionDraw> = {}) {
  const judge = new SessionJudge(protocolProfile(protocol), {
    timeline: new CatchmentTimelineBuilder([0]).build(),
    sites: new SiteHealthTimeline(1, []),
    popCount: 1,
    popChangeTimesMs: Float64Array.from(checkpointsMs),
    architectures: [{ architecture: EDGE_LIKE, mode: 'anycast' }],
    unicast: STABLE_UNICAST_ROUTES,
    overload,
  });
  const v = judge.judge({ clientAs: 0, startMs: 0, durationMs: 120_000, flowHash: 1, key: 42, dnsPop: 0, ...session });
  return { cause: v.causeCodes[0] === 0 ? 'ok' : BREAK_CAUSES[v.causeCodes[0]! - 1], incident: v.incident[0], attempt: v.answeredAttempt[0], latencyMs: v.addedLatencyMs[0] };
}

describe('overload in the session judge', () => {
  it('a PoP that drops everything for longer than the transport waits breaks the session with cause overload, blaming the attack', () => {
    expect(verdict('websocket', overloaded(1, 10_000, 100_000), [10_000])).toMatchObject({ cause: 'overload', incident: 7 });
  });

  it('a drop shorter than the retransmission schedule is survived', () => {
    expect(verdict('websocket', overloaded(1, 10_000, 10_500), [10_000]).cause).toBe('ok');
  });

  it('a dropped DNS query is answered by a retry, with the latency of the wait', () => {
    const v = verdict('dns-udp', overloaded(1, 0, 1), []);
    expect(v.cause).toBe('ok');
    expect(v.attempt).toBe(2);
    expect(v.latencyMs).toBeGreaterThan(0);
    expect(verdict('dns-udp', overloaded(1, 0, 600_000), [])).toMatchObject({ cause: 'overload', incident: 7 });
  });

  it('a PoP out of session capacity refuses the session at its open', () => {
    expect(verdict('websocket', overloaded(0, 0, 0, 1), []).cause).toBe('overload');
    expect(verdict('websocket', overloaded(0, 0, 0, 0), []).cause).toBe('ok');
  });

  it('drops a packet with the bin\'s probability, decided by hashing (session, PoP, time)', () => {
    const model = overloaded(0.3, 0, Infinity);
    let dropped = 0;
    const n = 20_000;
    for (let k = 0; k < n; k++) if (overloadDrops(model, k * 2_654_435_761, 0, k * 37)) dropped++;
    // Binomial(20,000, 0.3): sd 65; 5 sd either side.
    expect(Math.abs(dropped - 0.3 * n)).toBeLessThan(5 * 65);
    expect(packetUniform(5, 0, 1_000)).toBe(packetUniform(5, 0, 1_000));
    expect(packetUniform(5, 0, 1_000)).not.toBe(packetUniform(5, 1, 1_000));
  });
});
