import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SiteHealthTimeline, type ServingArchitecture } from '../pop/index.js';
import { BLACKHOLE } from '../routing/index.js';
import { CatchmentTimelineBuilder, type CatchmentTimeline } from './catchment-timeline.js';
import { protocolProfile, type ProtocolName } from './protocol-profile.js';
import type { JudgeContext, JudgedArchitecture } from './judge-context.js';
import { SessionJudge, type SessionDraw } from './session-judge.js';
import { BREAK_CAUSES } from './session-verdicts.js';
import { STABLE_UNICAST_ROUTES, type UnicastRoutes } from './unicast-routes.js';
import { BIND_RESOLVER, UNBOUND_RESOLVER } from './dns-resolver.js';
import { EDGE_LIKE } from '../../test/edge-like-architecture.js';

/** Any PoP forwards to the state holder (the `daisy-chain` rule while no site dies). */
const forwarding: ServingArchitecture = { ...EDGE_LIKE, name: 'daisy-chain', deliver: () => null };

const ARCHS: JudgedArchitecture[] = [
  { architecture: EDGE_LIKE, mode: 'anycast' },
  { architecture: forwarding, mode: 'anycast' },
  { architecture: { ...EDGE_LIKE, name: 'unicast-handoff' }, mode: 'handoff' },
];

/** One client AS (index 0) whose landing follows `changes` [(timeMs, landing, incident?)] from PoP 0. */
function timeline(changes: readonly (readonly [number, number, number?])[]): CatchmentTimeline {
  const builder = new CatchmentTimelineBuilder([0]);
  for (const [t, landing, incident] of changes) builder.record(t, 0, landing, incident ?? -1);
  return builder.build();
}

function judge(
  protocol: ProtocolName,
  changes: readonly (readonly [number, number])[],
  session: Partial<SessionDraw>,
  sites: SiteHealthTimeline = new SiteHealthTimeline(4, []),
): string[] {
  const judgeFor = new SessionJudge(protocolProfile(protocol), {
    timeline: timeline(changes),
    sites,
    popCount: 4,
    popChangeTimesMs: new Float64Array(0),
    architectures: ARCHS,
    unicast: STABLE_UNICAST_ROUTES,
  });
  const draw: SessionDraw = { clientAs: 0, startMs: 0, durationMs: 60_000, flowHash: 1, key: 1, dnsPop: 0, ...session };
  const verdicts = judgeFor.judge(draw);
  return Array.from(verdicts.causeCodes, (code, a) =>
    code === 0 ? `ok${verdicts.answeredAttempt[a]! > 0 ? `@${verdicts.answeredAttempt[a]}` : ''}` : BREAK_CAUSES[code - 1]!,
  );
}

/** The judging context of these tests: 4 PoPs, no outages, stable unicast routes. */
function context(t: CatchmentTimeline): JudgeContext {
  return { timeline: t, sites: new SiteHealthTimeline(4, []), popCount: 4, popChangeTimesMs: new Float64Array(0), architectures: ARCHS, unicast: STABLE_UNICAST_ROUTES };
}

describe('SessionJudge', () => {
  it('a continuously sending session breaks on a PoP shift under edge, not when PoPs forward', () => {
    expect(judge('http-short', [[10_000, 1]], { durationMs: 20_000 })).toEqual(['pop-shift', 'ok', 'ok']);
  });

  it('a shift after the session ended breaks nothing', () => {
    expect(judge('http-short', [[30_000, 1]], { durationMs: 20_000 })).toEqual(['ok', 'ok', 'ok']);
  });

  it('an idle websocket survives a flip and flip back that no ping saw', () => {
    // Pings every 30 s from t = 0: at 30 s and 60 s. The flip lasts 31 s-40 s. Messages are
    // Poisson (1/min) so pick a key whose first message after the flip comes after it ends:
    // checking both outcomes over keys is done in the property below; here it is exact.
    const quiet = { ...protocolProfile('websocket'), messageRatePerS: 0 };
    const j = new SessionJudge(quiet, {
      timeline: timeline([
        [31_000, 1],
        [40_000, 0],
      ]),
      sites: new SiteHealthTimeline(4, []),
      popCount: 4,
      popChangeTimesMs: new Float64Array(0),
      architectures: ARCHS,
      unicast: STABLE_UNICAST_ROUTES,
    });
    const v = j.judge({ clientAs: 0, startMs: 0, durationMs: 120_000, flowHash: 1, key: 1, dnsPop: 0 });
    expect(Array.from(v.causeCodes)).toEqual([0, 0, 0]);
    const busy = j.judge({ clientAs: 0, startMs: 5_000, durationMs: 120_000, flowHash: 1, key: 1, dnsPop: 0 });
    // Pings at 35 s: inside the flip, so edge resets.
    expect(BREAK_CAUSES[busy.causeCodes[0]! - 1]).toBe('pop-shift');
  });

  it('a short black hole is survived by retransmission; one past the 30 s application timeout breaks the session', () => {
    expect(
      judge('http-short', [
        [5_000, BLACKHOLE],
        [10_000, 0],
      ], { durationMs: 30_000 }),
    ).toEqual(['ok', 'ok', 'ok']);
    // Retransmissions at 5 s + 0.2, 0.6, ..., 25.4 s; the next would be 51 s later, past the
    // timeout at 35 s. A black hole ending at 30 s is met at 30.4 s; one ending at 31 s, 4 s
    // before the timeout, is never seen again.
    expect(
      judge('http-short', [
        [5_000, BLACKHOLE],
        [30_000, 0],
      ], { durationMs: 50_000 }),
    ).toEqual(['ok', 'ok', 'ok']);
    expect(
      judge('http-short', [
        [5_000, BLACKHOLE],
        [31_000, 0],
      ], { durationMs: 50_000 }),
    ).toEqual(['blackhole', 'blackhole', 'ok']);
  });

  it('after a black hole, the retransmission that lands on another PoP resets under edge', () => {
    expect(
      judge('http-short', [
        [5_000, BLACKHOLE],
        [8_000, 1],
      ], { durationMs: 30_000 }),
    ).toEqual(['pop-shift', 'ok', 'ok']);
  });

  it('a site that dies silently drops packets until the routes move: site-failure', () => {
    const sites = new SiteHealthTimeline(4, [{ popIndex: 0, downAtMs: 5_000 }]);
    // Routes still point at PoP 0 until 95 s (hold timer): far beyond http-short's tolerance.
    expect(judge('http-short', [[95_000, 1]], { durationMs: 100_000 }, sites)).toEqual([
      'site-failure',
      'site-failure',
      'site-failure',
    ]);
  });

  it('a retransmission sees the route only at its back-off instants (RFC 6298), and blames the entry that moved it', () => {
    // Lost at 5 s; retransmissions at 5.2 s and 5.6 s (RTO 200 ms doubling). The black hole ends
    // at 5.3 s on PoP 1, which the client meets at 5.6 s, not at 5.3 s.
    const j = new SessionJudge(protocolProfile('http-short'), context(timeline([
      [5_000, BLACKHOLE, 7],
      [5_300, 1, 8],
    ])));
    const v = j.judge({ clientAs: 0, startMs: 0, durationMs: 20_000, flowHash: 1, key: 1, dnsPop: 0 });
    expect(BREAK_CAUSES[v.causeCodes[0]! - 1]).toBe('pop-shift');
    expect(v.breakAtMs[0]).toBe(5_600);
    expect(v.incident[0]).toBe(8);
    expect(v.causeCodes[1]).toBe(0);
    expect(v.incident[1]).toBe(-1);
    expect(Number.isNaN(v.breakAtMs[1])).toBe(true);
    // A loss that outlasts the timeout is blamed on the entry that dropped the first packet.
    const lost = new SessionJudge(protocolProfile('http-short'), context(timeline([[5_000, BLACKHOLE, 3]]))).judge({
      clientAs: 0,
      startMs: 0,
      durationMs: 20_000,
      flowHash: 1,
      key: 1,
      dnsPop: 0,
    });
    expect(BREAK_CAUSES[lost.causeCodes[1]! - 1]).toBe('blackhole');
    expect(lost.incident[1]).toBe(3);
    expect(lost.breakAtMs[1]).toBe(35_000);
  });

  it('QUIC: a packet at a PoP without state ends the connection only when PoPs share the reset key', () => {
    const flip = timeline([
      [5_000, 1],
      [7_000, 0],
    ]);
    const session: SessionDraw = { clientAs: 0, startMs: 0, durationMs: 20_000, flowHash: 1, key: 1, dnsPop: 0 };
    const shared = new SessionJudge(protocolProfile('quic'), context(flip)).judge(session);
    expect(BREAK_CAUSES[shared.causeCodes[0]! - 1]).toBe('pop-shift');
    const perPop = new SessionJudge(protocolProfile('quic'), { ...context(flip), quicResetKeyShared: false }).judge(session);
    expect(Array.from(perPop.causeCodes)).toEqual([0, 0, 0]);
    // Without the client's packets coming back, the connection dies at its idle timeout (30 s).
    const away = new SessionJudge(protocolProfile('quic'), { ...context(timeline([[5_000, 1]])), quicResetKeyShared: false }).judge(session);
    expect(BREAK_CAUSES[away.causeCodes[0]! - 1]).toBe('pop-shift');
    expect(away.breakAtMs[0]).toBe(35_000);
  });

  it('unicast packets after the handoff follow their PoP\'s unicast route and meet its black holes', () => {
    const unicast: UnicastRoutes = {
      outcomeAt: (pop, _as, tMs) => (tMs >= 5_000 && tMs < 60_000 ? BLACKHOLE : pop),
      nextChangeAfterMs: (_pop, _as, tMs) => (tMs < 5_000 ? 5_000 : tMs < 60_000 ? 60_000 : Number.POSITIVE_INFINITY),
      incidentAt: (_pop, _as, tMs) => (tMs >= 5_000 && tMs < 60_000 ? 4 : -1),
    };
    const quietDb = { ...protocolProfile('db'), messageRatePerS: 0 };
    const v = new SessionJudge(quietDb, { ...context(timeline([])), unicast }).judge({ clientAs: 0, startMs: 0, durationMs: 100_000, flowHash: 1, key: 1, dnsPop: 0 });
    // Anycast is untouched; the handoff's query at 15 s is lost until the 30 s socket timeout.
    expect(Array.from(v.causeCodes.subarray(0, 2))).toEqual([0, 0]);
    expect(BREAK_CAUSES[v.causeCodes[2]! - 1]).toBe('blackhole');
    expect(v.incident[2]).toBe(4);
    expect(v.breakAtMs[2]).toBe(45_000);
  });

  it('a recursive resolver retries the second address after 376 ms: a dead instance costs latency, not the lookup', () => {
    const sites = new SiteHealthTimeline(4, [{ popIndex: 0, downAtMs: 0, upAtMs: 60_000, incident: 2 }]);
    const session: SessionDraw = { clientAs: 0, startMs: 1_000, durationMs: 1, flowHash: 1, key: 1, dnsPop: 0 };
    const stub = new SessionJudge(protocolProfile('dns-udp'), { ...context(timeline([])), sites }).judge(session);
    expect(BREAK_CAUSES[stub.causeCodes[0]! - 1]).toBe('site-failure');
    expect(stub.incident[0]).toBe(2);
    expect(stub.breakAtMs[0]).toBe(11_000);
    const unbound = new SessionJudge(protocolProfile('dns-udp', { resolver: UNBOUND_RESOLVER }), { ...context(timeline([])), sites }).judge(session);
    expect(Array.from(unbound.causeCodes)).toEqual([0, 0, 0]);
    expect(Array.from(unbound.answeredAttempt)).toEqual([2, 2, 2]);
    expect(Array.from(unbound.addedLatencyMs)).toEqual([376, 376, 376]);
    const bind = new SessionJudge(protocolProfile('dns-udp', { resolver: BIND_RESOLVER }), { ...context(timeline([])), sites }).judge(session);
    expect(bind.addedLatencyMs[0]).toBe(800);
  });

  it('dns-udp is stateless: a shift never breaks it; a loss costs an attempt', () => {
    expect(judge('dns-udp', [[0, 1]], {})).toEqual(['ok@1', 'ok@1', 'ok@1']);
    expect(
      judge('dns-udp', [
        [0, BLACKHOLE],
        [3_000, 1],
      ], {}),
    ).toEqual(['ok@2', 'ok@2', 'ok@2']);
    expect(judge('dns-udp', [[0, BLACKHOLE]], {})).toEqual(['blackhole', 'blackhole', 'blackhole']);
  });

  it('for a fixed route history and start, breaking never gets less likely with duration', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 600_000 }), fc.integer({ min: -1, max: 3 })), { maxLength: 12 }),
        fc.integer({ min: 0, max: 300_000 }),
        fc.integer({ min: 1, max: 600_000 }),
        fc.integer({ min: 1, max: 600_000 }),
        fc.constantFrom<ProtocolName>('http-short', 'websocket', 'db', 'quic'),
        (rawChanges, startMs, d1, d2, protocol) => {
          const changes = [...rawChanges].sort((a, b) => a[0] - b[0]);
          const [short, long] = d1 <= d2 ? [d1, d2] : [d2, d1];
          const a = judge(protocol, changes, { startMs, durationMs: short });
          const b = judge(protocol, changes, { startMs, durationMs: long });
          a.forEach((verdict, i) => {
            if (verdict !== 'ok') expect(b[i]).not.toBe('ok');
          });
        },
      ),
      { seed: 5, numRuns: 300 },
    );
  });
});
