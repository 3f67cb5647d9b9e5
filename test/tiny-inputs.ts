/**
 * Inputs small enough that a command run on them finishes at once: the CLI tests, the sweep's
 * security tests and the CLI fuzzing properties share them.
 */

/** A scenario of `duration` (default one simulated minute) on the smallest synthetic Internet: two PoPs, DNS only. */
export function tinyScenario(name = 'tiny', duration = '1m'): string {
  return `name: ${name}
duration: ${duration}
topology: { synthetic: { ases: 100 } }
pops: { count: 2 }
workload:
  - { protocol: dns-udp, arrivals: 1/s, duration: { fixed: 100ms } }
architectures: [edge]
`;
}

/** Six ASes in as-rel form: two peering tier-1s (1, 2), their customers 3 and 4, and stubs 5 and 6. */
export const TINY_TOPOLOGY = `# tiny as-rel topology
1|2|0
1|3|-1
2|4|-1
3|5|-1
4|5|-1
3|6|-1
`;
