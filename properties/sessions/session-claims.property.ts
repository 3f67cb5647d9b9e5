/**
 * The session layer's claims (issue 5, item 8), on random route histories judged by the real PoP
 * layer (hashing, churn, site outages) under every serving architecture:
 *
 * - a stateless query (dns-udp) is never broken by a PoP shift that drops no packet;
 * - for a fixed route history and start time, a longer session is broken whenever a shorter one
 *   is, so break probability does not decrease with duration;
 * - `global-hash` breaks a session only if `edge` breaks it too, when no server churns and no site
 *   dies (a dead site takes its servers out of the shared pool, which breaks sessions that edge
 *   kept: see docs/properties.md);
 * - an idle session whose packets never meet a flip survives it (ARCHITECTURE.md, Sessions: a
 *   session sees the network only through its packets).
 *
 * The end-to-end suite checks the global-hash claim again through simulate() on whole scenarios.
 * Each property counts what it found (sessions broken under edge, under global-hash, ...) so the
 * run shows that the claims were exercised, not vacuously true.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { protocolProfile, type ProtocolName } from '../../src/sessions/index.js';
import { arbitraryJudgeWorld, arbitrarySessions, brokenUnder, HORIZON_MS, JUDGED, judgeIn } from './_internals/judge-world.js';

const NUM_RUNS = Number(process.env.ANYSIM_PROPERTY_RUNS ?? 100);
const SEED = 20_170_601;
const params = { numRuns: NUM_RUNS, seed: SEED };
/** Coverage is asserted only when the run is large enough for it to be near certain. */
const ASSERT_COVERAGE = NUM_RUNS >= 50;

const STATEFUL: readonly ProtocolName[] = ['http-short', 'websocket', 'db', 'quic'];

describe('session claims (properties)', () => {
  it('dns-udp: a PoP shift that drops no packet never breaks a query, under any architecture', () => {
    let shiftedQueries = 0;
    fc.assert(
      fc.property(
        arbitraryJudgeWorld({ drops: false, churn: true, outages: false }),
        arbitrarySessions,
        fc.record({ timeoutS: fc.integer({ min: 1, max: 10 }), attempts: fc.integer({ min: 1, max: 5 }) }),
        (world, sessions, resolver) => {
          const judge = judgeIn(world, protocolProfile('dns-udp', { resolver: { profile: 'custom', timeoutMs: resolver.timeoutS * 1_000, attempts: resolver.attempts } }));
          for (const session of sessions) {
            const verdicts = judge.judge(session);
            expect(Array.from(verdicts.causeCodes)).toEqual(JUDGED.map(() => 0));
            expect(Array.from(verdicts.answeredAttempt)).toEqual(JUDGED.map(() => 1));
            if (world.changes.some(([t]) => t > session.startMs && t <= session.startMs + resolver.timeoutS * 1_000 * resolver.attempts)) shiftedQueries++;
          }
        },
      ),
      params,
    );
    if (ASSERT_COVERAGE) expect(shiftedQueries).toBeGreaterThan(0);
  });

  it('for a fixed route history and start, a session broken at duration d is broken at every longer duration', () => {
    let brokenShort = 0;
    let brokenOnlyLong = 0;
    fc.assert(
      fc.property(
        arbitraryJudgeWorld({ drops: true, churn: true, outages: true }),
        arbitrarySessions,
        fc.integer({ min: 1, max: HORIZON_MS }),
        fc.constantFrom(...STATEFUL),
        (world, sessions, extraMs, protocol) => {
          const judge = judgeIn(world, protocolProfile(protocol));
          for (const session of sessions) {
            const short = brokenUnder(judge, session);
            const long = brokenUnder(judge, { ...session, durationMs: session.durationMs + extraMs });
            short.forEach((broken, a) => {
              if (broken) {
                brokenShort++;
                expect(long[a], `${protocol} under ${JUDGED[a]}`).toBe(true);
              } else if (long[a] === true) brokenOnlyLong++;
            });
          }
        },
      ),
      params,
    );
    if (ASSERT_COVERAGE) {
      expect(brokenShort).toBeGreaterThan(0);
      expect(brokenOnlyLong).toBeGreaterThan(0);
    }
  });

  it('global-hash breaks a session only if edge does, when no server churns and no site dies', () => {
    const edge = JUDGED.indexOf('edge');
    const globalHash = JUDGED.indexOf('global-hash');
    let edgeOnly = 0;
    fc.assert(
      fc.property(
        arbitraryJudgeWorld({ drops: true, churn: false, outages: false }),
        arbitrarySessions,
        fc.constantFrom<ProtocolName>('dns-udp', ...STATEFUL),
        (world, sessions, protocol) => {
          const judge = judgeIn(world, protocolProfile(protocol));
          for (const session of sessions) {
            const broken = brokenUnder(judge, session);
            if (broken[globalHash] === true) expect(broken[edge], protocol).toBe(true);
            if (broken[edge] === true && broken[globalHash] !== true) edgeOnly++;
          }
        },
      ),
      params,
    );
    if (ASSERT_COVERAGE) expect(edgeOnly).toBeGreaterThan(0);
  });

  it('an idle session survives a flip (and flip back) that falls between two of its packets', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<ProtocolName>('websocket', 'db'),
        fc.integer({ min: 5, max: 60 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.nat({ max: 8 }),
        fc.integer({ min: 1, max: 998 }),
        fc.integer({ min: 1, max: 999 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 0xffff_ffff }),
        (protocol, intervalS, startMs, gapIndex, fromPerMille, lengthPerMille, otherPop, flowHash) => {
          const intervalMs = intervalS * 1_000;
          // No Poisson messages: the packets are exactly the pings at start + k x interval.
          const profile = { ...protocolProfile(protocol, { packetIntervalMs: intervalMs }), messageRatePerS: 0 };
          const gapStart = startMs + gapIndex * intervalMs;
          const flipAt = gapStart + 1 + Math.floor(((intervalMs - 2) * fromPerMille) / 1000);
          const backAt = Math.min(gapStart + intervalMs - 1, flipAt + 1 + Math.floor(((gapStart + intervalMs - 1 - flipAt - 1) * lengthPerMille) / 1000));
          fc.pre(flipAt < backAt);
          const world = { popCount: 4, changes: [[flipAt, otherPop], [backAt, 0]] as const, churn: [], outages: [], algorithm: 'maglev' as const };
          const judge = judgeIn(world, profile);
          const session = { clientAs: 0, startMs, durationMs: (gapIndex + 3) * intervalMs, flowHash, key: flowHash, dnsPop: 0 };
          expect(brokenUnder(judge, session)).toEqual(JUDGED.map(() => false));
          // The same flip a moment wider, over a ping, breaks the session under edge: the property is not vacuous.
          const seen = judgeIn({ ...world, changes: [[flipAt, otherPop], [gapStart + intervalMs + 1, 0]] }, profile);
          expect(brokenUnder(seen, session)[JUDGED.indexOf('edge')]).toBe(true);
        },
      ),
      params,
    );
  });
});
