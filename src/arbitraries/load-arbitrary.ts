/**
 * A fast-check arbitrary of the load parts of a scenario (docs/load.md, docs/responses.md): PoP
 * capacities, one volumetric attack (a `ddos` flap) and operator response plans, resolved against
 * the run's PoPs and length like flap schedules are (flap-schedule-arbitrary.ts): every draw is an
 * integer (shares per mille of the run, indexes, magnitudes), so a failing draw shrinks toward no
 * capacity, no attack, no plan, PoP 0 and the earliest times.
 *
 * Magnitudes are drawn on a log scale around what small arbitrary scenarios offer (tens to
 * thousands of packets per second of legitimate traffic), so capacities and attacks sometimes
 * overload a PoP and sometimes do not. Sources are drawn client ASes (a list of ASNs needs the
 * graph, which is built only at run time). `announce-to` names a site's own upstreams and peers,
 * so it is drawn only for PoPs given as sites.
 */
import fc from 'fast-check';
import type { CapacitySpec, FlapSpec, PopCapacity, PopsSpec, ResponsePlanSpec, ResponseSpec } from '../scenario/index.js';

/** Most response plans an arbitrary scenario compares (each is a whole run of the scenario). */
const ARBITRARY_RESPONSE_PLANS_MAX = 2;

/** A PoP capacity before it is resolved: 0 leaves a limit out (unlimited). */
interface CapacityDraft {
  /** 10^(k/4) packets/s for k in 1..24 (about 1.8 pps to 10^6 pps). */
  readonly packets: number;
  /** 10^(k/4 + 3) bits/s for k in 1..28 (about 1.8 kbps to 10 Gbps). */
  readonly bits: number;
  /** Open sessions: 2^k for k in 1..16. */
  readonly sessions: number;
}

/** One response before it is resolved. */
interface ResponseDraft {
  readonly pop: number;
  /** 0 withdraw, 1 prepend, 2 restore, 3 announce-to (sites only, else withdraw). */
  readonly action: number;
  readonly prepend: number;
  /** Per mille of the run. */
  readonly at: number;
  /** Restore after this share (per mille) of what is left; 0: never. */
  readonly forShare: number;
  /** 0: at a time; k > 0: on load above 10^(k/4 + 1) packets/s, detected after `delayS` seconds. */
  readonly trigger: number;
  readonly delayS: number;
}

/** The load parts before they are resolved against the run. */
export interface LoadDraft {
  readonly capacity: { readonly default: CapacityDraft; readonly overrides: readonly { readonly pop: number; readonly capacity: CapacityDraft }[] } | null;
  readonly attack: {
    /** Per mille of the run, and of what is left. */
    readonly at: number;
    readonly duration: number;
    /** 10^(k/4 + 3) bits/s for k in 1..32 (about 1.8 kbps to 100 Gbps). */
    readonly volume: number;
    readonly packetBytes: number;
    readonly sources: number;
    readonly degree: boolean;
    readonly spoofed: boolean;
  } | null;
  readonly plans: readonly (readonly ResponseDraft[])[];
}

const capacityDraft = fc.record({ packets: fc.integer({ min: 0, max: 24 }), bits: fc.integer({ min: 0, max: 28 }), sessions: fc.integer({ min: 0, max: 16 }) });

const responseDraft = fc.record({
  pop: fc.nat({ max: 63 }),
  action: fc.integer({ min: 0, max: 3 }),
  prepend: fc.integer({ min: 1, max: 5 }),
  at: fc.integer({ min: 0, max: 999 }),
  forShare: fc.integer({ min: 0, max: 999 }),
  trigger: fc.integer({ min: 0, max: 20 }),
  delayS: fc.integer({ min: 0, max: 60 }),
});

/** Draws of the load parts: capacities, an attack and response plans, each possibly absent. */
export const loadDraftArbitrary: fc.Arbitrary<LoadDraft> = fc.record({
  capacity: fc.option(fc.record({ default: capacityDraft, overrides: fc.array(fc.record({ pop: fc.nat({ max: 63 }), capacity: capacityDraft }), { maxLength: 2 }) }), { nil: null }),
  attack: fc.option(
    fc.record({
      at: fc.integer({ min: 0, max: 999 }),
      duration: fc.integer({ min: 1, max: 1000 }),
      volume: fc.integer({ min: 1, max: 32 }),
      packetBytes: fc.integer({ min: 20, max: 1_500 }),
      sources: fc.integer({ min: 1, max: 8 }),
      degree: fc.boolean(),
      spoofed: fc.boolean(),
    }),
    { nil: null },
  ),
  plans: fc.array(fc.array(responseDraft, { minLength: 1, maxLength: 3 }), { maxLength: ARBITRARY_RESPONSE_PLANS_MAX }),
});

/** 10^(k/4 + offset), rounded to an integer (the file writes whole units, so it reads back equal). */
function logScale(k: number, offset: number): number {
  return Math.round(10 ** (k / 4 + offset));
}

function resolveCapacity(draft: CapacityDraft): PopCapacity {
  return {
    ...(draft.packets === 0 ? {} : { packetsPerS: logScale(draft.packets, 0) }),
    ...(draft.bits === 0 ? {} : { bitsPerS: logScale(draft.bits, 3) }),
    ...(draft.sessions === 0 ? {} : { sessions: 2 ** draft.sessions }),
  };
}

/** Whole milliseconds at `perMille` of `spanMs` after `fromMs`. */
function at(fromMs: number, spanMs: number, perMille: number): number {
  return fromMs + Math.floor((spanMs * perMille) / 1_000);
}

function resolveResponse(draft: ResponseDraft, pops: PopsSpec, popNames: readonly string[], durationMs: number): ResponseSpec {
  const p = draft.pop % popNames.length;
  const atMs = at(0, durationMs, draft.at);
  const site = pops.kind === 'sites' ? pops.sites[p] : undefined;
  const neighbours = site === undefined ? [] : [...site.upstreams, ...site.peers];
  const action: ResponseSpec['action'] =
    draft.action === 1
      ? { kind: 'prepend', prepend: draft.prepend }
      : draft.action === 2
        ? { kind: 'restore' }
        : draft.action === 3 && neighbours.length > 0
          ? { kind: 'announce-to', neighbourAsns: neighbours.slice(0, 1 + (draft.prepend % neighbours.length)) }
          : { kind: 'withdraw' };
  const forMs = action.kind === 'restore' || draft.forShare === 0 ? undefined : Math.max(1_000, at(0, durationMs - atMs, draft.forShare));
  return {
    pop: popNames[p]!,
    atMs,
    action,
    ...(draft.trigger === 0 ? {} : { trigger: { packetsPerS: logScale(draft.trigger, 1), detectionDelayMs: draft.delayS * 1_000 } }),
    ...(forMs === undefined ? {} : { forMs }),
  };
}

/** The scenario fields a {@link LoadDraft} resolves to; absent parts are left out. */
export interface ResolvedLoad {
  readonly capacity?: CapacitySpec;
  readonly attack?: FlapSpec;
  readonly responses?: readonly ResponsePlanSpec[];
}

/** Resolves `draft` against a run of `durationMs` whose PoPs are `pops`, named `popNames`. */
export function resolveLoad(draft: LoadDraft, pops: PopsSpec, popNames: readonly string[], durationMs: number): ResolvedLoad {
  const capacity = draft.capacity;
  const attack = draft.attack;
  return {
    ...(capacity === null
      ? {}
      : {
          capacity: {
            default: resolveCapacity(capacity.default),
            pops: Object.fromEntries(capacity.overrides.map((o) => [popNames[o.pop % popNames.length]!, resolveCapacity(o.capacity)])),
          },
        }),
    ...(attack === null
      ? {}
      : {
          attack: {
            type: 'ddos',
            atMs: at(0, durationMs, attack.at),
            durationMs: Math.max(1_000, at(0, durationMs - at(0, durationMs, attack.at), attack.duration)),
            bitsPerS: logScale(attack.volume, 3),
            packetBytes: attack.packetBytes,
            sources: { kind: 'drawn', count: attack.sources, weighting: attack.degree ? 'degree' : 'uniform' },
            spoofed: attack.spoofed,
          },
        }),
    ...(draft.plans.length === 0
      ? {}
      : { responses: draft.plans.map((plan, k) => ({ name: `plan-${k}`, responses: plan.map((r) => resolveResponse(r, pops, popNames, durationMs)) })) }),
  };
}
