import { describe, expect, it } from 'vitest';
import { SiteHealthTimeline } from '../pop/index.js';
import { CatchmentTimelineBuilder } from './catchment-timeline.js';
import { ClientFlipLogBuilder, overlayClientFlips } from './client-flips.js';
import { PerFlowFlips } from './per-flow-flips.js';
import { protocolProfile, type ProtocolName } from './protocol-profile.js';
import type { JudgeContext, JudgedArchitecture } from './judge-context.js';
import { SessionJudge } from './session-judge.js';
import { BREAK_CAUSES } from './session-verdicts.js';
import { STABLE_UNICAST_ROUTES } from './unicast-routes.js';
import { EDGE_LIKE } from '../../test/edge-like-architecture.js';

const ARCHS: JudgedArchitecture[] = [
  { architecture: EDGE_LIKE, mode: 'anycast' },
  { architecture: { ...EDGE_LIKE, name: 'unicast-dns' }, mode: 'unicast' },
];

/** AS 0 is routed to PoP 0 throughout; from 100 s to 200 s it has a second path, to PoP 1. */
function world() {
  const routed = new CatchmentTimelineBuilder([0]).build();
  const builder = new ClientFlipLogBuilder();
  builder.end(builder.start(0, 100_000, 1, 99), 200_000);
  return { routed, log: builder.build(0) };
}

function contextFor(mode: 'per-packet' | 'per-flow'): JudgeContext {
  const { routed, log } = world();
  const base = { unicast: STABLE_UNICAST_ROUTES, sites: new SiteHealthTimeline(2, []), popCount: 2, popChangeTimesMs: new Float64Array(0), architectures: ARCHS };
  if (mode === 'per-packet') return { ...base, timeline: overlayClientFlips(routed, log) };
  const perFlowFlips = new PerFlowFlips(routed, log);
  return { ...base, timeline: perFlowFlips.timeline, perFlowFlips };
}

function verdicts(judge: SessionJudge, startMs: number, durationMs: number, flowHash: number): string[] {
  const v = judge.judge({ clientAs: 0, startMs, durationMs, flowHash, key: flowHash ^ 0x1234, dnsPop: 0 });
  return Array.from(v.causeCodes, (code) => (code === 0 ? 'ok' : BREAK_CAUSES[code - 1]!));
}

function judgeOf(protocol: ProtocolName, mode: 'per-packet' | 'per-flow'): SessionJudge {
  return new SessionJudge(protocolProfile(protocol), contextFor(mode));
}

describe('per-flow client flips in the judge', () => {
  it('an established flow never moves with a per-flow flip, but does with a per-packet one', () => {
    for (let h = 0; h < 64; h++) {
      expect(verdicts(judgeOf('http-short', 'per-flow'), 50_000, 300_000, h)).toEqual(['ok', 'ok']);
      expect(verdicts(judgeOf('http-short', 'per-packet'), 50_000, 300_000, h)).toEqual(['pop-shift', 'ok']);
    }
  });

  it('a new flow stays on the path it hashed onto, and one on the alternative is rehashed back when the flip ends', () => {
    const perFlow = judgeOf('websocket', 'per-flow');
    const outcomes = new Map<string, number>();
    for (let h = 0; h < 400; h++) {
      // Short flows inside the flip keep their path, whichever it is.
      expect(verdicts(perFlow, 150_000, 20_000, h)).toEqual(['ok', 'ok']);
      const long = verdicts(perFlow, 150_000, 200_000, h).join(',');
      outcomes.set(long, (outcomes.get(long) ?? 0) + 1);
    }
    // websocket presents no cross-flow state: half the long flows break at the rehash, half not.
    expect([...outcomes.keys()].sort()).toEqual(['ok,ok', 'pop-shift,ok']);
    expect(outcomes.get('pop-shift,ok')).toBeGreaterThan(150);
    expect(outcomes.get('pop-shift,ok')).toBeLessThan(250);
  });

  it('counts cross-flow-state only for protocols that use it, only during a flip, and never for unicast-pinned flows', () => {
    const counts = (protocol: ProtocolName, startMs: number): number => {
      const judge = judgeOf(protocol, 'per-flow');
      let crossFlow = 0;
      for (let h = 0; h < 400; h++) {
        const v = verdicts(judge, startMs, 20_000, h);
        expect(v[1]).toBe('ok');
        if (v[0] === 'cross-flow-state') crossFlow++;
      }
      return crossFlow;
    };
    expect(protocolProfile('http-short').crossFlowState).toBe(true);
    expect(protocolProfile('quic').crossFlowState).toBe(true);
    expect(protocolProfile('websocket').crossFlowState).toBe(false);
    expect(counts('http-short', 150_000)).toBeGreaterThan(150);
    expect(counts('http-short', 150_000)).toBeLessThan(250);
    expect(counts('quic', 150_000)).toBeGreaterThan(150);
    expect(counts('http-short', 250_000)).toBe(0);
    expect(counts('websocket', 150_000)).toBe(0);
    expect(counts('db', 150_000)).toBe(0);
  });
});
