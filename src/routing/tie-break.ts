/**
 * The last steps of the BGP decision process: which of several equally preferred routes (same
 * LOCAL_PREF class, same AS-path length) an AS picks. RFC 4271 §9.1.2.2 orders them by MED
 * (not modelled: Gao-Rexford policies compare across neighbours, not per neighbour AS), then
 * eBGP over iBGP (every route here is eBGP), then (d) the lowest interior cost to the NEXT_HOP,
 * then (f) the lowest BGP identifier. Three rules (`routing.tieBreak`):
 *
 * - `lowest-asn`: the lowest neighbour ASN, and among sites of one operator the lower site index.
 *   A stand-in for the router-ID step (f); it is how the independent simulators the solver is
 *   checked against (the catchment fixtures, BGPsim-style propagation) break ties.
 * - `hot-potato`: step (d), the interior cost to the exit: the neighbour whose nearest point of
 *   presence is closest to the AS's home point (`egressKm` of src/geo; a site's point is its
 *   city), then `lowest-asn` among neighbours equally near. Teixeira et al., "Dynamics of
 *   Hot-Potato Routing in IP Networks" (SIGMETRICS 2004), measure this step deciding many routes.
 * - `random`: a fixed random order of each AS's neighbours: a hash of (salt, AS, neighbour) with
 *   one 32-bit salt drawn per run from the stream `routing/tie-break`, so the order is stable over
 *   the run, the same on every network holding the same ASes, and changes with the seed: the
 *   spread of outcomes when nothing systematic decides ties.
 *
 * Every rule is precomputed into per-slot ranks (typed arrays, once per network and rule), so
 * the decision process stays one integer compare whatever the rule.
 */
import type { AsGeography, LatLon } from '../geo/index.js';
import { reverseSlots, type RoutingNetwork } from './routing-network.js';

/** The tie-break rules, as `routing.tieBreak` and `--tie-break` name them. */
export const TIE_BREAK_RULES = ['lowest-asn', 'hot-potato', 'random'] as const;

/** One of {@link TIE_BREAK_RULES}. */
export type TieBreakRule = (typeof TIE_BREAK_RULES)[number];

/**
 * A tie-break rule with what it needs: `hot-potato` the AS geography and each site's point
 * (`sitePoints[s]` for site s of the network's deployment), `random` its 32-bit salt (a run
 * draws it from the stream `routing/tie-break`).
 */
export type TieBreakSpec =
  | { readonly rule: 'lowest-asn' }
  | { readonly rule: 'hot-potato'; readonly geography: AsGeography; readonly sitePoints?: readonly LatLon[] }
  | { readonly rule: 'random'; readonly salt: number };

/** The default rule (docs/routing.md, "Tie-breaks", says why). */
export const LOWEST_ASN: TieBreakSpec = { rule: 'lowest-asn' };

/** A rule precomputed for one network: lower rank wins a tie. */
export interface TieBreak {
  readonly rule: TieBreakRule;
  /** Per slot k of row v: the rank of neighbour `neighbours[k]` in v's order. */
  readonly rankOfSlot: Uint32Array;
  /** Per slot k of row u: the rank u has in the order of its neighbour `neighbours[k]`. */
  readonly rankAtNeighbour: Uint32Array;
}

const RADIANS_PER_DEGREE = Math.PI / 180;

const built = new WeakMap<object, WeakMap<RoutingNetwork, TieBreak>>();
const lowestAsn = new WeakMap<RoutingNetwork, TieBreak>();

/**
 * The ranks of `spec` on `network`, built once per (spec object, network) and reused by every
 * later solve with the same spec object.
 */
export function tieBreakOn(network: RoutingNetwork, spec: TieBreakSpec, reverse?: Uint32Array): TieBreak {
  if (spec.rule === 'lowest-asn') {
    let ranks = lowestAsn.get(network);
    if (ranks === undefined) {
      ranks = buildTieBreak(network, spec, reverse);
      lowestAsn.set(network, ranks);
    }
    return ranks;
  }
  let perNetwork = built.get(spec);
  if (perNetwork === undefined) {
    perNetwork = new WeakMap();
    built.set(spec, perNetwork);
  }
  let ranks = perNetwork.get(network);
  if (ranks === undefined) {
    ranks = buildTieBreak(network, spec, reverse);
    perNetwork.set(network, ranks);
  }
  return ranks;
}

/**
 * The lowest-ASN order of every node: ASes sit in ascending ASN order already (AsGraph), and the
 * operator's sites (one ASN, not a graph AS) slot in where that ASN falls, in site order.
 */
function asnOrderKeys(network: RoutingNetwork): Uint32Array {
  const { asCount, nodeCount, nodeAsn } = network;
  const keys = new Uint32Array(nodeCount);
  const operatorAsn = nodeCount > asCount ? nodeAsn[asCount]! : 0;
  let below = 0;
  let hi = asCount;
  while (below < hi) {
    const mid = (below + hi) >>> 1;
    if (nodeAsn[mid]! < operatorAsn) below = mid + 1;
    else hi = mid;
  }
  const siteCount = nodeCount - asCount;
  for (let i = 0; i < asCount; i++) keys[i] = i < below ? i : i + siteCount;
  for (let s = 0; s < siteCount; s++) keys[asCount + s] = below + s;
  return keys;
}

function buildTieBreak(network: RoutingNetwork, spec: TieBreakSpec, reverse?: Uint32Array): TieBreak {
  const { nodeCount, offsets, neighbours } = network;
  const keys = asnOrderKeys(network);
  const rankOfSlot = new Uint32Array(neighbours.length);
  const rankAtNeighbour = new Uint32Array(neighbours.length);
  if (spec.rule === 'lowest-asn') {
    // One global order: a node's rank is the same in every row, so no reverse lookup is needed.
    for (let u = 0; u < nodeCount; u++) {
      for (let k = offsets[u]!; k < offsets[u + 1]!; k++) {
        rankOfSlot[k] = keys[neighbours[k]!]!;
        rankAtNeighbour[k] = keys[u]!;
      }
    }
    return { rule: spec.rule, rankOfSlot, rankAtNeighbour };
  }
  const score = spec.rule === 'hot-potato' ? egressScores(network, spec.geography, spec.sitePoints) : randomScores(network, spec.salt);
  const order: number[] = [];
  for (let v = 0; v < nodeCount; v++) {
    const first = offsets[v]!;
    const end = offsets[v + 1]!;
    order.length = 0;
    for (let k = first; k < end; k++) order.push(k);
    // Site rows never import a route, but get an order too, so every slot has a rank.
    order.sort((a, b) => score[a]! - score[b]! || keys[neighbours[a]!]! - keys[neighbours[b]!]! || a - b);
    for (let r = 0; r < order.length; r++) rankOfSlot[order[r]!] = r;
  }
  const back = reverse ?? reverseSlots(network);
  for (let k = 0; k < neighbours.length; k++) rankAtNeighbour[k] = rankOfSlot[back[k]!]!;
  return { rule: spec.rule, rankOfSlot, rankAtNeighbour };
}

/**
 * Hot-potato score per slot of the ASes' rows: minus the cosine of the angle from the row's AS's
 * home point to the neighbour's nearest point of presence (a site: its city). The cosine falls as
 * the great-circle distance (`egressKm`) grows, so the order is the same, and a dot product of
 * unit vectors per point pair is far cheaper than a haversine (CAIDA 2016: 2.3 million pairs).
 */
function egressScores(network: RoutingNetwork, geography: AsGeography, sitePoints: readonly LatLon[] | undefined): Float64Array {
  const { asCount, nodeCount, offsets, neighbours } = network;
  const siteCount = nodeCount - asCount;
  if (siteCount > 0 && (sitePoints === undefined || sitePoints.length !== siteCount)) {
    throw new RangeError(`hot-potato tie-breaks need a point for each of the ${siteCount} sites; got ${sitePoints?.length ?? 0}`);
  }
  const pointsOf = (node: number): readonly LatLon[] => (node < asCount ? geography.pointsOf(node) : [sitePoints![node - asCount]!]);
  const pointStart = new Uint32Array(nodeCount + 1);
  for (let node = 0; node < nodeCount; node++) pointStart[node + 1] = pointStart[node]! + pointsOf(node).length;
  const xyz = new Float64Array(3 * pointStart[nodeCount]!);
  for (let node = 0; node < nodeCount; node++) {
    pointsOf(node).forEach((point, j) => {
      const lat = point.latDeg * RADIANS_PER_DEGREE;
      const lon = point.lonDeg * RADIANS_PER_DEGREE;
      const at = 3 * (pointStart[node]! + j);
      xyz[at] = Math.cos(lat) * Math.cos(lon);
      xyz[at + 1] = Math.cos(lat) * Math.sin(lon);
      xyz[at + 2] = Math.sin(lat);
    });
  }
  const score = new Float64Array(neighbours.length);
  for (let v = 0; v < asCount; v++) {
    const home = 3 * pointStart[v]!;
    const hx = xyz[home]!;
    const hy = xyz[home + 1]!;
    const hz = xyz[home + 2]!;
    for (let k = offsets[v]!; k < offsets[v + 1]!; k++) {
      const u = neighbours[k]!;
      let nearest = -2;
      for (let at = 3 * pointStart[u]!; at < 3 * pointStart[u + 1]!; at += 3) {
        const cosine = hx * xyz[at]! + hy * xyz[at + 1]! + hz * xyz[at + 2]!;
        if (cosine > nearest) nearest = cosine;
      }
      score[k] = -nearest;
    }
  }
  return score;
}

/** Random score per slot of the ASes' rows: {@link randomTieKey} of the row's AS and the neighbour. */
function randomScores(network: RoutingNetwork, salt: number): Float64Array {
  const { asCount, offsets, neighbours, nodeAsn } = network;
  const score = new Float64Array(neighbours.length);
  for (let v = 0; v < asCount; v++) {
    for (let k = offsets[v]!; k < offsets[v + 1]!; k++) {
      const u = neighbours[k]!;
      score[k] = randomTieKey(salt, nodeAsn[v]!, nodeAsn[u]!, u < asCount ? 0 : u - asCount + 1);
    }
  }
  return score;
}

/** The murmur3 32-bit finaliser (Appleby, MurmurHash3): every input bit affects every output bit. */
function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85eb_ca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2_ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The `random` rule's key of neighbour (`neighbourAsn`, `neighbourSite`: 0 for an AS, 1 + site
 * index for an operator's site) at the AS `asn`, for `salt`: lower wins, equal keys fall back to
 * lowest ASN. Exported so oracles can rebuild the order independently of the network layout.
 */
export function randomTieKey(salt: number, asn: number, neighbourAsn: number, neighbourSite: number): number {
  return mix32(mix32(mix32(salt ^ mix32(asn)) ^ neighbourAsn) ^ neighbourSite);
}
