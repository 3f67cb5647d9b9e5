import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../sim/index.js';
import { createArchitecture } from './architectures.js';
import { PopLayerModel, unicastDnsFailoverMs, type PopLayerConfig } from './pop-layer-model.js';
import { ARCHITECTURE_NAMES, emptySessionPlacement, openSession, type SessionPlacement } from './serving-architecture.js';

const pops: PopLayerConfig['pops'] = [
  { name: 'ams', servers: 4, algorithm: 'maglev', tableSize: 1009 },
  { name: 'fra', servers: 4, algorithm: 'maglev', tableSize: 1009 },
  { name: 'lon', servers: 4, algorithm: 'maglev', tableSize: 1009 },
];

function placed(result: SessionPlacement | string): SessionPlacement {
  if (typeof result === 'string') throw new Error(`expected a placement, got ${result}`);
  return result;
}

/** A flow hash whose server at PoP `pop` changes when server `server` is drained/failed at `atMs`. */
function flowOn(model: PopLayerModel, pop: number, server: number): number {
  for (let f = 1; f < 1_000_000; f++) {
    const h = Math.imul(f, 0x9e37_79b1) >>> 0;
    if (model.popServers(pop).primary(h, 0) === server) return h;
  }
  throw new Error('no flow found');
}

describe('serving architectures', () => {
  it('edge breaks on a PoP shift; every anycast-aware architecture survives it', () => {
    const model = new PopLayerModel({ pops });
    for (const name of ARCHITECTURE_NAMES) {
      const arch = createArchitecture(name, model);
      const p = placed(openSession(arch, 12345, 0, 0));
      expect(arch.deliver(p, 1, 1000, 1000)).toBe(name === 'edge' ? 'pop-shift' : null);
      expect(arch.deliver(p, 0, 1000, 1000)).toBeNull();
    }
  });

  it('state before routes: a session whose PoP died is site-failure under every architecture, wherever its packet lands', () => {
    const model = new PopLayerModel({ pops, siteFailures: [{ popIndex: 0, downAtMs: 1_000, incident: 5 }], churn: [{ atMs: 500, popIndex: 1, kind: 'fail', serverId: 0, incident: 9 }] });
    for (const name of ARCHITECTURE_NAMES) {
      const arch = createArchitecture(name, model);
      const p = placed(openSession(arch, 12345, 0, 0));
      expect(arch.stateLossAt(p, 500)).toBeNull();
      expect(arch.stateLossAt(p, 2_000)).toBe(name === 'global-hash' && model.poolSiteOf(p.serverId) !== 0 ? null : 'site-failure');
      if (name === 'global-hash') continue;
      // The client was rerouted to PoP 2: still the dead owner's loss, not a PoP shift.
      expect(arch.deliver(p, 2, 2_000, 10)).toBe('site-failure');
      expect(arch.incidentOf('site-failure', p, 2, 2_000)).toBe(5);
    }
    const edge = createArchitecture('edge', model);
    const onFailedServer = emptySessionPlacement();
    Object.assign(onFailedServer, { popIndex: 1, serverId: 0, openedAtMs: 0, flowHash: 1 });
    expect(edge.stateLossAt(onFailedServer, 600)).toBe('server-failure');
    expect(edge.incidentOf('server-failure', onFailedServer, 1, 600)).toBe(9);
  });

  it('drain keeps established flows through conntrack; an idle gap past the timeout remaps them', () => {
    const config: PopLayerConfig = {
      pops,
      churn: [{ atMs: 10_000, popIndex: 0, kind: 'drain', serverId: 1 }],
      conntrack: { capacity: 1000, idleTimeoutMs: 60_000 },
    };
    const model = new PopLayerModel(config);
    const flow = flowOn(model, 0, 1);
    const edge = createArchitecture('edge', model);
    const p = placed(openSession(edge, flow, 0, 0));
    expect(p.serverId).toBe(1);
    expect(edge.deliver(p, 0, 20_000, 30_000)).toBeNull();
    expect(edge.deliver(p, 0, 120_000, 70_000)).toBe('backend-remap');
    // New sessions no longer go to the drained server.
    expect(placed(openSession(edge, flow, 0, 20_000)).serverId).not.toBe(1);
  });

  it('conntrack pressure shortens the horizon: the same gap breaks under overload', () => {
    const base = { churn: [{ atMs: 10_000, popIndex: 0, kind: 'drain' as const, serverId: 1 }], conntrack: { capacity: 1000, idleTimeoutMs: 60_000 } };
    const loaded = new PopLayerModel({ ...base, pops: pops.map((p) => ({ ...p, expectedConcurrentFlows: 4000 })) });
    expect(loaded.conntrackHorizonMs(0)).toBe(15_000);
    const edge = createArchitecture('edge', loaded);
    const p = placed(openSession(edge, flowOn(loaded, 0, 1), 0, 0));
    expect(edge.deliver(p, 0, 30_000, 20_000)).toBe('backend-remap');
  });

  it('second chance keeps drained flows even after conntrack expiry', () => {
    const model = new PopLayerModel({
      pops: [{ name: 'glb', servers: 5, algorithm: 'rendezvous', secondChance: true }],
      churn: [{ atMs: 10, popIndex: 0, kind: 'drain', serverId: 3 }],
      conntrack: { capacity: 10, idleTimeoutMs: 1 },
    });
    const edge = createArchitecture('edge', model);
    const p = placed(openSession(edge, flowOn(model, 0, 3), 0, 0));
    expect(edge.deliver(p, 0, 100_000, 100_000)).toBeNull();
  });

  it('server failure, undrained removal and site failure have their own causes under every architecture', () => {
    const model = new PopLayerModel({
      pops,
      churn: [
        { atMs: 1000, popIndex: 0, kind: 'fail', serverId: 0 },
        { atMs: 1000, popIndex: 0, kind: 'remove', serverId: 1 },
      ],
      siteFailures: [{ popIndex: 2, downAtMs: 1000 }],
    });
    for (const name of ARCHITECTURE_NAMES) {
      const arch = createArchitecture(name, model);
      if (name === 'global-hash') continue;
      const onFailed = placed(openSession(arch, flowOn(model, 0, 0), 0, 0));
      const onRemoved = placed(openSession(arch, flowOn(model, 0, 1), 0, 0));
      const atDeadSite = placed(openSession(arch, flowOn(model, 2, 0), 2, 0));
      expect(arch.deliver(onFailed, 0, 2000, 10)).toBe('server-failure');
      expect(arch.deliver(onRemoved, 0, 2000, 10)).toBe('backend-remap');
      expect(arch.deliver(atDeadSite, 2, 2000, 10)).toBe('site-failure');
      expect(openSession(arch, 123, 2, 2000)).toBe('site-failure');
    }
  });

  it('open fills in the placement it is given, and leaves it as it was when the session cannot open', () => {
    const model = new PopLayerModel({ pops, siteFailures: [{ popIndex: 2, downAtMs: 1000 }] });
    for (const name of ARCHITECTURE_NAMES) {
      const arch = createArchitecture(name, model);
      const reused = emptySessionPlacement();
      for (const [flow, pop, tMs] of [
        [7, 0, 0],
        [0xdead_beef, 1, 500.25],
        [42, 2, 900],
      ] as const) {
        expect(arch.open(flow, pop, tMs, reused)).toBeNull();
        // A reused placement ends up exactly as a fresh one would.
        expect(reused).toEqual(placed(openSession(arch, flow, pop, tMs)));
        expect(reused.openedAtMs).toBe(tMs);
      }
      const before = { ...reused };
      expect(arch.open(99, 2, 2000, reused)).toBe('site-failure');
      expect(reused).toEqual(before);
    }
  });

  it('daisy-chain and quic-lb ignore in-PoP table changes; edge and unicast-handoff do not', () => {
    const model = new PopLayerModel({
      pops,
      churn: [{ atMs: 1000, popIndex: 0, kind: 'add' }],
      conntrack: { capacity: 10, idleTimeoutMs: 100 },
    });
    let flow = 0;
    for (let f = 1; ; f++) {
      flow = Math.imul(f, 0x9e37_79b1) >>> 0;
      if (model.popServers(0).primary(flow, 2000) === 4) break;
    }
    const verdicts = Object.fromEntries(
      ARCHITECTURE_NAMES.filter((n) => n !== 'global-hash').map((name) => {
        const arch = createArchitecture(name, model);
        return [name, arch.deliver(placed(openSession(arch, flow, 0, 0)), 0, 2000, 500)];
      }),
    );
    expect(verdicts).toEqual({
      edge: 'backend-remap',
      'daisy-chain': null,
      'quic-lb': null,
      'unicast-handoff': 'backend-remap',
      'unicast-dns': 'backend-remap',
    });
  });

  it('global-hash: a PoP with a stale table sends the flow elsewhere until its update delay passes', () => {
    const model = new PopLayerModel({
      pops,
      churn: [{ atMs: 1000, popIndex: 1, kind: 'add' }],
      globalHash: { algorithm: 'maglev', tableSize: 1009, updateDelayMs: [0, 0, 5000] },
    });
    const arch = createArchitecture('global-hash', model);
    // A flow the new pool server (index 12) takes over.
    let flow = 0;
    for (let f = 1; ; f++) {
      flow = Math.imul(f, 0x9e37_79b1) >>> 0;
      if (model.sharedPool.primary(flow, 1000) === 12) break;
    }
    const p = placed(openSession(arch, flow, 0, 2000));
    expect(p.serverId).toBe(12);
    expect(model.poolSiteOf(12)).toBe(1);
    expect(arch.deliver(p, 1, 3000, 10)).toBeNull();
    expect(arch.deliver(p, 2, 3000, 10)).toBe('backend-remap');
    expect(arch.deliver(p, 2, 6001, 10)).toBeNull();
  });

  it('global-hash: a site outage fails its pool servers; recovery brings them back empty', () => {
    const model = new PopLayerModel({ pops, siteFailures: [{ popIndex: 1, downAtMs: 1000, upAtMs: 5000 }] });
    const arch = createArchitecture('global-hash', model);
    const flow = (() => {
      for (let f = 1; ; f++) {
        const h = Math.imul(f, 0x9e37_79b1) >>> 0;
        if (model.poolSiteOf(model.sharedPool.primary(h, 0)) === 1) return h;
      }
    })();
    const p = placed(openSession(arch, flow, 0, 0));
    expect(arch.deliver(p, 0, 2000, 10)).toBe('site-failure');
    expect(model.poolSiteOf(model.sharedPool.primary(flow, 2000))).not.toBe(1);
    expect(model.sharedPool.primary(flow, 6000)).toBe(p.serverId);
    const later = placed(openSession(arch, flow, 0, 6000));
    expect(arch.deliver(later, 2, 7000, 10)).toBeNull();
  });

  it('unicast-dns: new sessions go to the dead PoP until detection + TTL, then to the next healthy PoP', () => {
    const unicastDns = { healthCheckIntervalMs: 10_000, failureThreshold: 3, dnsTtlMs: 60_000 };
    expect(unicastDnsFailoverMs(unicastDns)).toBe(90_000);
    const model = new PopLayerModel({ pops, unicastDns, siteFailures: [{ popIndex: 0, downAtMs: 100_000 }] });
    const arch = createArchitecture('unicast-dns', model);
    expect(openSession(arch, 42, 0, 150_000)).toBe('site-failure');
    expect(openSession(arch, 42, 0, 189_999)).toBe('site-failure');
    expect(placed(openSession(arch, 42, 0, 190_000)).popIndex).toBe(1);
    const pinned = placed(openSession(arch, 42, 1, 0));
    expect(arch.deliver(pinned, 2, 1000, 10)).toBeNull();
  });

  it('config errors name the field and the limit', () => {
    expect(() => new PopLayerModel({ pops: [] })).toThrow(/pops/);
    expect(() => new PopLayerModel({ pops, churn: [{ atMs: 0, popIndex: 9, kind: 'fail', serverId: 0 }] })).toThrow(/popIndex 9/);
    expect(() => new PopLayerModel({ pops, churn: [{ atMs: 0, popIndex: 0, kind: 'fail' }] })).toThrow(/needs a serverId/);
    expect(() => new PopLayerModel({ pops, globalHash: { updateDelayMs: { minMs: 0, maxMs: 10 } } })).toThrow(/random stream/);
    expect(() => new PopLayerModel({ pops, globalHash: { updateDelayMs: [1, 2] } })).toThrow(/2 delays for 3 PoPs/);
    expect(() => new PopLayerModel({ pops: [{ name: 'x', servers: 1, algorithm: 'maglev', tableSize: 1000 }] }).popServers(0).primary(1, 0)).toThrow(/prime/);
  });

  it('per-PoP update delays drawn from a range come from the seeded stream: same seed, same delays', () => {
    const draw = (seed: string): readonly number[] =>
      new PopLayerModel({ pops, globalHash: { updateDelayMs: { minMs: 100, maxMs: 900 } } }, new RandomStreams(seed).stream('pop/global-hash-delay')).globalUpdateDelayMs;
    expect(draw('s1')).toEqual(draw('s1'));
    expect(draw('s1')).not.toEqual(draw('s2'));
    for (const d of draw('s1')) expect(d >= 100 && d < 900).toBe(true);
  });
});
