import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planFlaps, type FlapPlan } from '../flaps/index.js';
import { parseScenarioValue, type Scenario } from '../scenario/index.js';
import { RandomStreams } from '../sim/index.js';
import { ClientFlipPass } from './client-flip-pass.js';
import { prepareRun } from './prepare-run.js';
import { runRoutingPass } from './routing-pass.js';
import { simulate } from './simulate.js';
import { buildWorld } from './world.js';

/** The routing pass of `scenario` with its client flips, as prepareRun runs them. */
function flipRun(scenario: Scenario) {
  const streams = new RandomStreams(scenario.seed);
  const world = buildWorld(scenario, streams);
  const plan = planFlaps(scenario.flaps, world.flapContext, streams.stream('flaps'));
  const pass = new ClientFlipPass(plan.clientFlips!, world.clientCandidates, plan, scenario.durationMs, streams.stream('client-flips'));
  const routing = runRoutingPass(scenario, world, plan, streams, pass.probes());
  return { world, plan, routing, ...pass.result() };
}

function outageAt(plan: FlapPlan, site: number, tMs: number): boolean {
  return plan.siteOutages[site]!.some(([downMs, upMs]) => downMs <= tMs && tMs < upMs);
}

/** Whether the operator announces `site` at `tMs`: its last announce/withdraw/kill input at or before then. */
function announcedAt(plan: FlapPlan, site: number, tMs: number): boolean {
  let announced = true;
  for (const { atMs, action } of plan.routing) {
    if (atMs > tMs) break;
    if ((action.kind === 'withdraw-site' || action.kind === 'kill-site' || action.kind === 'announce-site') && action.site === site) {
      announced = action.kind === 'announce-site';
    }
  }
  return announced;
}

/** Times in (fromMs, toMs) at which the operator withdraws or kills `site`, or its outage starts. */
function siteLostBetween(plan: FlapPlan, site: number, fromMs: number, toMs: number): number[] {
  const lost = plan.routing
    .filter(({ atMs, action }) => (action.kind === 'withdraw-site' || action.kind === 'kill-site') && action.site === site && atMs > fromMs && atMs < toMs)
    .map((r) => r.atMs);
  return [...lost, ...plan.siteOutages[site]!.map(([downMs]) => downMs).filter((t) => t > fromMs && t < toMs)];
}

const flapArbitrary = (pops: number) =>
  fc.oneof(
    fc.record({ type: fc.constant('silent-death'), pop: fc.nat(pops - 1).map((p) => `pop-${p}`), at: fc.integer({ min: 0, max: 25 }).map((m) => `${m}m`) }),
    fc.record({
      type: fc.constant('pop-withdraw'),
      pop: fc.nat(pops - 1).map((p) => `pop-${p}`),
      at: fc.integer({ min: 0, max: 10 }).map((m) => `${m}m`),
      reannounceAt: fc.integer({ min: 11, max: 25 }).map((m) => `${m}m`),
    }),
    fc.record({
      type: fc.constant('pop-failure'),
      pop: fc.nat(pops - 1).map((p) => `pop-${p}`),
      at: fc.integer({ min: 0, max: 10 }).map((m) => `${m}m`),
      recoverAt: fc.integer({ min: 11, max: 25 }).map((m) => `${m}m`),
    }),
    fc.record({
      type: fc.constant('link-flaps'),
      rate: fc.integer({ min: 1, max: 20 }).map((r) => `${r}/h`),
      downTime: fc.constant({ exponential: { mean: '1m' } }),
      links: fc.constantFrom('pop-upstreams', 'any'),
    }),
  );

const smallScenario = fc
  .record({ pops: fc.integer({ min: 2, max: 5 }), ases: fc.integer({ min: 100, max: 200 }), seed: fc.nat() })
  .chain(({ pops, ases, seed }) =>
    fc.record({
      scenario: fc.array(flapArbitrary(pops), { minLength: 1, maxLength: 4 }).map((flaps) =>
        parseScenarioValue({
          name: 'flips-follow-routes',
          seed,
          duration: '30m',
          topology: { synthetic: { ases } },
          pops: { count: pops },
          flaps: [...flaps, { type: 'client-flips', rate: '60/h', unstableFraction: 0.5 }],
          workload: [{ protocol: 'dns-udp', arrivals: '1/s', duration: { fixed: '100ms' } }],
          architectures: ['edge'],
          routing: { operatorAsn: 4_200_000_000, mrai: '5s' },
        }),
      ),
    }),
  );

describe('client flips follow routes', () => {
  it('never flip to a withdrawn, dead or unreachable PoP, and end when the alternative does (random small scenarios)', () => {
    let flips = 0;
    fc.assert(
      fc.property(smallScenario, ({ scenario }) => {
        const { world, plan, routing, log } = flipRun(scenario);
        const asCount = world.graph.asCount;
        for (let i = 0; i < log.count; i++) {
          const [client, site, startMs, endMs, via] = [log.asIndex[i]!, log.site[i]!, log.startMs[i]!, log.endMs[i]!, log.viaNode[i]!];
          const what = `flip ${i} of AS index ${client} to site ${site} at ${startMs} ms via node ${via}`;
          expect(outageAt(plan, site, startMs), `${what}: site dead`).toBe(false);
          expect(announcedAt(plan, site, startMs), `${what}: site withdrawn`).toBe(true);
          const routed = routing.timeline.landingAt(client, startMs);
          expect(routed, what).toBeGreaterThanOrEqual(0);
          expect(routed, what).not.toBe(site);
          // The network delivers there: the neighbour the load balancer uses forwards to the site.
          if (via < asCount) expect(routing.timeline.landingAt(via, startMs), `${what}: unreachable`).toBe(site);
          else expect(via - asCount, what).toBe(site);
          // ... and keeps delivering while the flip lasts.
          if (via < asCount) {
            for (let e = routing.timeline.entryAt(via, startMs) + 1; e < routing.timeline.endEntry(via) && routing.timeline.timesMs[e]! < endMs; e++) {
              expect(routing.timeline.landings[e], `${what}: lasts past a change of the neighbour's forwarding`).toBe(site);
            }
          }
          expect(siteLostBetween(plan, site, startMs, endMs), `${what}: lasts past the site's loss`).toEqual([]);
          flips++;
        }
      }),
      { numRuns: Number(process.env.ANYSIM_PROPERTY_RUNS ?? 12), seed: 12 },
    );
    expect(flips).toBeGreaterThan(100);
  });

  it('a single-homed chain to one PoP never flips', () => {
    const dir = mkdtempSync(join(tmpdir(), 'anysim-flips-'));
    const file = join(dir, 'chain.as-rel.txt');
    // 1 is the provider of 2, 2 of 3, 3 of 4; the PoP hangs below AS 1.
    writeFileSync(file, '1|2|-1\n2|3|-1\n3|4|-1\n');
    const scenario = parseScenarioValue({
      name: 'chain',
      seed: 1,
      duration: '1h',
      topology: { caida: { file } },
      pops: { sites: [{ name: 'only', upstreams: [1] }] },
      clients: { ases: 'all' },
      flaps: [{ type: 'client-flips', rate: '60/h', unstableFraction: 1 }],
      workload: [{ protocol: 'http-short', arrivals: '1/s', duration: { fixed: '60s' } }],
      architectures: ['edge'],
    });
    const { log, incidents } = flipRun(scenario);
    expect(log.count).toBe(0);
    expect(incidents.count).toBe(0);
  });

  it('with routes still, flips alternate between the routed site and one other, and each is an incident named by its entries', () => {
    const scenario = parseScenarioValue({
      name: 'still',
      seed: 4,
      duration: '2h',
      topology: { synthetic: { ases: 300 } },
      pops: { count: 4 },
      flaps: [{ type: 'client-flips', rate: '20/h', unstableFraction: 0.2 }],
      workload: [{ protocol: 'http-short', arrivals: '1/s', duration: { fixed: '60s' } }],
      architectures: ['edge'],
      routing: { operatorAsn: 4_200_000_000 },
    });
    const run = prepareRun(scenario);
    const flipIncidents = [...run.incidents].filter((incident) => incident.incidentClass === 'client-flip');
    expect(flipIncidents.length).toBeGreaterThan(100);
    expect(run.incidents.count).toBe(flipIncidents.length);
    expect(flipIncidents.every((incident) => incident.flapIndex === 0)).toBe(true);
    let flipping = 0;
    for (let a = 0; a < run.world.graph.asCount; a++) {
      const first = run.timeline.firstEntry(a);
      const end = run.timeline.endEntry(a);
      if (end - first === 1) continue;
      flipping++;
      const routed = run.routing.timeline.landingAt(a, 0);
      const other = run.timeline.landings[first + 1]!;
      expect(other).not.toBe(routed);
      for (let e = first; e < end; e++) {
        expect(run.timeline.landings[e]).toBe((e - first) % 2 === 0 ? routed : other);
        if (e > first) {
          const incident = run.incidents.at(run.timeline.incidents[e]!);
          expect(incident.incidentClass).toBe('client-flip');
          // A flip out names the flip that starts there; a flip back the one it ends.
          if ((e - first) % 2 === 1) expect(incident.startMs).toBe(run.timeline.timesMs[e]);
          else expect(run.timeline.incidents[e]).toBe(run.timeline.incidents[e - 1]);
        }
      }
    }
    expect(flipping).toBeGreaterThan(30);
  });
});

describe('per-flow client flips end to end', () => {
  const scenarioIn = (mode: 'per-packet' | 'per-flow') =>
    parseScenarioValue({
      name: `flips-${mode}`,
      seed: 9,
      duration: '1h',
      topology: { synthetic: { ases: 200 } },
      pops: { count: 3 },
      flaps: [{ type: 'client-flips', rate: '30/h', unstableFraction: 1, mode }],
      workload: [
        { protocol: 'http-short', arrivals: '5/s', duration: { fixed: '30s' } },
        { protocol: 'websocket', arrivals: '1/s', duration: { fixed: '10m' } },
      ],
      architectures: ['edge', 'unicast-dns'],
      routing: { operatorAsn: 4_200_000_000 },
    });

  it('moves no established flow, counts cross-flow state only where the protocol uses it, never under unicast-dns', async () => {
    const perPacket = await simulate(scenarioIn('per-packet'));
    const perFlow = await simulate(scenarioIn('per-flow'));
    const result = (run: typeof perFlow, protocol: string, architecture: string) =>
      run.results.find((r) => r.protocol === protocol && r.architecture === architecture)!;
    // Per packet every flip instant moves a long websocket; per flow only flows that hashed onto
    // an alternative move, when it goes.
    expect(result(perFlow, 'websocket', 'edge').brokenByCause['pop-shift']).toBeLessThan(result(perPacket, 'websocket', 'edge').brokenByCause['pop-shift'] / 1.5);
    expect(result(perFlow, 'websocket', 'edge').brokenByCause['pop-shift']).toBeGreaterThan(0);
    expect(result(perFlow, 'http-short', 'edge').brokenByCause['cross-flow-state']).toBeGreaterThan(0);
    expect(result(perFlow, 'websocket', 'edge').brokenByCause['cross-flow-state']).toBe(0);
    expect(result(perPacket, 'http-short', 'edge').brokenByCause['cross-flow-state']).toBe(0);
    for (const run of [perPacket, perFlow]) for (const protocol of ['http-short', 'websocket']) expect(result(run, protocol, 'unicast-dns').broken).toBe(0);
  });
});
