/**
 * Load properties (issue 16, item 5, the load part; docs/load.md):
 * 1. attack volume conserves at every instant: at every PoP, in every bin, for legitimate and
 *    attack traffic in packets and bits, offered = delivered + dropped; and over the network the
 *    attack volume offered to PoPs plus what no route delivers equals the volume the attacks send;
 * 2. with capacity above total load nothing breaks by overload: no PoP drops anything, and a whole
 *    run with an attack and such capacities has no `overload` break;
 * 3. an attack from a single source AS lands on exactly that AS's catchment PoP in steady state.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePopLoad, type AttackLoad, type PopCapacity } from '../../src/load/index.js';
import { parseScenarioText, type Scenario } from '../../src/scenario/index.js';
import { CatchmentTimelineBuilder, protocolProfile, trafficProfile } from '../../src/sessions/index.js';
import { prepareRun, simulate } from '../../src/simulate/index.js';

const NUM_RUNS = Number(process.env.ANYSIM_PROPERTY_RUNS ?? 60);
/** Whole runs cost seconds each: a few in `npm test`, more under properties:deep. */
const RUN_RUNS = Math.max(2, Math.floor(NUM_RUNS / 20));

const HORIZON_MS = 20_000;
const AS_COUNT = 6;
const POP_COUNT = 3;

/** A random catchment timeline: each AS changes landing (a PoP, or -1 / -2) at random times. */
const timelineArbitrary = fc.array(
  fc.array(fc.record({ atMs: fc.integer({ min: 1, max: HORIZON_MS - 1 }), landing: fc.integer({ min: -2, max: POP_COUNT - 1 }) }), { maxLength: 6 }),
  { minLength: AS_COUNT, maxLength: AS_COUNT },
);

const attackArbitrary = fc.record({
  startMs: fc.integer({ min: 0, max: HORIZON_MS - 1 }),
  durationMs: fc.integer({ min: 1, max: HORIZON_MS }),
  packetsPerS: fc.double({ min: 1, max: 1e7, noNaN: true }),
  bytes: fc.integer({ min: 20, max: 1_500 }),
  sources: fc.array(fc.record({ asIndex: fc.integer({ min: 0, max: AS_COUNT - 1 }), weight: fc.double({ min: 0.01, max: 10, noNaN: true }) }), { minLength: 1, maxLength: 4 }),
});

const capacityArbitrary = fc.record(
  { packetsPerS: fc.double({ min: 1, max: 1e7, noNaN: true }), bitsPerS: fc.double({ min: 1e3, max: 1e10, noNaN: true }) },
  { requiredKeys: [] },
);

function buildTimeline(changes: readonly (readonly { atMs: number; landing: number }[])[]) {
  const builder = new CatchmentTimelineBuilder(changes.map((_, a) => a % POP_COUNT));
  const all = changes.flatMap((list, asIndex) => list.map((c) => ({ ...c, asIndex }))).sort((x, y) => x.atMs - y.atMs);
  for (const c of all) builder.record(c.atMs, c.asIndex, c.landing);
  return builder.build();
}

const dns = trafficProfile(protocolProfile('dns-udp'));
const websocket = trafficProfile(protocolProfile('websocket'));

function loadOf(changes: Parameters<typeof buildTimeline>[0], attacks: readonly AttackLoad[], capacities: readonly PopCapacity[], binMs: number) {
  return computePopLoad({
    timeline: buildTimeline(changes),
    popCount: POP_COUNT,
    horizonMs: HORIZON_MS,
    binMs,
    clients: { asIndexes: Int32Array.from({ length: AS_COUNT }, (_, i) => i), weights: Array.from({ length: AS_COUNT }, (_, i) => i + 1) },
    protocols: [
      { traffic: dns, arrivals: { rateAt: (t) => 500 + t / 100 }, meanDurationMs: 0 },
      { traffic: websocket, arrivals: { rateAt: () => 3 }, meanDurationMs: 120_000 },
    ],
    attacks,
    capacities,
  });
}

type DrawnAttack = typeof attackArbitrary extends fc.Arbitrary<infer T> ? T : never;

const toAttack = (a: DrawnAttack): AttackLoad => ({
  startMs: a.startMs,
  durationMs: a.durationMs,
  packetsPerS: a.packetsPerS,
  bitsPerS: a.packetsPerS * a.bytes * 8,
  sources: a.sources,
});

/** The part of bin [b0, b1) inside the attack's window. */
function activeFraction(attack: AttackLoad, b0: number, b1: number): number {
  return Math.max(0, Math.min(b1, attack.startMs + attack.durationMs) - Math.max(b0, attack.startMs)) / (b1 - b0);
}

describe('load properties', () => {
  it('conserves volume: offered = delivered + dropped at every PoP and bin; attack offered + unreached = sent', () => {
    fc.assert(
      fc.property(
        timelineArbitrary,
        fc.array(attackArbitrary, { maxLength: 3 }),
        fc.array(capacityArbitrary, { minLength: POP_COUNT, maxLength: POP_COUNT }),
        fc.constantFrom(250, 1_000, 3_000),
        (changes, drawn, capacities, binMs) => {
          const attacks = drawn.map(toAttack);
          const load = loadOf(changes, attacks, capacities, binMs);
          for (let b = 0; b < load.binCount; b++) {
            let offeredAttack = 0;
            for (let p = 0; p < POP_COUNT; p++) {
              for (const kind of ['legitimate', 'attack'] as const) {
                for (const unit of ['packetsPerS', 'bitsPerS'] as const) {
                  const f = load.flow(p, b, kind, unit);
                  const balanced = f.dropped >= 0 && f.delivered >= 0 && Math.abs(f.offered - (f.delivered + f.dropped)) <= 1e-9 * Math.max(1, f.offered);
                  if (!balanced) expect({ pop: p, bin: b, kind, unit, ...f }).toBe('balanced');
                }
              }
              offeredAttack += load.offered(p, b, 'attack', 'packetsPerS');
            }
            const b0 = b * binMs;
            const b1 = Math.min(HORIZON_MS, b0 + binMs);
            const sent = attacks.reduce((s, a) => s + a.packetsPerS * activeFraction(a, b0, b1), 0);
            const total = offeredAttack + load.unreachedAttack(b, 'packetsPerS');
            expect(Math.abs(total - sent)).toBeLessThanOrEqual(1e-6 * Math.max(1, sent));
          }
        },
      ),
      { numRuns: NUM_RUNS, seed: 1_600_501 },
    );
  });

  it('with capacity above total load, no PoP drops anything', () => {
    fc.assert(
      fc.property(timelineArbitrary, fc.array(attackArbitrary, { maxLength: 3 }), fc.double({ min: 1, max: 100, noNaN: true }), (changes, drawn, headroom) => {
        const attacks = drawn.map(toAttack);
        const unlimited = loadOf(changes, attacks, [], 1_000);
        // The total offered to the whole network, in each unit, at its largest, with headroom on top.
        let pps = 0;
        let bps = 0;
        for (let b = 0; b < unlimited.binCount; b++) {
          let binPps = 0;
          let binBps = 0;
          for (let p = 0; p < POP_COUNT; p++) {
            binPps += unlimited.totalOffered(p, b, 'packetsPerS');
            binBps += unlimited.totalOffered(p, b, 'bitsPerS');
          }
          pps = Math.max(pps, binPps);
          bps = Math.max(bps, binBps);
        }
        const capacity = { packetsPerS: pps * (1 + headroom / 100), bitsPerS: bps * (1 + headroom / 100) };
        const load = loadOf(changes, attacks, [capacity, capacity, capacity], 1_000);
        expect(load.overloaded).toBe(false);
        for (let p = 0; p < POP_COUNT; p++) for (let t = 0; t < HORIZON_MS; t += 500) expect(load.dropProbabilityAt(p, t)).toBe(0);
      }),
      { numRuns: NUM_RUNS, seed: 1_600_502 },
    );
  });

  it('with capacity above total load, a whole run with an attack has no overload break', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 2, max: 4 }), fc.integer({ min: 1, max: 50 }), async (seed, pops, gbps) => {
        // Total load: the attack (gbps, 500-byte packets) plus all legitimate traffic, far below 10x the attack + 1 Gbit/s.
        const capacityGbps = 10 * gbps + 1;
        const scenario = parseScenarioText(runScenario(seed, pops, `${gbps}Gbps`, `{ default: { bits: ${capacityGbps}Gbps, packets: ${capacityGbps * 250}kpps } }`), 'p.yaml');
        const result = await simulate(scenario, { workers: 1 });
        for (const r of result.results) expect(r.brokenByCause.overload).toBe(0);
        // The same run with a tiny capacity does break sessions by overload: the check can fail.
        const tight = parseScenarioText(runScenario(seed, pops, `${gbps}Gbps`, '{ default: { bits: 1Mbps } }'), 'p.yaml');
        const tightResult = await simulate(tight, { workers: 1 });
        expect(tightResult.results.reduce((s, r) => s + r.brokenByCause.overload, 0)).toBeGreaterThan(0);
      }),
      { numRuns: RUN_RUNS, seed: 1_600_503 },
    );
  }, 300_000);

  it('an attack from a single source AS lands on exactly that AS\'s catchment PoP in steady state', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 5 }), (seed, pops) => {
        const scenario: Scenario = parseScenarioText(runScenario(seed, pops, '5Gbps', undefined, '{ count: 1, weighting: uniform }'), 'p.yaml');
        const run = prepareRun(scenario);
        const { load, attacks } = run.load!;
        const source = attacks[0]!.sources;
        expect(source.length).toBe(1);
        const landing = run.routing.initialLanding[source[0]!.asIndex]!;
        const packetsPerS = attacks[0]!.plan.packetsPerS;
        // Bins wholly inside the attack (10 s to 40 s) and after convergence: no routing events at all.
        for (let b = 11; b < 39; b++) {
          for (let p = 0; p < load.popCount; p++) {
            const expected = p === landing ? packetsPerS : 0;
            expect(load.offered(p, b, 'attack', 'packetsPerS')).toBeCloseTo(expected, 3);
          }
          expect(load.unreachedAttack(b, 'packetsPerS')).toBeCloseTo(landing < 0 ? packetsPerS : 0, 3);
        }
      }),
      { numRuns: Math.max(3, Math.floor(NUM_RUNS / 5)), seed: 1_600_504 },
    );
  });
});

function runScenario(seed: number, pops: number, volume: string, capacity: string | undefined, sources = '{ count: 5 }'): string {
  return `name: load-property
seed: ${seed}
duration: 1m
topology: { synthetic: { ases: 120 } }
pops: { count: ${pops} }
flaps:
  - { type: ddos, at: 10s, duration: 30s, volume: ${volume}, sources: ${sources} }
workload:
  - { protocol: dns-udp, arrivals: 5/s, duration: { fixed: 100ms } }
  - { protocol: websocket, arrivals: 1/s, duration: { fixed: 40s } }
architectures: [edge, unicast-dns]
${capacity === undefined ? '' : `capacity: ${capacity}\n`}`;
}
