/**
 * A fast-check arbitrary of flap schedules: lists of the flap processes of docs/scenarios.md
 * (PoP withdrawals and re-announcements, PoP failures found by health checks, silent deaths found
 * by the BGP hold timer (RFC 4271 §6.5), maintenance drains, Poisson link flaps, policy shifts,
 * server churn, client flips (Wei & Heidemann, TMA 2017)), every time inside the run and every
 * follow-up after its event, so each schedule passes the scenario's consistency checks.
 *
 * Times are drawn as shares (per mille) of the run and PoPs as indexes, then resolved against the
 * run's length and PoP names: the draws are plain integers, so a failing schedule shrinks toward
 * fewer flaps, earlier events, PoP 0 and the simplest type (the first of `types`).
 */
import fc from 'fast-check';
import type { FlapSpec } from '../scenario/index.js';

/** Flap types a schedule can hold. link-down names ASNs, which only a known graph can supply. */
export type ArbitraryFlapType = Exclude<FlapSpec['type'], 'link-down' | 'ddos'>;

/** Every type {@link arbitraryFlapSchedule} draws by default, simplest first (shrinking goes there). */
export const ARBITRARY_FLAP_TYPES: readonly ArbitraryFlapType[] = [
  'client-flips',
  'pop-withdraw',
  'policy-shift',
  'server-churn',
  'maintenance-drain',
  'pop-failure',
  'silent-death',
  'link-flaps',
];

/** Most flaps in one schedule: enough to combine every type, few enough for sub-second runs. */
export const ARBITRARY_FLAPS_MAX = 32;

/** What a schedule is resolved against. */
export interface FlapScheduleContext {
  /** PoP names flaps may refer to (`pop-0` .. with PoPs by count). */
  readonly popNames: readonly string[];
  /** Length of the run (ms); every time falls before it. At least 10 s. */
  readonly durationMs: number;
  /** Servers per PoP: server churn never removes more than there are (default 8). */
  readonly serversPerPop?: number;
  /** pop-failure health checking (defaults: `serving` defaults, 10 s and 3). */
  readonly healthCheckIntervalMs?: number;
  readonly failureThreshold?: number;
}

/** Options of {@link arbitraryFlapSchedule}. */
export interface ArbitraryFlapScheduleOptions extends FlapScheduleContext {
  /** Types to draw (default {@link ARBITRARY_FLAP_TYPES}); the first is where shrinking goes. */
  readonly types?: readonly ArbitraryFlapType[];
  /** Most flaps (default 4, at most {@link ARBITRARY_FLAPS_MAX}). */
  readonly maxFlaps?: number;
}

/** One flap before it is resolved: integers only (shares per mille, indexes, counts). */
export interface FlapDraft {
  readonly type: number;
  readonly pop: number;
  /** Event time, per mille of the run. */
  readonly at: number;
  /** Follow-up (re-announcement, recovery, restore), per mille of what is left; 0: none. Client flips: its parity picks the mode (even: per-packet). */
  readonly follow: number;
  /** Drain: withdrawal delay, per mille of what is left. */
  readonly gap: number;
  /** Prepends, churn count, or rate per hour, by type. */
  readonly size: number;
  /** Churn action, link set, distribution kind, or unstable share (percent), by type. */
  readonly variant: number;
}

/** The draft arbitrary shared by {@link arbitraryFlapSchedule} and the scenario arbitrary. */
export function flapDraftArbitrary(typeCount: number, maxFlaps: number): fc.Arbitrary<readonly FlapDraft[]> {
  if (!Number.isInteger(maxFlaps) || maxFlaps < 0 || maxFlaps > ARBITRARY_FLAPS_MAX) {
    throw new RangeError(`arbitraryFlapSchedule: maxFlaps must be an integer in 0..${ARBITRARY_FLAPS_MAX}, got ${maxFlaps}`);
  }
  const draft = fc.record({
    type: fc.nat({ max: typeCount - 1 }),
    pop: fc.nat({ max: 63 }),
    at: fc.nat({ max: 999 }),
    follow: fc.nat({ max: 999 }),
    gap: fc.integer({ min: 1, max: 499 }),
    size: fc.integer({ min: 1, max: 60 }),
    variant: fc.integer({ min: 1, max: 100 }),
  });
  return fc.array(draft, { maxLength: maxFlaps });
}

const CHURN_ACTIONS = ['add', 'drain', 'remove', 'fail'] as const;

/** A time at or after `fromMs` and before `durationMs`, `perMille` of the way. */
function timeIn(fromMs: number, durationMs: number, perMille: number): number {
  return fromMs + Math.floor(((durationMs - fromMs) * perMille) / 1000);
}

/** A time strictly after `afterMs` and before `durationMs` (requires a gap of 2 ms or more). */
function followUp(afterMs: number, durationMs: number, perMille: number): number {
  return afterMs + Math.max(1, Math.floor(((durationMs - afterMs - 1) * perMille) / 1000));
}

/** Resolves one draft against the run; pure. */
function resolveFlap(draft: FlapDraft, type: ArbitraryFlapType, context: FlapScheduleContext): FlapSpec {
  const durationMs = context.durationMs;
  const pop = context.popNames[draft.pop % context.popNames.length]!;
  // Events with a follow-up start in the first 90 % of the run so the follow-up fits after them.
  const at = timeIn(0, durationMs, draft.at);
  const early = timeIn(0, durationMs, Math.floor((draft.at * 9) / 10));
  const hasFollowUp = draft.follow > 0;
  switch (type) {
    case 'client-flips':
      return { type, ratePerS: draft.size / 3_600, unstableFraction: draft.variant / 100, mode: draft.follow % 2 === 0 ? 'per-packet' : 'per-flow' };
    case 'pop-withdraw':
      return { type, pop, atMs: early, ...(hasFollowUp ? { reannounceAtMs: followUp(early, durationMs, draft.follow) } : {}) };
    case 'policy-shift':
      return { type, pop, atMs: at, prepend: draft.size % 6 };
    case 'server-churn': {
      const action = CHURN_ACTIONS[draft.variant % CHURN_ACTIONS.length]!;
      const servers = context.serversPerPop ?? 8;
      return { type, pop, atMs: at, action, count: 1 + ((draft.size - 1) % Math.min(3, servers)) };
    }
    case 'maintenance-drain': {
      const start = timeIn(0, durationMs, Math.floor((draft.at * 7) / 10));
      const withdrawAfterMs = Math.max(1, Math.floor(((durationMs - start) * draft.gap) / 1000));
      const withdrawnAt = start + withdrawAfterMs;
      return {
        type,
        pop,
        atMs: start,
        prepend: 1 + (draft.size % 5),
        withdrawAfterMs,
        ...(hasFollowUp ? { restoreAtMs: followUp(withdrawnAt, durationMs, draft.follow) } : {}),
      };
    }
    case 'pop-failure':
      return {
        type,
        pop,
        atMs: early,
        ...(hasFollowUp ? { recoverAtMs: followUp(early, durationMs, draft.follow) } : {}),
        healthCheckIntervalMs: context.healthCheckIntervalMs ?? 10_000,
        failureThreshold: context.failureThreshold ?? 3,
      };
    case 'silent-death':
      return { type, pop, atMs: at };
    case 'link-flaps':
      return {
        type,
        ratePerS: Math.min(draft.size, 12) / 3_600,
        downTime: draft.variant % 2 === 0 ? { kind: 'exponential', meanMs: draft.gap * 1_000 } : { kind: 'fixed', valueMs: draft.gap * 100 },
        links: draft.variant % 3 === 0 ? 'any' : 'pop-upstreams',
      };
  }
}

/** Resolves drafts into flap specs against `context`, drawing types from `types`. */
export function resolveFlapSchedule(
  drafts: readonly FlapDraft[],
  types: readonly ArbitraryFlapType[],
  context: FlapScheduleContext,
): readonly FlapSpec[] {
  if (context.popNames.length === 0) throw new RangeError('arbitraryFlapSchedule: popNames must name at least one PoP');
  if (!(context.durationMs >= 10_000)) throw new RangeError(`arbitraryFlapSchedule: durationMs must be at least 10 s, got ${context.durationMs}`);
  const flaps = drafts.map((draft) => resolveFlap(draft, types[draft.type % types.length]!, context));
  // The flap planner takes one client-flips process per run: keep the first.
  const firstFlips = flaps.findIndex((flap) => flap.type === 'client-flips');
  return flaps.filter((flap, i) => flap.type !== 'client-flips' || i === firstFlips);
}

/**
 * Random flap schedules for a run of `durationMs` over the PoPs `popNames`, every time inside
 * the run. Shrinks toward no flaps, then fewer, earlier ones of the first type.
 *
 * @example
 * const schedule = arbitraryFlapSchedule({ popNames: ['pop-0', 'pop-1'], durationMs: 600_000, types: ['pop-withdraw'] });
 * fc.assert(fc.property(schedule, (flaps) => flaps.every((f) => f.type === 'pop-withdraw' && f.atMs < 600_000)));
 */
export function arbitraryFlapSchedule(options: ArbitraryFlapScheduleOptions): fc.Arbitrary<readonly FlapSpec[]> {
  const types = options.types ?? ARBITRARY_FLAP_TYPES;
  if (types.length === 0) throw new RangeError('arbitraryFlapSchedule: types must name at least one flap type');
  resolveFlapSchedule([], types, options);
  return flapDraftArbitrary(types.length, options.maxFlaps ?? 4).map((drafts) => resolveFlapSchedule(drafts, types, options));
}
