import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATCHMENT_FIXTURES } from '../../test/shared-data.js';
import { buildAsGraph, loadAsRelFile, TopologyError } from '../topology/index.js';
import { catchmentMap, catchmentPath, steadyStateCatchment, steadyStateDeploymentCatchment } from './catchment.js';

const FIXTURES = CATCHMENT_FIXTURES;
const fixtureFiles = readdirSync(FIXTURES).filter((name) => name.endsWith('.json'));

describe('steadyStateCatchment', () => {
  it('finds every fixture', () => {
    expect(fixtureFiles.length).toBeGreaterThanOrEqual(5);
  });

  it.each(fixtureFiles)('reproduces %s exactly', (name) => {
    const match = /^(.+)\.origins-([0-9-]+)\.json$/.exec(name);
    expect(match).not.toBeNull();
    const graph = loadAsRelFile(new URL(`${match![1]}.as-rel`, FIXTURES));
    const origins = match![2]!.split('-').map(Number);
    const expected: unknown = JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8'));
    expect(catchmentMap(steadyStateCatchment(graph, origins))).toEqual(expected);
  });

  it('rejects an origin that is not in the topology', () => {
    const graph = buildAsGraph({ a: [1], b: [2], rel: [-1], count: 1 });
    expect(() => steadyStateCatchment(graph, [3])).toThrow(TopologyError);
    expect(() => steadyStateCatchment(graph, [1, 1])).toThrow('listed twice');
  });

  it('leaves ASes without a valley-free route unreachable', () => {
    // 1 and 2 are customers of 3 and 4 respectively; 3 and 4 peer; 5 is a peer of 4 only.
    // Origin 1: 5 would need peer-peer (3-4-5), which Gao-Rexford export forbids.
    const graph = buildAsGraph({ a: [3, 4, 3, 4], b: [1, 2, 4, 5], rel: [-1, -1, 0, 0], count: 4 });
    const map = catchmentMap(steadyStateCatchment(graph, [1]));
    expect(map['4']).toEqual({ origin: 1, path: [4, 3, 1] });
    expect(map['2']).toEqual({ origin: 1, path: [2, 4, 3, 1] });
    expect(map['5']).toBeNull();
  });
});

describe('steadyStateDeploymentCatchment', () => {
  // 1 is the provider of 2 and 3; 4 is a customer of 2 and 3.
  const graph = buildAsGraph({ a: [1, 1, 2, 3], b: [2, 3, 4, 4], rel: [-1, -1, -1, -1], count: 4 });

  it('breaks ties between sites behind one upstream by site order', () => {
    const sites = [
      { name: 'first', upstreams: [2], peers: [] },
      { name: 'second', upstreams: [2], peers: [] },
    ];
    const forward = catchmentMap(steadyStateDeploymentCatchment(graph, { operatorAsn: 64_512, sites }));
    expect(forward['2']).toEqual({ origin: 64_512, site: 'first', path: [2, 64_512] });
    const reversed = catchmentMap(steadyStateDeploymentCatchment(graph, { operatorAsn: 64_512, sites: [...sites].reverse() }));
    expect(reversed['2']).toEqual({ origin: 64_512, site: 'second', path: [2, 64_512] });
  });

  it('counts prepends in the AS path and routes around a prepended site', () => {
    const deployment = {
      operatorAsn: 64_512,
      sites: [
        { name: 'a', upstreams: [2], peers: [], prepend: 2 },
        { name: 'b', upstreams: [3], peers: [] },
      ],
    };
    const catchment = steadyStateDeploymentCatchment(graph, deployment);
    const map = catchmentMap(catchment);
    expect(map['1']).toEqual({ origin: 64_512, site: 'b', path: [1, 3, 64_512] });
    expect(map['2']).toEqual({ origin: 64_512, site: 'a', path: [2, 64_512, 64_512, 64_512] });
    expect(catchmentPath(catchment, graph.indexOf(4))).toEqual([4, 3, 64_512]);
    const onlyA = catchmentMap(steadyStateDeploymentCatchment(graph, deployment, [true, false]));
    expect(onlyA['4']).toEqual({ origin: 64_512, site: 'a', path: [4, 2, 64_512, 64_512, 64_512] });
  });

  it('gives no route to anyone when no site is active', () => {
    const deployment = { operatorAsn: 64_512, sites: [{ name: 'a', upstreams: [2], peers: [] }] };
    const map = catchmentMap(steadyStateDeploymentCatchment(graph, deployment, [false]));
    expect(Object.values(map).every((entry) => entry === null)).toBe(true);
  });
});
