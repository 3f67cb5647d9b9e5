import { describe, expect, it } from 'vitest';
import { SiteHealthTimeline, type PathRtt, type ServingArchitecture } from '../pop/index.js';
import { CatchmentTimelineBuilder, type CatchmentTimeline } from './catchment-timeline.js';
import { protocolProfile, type ProtocolName } from './protocol-profile.js';
import { handshakeRoundTrips } from './session-cost.js';
import type { JudgedArchitecture } from './judge-context.js';
import { SessionJudge, type SessionDraw } from './session-judge.js';
import { STABLE_UNICAST_ROUTES } from './unicast-routes.js';
import { EDGE_LIKE } from '../../test/edge-like-architecture.js';

/** Any PoP forwards to the owner (daisy-chain). */
const daisy: ServingArchitecture = { ...EDGE_LIKE, name: 'daisy-chain', deliver: () => null };
/** Every flow is served by a pool server at PoP 2, wherever it lands (global-hash with one remote server). */
const poolAtPop2: ServingArchitecture = { ...daisy, name: 'global-hash', servingPopOf: () => 2 };

const ARCHS: JudgedArchitecture[] = [
  { architecture: EDGE_LIKE, mode: 'anycast' },
  { architecture: daisy, mode: 'anycast' },
  { architecture: poolAtPop2, mode: 'anycast' },
  { architecture: { ...EDGE_LIKE, name: 'unicast-handoff' }, mode: 'handoff' },
  { architecture: { ...EDGE_LIKE, name: 'unicast-dns' }, mode: 'unicast' },
];

/** PoPs on a line 40 ms apart; the client 10 ms from PoP 0, 50 from PoP 1, 90 from PoP 2. */
const LINE: PathRtt = { popToPopRttMs: (a, b) => 40 * Math.abs(a - b), clientToPopRttMs: (_c, pop) => 10 + 40 * pop };

/** Client AS 0 lands at PoP 0, then follows `changes`. */
function timeline(changes: readonly (readonly [number, number])[]): CatchmentTimeline {
  const builder = new CatchmentTimelineBuilder([0]);
  for (const [t, landing] of changes) builder.record(t, 0, landing);
  return builder.build();
}

function judgeWith(protocol: ProtocolName, changes: readonly (readonly [number, number])[], session: Partial<SessionDraw>, pathRtt?: PathRtt): SessionJudge {
  const judge = new SessionJudge(protocolProfile(protocol), {
    timeline: timeline(changes),
    sites: new SiteHealthTimeline(4, []),
    popCount: 4,
    popChangeTimesMs: new Float64Array(0),
    architectures: ARCHS,
    unicast: STABLE_UNICAST_ROUTES,
    ...(pathRtt === undefined ? {} : { pathRtt }),
  });
  judge.judge({ clientAs: 0, startMs: 0, durationMs: 30_000, flowHash: 1, key: 1, dnsPop: 0, ...session });
  return judge;
}

describe('session costs on the judged history', () => {
  it('a daisy-chained session forwards exactly while it lands away from its owner; edge breaks instead', () => {
    // Opens at PoP 0, lands at PoP 1 from 10 s to 20 s, ends at 30 s.
    const { costs, verdicts } = judgeWith('http-short', [[10_000, 1], [20_000, 0]], {}, LINE);
    expect(verdicts.causeCodes[0]).not.toBe(0);
    expect(costs.servedMs[0]).toBe(10_000);
    expect(costs.forwardedMs[0]).toBe(0);
    expect(Array.from(costs.served)).toEqual([1, 1, 1, 1, 1]);
    expect(costs.servedMs[1]).toBe(30_000);
    expect(costs.forwardedMs[1]).toBe(10_000);
    // Forwarded from PoP 1 to PoP 0: (40 + 10 - 50) / 2 = 0 ms on the line; a third of the time.
    expect(costs.addedRttMs[1]).toBe(0);
    expect(costs.startAddedMs[1]).toBe(0);
  });

  it('the added RTT is the time-weighted mean over the served time', () => {
    // Opens at PoP 2 (the owner), lands at PoP 0 from 10 s to 20 s, ends at 40 s.
    const fromTwo = new CatchmentTimelineBuilder([2]);
    fromTwo.record(10_000, 0, 0);
    fromTwo.record(20_000, 0, 2);
    const j = new SessionJudge(protocolProfile('http-short'), {
      timeline: fromTwo.build(),
      sites: new SiteHealthTimeline(4, []),
      popCount: 4,
      popChangeTimesMs: new Float64Array(0),
      architectures: ARCHS,
      unicast: STABLE_UNICAST_ROUTES,
      pathRtt: LINE,
    });
    j.judge({ clientAs: 0, startMs: 0, durationMs: 40_000, flowHash: 1, key: 1, dnsPop: 2 });
    // Landing 0, owner 2: (80 + 90 - 10) / 2 = 80 ms for 10 s of 40 s.
    expect(j.costs.forwardedMs[1]).toBe(10_000);
    expect(j.costs.addedRttMs[1]).toBe(20);
    // global-hash's server is at PoP 2 too: the same, and nothing at the start (opened at PoP 2).
    expect(j.costs.addedRttMs[2]).toBe(20);
    expect(j.costs.startForwarded[2]).toBe(0);
    // unicast-dns pinned to PoP 2 (90 ms) against anycast at PoP 0 (10 ms) for 10 s: +80 · 1/4.
    expect(j.costs.addedRttMs[4]).toBe(20);
    expect(j.costs.startAddedMs[4]).toBe(90);
  });

  it('global-hash with a remote pool server forwards the whole session and pays at the start', () => {
    const { costs } = judgeWith('http-short', [], {}, LINE);
    expect(costs.forwardedMs[2]).toBe(30_000);
    // Landing 0, owner 2: 80 ms per packet; the TCP and TLS handshakes pay it twice.
    expect(costs.addedRttMs[2]).toBe(80);
    expect(costs.startAddedMs[2]).toBe(handshakeRoundTrips('tcp') * 80);
    expect(costs.startForwarded[2]).toBe(1);
    expect(handshakeRoundTrips('quic')).toBe(1);
  });

  it('unicast hand-off pays one round trip at the start and the unicast path thereafter', () => {
    // Anycast moves the client to PoP 1 at 15 s; its unicast packets stay on PoP 0 (10 ms against 50).
    const { costs } = judgeWith('http-short', [[15_000, 1]], {}, LINE);
    expect(costs.startAddedMs[3]).toBe(10);
    expect(costs.addedRttMs[3]).toBe(-20);
    expect(costs.forwardedMs[3]).toBe(0);
  });

  it('a session open at the start counts only its time inside the run', () => {
    const { costs } = judgeWith('http-short', [], { startMs: -10_000, durationMs: 30_000 }, LINE);
    expect(costs.servedMs[1]).toBe(20_000);
    expect(costs.forwardedMs[2]).toBe(20_000);
    expect(costs.startForwarded[2]).toBe(0);
  });

  it('without an RTT model forwarding is still measured and RTTs are NaN', () => {
    const { costs } = judgeWith('http-short', [], {});
    expect(costs.forwardedMs[2]).toBe(30_000);
    expect(costs.addedRttMs[2]).toBeNaN();
    expect(costs.startAddedMs[3]).toBeNaN();
  });

  it('a query under global-hash crosses to the pool server; its retries add to the start wait', () => {
    const { costs, verdicts } = judgeWith('dns-udp', [], {}, LINE);
    expect(verdicts.answeredAttempt[2]).toBe(1);
    expect(costs.startForwarded[2]).toBe(1);
    expect(costs.addedRttMs[2]).toBe(80);
    expect(costs.startForwarded[1]).toBe(0);
    expect(costs.addedRttMs[1]).toBe(0);
    // A black hole for the first try: glibc answers on the second, 5 s later.
    const late = judgeWith('dns-udp', [[0, -1], [3_000, 0]], {}, LINE);
    expect(late.verdicts.answeredAttempt[0]).toBe(2);
    expect(late.costs.startAddedMs[0]).toBe(5_000);
    expect(late.costs.startAddedMs[2]).toBe(5_080);
  });
});
