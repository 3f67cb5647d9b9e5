/**
 * A seeded, Internet-like AS topology: a tier-1 clique of peers, a transit tier whose ASes buy
 * from one to three providers among earlier tier-1 or transit ASes (preferential attachment, so
 * degrees are heavy-tailed as in Faloutsos et al., SIGCOMM 1999), stubs that buy from one or two
 * providers, and peering among transit ASes. Providers are always created before their
 * customers, so the provider-customer hierarchy has no cycle and Gao-Rexford routing (Gao &
 * Rexford, "Stable Internet Routing Without Global Coordination", 2001) converges; every AS has
 * a provider chain to the clique, so the graph is connected.
 */
import type { RandomStream } from '../sim/index.js';
import { type AsGraph, buildAsGraph } from './as-graph.js';
import { TopologyError } from './topology-error.js';

/** Smallest and largest synthetic topologies supported. */
export const SYNTHETIC_MIN_ASES = 100;
/** The largest synthetic topology (the whole 2016 Internet had about 56k ASes). */
export const SYNTHETIC_MAX_ASES = 100_000;

/** Shape of a synthetic topology; everything but `ases` has an Internet-like default. */
export interface SyntheticTopologyOptions {
  /** Number of ASes, {@link SYNTHETIC_MIN_ASES}..{@link SYNTHETIC_MAX_ASES}. */
  readonly ases: number;
  /** Size of the tier-1 clique (default: round(log2(ases)), at most 16). */
  readonly tier1?: number;
  /** Fraction of non-tier-1 ASes that provide transit (default 0.15). */
  readonly transitFraction?: number;
  /** Probability that a stub is multi-homed to a second provider (default 0.4). */
  readonly stubMultihomingProbability?: number;
  /** Mean peering links per transit AS (default 2). */
  readonly peeringPerTransit?: number;
}

function checkRange(name: string, value: number, lo: number, hi: number): void {
  if (!(value >= lo && value <= hi)) throw new TopologyError(`synthetic topology: ${name} must be in ${lo}..${hi}, got ${value}`);
}

/**
 * ASNs no real network uses and that anysim's operator may take: documentation (RFC 5398:
 * 64496-64511, 65536-65551) and private use (RFC 6996: 64512-65534), plus AS_TRANS 23456
 * (RFC 6793) and 65535 (RFC 7300). A synthetic graph never draws them, so the default operator
 * ASN (64500) never collides with a generated AS.
 */
export function isReservedAsn(asn: number): boolean {
  return asn === 23456 || (asn >= 64496 && asn <= 65551) || asn >= 4_200_000_000;
}

/**
 * Generates a synthetic topology from `random` (same stream state, same graph). ASNs are distinct
 * draws in 1..399,999 so that ASN order (a routing tie-break) is unrelated to the hierarchy.
 */
export function generateSyntheticTopology(options: SyntheticTopologyOptions, random: RandomStream): AsGraph {
  const n = options.ases;
  if (!Number.isInteger(n)) throw new TopologyError(`synthetic topology: ases must be an integer, got ${n}`);
  checkRange('ases', n, SYNTHETIC_MIN_ASES, SYNTHETIC_MAX_ASES);
  const tier1 = options.tier1 ?? Math.min(16, Math.round(Math.log2(n)));
  checkRange('tier1', tier1, 2, 64);
  const transitFraction = options.transitFraction ?? 0.15;
  checkRange('transitFraction', transitFraction, 0, 0.9);
  const multihoming = options.stubMultihomingProbability ?? 0.4;
  checkRange('stubMultihomingProbability', multihoming, 0, 1);
  const peering = options.peeringPerTransit ?? 2;
  checkRange('peeringPerTransit', peering, 0, 50);

  const transitEnd = tier1 + Math.round((n - tier1) * transitFraction);
  const a: number[] = [];
  const b: number[] = [];
  const rel: number[] = [];
  const linked = new Set<number>();
  const link = (x: number, y: number, code: number): boolean => {
    const key = x < y ? x * n + y : y * n + x;
    if (x === y || linked.has(key)) return false;
    linked.add(key);
    a.push(x);
    b.push(y);
    rel.push(code);
    return true;
  };
  // Attachment tickets: each provider appears once plus once per customer it already has.
  const tickets: number[] = [];
  for (let i = 0; i < tier1; i++) {
    for (let j = i + 1; j < tier1; j++) link(i, j, 0);
    tickets.push(i, i);
  }
  const pickProvider = (): number => tickets[random.int(0, tickets.length)]!;
  const attach = (customer: number, providers: number): void => {
    let added = 0;
    for (let attempt = 0; added < providers && attempt < 8 * providers; attempt++) {
      const p = pickProvider();
      if (link(p, customer, -1)) {
        tickets.push(p);
        added++;
      }
    }
    if (added === 0) link(random.int(0, tier1), customer, -1);
  };
  for (let i = tier1; i < transitEnd; i++) {
    attach(i, 1 + (random.next() < 0.6 ? 1 : 0) + (random.next() < 0.25 ? 1 : 0));
    tickets.push(i);
  }
  for (let i = transitEnd; i < n; i++) attach(i, random.next() < multihoming ? 2 : 1);
  const transitCount = transitEnd - tier1;
  if (transitCount >= 2) {
    const peerLinks = Math.round(transitCount * peering / 2);
    for (let p = 0; p < peerLinks; p++) {
      link(tier1 + random.int(0, transitCount), tier1 + random.int(0, transitCount), 0);
    }
  }
  // Distinct ASNs drawn at random: node i gets asnOf[i].
  const asnOf = new Array<number>(n);
  const used = new Set<number>();
  for (let i = 0; i < n; i++) {
    let asn = 1 + random.int(0, 399_999);
    while (used.has(asn) || isReservedAsn(asn)) asn = 1 + random.int(0, 399_999);
    used.add(asn);
    asnOf[i] = asn;
  }
  const m = a.length;
  const colA = new Uint32Array(m);
  const colB = new Uint32Array(m);
  for (let k = 0; k < m; k++) {
    colA[k] = asnOf[a[k]!]!;
    colB[k] = asnOf[b[k]!]!;
  }
  return buildAsGraph({ a: colA, b: colB, rel, count: m });
}
