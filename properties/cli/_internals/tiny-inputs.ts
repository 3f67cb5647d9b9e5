/** Inputs small enough that a command line the fuzzer happens to get right finishes at once. */

/** A scenario of one simulated minute on the smallest synthetic Internet. */
export const TINY_SCENARIO = `name: tiny-fuzz
duration: 1m
topology: { synthetic: { ases: 100 } }
pops: { count: 2 }
workload:
  - { protocol: dns-udp, arrivals: 1/s, duration: { fixed: 100ms } }
architectures: [edge]
`;

/** Six ASes: two peering tier-1s (1, 2), their customers 3 and 4, and stubs 5 and 6. */
export const TINY_TOPOLOGY = `# tiny as-rel topology for CLI fuzzing
1|2|0
1|3|-1
2|4|-1
3|5|-1
4|5|-1
3|6|-1
`;
