import { describe, expect, it } from 'vitest';
import { Conntrack, conntrackHorizonMs } from './conntrack.js';

describe('Conntrack', () => {
  it('evicts the least recently used entry when full', () => {
    const ct = new Conntrack(3, 1_000_000);
    ct.insert(1, 10, 0);
    ct.insert(2, 20, 1);
    ct.insert(3, 30, 2);
    expect(ct.lookup(1, 3)).toBe(10); // 1 becomes most recent; 2 is now the LRU
    ct.insert(4, 40, 4);
    expect(ct.evictions).toBe(1);
    expect(ct.lookup(2, 5)).toBeUndefined();
    expect([ct.lookup(1, 6), ct.lookup(3, 6), ct.lookup(4, 6)]).toEqual([10, 30, 40]);
    expect(ct.size).toBe(3);
  });

  it('drops entries idle for the timeout or longer, and refreshes on use', () => {
    const ct = new Conntrack(10, 100);
    ct.insert(7, 1, 0);
    expect(ct.lookup(7, 99)).toBe(1);
    expect(ct.lookup(7, 198)).toBe(1);
    expect(ct.lookup(7, 298)).toBeUndefined();
    expect(ct.expirations).toBe(1);
  });

  it('route keeps an established flow on its server while the table changes', () => {
    const ct = new Conntrack(10, 100);
    expect(ct.route(5, 0, () => 1)).toBe(1);
    expect(ct.route(5, 50, () => 2)).toBe(1);
    expect(ct.route(5, 200, () => 2)).toBe(2); // idle past the timeout: the table decides
  });

  it('forgets a failed server and validates its limits', () => {
    const ct = new Conntrack(10, 100);
    ct.insert(1, 9, 0);
    ct.insert(2, 8, 0);
    ct.forgetServer(9);
    expect(ct.lookup(1, 1)).toBeUndefined();
    expect(ct.lookup(2, 1)).toBe(8);
    expect(() => new Conntrack(0, 1)).toThrow(/capacity/);
    expect(() => new Conntrack(1, 0)).toThrow(/idleTimeoutMs/);
  });

  it('horizon is the idle timeout without pressure and shrinks by capacity / concurrency with it', () => {
    expect(conntrackHorizonMs(1000, 60_000, 500)).toBe(60_000);
    expect(conntrackHorizonMs(1000, 60_000, 4000)).toBe(15_000);
  });
});
