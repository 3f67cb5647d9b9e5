import { describe, expect, it } from 'vitest';
import { buildAsGraph } from './as-graph.js';
import { type AnycastDeployment, validateDeployment } from './anycast-deployment.js';

const graph = buildAsGraph({ a: [1, 1], b: [2, 3], rel: [-1, 0], count: 2 });

describe('validateDeployment', () => {
  it('accepts sites on existing ASes', () => {
    expect(() => validateDeployment(graph, { operatorAsn: 64_500, sites: [{ name: 'a', upstreams: [1], peers: [3] }] })).not.toThrow();
  });

  it.each<[AnycastDeployment, string]>([
    [{ operatorAsn: 2, sites: [{ name: 'a', upstreams: [1], peers: [] }] }, 'operator ASN 2 is already an AS'],
    [{ operatorAsn: 9, sites: [] }, 'at least one site'],
    [{ operatorAsn: 9, sites: [{ name: 'a', upstreams: [7], peers: [] }] }, 'AS 7 is not in the topology'],
    [{ operatorAsn: 9, sites: [{ name: 'a', upstreams: [1], peers: [1] }] }, 'AS 1 is attached twice'],
    [{ operatorAsn: 9, sites: [{ name: 'a', upstreams: [], peers: [] }] }, 'has no upstream or peer'],
    [{ operatorAsn: 9, sites: [{ name: 'a', upstreams: [1], peers: [], prepend: 17 }] }, 'prepend must be an integer in 0..16'],
    [
      {
        operatorAsn: 9,
        sites: [
          { name: 'a', upstreams: [1], peers: [] },
          { name: 'a', upstreams: [2], peers: [] },
        ],
      },
      'used twice',
    ],
  ])('rejects %j', (deployment, message) => {
    expect(() => validateDeployment(graph, deployment)).toThrow(message);
  });
});
