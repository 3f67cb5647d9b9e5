/**
 * An anycast deployment: one operator ASN announcing one prefix from several PoP sites, each
 * attached to chosen upstream (provider) and peer ASes of the topology. All sites share the
 * operator's ASN, so BGP loop prevention (RFC 4271 §9.1.2) sees them as one AS: a route learned
 * from one site is never accepted by another. This is how anycast CDNs and DNS roots deploy
 * (Calder et al., "Analyzing the Performance of an Anycast CDN", IMC 2015).
 */
import type { LatLon } from '../geo/index.js';
import type { AsGraph } from './as-graph.js';
import { TopologyError } from './topology-error.js';

/** Most sites in one deployment (a limit; large CDNs run a few hundred PoPs). */
export const MAX_POP_SITES = 4_096;
/** Most extra copies of the operator ASN a site may prepend. */
export const MAX_PREPEND = 16;

/** One PoP site: where the operator's ASN attaches to the topology. */
export interface PopSite {
  /** A name for reports ("fra1"). */
  readonly name: string;
  /** ASNs of existing ASes that sell the site transit (they see the site as a customer). */
  readonly upstreams: readonly number[];
  /** ASNs of existing ASes the site peers with. */
  readonly peers: readonly number[];
  /** Extra copies of the operator ASN on this site's announcements (AS-path prepending). */
  readonly prepend?: number;
  /** The city the site sits in ("Frankfurt am Main"), when it has a name. */
  readonly city?: string;
  /** Where the site is (docs/geography.md); absent on deployments built without geography. */
  readonly location?: LatLon;
}

/** The operator and its sites. Equal routes to two sites break ties by site order (lower first). */
export interface AnycastDeployment {
  /** The operator's ASN: shared by every site and absent from the topology. */
  readonly operatorAsn: number;
  readonly sites: readonly PopSite[];
}

/**
 * Checks a deployment against a graph: at least one site, names unique, every upstream and peer
 * an existing AS listed once per site, prepends within {@link MAX_PREPEND}, and the operator ASN
 * not an AS of the graph (the sites are its only presence). Throws {@link TopologyError}.
 */
export function validateDeployment(graph: AsGraph, deployment: AnycastDeployment): void {
  const { operatorAsn, sites } = deployment;
  if (graph.indexOf(operatorAsn) >= 0) {
    throw new TopologyError(`operator ASN ${operatorAsn} is already an AS of the topology; pick an ASN the sites alone use`);
  }
  if (sites.length === 0) throw new TopologyError('an anycast deployment needs at least one site');
  if (sites.length > MAX_POP_SITES) throw new TopologyError(`${sites.length} sites exceed the limit of ${MAX_POP_SITES}`);
  const names = new Set<string>();
  for (const site of sites) {
    if (names.has(site.name)) throw new TopologyError(`site name "${site.name}" is used twice`);
    names.add(site.name);
    const attached = new Set<number>();
    for (const asn of [...site.upstreams, ...site.peers]) {
      if (graph.indexOf(asn) < 0) throw new TopologyError(`site "${site.name}": AS ${asn} is not in the topology`);
      if (attached.has(asn)) throw new TopologyError(`site "${site.name}": AS ${asn} is attached twice`);
      attached.add(asn);
    }
    if (attached.size === 0) throw new TopologyError(`site "${site.name}" has no upstream or peer`);
    const prepend = site.prepend ?? 0;
    if (!Number.isInteger(prepend) || prepend < 0 || prepend > MAX_PREPEND) {
      throw new TopologyError(`site "${site.name}": prepend must be an integer in 0..${MAX_PREPEND}, got ${prepend}`);
    }
  }
}
