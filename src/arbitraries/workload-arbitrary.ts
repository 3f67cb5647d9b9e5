/**
 * A fast-check arbitrary of workloads: one entry per protocol of a chosen subset, each with a
 * Poisson arrival rate, a session-duration distribution (fixed, exponential, lognormal or Pareto:
 * session lengths are heavy-tailed in practice), an optional diurnal shape, the DNS resolver
 * profile for dns-udp (glibc 5 s x 2 from resolv.conf(5), c-ares 5 s x 4, or custom) and an
 * optional packet interval for the periodic protocols. Rates and lengths are modest by default
 * so that a whole run takes well under a second; it shrinks toward one protocol, the lowest
 * rate and a short fixed duration.
 */
import fc from 'fast-check';
import type { DurationDistribution, ProtocolName, ResolverSpec, WorkloadSpec } from '../scenario/index.js';
import { BIND_RESOLVER, C_ARES_RESOLVER, GLIBC_RESOLVER, PROTOCOLS, UNBOUND_RESOLVER } from '../sessions/index.js';

/** Bounds of {@link arbitraryWorkload}. */
export interface ArbitraryWorkloadOptions {
  /** Protocols to draw from (default all five); each appears at most once, at least one appears. */
  readonly protocols?: readonly ProtocolName[];
  /** Highest arrival rate per protocol, per second (default 10, at most {@link ARBITRARY_ARRIVALS_PER_S_MAX}). */
  readonly maxArrivalsPerS?: number;
  /** Longest typical session (fixed value, mean, median or Pareto scale), ms (default 5 min). */
  readonly maxSessionMs?: number;
}

/** Highest `maxArrivalsPerS`: beyond it one run is no longer a sub-second property check. */
export const ARBITRARY_ARRIVALS_PER_S_MAX = 1_000;

/** Longest `maxSessionMs`: a day. */
export const ARBITRARY_SESSION_MS_MAX = 86_400_000;

const HOUR_MS = 3_600_000;

function distribution(maxSessionS: number): fc.Arbitrary<DurationDistribution> {
  const seconds = fc.integer({ min: 1, max: maxSessionS }).map((s) => s * 1_000);
  // Cross-shrinking lets a failing lognormal or Pareto shrink to the simplest kind, fixed.
  return fc.oneof(
    { withCrossShrink: true },
    seconds.map((valueMs): DurationDistribution => ({ kind: 'fixed', valueMs })),
    seconds.map((meanMs): DurationDistribution => ({ kind: 'exponential', meanMs })),
    fc.tuple(seconds, fc.integer({ min: 1, max: 20 })).map(([medianMs, tenths]): DurationDistribution => ({ kind: 'lognormal', medianMs, sigma: tenths / 10 })),
    fc.tuple(seconds, fc.integer({ min: 5, max: 30 })).map(([scaleMs, tenths]): DurationDistribution => ({ kind: 'pareto', scaleMs, shape: tenths / 10 })),
  );
}

const resolver: fc.Arbitrary<ResolverSpec> = fc.oneof(
  { withCrossShrink: true },
  fc.constant<ResolverSpec>(GLIBC_RESOLVER),
  fc.constant<ResolverSpec>(C_ARES_RESOLVER),
  fc.constant<ResolverSpec>(UNBOUND_RESOLVER),
  fc.constant<ResolverSpec>(BIND_RESOLVER),
  fc
    .record({ timeoutS: fc.integer({ min: 1, max: 10 }), attempts: fc.integer({ min: 1, max: 5 }) })
    .map(({ timeoutS, attempts }): ResolverSpec => ({ profile: 'custom', timeoutMs: timeoutS * 1_000, attempts })),
);

/** Everything one protocol's entry may carry; which parts apply depends on the protocol. */
function entryDraft(maxArrivalTenths: number, maxSessionS: number) {
  return fc.record({
    arrivalTenths: fc.integer({ min: 1, max: maxArrivalTenths }),
    duration: distribution(maxSessionS),
    diurnal: fc.option(fc.record({ amplitudeTenths: fc.integer({ min: 0, max: 10 }), peakH: fc.integer({ min: 0, max: 23 }) }), { nil: undefined }),
    resolver,
    packetIntervalS: fc.option(fc.integer({ min: 5, max: 60 }), { nil: undefined }),
  });
}

type EntryDraft = ReturnType<typeof entryDraft> extends fc.Arbitrary<infer T> ? T : never;

function toEntry(protocol: ProtocolName, draft: EntryDraft): WorkloadSpec {
  const periodic = protocol === 'websocket' || protocol === 'db';
  return {
    protocol,
    arrivalsPerS: draft.arrivalTenths / 10,
    ...(draft.diurnal === undefined ? {} : { diurnal: { amplitude: draft.diurnal.amplitudeTenths / 10, peakMs: draft.diurnal.peakH * HOUR_MS } }),
    duration: draft.duration,
    ...(protocol === 'dns-udp' ? { resolver: draft.resolver } : {}),
    ...(periodic && draft.packetIntervalS !== undefined ? { packetIntervalMs: draft.packetIntervalS * 1_000 } : {}),
  };
}

/**
 * Random workloads over `protocols` (default all five), as the normalised `WorkloadSpec` list of
 * a Scenario.
 *
 * @example
 * fc.assert(fc.property(arbitraryWorkload({ protocols: ['websocket', 'db'] }), (workload) => workload.length >= 1));
 */
export function arbitraryWorkload(options: ArbitraryWorkloadOptions = {}): fc.Arbitrary<readonly WorkloadSpec[]> {
  const protocols = options.protocols ?? PROTOCOLS;
  const maxArrivalsPerS = options.maxArrivalsPerS ?? 10;
  const maxSessionMs = options.maxSessionMs ?? 300_000;
  if (protocols.length === 0 || new Set(protocols).size !== protocols.length) {
    throw new RangeError(`arbitraryWorkload: protocols must list at least one protocol, each once; got [${protocols.join(', ')}]`);
  }
  if (!(maxArrivalsPerS >= 0.1 && maxArrivalsPerS <= ARBITRARY_ARRIVALS_PER_S_MAX)) {
    throw new RangeError(`arbitraryWorkload: maxArrivalsPerS must be in 0.1..${ARBITRARY_ARRIVALS_PER_S_MAX}, got ${maxArrivalsPerS}`);
  }
  if (!(maxSessionMs >= 1_000 && maxSessionMs <= ARBITRARY_SESSION_MS_MAX)) {
    throw new RangeError(`arbitraryWorkload: maxSessionMs must be in 1000..${ARBITRARY_SESSION_MS_MAX}, got ${maxSessionMs}`);
  }
  const draft = entryDraft(Math.floor(maxArrivalsPerS * 10), Math.floor(maxSessionMs / 1_000));
  // One draft per protocol and a non-empty choice of protocols: removing a protocol while
  // shrinking leaves the others' drafts as they were.
  return fc
    .tuple(fc.subarray([...protocols], { minLength: 1 }), fc.array(draft, { minLength: protocols.length, maxLength: protocols.length }))
    .map(([chosen, drafts]) => chosen.map((protocol) => toEntry(protocol, drafts[protocols.indexOf(protocol)]!)));
}
