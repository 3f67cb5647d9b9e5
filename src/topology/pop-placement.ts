/**
 * Automatic PoP placement by count: each PoP buys transit from `upstreamsPerPop` distinct transit
 * ASes (ASes with customers), drawn without replacement across the whole deployment while enough
 * remain, so PoPs sit in different parts of the graph the way an operator spreads its footprint
 * over regional providers. Seeded: the same stream gives the same placement.
 */
import type { RandomStream } from '../sim/index.js';
import type { AnycastDeployment, PopSite } from './anycast-deployment.js';
import { Relationship, type AsGraph } from './as-graph.js';
import { TopologyError } from './topology-error.js';

/** Places `count` PoPs named pop-0 .. pop-(count-1) on transit ASes of `graph`. */
export function placePops(
  graph: AsGraph,
  operatorAsn: number,
  count: number,
  upstreamsPerPop: number,
  random: RandomStream,
): AnycastDeployment {
  const transit: number[] = [];
  for (let i = 0; i < graph.asCount; i++) {
    for (let k = graph.offsets[i]!; k < graph.offsets[i + 1]!; k++) {
      if (graph.relationships[k] === Relationship.Customer) {
        transit.push(i);
        break;
      }
    }
  }
  if (transit.length < upstreamsPerPop) {
    throw new TopologyError(
      `pops: the topology has ${transit.length} transit ASes, fewer than the ${upstreamsPerPop} upstreams each PoP needs`,
    );
  }
  let pool: number[] = [];
  const sites: PopSite[] = [];
  for (let p = 0; p < count; p++) {
    const chosen = new Set<number>();
    while (chosen.size < upstreamsPerPop) {
      if (pool.length === 0) pool = [...transit];
      const pick = random.int(0, pool.length);
      const asIndex = pool[pick]!;
      pool[pick] = pool[pool.length - 1]!;
      pool.pop();
      chosen.add(asIndex);
    }
    sites.push({ name: `pop-${p}`, upstreams: [...chosen].map((i) => graph.asnAt(i)).sort((a, b) => a - b), peers: [] });
  }
  return { operatorAsn, sites };
}
