/**
 * Conntrack properties (issue 4, item 7): the LRU table behaves like a reference model; it keeps
 * established flows on their server across table changes until they are evicted or time out;
 * drain breaks no established flow.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildBackendHash, Conntrack, createArchitecture, openSession, PopLayerModel, type ChurnEvent, type SessionPlacement } from '../../src/pop/index.js';

const numRuns = Number(process.env.ANYSIM_PROPERTY_RUNS ?? 30);
const params = { numRuns, seed: 20_160_317 };

const ops = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('insert' as const), flow: fc.integer({ min: 0, max: 20 }), server: fc.integer({ min: 0, max: 5 }), dtMs: fc.integer({ min: 0, max: 40 }) }),
    fc.record({ kind: fc.constant('lookup' as const), flow: fc.integer({ min: 0, max: 20 }), dtMs: fc.integer({ min: 0, max: 40 }) }),
  ),
  { maxLength: 300 },
);

describe('conntrack properties', () => {
  it('matches a reference LRU with idle timeout on random operation sequences', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 100 }), ops, (capacity, idleTimeoutMs, sequence) => {
        const ct = new Conntrack(capacity, idleTimeoutMs);
        // Reference: an array ordered least- to most-recently used.
        let model: { flow: number; server: number; seenMs: number }[] = [];
        let nowMs = 0;
        for (const op of sequence) {
          nowMs += op.dtMs;
          const at = model.findIndex((e) => e.flow === op.flow);
          if (op.kind === 'lookup') {
            let expected: number | undefined;
            if (at >= 0) {
              const [entry] = model.splice(at, 1);
              if (nowMs - entry!.seenMs < idleTimeoutMs) {
                expected = entry!.server;
                model.push({ ...entry!, seenMs: nowMs });
              }
            }
            expect(ct.lookup(op.flow, nowMs)).toBe(expected);
          } else {
            if (at >= 0) model.splice(at, 1);
            else if (model.length >= capacity) model = model.slice(1);
            model.push({ flow: op.flow, server: op.server, seenMs: nowMs });
            ct.insert(op.flow, op.server, nowMs);
          }
          expect(ct.size).toBe(model.length);
          expect(ct.size).toBeLessThanOrEqual(capacity);
        }
      }),
      params,
    );
  });

  it('keeps established flows on their server across table changes until eviction or timeout', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('modulo' as const, 'ring' as const, 'maglev' as const, 'jump' as const, 'rendezvous' as const),
        fc.integer({ min: 2, max: 30 }),
        fc.integer({ min: 10, max: 400 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (algorithm, n, flowCount, salt) => {
          const before = buildBackendHash(algorithm, Array.from({ length: n }, (_, i) => `s${i}`), { tableSize: 1009 });
          const after = buildBackendHash(algorithm, Array.from({ length: n + 1 }, (_, i) => `s${i}`), { tableSize: 1009 });
          const capacity = Math.max(1, Math.floor(flowCount / 2));
          const ct = new Conntrack(capacity, 1000);
          const flows = Array.from({ length: flowCount }, (_, i) => Math.imul(i + salt, 0x9e37_79b1) >>> 0);
          const firstServer = new Map<number, number>();
          flows.forEach((f, i) => firstServer.set(f, ct.route(f, i, () => before.lookup(f))));
          // The table changes; every flow sends its next packet within the idle timeout. The
          // first flowCount - capacity were pushed out by LRU: they follow the new table; the
          // rest (touched first, so nothing else is evicted meanwhile) stay on their server.
          const evictedCount = Math.max(0, flowCount - capacity);
          const secondPass = [...flows.slice(evictedCount), ...flows.slice(0, evictedCount)];
          secondPass.forEach((f, k) => {
            const server = ct.route(f, flowCount + k, () => after.lookup(f));
            expect(server).toBe(k >= flowCount - evictedCount ? after.lookup(f) : firstServer.get(f));
          });
          expect(ct.evictions).toBe(2 * evictedCount);
          // After an idle gap of the timeout, every flow follows the new table.
          flows.forEach((f) => expect(ct.route(f, 10_000_000, () => after.lookup(f))).toBe(after.lookup(f)));
        },
      ),
      params,
    );
  });

  it('drain breaks no established flow (edge, conntrack idle gaps below the timeout; or GLB second chance)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('maglev' as const, 'ring' as const, 'jump' as const, 'rendezvous' as const),
        fc.boolean(),
        fc.integer({ min: 2, max: 12 }),
        fc.array(fc.record({ atMs: fc.integer({ min: 1, max: 100_000 }), serverId: fc.integer({ min: 0, max: 11 }) }), { maxLength: 6 }),
        fc.array(fc.record({ flow: fc.integer({ min: 0, max: 0xffff_ffff }), openMs: fc.integer({ min: 0, max: 50_000 }), gapsMs: fc.array(fc.integer({ min: 1, max: 59_999 }), { maxLength: 8 }) }), { minLength: 1, maxLength: 40 }),
        (algorithm, secondChance, servers, drains, sessions) => {
          const withGlb = secondChance && algorithm === 'rendezvous';
          // Keep at least one server undrained, drain each server at most once.
          const seen = new Set<number>();
          const churn: ChurnEvent[] = drains
            .filter((d) => d.serverId < servers - 1 && !seen.has(d.serverId) && seen.add(d.serverId))
            .map((d) => ({ atMs: d.atMs, popIndex: 0, kind: 'drain' as const, serverId: d.serverId }));
          const model = new PopLayerModel({
            pops: [{ name: 'p', servers, algorithm, tableSize: 1009, secondChance: withGlb }],
            churn,
            // With second chance the conntrack timeout is tiny: GLB alone must keep the flows.
            conntrack: { capacity: 1000, idleTimeoutMs: withGlb ? 1 : 60_000 },
          });
          const edge = createArchitecture('edge', model);
          for (const s of sessions) {
            const opened = openSession(edge, s.flow, 0, s.openMs);
            expect(typeof opened).toBe('object');
            let t = s.openMs;
            for (const gap of s.gapsMs) {
              t += gap;
              // GLB's one second chance covers one draining server at a time: with two, a row's
              // secondary is whichever ranks higher, so stop once a second server drains.
              if (withGlb && churn.filter((c) => c.atMs <= t).length > 1) break;
              expect(edge.deliver(opened as SessionPlacement, 0, t, gap)).toBeNull();
            }
          }
        },
      ),
      params,
    );
  });
});
