/**
 * One protocol's traffic in the file format: Poisson session arrivals over all clients, with an
 * optional diurnal shape, a session-duration distribution, the DNS resolver's retry behaviour
 * (dns-udp), the interval of the session's own packets and the application's timeout. Resolver
 * profiles (src/sessions/dns-resolver.ts has the schedules and sources): glibc 5 s x 2
 * (resolv.conf(5)), c-ares 5 s x 4 doubling (ares_init_options(3)), unbound 376 ms per unknown
 * server (util/rtt.c), BIND 800 ms per try (resolver.c).
 */
import { z } from 'zod';
import { ALL_PROTOCOLS, DEFAULT_RESOLVER_PROFILE, RESOLVER_PROFILES } from './defaults.js';
import { durationDistributionSchema } from './duration-distribution-schema.js';
import { boundedInt, durationField, fractionField, oneOf, rateField, strictObject } from './field-types.js';
import { SCENARIO_LIMITS } from './limits.js';
import type { ProtocolName, ResolverSpec, WorkloadSpec } from './scenario.js';
import { describeValue, formatDurationMs } from './units.js';

const DAY_MS = 86_400_000;

const protocolNames = ALL_PROTOCOLS as readonly ProtocolName[] as readonly [ProtocolName, ...ProtocolName[]];

const resolverSchema = z
  .union(
    [
      oneOf(['glibc', 'c-ares', 'unbound', 'bind'], 'a resolver profile'),
      strictObject(
        {
          timeout: durationField('per-attempt timeout', { maxMs: SCENARIO_LIMITS.resolverTimeoutMsMax }),
          attempts: boundedInt(1, SCENARIO_LIMITS.resolverAttemptsMax, 'attempts'),
        },
        'a custom resolver',
      ),
    ],
    {
      error: (issue) => `expected a resolver: "glibc", "c-ares", "unbound", "bind" or { timeout, attempts }; got ${describeValue(issue.input)}`,
    },
  )
  .transform((resolver): ResolverSpec => {
    if (typeof resolver === 'string') return { profile: resolver, ...RESOLVER_PROFILES[resolver] };
    return { profile: 'custom', timeoutMs: resolver.timeout, attempts: resolver.attempts };
  });

/** The zod schema of one workload entry; parses to WorkloadSpec (dns-udp gets the glibc resolver by default). */
export const workloadEntrySchema = strictObject(
  {
    protocol: oneOf(protocolNames, 'a protocol profile'),
    arrivals: rateField('session arrivals over all clients (Poisson)'),
    diurnal: strictObject(
      {
        amplitude: fractionField('diurnal amplitude (rate swings by this share around its mean)', true),
        peak: durationField('time of day of the peak rate (e.g. "14h")', { allowZero: true, maxMs: DAY_MS }),
      },
      'a diurnal shape',
    ).optional(),
    duration: durationDistributionSchema('session duration'),
    resolver: resolverSchema.optional(),
    packetInterval: durationField("interval between the session's own packets when idle").optional(),
    applicationTimeout: z
      .union([oneOf(['none'], 'no application timeout'), durationField("the application's timeout on a stalled exchange", { maxMs: SCENARIO_LIMITS.applicationTimeoutMsMax })], {
        error: (issue) => `expected an application timeout: a duration such as "30s", or "none"; got ${describeValue(issue.input)}`,
      })
      .optional(),
  },
  'a workload entry',
).transform((entry, ctx): WorkloadSpec => {
  if (entry.diurnal !== undefined && entry.diurnal.peak >= DAY_MS) {
    ctx.addIssue({
      code: 'custom',
      path: ['diurnal', 'peak'],
      input: entry.diurnal.peak,
      message: `a time of day must be below 24h; got ${formatDurationMs(entry.diurnal.peak)}`,
    });
    return z.NEVER;
  }
  const resolver =
    entry.resolver ??
    (entry.protocol === 'dns-udp' ? { profile: DEFAULT_RESOLVER_PROFILE, ...RESOLVER_PROFILES[DEFAULT_RESOLVER_PROFILE] } : undefined);
  return {
    protocol: entry.protocol,
    arrivalsPerS: entry.arrivals,
    ...(entry.diurnal === undefined ? {} : { diurnal: { amplitude: entry.diurnal.amplitude, peakMs: entry.diurnal.peak } }),
    duration: entry.duration,
    ...(resolver === undefined ? {} : { resolver }),
    ...(entry.packetInterval === undefined ? {} : { packetIntervalMs: entry.packetInterval }),
    ...(entry.applicationTimeout === undefined ? {} : { applicationTimeoutMs: entry.applicationTimeout === 'none' ? Number.POSITIVE_INFINITY : entry.applicationTimeout }),
  };
});
