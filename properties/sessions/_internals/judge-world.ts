/**
 * A small world for judging sessions directly: one client AS whose landing follows a random
 * route history, a real PoP layer (hashing, churn, site outages) and every serving architecture
 * over it, with the routing mode the simulator gives each (ROUTING_MODE in src/sessions).
 */
import fc from 'fast-check';
import { createArchitecture, PopLayerModel, type ArchitectureName, type ChurnEvent, type HashAlgorithmName, type SiteOutage } from '../../../src/pop/index.js';
import {
  CatchmentTimelineBuilder,
  ROUTING_MODE,
  SessionJudge,
  STABLE_UNICAST_ROUTES,
  type CatchmentTimeline,
  type JudgedArchitecture,
  type ProtocolProfile,
  type SessionDraw,
  type UnicastRoutes,
} from '../../../src/sessions/index.js';

/** The architectures judged here (quic-lb routes by QUIC connection IDs and is covered by the PoP suites). */
export const JUDGED: readonly ArchitectureName[] = ['edge', 'global-hash', 'daisy-chain', 'unicast-handoff', 'unicast-dns'];

/** Servers every PoP starts with. */
const SERVERS_PER_POP = 4;

/** Ten minutes of route history. */
export const HORIZON_MS = 600_000;

/** A route history, PoP events and the hashing setup. */
export interface JudgeWorld {
  readonly popCount: number;
  /** (time, landing) changes of client AS 0, sorted by time; landing -1 black hole, -2 loop. */
  readonly changes: readonly (readonly [number, number])[];
  readonly churn: readonly ChurnEvent[];
  readonly outages: readonly SiteOutage[];
  readonly algorithm: HashAlgorithmName;
  /** Black holes on PoPs' unicast routes: [pop, fromMs, toMs); none when absent. */
  readonly unicastHoles?: readonly (readonly [number, number, number])[];
  /** QUIC stateless-reset key shared by the PoPs (default true). */
  readonly quicResetKeyShared?: boolean;
  /** Conntrack idle timeout of every load balancer (ms); default the PoP layer's (900 s). */
  readonly conntrackIdleTimeoutMs?: number;
}

/** Unicast routes that black-hole `holes` ([pop, fromMs, toMs), incident = index of the hole) and deliver otherwise. */
export function holedUnicastRoutes(holes: readonly (readonly [number, number, number])[]): UnicastRoutes {
  const holeAt = (pop: number, tMs: number): number => holes.findIndex(([p, from, to]) => p === pop && tMs >= from && tMs < to);
  return {
    outcomeAt: (pop, _as, tMs) => (holeAt(pop, tMs) >= 0 ? -1 : pop),
    nextChangeAfterMs: (pop, _as, tMs) =>
      holes.reduce((next, [p, from, to]) => (p !== pop ? next : Math.min(next, from > tMs ? from : Number.POSITIVE_INFINITY, to > tMs ? to : Number.POSITIVE_INFINITY)), Number.POSITIVE_INFINITY),
    incidentAt: (pop, _as, tMs) => holeAt(pop, tMs),
  };
}

/** What a world may contain. */
export interface JudgeWorldOptions {
  /** Allow black holes and loops in the route history. */
  readonly drops: boolean;
  readonly churn: boolean;
  readonly outages: boolean;
}

/** Random worlds of 2-4 PoPs with up to 12 route changes, shrinking toward a quiet one. */
export function arbitraryJudgeWorld(options: JudgeWorldOptions): fc.Arbitrary<JudgeWorld> {
  const lowestLanding = options.drops ? -2 : 0;
  return fc.integer({ min: 2, max: 4 }).chain((popCount) =>
    fc.record({
      popCount: fc.constant(popCount),
      changes: fc
        .array(fc.tuple(fc.integer({ min: 1, max: HORIZON_MS }), fc.integer({ min: lowestLanding, max: popCount - 1 })), { maxLength: 12 })
        .map((changes) => [...changes].sort((a, b) => a[0] - b[0])),
      churn: options.churn
        ? fc
            .array(
              fc.record({
                atMs: fc.integer({ min: 1, max: HORIZON_MS }),
                popIndex: fc.nat({ max: popCount - 1 }),
                kind: fc.constantFrom('add', 'drain', 'remove', 'fail'),
                serverId: fc.nat({ max: SERVERS_PER_POP - 1 }),
              }),
              { maxLength: 4 },
            )
            .map(churnEvents)
        : fc.constant([]),
      outages: options.outages
        ? fc.array(
            fc
              .record({ popIndex: fc.nat({ max: popCount - 1 }), downAtMs: fc.integer({ min: 1, max: HORIZON_MS }), lengthMs: fc.integer({ min: 1, max: 120_000 }) })
              .map(({ popIndex, downAtMs, lengthMs }): SiteOutage => ({ popIndex, downAtMs, upAtMs: downAtMs + lengthMs })),
            { maxLength: 2 },
          )
        : fc.constant([]),
      algorithm: fc.constantFrom<HashAlgorithmName>('maglev', 'ring', 'jump', 'rendezvous', 'modulo'),
    }),
  );
}

/** Sessions of client AS 0 starting inside the history. */
export const arbitrarySessions: fc.Arbitrary<readonly SessionDraw[]> = fc.array(
  fc.record({
    clientAs: fc.constant(0),
    startMs: fc.integer({ min: 0, max: HORIZON_MS }),
    durationMs: fc.integer({ min: 1, max: HORIZON_MS }),
    flowHash: fc.integer({ min: 0, max: 0xffff_ffff }),
    key: fc.integer({ min: 0, max: 0xffff_ffff }),
    dnsPop: fc.constant(0),
  }),
  { minLength: 1, maxLength: 20 },
);

/** Churn events with each initial server leaving at most once; added servers take the next id. */
function churnEvents(drafts: readonly { atMs: number; popIndex: number; kind: ChurnEvent['kind']; serverId: number }[]): ChurnEvent[] {
  const gone = new Set<string>();
  const events: ChurnEvent[] = [];
  for (const draft of drafts) {
    if (draft.kind === 'add') {
      events.push({ atMs: draft.atMs, popIndex: draft.popIndex, kind: 'add' });
      continue;
    }
    const key = `${draft.popIndex}/${draft.serverId}`;
    if (gone.has(key)) continue;
    gone.add(key);
    events.push(draft);
  }
  return events;
}

/** Removes outages of one PoP that overlap (the site-health timeline wants them disjoint). */
function disjoint(outages: readonly SiteOutage[]): SiteOutage[] {
  const kept: SiteOutage[] = [];
  for (const outage of [...outages].sort((a, b) => a.downAtMs - b.downAtMs)) {
    const clash = kept.some((k) => k.popIndex === outage.popIndex && outage.downAtMs <= (k.upAtMs ?? Number.POSITIVE_INFINITY));
    if (!clash) kept.push(outage);
  }
  return kept;
}

/** Incidents of the world: route change i is ROUTE_INCIDENT_BASE + i, outage i and churn step i likewise; unicast hole i is i. */
export const ROUTE_INCIDENT_BASE = 300;
/** See {@link ROUTE_INCIDENT_BASE}. */
export const OUTAGE_INCIDENT_BASE = 100;
/** See {@link ROUTE_INCIDENT_BASE}. */
export const CHURN_INCIDENT_BASE = 200;

/** The pieces a judge is made of in `world`. */
export interface JudgeParts {
  readonly model: PopLayerModel;
  readonly timeline: CatchmentTimeline;
  readonly unicast: UnicastRoutes;
  readonly judged: readonly JudgedArchitecture[];
  readonly popChangeTimesMs: Float64Array;
}

/** A judge for `profile` in `world`, judging `architectures` in this order. */
export function judgeIn(world: JudgeWorld, profile: ProtocolProfile, architectures: readonly ArchitectureName[] = JUDGED): SessionJudge {
  const parts = judgePartsOf(world, architectures);
  return new SessionJudge(profile, {
    timeline: parts.timeline,
    sites: parts.model.sites,
    popCount: world.popCount,
    popChangeTimesMs: parts.popChangeTimesMs,
    architectures: parts.judged,
    unicast: parts.unicast,
    quicResetKeyShared: world.quicResetKeyShared ?? true,
  });
}

/** The PoP layer, route history, unicast routes and architectures of `world`. */
export function judgePartsOf(world: JudgeWorld, architectures: readonly ArchitectureName[] = JUDGED): JudgeParts {
  const model = new PopLayerModel({
    pops: Array.from({ length: world.popCount }, (_, p) => ({ name: `pop-${p}`, servers: SERVERS_PER_POP, algorithm: world.algorithm, tableSize: 1_009, vnodes: 50 })),
    churn: world.churn.map((event, i) => ({ ...event, incident: CHURN_INCIDENT_BASE + i })),
    siteFailures: disjoint(world.outages).map((outage) => ({ ...outage, incident: OUTAGE_INCIDENT_BASE + world.outages.indexOf(outage) })),
    globalHash: { algorithm: world.algorithm, tableSize: 1_009, vnodes: 50, updateDelayMs: 5_000 },
    ...(world.conntrackIdleTimeoutMs === undefined ? {} : { conntrack: { capacity: 100_000, idleTimeoutMs: world.conntrackIdleTimeoutMs } }),
  });
  const builder = new CatchmentTimelineBuilder([0]);
  world.changes.forEach(([t, landing], i) => builder.record(t, 0, landing, ROUTE_INCIDENT_BASE + i));
  // Churn and site outage edges change the shared pool; each PoP applies that 5 s later.
  const outageEdgesMs = Array.from({ length: world.popCount }, (_, p) => model.sites.outagesOf(p))
    .flat()
    .flatMap((o) => (Number.isFinite(o.upAtMs) ? [o.downAtMs, o.upAtMs] : [o.downAtMs]));
  const poolChangesMs = [...world.churn.map((c) => c.atMs), ...outageEdgesMs];
  const popChangeTimesMs = Float64Array.from(poolChangesMs.flatMap((t) => [t, t + 5_000])).sort();
  const judged: JudgedArchitecture[] = architectures.map((name) => ({ architecture: createArchitecture(name, model), mode: ROUTING_MODE[name] }));
  const unicast = world.unicastHoles === undefined ? STABLE_UNICAST_ROUTES : holedUnicastRoutes(world.unicastHoles);
  return { model, timeline: builder.build(), unicast, judged, popChangeTimesMs };
}

/** Whether each architecture broke `session` (true: broken), copied out of the judge's reused arrays. */
export function brokenUnder(judge: SessionJudge, session: SessionDraw): boolean[] {
  return Array.from(judge.judge(session).causeCodes, (code) => code !== 0);
}
