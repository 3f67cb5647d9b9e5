/**
 * What each serving architecture costs besides its breaks (issue 15, item 5): the round-trip time
 * it adds to a packet and to the start of a session, and the address space it needs. The session
 * judge applies these rules on the same route history it judges breaks on (src/sessions); the
 * rules themselves are pure functions of an RTT model ({@link PathRtt}), so they are tested on
 * hand-made inputs. docs/pop.md ("Cost of each architecture") gives the table and the sources.
 *
 * The baseline of "added" is the anycast path at that instant: a packet served at the PoP it
 * landed on (what `edge` gives) adds nothing.
 *
 * Reply path (a modelling choice, docs/pop.md): a packet forwarded from the landing PoP to the
 * owner PoP is answered by the owner directly to the client, with the anycast address as its
 * source (direct server return, as Maglev and Beamer answer from the server; the owner PoP
 * announces the anycast prefix too, so the source passes BCP 38 filters). The request crosses
 * client -> landing -> owner, the reply owner -> client; one-way delays are half the RTT of each
 * leg (symmetric paths, an anysim assumption). Backhaul between PoPs then carries the
 * client-to-server direction only.
 */
import type { ArchitectureName } from './serving-architecture.js';

/** Round-trip times between the places a packet travels, ms (from the geography's RTT model). */
export interface PathRtt {
  /** RTT between two PoPs (their backbone or Internet path), ms; 0 for a PoP and itself. */
  popToPopRttMs(fromPop: number, toPop: number): number;
  /** RTT from a client AS to a PoP along the client's route to it, ms. */
  clientToPopRttMs(clientAs: number, pop: number): number;
}

/**
 * RTT a packet pays when it lands at `landingPop` and is forwarded to `ownerPop` (daisy-chain,
 * quic-lb, and global-hash with the pool server in another PoP), over being served where it
 * landed: request client -> landing -> owner, reply owner -> client directly, against client ->
 * landing -> client. 0 when it is served where it landed.
 */
export function forwardedAddedRttMs(rtt: PathRtt, clientAs: number, landingPop: number, ownerPop: number): number {
  if (landingPop === ownerPop) return 0;
  return (rtt.popToPopRttMs(landingPop, ownerPop) + rtt.clientToPopRttMs(clientAs, ownerPop) - rtt.clientToPopRttMs(clientAs, landingPop)) / 2;
}

/**
 * RTT a packet to `unicastPop`'s own address pays over the anycast path of that instant
 * (unicast-handoff after the handshake, unicast-dns throughout): the unicast path's RTT minus
 * the anycast one. 0 when anycast delivers nowhere at that instant (`anycastLanding` < 0): there
 * is no anycast RTT to compare with, and that loss is counted among the breaks.
 */
export function unicastAddedRttMs(rtt: PathRtt, clientAs: number, unicastPop: number, anycastLanding: number): number {
  if (anycastLanding < 0 || anycastLanding === unicastPop) return 0;
  return rtt.clientToPopRttMs(clientAs, unicastPop) - rtt.clientToPopRttMs(clientAs, anycastLanding);
}

/**
 * Extra wait before a unicast-handoff session can use its PoP's own address: one round trip on
 * the unicast path (QUIC path validation of the server's preferred address, RFC 9000 §8.2 and
 * §9.6; or the new connection an HTTP redirect opens, counted as one round trip: an anysim
 * assumption, a TCP+TLS reconnect costs two).
 */
export function handoffStartMs(rtt: PathRtt, clientAs: number, unicastPop: number): number {
  return rtt.clientToPopRttMs(clientAs, unicastPop);
}

/**
 * Extra wait before a unicast-dns session starts: the DNS lookup that maps the service name to a
 * PoP's address. Assumed one round trip from the client to its PoP (the resolver near the client,
 * the authoritative servers at the PoPs, the answer not in cache: its TTL is short, 60 s by
 * default, so that failover works); an anysim assumption that is an upper bound for popular names.
 */
export function dnsLookupStartMs(rtt: PathRtt, clientAs: number, dnsPop: number): number {
  return rtt.clientToPopRttMs(clientAs, dnsPop);
}

/** Prefixes an architecture announces, at the smallest sizes the Internet routes. */
export interface AddressSpace {
  /** IPv4 /24 prefixes: one anycast prefix, and one per PoP for designs that use PoP addresses. */
  readonly ipv4Slash24: number;
  /** IPv6 /48 prefixes, likewise. */
  readonly ipv6Slash48: number;
}

/**
 * Address space an architecture needs: anycast designs one prefix for the service; unicast-dns
 * one per PoP; unicast-handoff both (the anycast prefix for the handshake, then a PoP's own).
 * /24 (IPv4) and /48 (IPv6) are the longest prefixes operators commonly accept from a peer
 * (RFC 7454 §6.1.3 on too-specific prefixes; the sizes are de-facto practice, an anysim
 * assumption rather than a standard), so a PoP's own prefix costs at least that much.
 */
export function addressSpace(mode: 'anycast' | 'handoff' | 'unicast', popCount: number): AddressSpace {
  const prefixes = mode === 'anycast' ? 1 : mode === 'unicast' ? popCount : popCount + 1;
  return { ipv4Slash24: prefixes, ipv6Slash48: prefixes };
}

/**
 * Whether an architecture carries packets that landed at another PoP on to the state holder's
 * PoP: daisy-chain and quic-lb forward to the owner; global-hash serves every flow from the
 * shared pool's server wherever it sits. The others serve where the packet lands (or break).
 */
export function forwardsBetweenPops(architecture: ArchitectureName): boolean {
  return architecture === 'global-hash' || architecture === 'daisy-chain' || architecture === 'quic-lb';
}
