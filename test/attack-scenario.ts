/**
 * The small attacked footprint the load, trigger and attack-report tests share: 3 PoPs on a
 * 200-AS synthetic graph, one 1 Gbps ddos from a single drawn source from 10 to 20 min, websocket
 * sessions judged under edge and unicast-dns.
 */

/** The scenario text; `capacity` adds a 250 Mbps default capacity per PoP. */
export function singleSourceAttack(name: string, replications: number, capacity: boolean): string {
  return `
name: ${name}
seed: 6
replications: ${replications}
duration: 30m
topology: { synthetic: { ases: 200 } }
pops: { count: 3 }
${capacity ? 'capacity:\n  default: { bits: 250Mbps }\n' : ''}flaps:
  - type: ddos
    at: 10m
    duration: 10m
    volume: 1Gbps
    sources: { count: 1, weighting: uniform }
workload:
  - protocol: websocket
    arrivals: 4/s
    duration: { lognormal: { median: 5m, sigma: 1 } }
architectures: [edge, unicast-dns]
`;
}
