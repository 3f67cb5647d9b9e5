import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../scenario/index.js';
import { RandomStreams } from '../sim/index.js';
import { prepareRun } from './prepare-run.js';
import { buildWorld } from './world.js';

const BASE = `
name: unicast
seed: 5
duration: 60m
topology: { synthetic: { ases: 300 } }
pops: { count: 3, upstreamsPerPop: 1 }
workload:
  - protocol: dns-udp
    arrivals: 1/s
    duration: { fixed: 100ms }
architectures: [edge, unicast-dns]
`;

/** The base scenario with flaps: pop-0 withdrawn, pop-1's only upstream link down 20-30 min, pop-2 dead at 45 min. */
function scenarioText(): { text: string; upstream: number } {
  const base = parseScenarioText(BASE, 'unicast.yaml');
  const world = buildWorld(base, new RandomStreams(base.seed));
  const upstream = world.deployment.sites[1]!.upstreams[0]!;
  const shared = world.deployment.sites.filter((s) => s.upstreams.includes(upstream)).length;
  if (shared !== 1) throw new Error('test setup: pop-1 must be the only PoP on its upstream');
  const flaps = `
flaps:
  - { type: pop-withdraw, pop: pop-0, at: 10m }
  - { type: link-down, a: 64500, b: ${upstream}, at: 20m, upAt: 30m }
  - { type: silent-death, pop: pop-2, at: 45m }
`;
  return { text: BASE + flaps, upstream };
}

describe('routing pass: unicast prefixes and causal convergence', () => {
  const run = prepareRun(parseScenarioText(scenarioText().text, 'unicast.yaml'));
  const { unicast, population } = run;
  const clients = [...population.asIndexes];
  const minute = 60_000;

  it('leaves a withdrawn PoP its unicast address', () => {
    for (const a of clients) {
      expect(unicast.outcomeAt(0, a, 0)).toBe(0);
      expect(unicast.nextChangeAfterMs(0, a, 0)).toBe(Number.POSITIVE_INFINITY);
    }
  });

  it("black-holes a PoP's unicast prefix while its only upstream link is down, blamed on that incident, and delivers again after", () => {
    const incident = [...run.incidents].findIndex((i) => i.incidentClass === 'link-down');
    for (const a of clients) {
      expect(unicast.outcomeAt(1, a, 20 * minute - 1)).toBe(1);
      expect(unicast.outcomeAt(1, a, 25 * minute)).toBe(-1);
      expect(unicast.incidentAt(1, a, 25 * minute)).toBe(incident);
      expect(unicast.nextChangeAfterMs(1, a, 20 * minute - 1)).toBeGreaterThanOrEqual(20 * minute);
      expect(unicast.outcomeAt(1, a, 40 * minute)).toBe(1);
    }
  });

  it('drops a silently dead PoP only after the hold timer', () => {
    const holdMs = run.scenario.routing.holdTimeMs;
    for (const a of clients) {
      expect(unicast.outcomeAt(2, a, 45 * minute + (2 / 3) * holdMs - 1)).toBe(2);
      expect(unicast.outcomeAt(2, a, 59 * minute)).toBe(-1);
    }
  });

  it('credits each event with its own wave, unicast columns included', () => {
    const windows = run.routing.convergence.windows;
    expect(windows.map((w) => w.description)).toEqual([
      'withdraw pop-0',
      expect.stringMatching(/^link AS64500-AS\d+ down$/),
      expect.stringMatching(/^link AS64500-AS\d+ up$/),
      'pop-2 dies silently',
    ]);
    const [withdraw, down, up, death] = windows;
    expect(withdraw!.asesChanged).toBeGreaterThan(0);
    expect(withdraw!.unicastAsesChanged).toBe(0);
    expect(down!.unicastAsesDropped).toBeGreaterThanOrEqual(clients.filter((a) => run.routing.initialLanding[a]! >= 0).length);
    expect(up!.unicastAsesChanged).toBeGreaterThan(0);
    expect(up!.unicastAsesDropped).toBe(0);
    // A silent death settles only after the hold timer: nothing moves for its first two thirds.
    expect(death!.asesChanged).toBeGreaterThan(0);
    expect(death!.settledMs.p50).toBeGreaterThanOrEqual((2 / 3) * run.scenario.routing.holdTimeMs);
    expect(death!.unicastAsesDropped).toBeGreaterThan(0);
    expect(run.routing.convergence.unicastUpdates).toBeGreaterThan(0);
  });
});

describe('routing pass: the scenario\'s tie-break rule', () => {
  const withRule = (rule: string, seed = 5) =>
    prepareRun(parseScenarioText(BASE.replace('seed: 5', `seed: ${seed}`) + `routing: { tieBreak: ${rule} }\n`, 'tie.yaml'));
  const landing = (run: ReturnType<typeof prepareRun>): number[] => [...run.routing.initialLanding];

  it('routes with the rule the scenario names, each rule deciding ties its own way', () => {
    const low = withRule('lowest-asn');
    const hot = withRule('hot-potato');
    const random = withRule('random');
    expect([low.routing.tieBreak.rule, hot.routing.tieBreak.rule, random.routing.tieBreak.rule]).toEqual(['lowest-asn', 'hot-potato', 'random']);
    expect(new Set([landing(low), landing(hot), landing(random)].map((l) => l.join())).size).toBe(3);
    // Hot-potato runs on the world's own geography and PoP cities.
    const spec = hot.routing.tieBreak;
    expect(spec.rule === 'hot-potato' && spec.geography === hot.world.geography && spec.sitePoints === hot.world.popLocations).toBe(true);
  });

  it('draws the random order from the seed: the same seed repeats it, another seed changes it', () => {
    const a = withRule('random', 11);
    const b = withRule('random', 11);
    const c = withRule('random', 12);
    expect(a.routing.tieBreak).toEqual(b.routing.tieBreak);
    expect(landing(a)).toEqual(landing(b));
    expect(c.routing.tieBreak).not.toEqual(a.routing.tieBreak);
  });
});
