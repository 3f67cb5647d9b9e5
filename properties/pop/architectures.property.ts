/**
 * Serving-architecture properties over random PoP layers: each architecture breaks only for the
 * causes its rule allows, answers queries at any time in any order identically (timelines, not
 * "now"), without churn or outages only `edge` ever breaks (on a PoP shift), and the state
 * holder is asked before the route (issue 12, item 1): once the state is gone, every packet
 * wherever it lands gets that loss as its answer, blamed on the outage or churn step behind it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ARCHITECTURE_NAMES,
  createArchitecture,
  openSession,
  PopLayerModel,
  type BreakCause,
  type ChurnEvent,
  type PopLayerConfig,
  type SessionPlacement,
} from '../../src/pop/index.js';

const numRuns = Number(process.env.ANYSIM_PROPERTY_RUNS ?? 20);
const params = { numRuns, seed: 20_180_409 };

const ALLOWED: Record<string, readonly (BreakCause | null)[]> = {
  edge: [null, 'pop-shift', 'backend-remap', 'site-failure', 'server-failure'],
  'global-hash': [null, 'backend-remap', 'site-failure', 'server-failure'],
  'daisy-chain': [null, 'backend-remap', 'site-failure', 'server-failure'],
  'quic-lb': [null, 'backend-remap', 'site-failure', 'server-failure'],
  'unicast-handoff': [null, 'backend-remap', 'site-failure', 'server-failure'],
  'unicast-dns': [null, 'backend-remap', 'site-failure', 'server-failure'],
};

const session = fc.record({
  flow: fc.integer({ min: 0, max: 0xffff_ffff }),
  openMs: fc.integer({ min: 0, max: 100_000 }),
  pop: fc.nat(),
  packets: fc.array(fc.record({ gapMs: fc.integer({ min: 1, max: 120_000 }), pop: fc.nat() }), { maxLength: 6 }),
});

const layer = fc.record({
  popCount: fc.integer({ min: 2, max: 4 }),
  servers: fc.integer({ min: 2, max: 6 }),
  algorithm: fc.constantFrom('maglev' as const, 'ring' as const, 'rendezvous' as const, 'jump' as const, 'modulo' as const),
  churn: fc.array(
    fc.record({ atMs: fc.integer({ min: 0, max: 300_000 }), pop: fc.nat(), kind: fc.constantFrom('drain' as const, 'fail' as const, 'remove' as const, 'add' as const), server: fc.nat() }),
    { maxLength: 5 },
  ),
  outages: fc.array(fc.record({ pop: fc.nat(), downAtMs: fc.integer({ min: 0, max: 300_000 }), lengthMs: fc.integer({ min: 1, max: 200_000 }) }), { maxLength: 2 }),
  delays: fc.array(fc.integer({ min: 0, max: 20_000 }), { minLength: 4, maxLength: 4 }),
});

type Layer = typeof layer extends fc.Arbitrary<infer T> ? T : never;
type Session = typeof session extends fc.Arbitrary<infer T> ? T : never;

/** A valid config from raw draws: churn touches each server once, outages of a PoP never overlap. */
function configOf(raw: Layer, withChurn: boolean): PopLayerConfig {
  const pops = Array.from({ length: raw.popCount }, (_, p) => ({ name: `p${p}`, servers: raw.servers, algorithm: raw.algorithm, tableSize: 251 }));
  const touched = new Set<string>();
  const nextId = pops.map(() => raw.servers);
  const churn: ChurnEvent[] = [];
  if (withChurn) {
    for (const c of [...raw.churn].sort((a, b) => a.atMs - b.atMs)) {
      const popIndex = c.pop % raw.popCount;
      if (c.kind === 'add') {
        churn.push({ atMs: c.atMs, popIndex, kind: 'add', serverId: nextId[popIndex]! });
        nextId[popIndex]! += 1;
        continue;
      }
      const serverId = c.server % raw.servers;
      if (touched.has(`${popIndex}/${serverId}`)) continue;
      touched.add(`${popIndex}/${serverId}`);
      churn.push({ atMs: c.atMs, popIndex, kind: c.kind, serverId });
    }
  }
  const outagePops = new Set<number>();
  const siteFailures = withChurn
    ? raw.outages
        .filter((o) => !outagePops.has(o.pop % raw.popCount) && outagePops.add(o.pop % raw.popCount))
        .map((o) => ({ popIndex: o.pop % raw.popCount, downAtMs: o.downAtMs, upAtMs: o.downAtMs + o.lengthMs }))
    : [];
  return {
    pops,
    churn,
    siteFailures,
    globalHash: { algorithm: 'maglev', tableSize: 251, updateDelayMs: withChurn ? raw.delays.slice(0, raw.popCount) : 0 },
    conntrack: { capacity: 1000, idleTimeoutMs: 60_000 },
  };
}

/** Per session, its verdicts under one architecture: an open failure, or one per later packet. */
function verdicts(model: PopLayerModel, name: (typeof ARCHITECTURE_NAMES)[number], sessions: readonly Session[]): (string | null)[][] {
  const arch = createArchitecture(name, model);
  return sessions.map((s) => {
    const opened = openSession(arch, s.flow, s.pop % model.popCount, s.openMs);
    if (typeof opened === 'string') return [`open:${opened}`];
    let t = s.openMs;
    return s.packets.map((packet) => {
      t += packet.gapMs;
      return arch.deliver(opened, packet.pop % model.popCount, t, packet.gapMs);
    });
  });
}

describe('serving architecture properties', () => {
  it('each architecture breaks only for the causes its rule allows; same config, same verdicts in any query order', () => {
    fc.assert(
      fc.property(layer, fc.array(session, { minLength: 1, maxLength: 25 }), (raw, sessions) => {
        const config = configOf(raw, true);
        for (const name of ARCHITECTURE_NAMES) {
          const forward = verdicts(new PopLayerModel(config), name, sessions);
          for (const v of forward.flat()) {
            const cause = v?.startsWith('open:') === true ? v.slice(5) : v;
            expect(ALLOWED[name]).toContain(cause);
          }
          // A fresh model queried in reverse session order (tables built in another order) agrees.
          const reversed = verdicts(new PopLayerModel(config), name, [...sessions].reverse());
          expect(reversed.reverse()).toEqual(forward);
        }
      }),
      params,
    );
  });

  it('state before routes: a lost state is the answer wherever the packet lands, and names its incident', () => {
    let stateLosses = 0;
    fc.assert(
      fc.property(layer, fc.array(session, { minLength: 1, maxLength: 25 }), (raw, sessions) => {
        const base = configOf(raw, true);
        // Name every outage and churn step's incident after its position: 100 + i and 200 + i.
        const config: PopLayerConfig = {
          ...base,
          siteFailures: (base.siteFailures ?? []).map((o, i) => ({ ...o, incident: 100 + i })),
          churn: (base.churn ?? []).map((c, i) => ({ ...c, incident: 200 + i })),
        };
        const model = new PopLayerModel(config);
        const known = new Set([-1, ...(config.siteFailures ?? []).map((o) => o.incident), ...(config.churn ?? []).map((c) => c.incident)]);
        for (const name of ARCHITECTURE_NAMES) {
          const arch = createArchitecture(name, model);
          for (const s of sessions) {
            const opened = openSession(arch, s.flow, s.pop % model.popCount, s.openMs);
            if (typeof opened === 'string') continue;
            let t = s.openMs;
            for (const packet of s.packets) {
              t += packet.gapMs;
              const lost = arch.stateLossAt(opened, t);
              if (lost === null) continue;
              stateLosses++;
              for (let pop = 0; pop < model.popCount; pop++) expect(arch.deliver(opened, pop, t, packet.gapMs), name).toBe(lost);
              const incident = arch.incidentOf(lost, opened, opened.popIndex, t);
              expect(known.has(incident)).toBe(true);
              // A state lost to a site outage or a failed/removed server is blamed on that event.
              expect(incident, `${name}: ${lost}`).not.toBe(-1);
            }
          }
        }
      }),
      params,
    );
    if (numRuns >= 20) expect(stateLosses).toBeGreaterThan(0);
  });

  it('without churn or outages only edge breaks, and only on a PoP shift', () => {
    fc.assert(
      fc.property(layer, fc.array(session, { minLength: 1, maxLength: 25 }), (raw, sessions) => {
        const model = new PopLayerModel(configOf(raw, false));
        for (const name of ARCHITECTURE_NAMES) {
          const arch = createArchitecture(name, model);
          for (const s of sessions) {
            const opened = openSession(arch, s.flow, s.pop % model.popCount, s.openMs) as SessionPlacement;
            expect(typeof opened).toBe('object');
            let t = s.openMs;
            for (const packet of s.packets) {
              t += packet.gapMs;
              const pop = packet.pop % model.popCount;
              const expected = name === 'edge' && pop !== opened.popIndex ? 'pop-shift' : null;
              expect(arch.deliver(opened, pop, t, packet.gapMs)).toBe(expected);
            }
          }
        }
      }),
      params,
    );
  });
});
