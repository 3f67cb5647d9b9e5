/**
 * DNS resolvers as the session judge sees them: when each try of a lookup is sent and to which of
 * the service's nameserver addresses, and when the lookup is given up. A try that gets through is
 * answered at once; the lookup then counts the time since its first try as added latency. Stub
 * libraries send every try to the one service address; recursive resolvers alternate between the
 * zone's addresses after short, RTT-based timeouts, so losing one instance costs latency, not a
 * failed lookup.
 *
 * - glibc (resolv.conf(5), resolv/res_send.c): `timeout:5`, `attempts:2`; with one nameserver the
 *   per-try timeout stays 5 s: tries at 0 and 5 s, failure at 10 s.
 * - c-ares (ares_init_options(3): ARES_OPT_TIMEOUT default 5 s for the first try, "scales
 *   linearly" after it: ares_process.c doubles it per round over the servers; ARES_OPT_TRIES 4 as
 *   Node.js sets it): tries at 0, 5, 15, 35 s, failure at 75 s.
 * - unbound (NLnet Labs, "Unbound Timeout Information"; util/rtt.c): a server it knows nothing
 *   about gets UNKNOWN_SERVER_NICENESS = 376 ms; each timeout doubles that server's RTO and the
 *   next try goes to the server with the lower RTO, so tries alternate between the addresses
 *   with timeouts 376, 376, 752, 752, 1504, ... ms.
 * - BIND 9 (lib/dns/resolver.c fctx_setretryinterval): 800 ms per try for the first three passes
 *   through the address list, then 800 ms << (passes - 2), never above 10 s; a fetch gives up
 *   after resolver-query-timeout, 10 s by default (BIND ARM).
 * - custom `{ timeout, attempts }`: a stub with a fixed per-try timeout.
 *
 * Assumption (anysim): the zone publishes two nameserver addresses, the service address the
 * architecture gives the client (anycast, or under unicast-dns its PoP's unicast address) and
 * the unicast address of a second PoP (the next in index order after the client's DNS-assigned
 * one), as operators pair an anycast service with unicast secondaries. Recursive resolvers give
 * up after 10 s (BIND's resolver-query-timeout; the same budget is assumed for unbound).
 */

/** The resolver choices of the scenario format. */
export type ResolverName = 'glibc' | 'c-ares' | 'unbound' | 'bind' | 'custom';

/** A resolver as the scenario names it: a profile, its first per-try timeout and its number of tries. */
export interface ResolverProfile {
  readonly profile: ResolverName;
  /** The first try's timeout (ms). */
  readonly timeoutMs: number;
  /** Tries sent before the lookup fails (count). */
  readonly attempts: number;
}

/** glibc stub resolver defaults (resolv.conf(5)): 5 s x 2. */
export const GLIBC_RESOLVER: ResolverProfile = { profile: 'glibc', timeoutMs: 5000, attempts: 2 };
/** c-ares defaults as Node.js uses them: 5 s first try, 4 tries, timeout doubling per round. */
export const C_ARES_RESOLVER: ResolverProfile = { profile: 'c-ares', timeoutMs: 5000, attempts: 4 };
/** unbound: 376 ms for an unknown server, per-server doubling; 8 tries fit in the 10 s budget. */
export const UNBOUND_RESOLVER: ResolverProfile = { profile: 'unbound', timeoutMs: 376, attempts: 8 };
/** BIND 9: 800 ms per try, back-off after three passes; 9 tries fit in resolver-query-timeout 10 s. */
export const BIND_RESOLVER: ResolverProfile = { profile: 'bind', timeoutMs: 800, attempts: 9 };

/** A recursive resolver's whole budget for one lookup (BIND resolver-query-timeout default; assumed for unbound). */
export const RECURSIVE_LOOKUP_BUDGET_MS = 10_000;
/** BIND 9's cap on one try's timeout (fctx_setretryinterval). */
const BIND_TRY_TIMEOUT_MAX_MS = 10_000;

/** Which of the zone's addresses a try goes to. */
export const PRIMARY_ADDRESS = 0;
/** The second address (the unicast address of a second PoP). */
export const SECONDARY_ADDRESS = 1;

/** One lookup's tries laid out in time. */
export interface ResolverSchedule {
  /** When each try is sent, after the first (ms), increasing; the first is 0. */
  readonly sendOffsetsMs: Float64Array;
  /** Per try: PRIMARY_ADDRESS or SECONDARY_ADDRESS. */
  readonly addresses: Uint8Array;
  /** When the lookup fails if no try got through (ms after the first). */
  readonly giveUpMs: number;
}

/** The tries of one lookup under `resolver`. */
export function resolverSchedule(resolver: ResolverProfile): ResolverSchedule {
  const offsets: number[] = [];
  const addresses: number[] = [];
  let at = 0;
  let giveUpMs: number;
  switch (resolver.profile) {
    case 'glibc':
    case 'custom':
      for (let k = 0; k < resolver.attempts; k++) {
        offsets.push(at);
        addresses.push(PRIMARY_ADDRESS);
        at += resolver.timeoutMs;
      }
      giveUpMs = at;
      break;
    case 'c-ares':
      for (let k = 0; k < resolver.attempts; k++) {
        offsets.push(at);
        addresses.push(PRIMARY_ADDRESS);
        at += resolver.timeoutMs * 2 ** k;
      }
      giveUpMs = at;
      break;
    case 'unbound': {
      const rtoMs = [resolver.timeoutMs, resolver.timeoutMs];
      for (let k = 0; k < resolver.attempts && at < RECURSIVE_LOOKUP_BUDGET_MS; k++) {
        // The server with the lower RTO goes first; on a tie, the primary.
        const server = rtoMs[SECONDARY_ADDRESS]! < rtoMs[PRIMARY_ADDRESS]! ? SECONDARY_ADDRESS : PRIMARY_ADDRESS;
        offsets.push(at);
        addresses.push(server);
        at += rtoMs[server]!;
        rtoMs[server] = rtoMs[server]! * 2;
      }
      giveUpMs = Math.min(at, RECURSIVE_LOOKUP_BUDGET_MS);
      break;
    }
    case 'bind':
      for (let k = 0; k < resolver.attempts && at < RECURSIVE_LOOKUP_BUDGET_MS; k++) {
        const passes = Math.floor(k / 2);
        offsets.push(at);
        addresses.push(k % 2 === 0 ? PRIMARY_ADDRESS : SECONDARY_ADDRESS);
        at += Math.min(passes < 3 ? resolver.timeoutMs : resolver.timeoutMs * 2 ** (passes - 2), BIND_TRY_TIMEOUT_MAX_MS);
      }
      giveUpMs = Math.min(at, RECURSIVE_LOOKUP_BUDGET_MS);
      break;
  }
  return { sendOffsetsMs: Float64Array.from(offsets), addresses: Uint8Array.from(addresses), giveUpMs };
}
