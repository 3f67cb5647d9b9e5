import { describe, expect, it } from 'vitest';
import { CatchmentTimelineBuilder } from '../sessions/index.js';
import { parseScenarioText } from '../scenario/index.js';
import { RandomStreams } from '../sim/index.js';
import { movedClientAses, movedClientUsersShare } from './catchment-shares.js';
import { buildWorld } from './world.js';

const scenario = (weighting: string): string => `
name: users
seed: 9
duration: 10m
topology: { synthetic: { ases: 200 } }
pops: { count: 2 }
clients: { ases: stubs, weighting: ${weighting} }
workload:
  - { protocol: dns-udp, arrivals: 1/s, duration: { fixed: 100ms } }
architectures: [edge]
`;

describe('users, not ASes', () => {
  it('clients.weighting users weights each client AS by the geography\'s users', () => {
    const parsed = parseScenarioText(scenario('users'), 'users.yaml');
    const world = buildWorld(parsed, new RandomStreams(parsed.seed));
    const users = Array.from(world.clientCandidates, (as) => world.geography.usersOf(as));
    expect(world.clientWeights).toEqual(users);
    // The user weights are not all alike, so this is not the uniform population.
    expect(new Set(users).size).toBeGreaterThan(1);
    const uniform = parseScenarioText(scenario('uniform'), 'uniform.yaml');
    expect(new Set(buildWorld(uniform, new RandomStreams(uniform.seed)).clientWeights)).toEqual(new Set([1]));
  });

  it('the share of users moved weights each moved client AS by its users', () => {
    // AS 0 moves, AS 1 does not, AS 2 moves; users 10, 70, 20.
    const builder = new CatchmentTimelineBuilder([0, 0, 1]);
    builder.record(1_000, 0, 1);
    builder.record(2_000, 2, 0);
    const timeline = builder.build();
    const clients = Int32Array.from([0, 1, 2]);
    const users = [10, 70, 20];
    expect(movedClientAses(timeline, clients)).toBe(2);
    expect(movedClientUsersShare(timeline, clients, (as) => users[as]!)).toBeCloseTo(0.3, 12);
    expect(movedClientUsersShare(timeline, clients, () => 0)).toBe(0);
  });
});
