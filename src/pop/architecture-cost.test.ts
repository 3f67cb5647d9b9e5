import { describe, expect, it } from 'vitest';
import {
  addressSpace,
  dnsLookupStartMs,
  forwardedAddedRttMs,
  forwardsBetweenPops,
  handoffStartMs,
  unicastAddedRttMs,
  type PathRtt,
} from './architecture-cost.js';
import { ARCHITECTURE_NAMES } from './serving-architecture.js';

/**
 * Three PoPs on a line, 0 — 1 — 2, 40 ms RTT per step; client AS 0 sits 10 ms from PoP 0, so
 * 50 ms from PoP 1 and 90 ms from PoP 2; client AS 1 sits beside PoP 2 (5 ms).
 */
const LINE: PathRtt = {
  popToPopRttMs: (a, b) => 40 * Math.abs(a - b),
  clientToPopRttMs: (clientAs, pop) => (clientAs === 0 ? 10 + 40 * pop : 5 + 40 * (2 - pop)),
};

describe('forwardedAddedRttMs (direct server return)', () => {
  it('adds half the landing-owner leg plus half the owner-client leg minus half the landing-client leg', () => {
    // Client 0 lands at PoP 1 (50 ms), state at PoP 2: request 25 + 20 one way, reply 45: 90 ms against 50.
    expect(forwardedAddedRttMs(LINE, 0, 1, 2)).toBe(40);
    // Landing at PoP 0 (10 ms), owner at PoP 2: (80 + 90 - 10) / 2 = 80.
    expect(forwardedAddedRttMs(LINE, 0, 0, 2)).toBe(80);
  });

  it('is zero when the packet is served where it landed', () => {
    expect(forwardedAddedRttMs(LINE, 0, 2, 2)).toBe(0);
  });

  it('can be negative when the owner is nearer the client than the PoP anycast chose', () => {
    // On the line the detour is free for client 1 (beside PoP 2) landing at PoP 0: (80 + 5 - 85) / 2 = 0.
    expect(forwardedAddedRttMs(LINE, 1, 0, 2)).toBe(0);
    // A poor anycast choice: 100 ms to the landing PoP, 20 ms to the owner, the PoPs 10 ms apart.
    const detour: PathRtt = { popToPopRttMs: () => 10, clientToPopRttMs: (_c, pop) => (pop === 0 ? 100 : 20) };
    expect(forwardedAddedRttMs(detour, 0, 0, 1)).toBe(-35);
  });
});

describe('unicastAddedRttMs', () => {
  it('is the unicast path RTT minus the anycast path RTT of that instant', () => {
    expect(unicastAddedRttMs(LINE, 0, 2, 0)).toBe(80);
    expect(unicastAddedRttMs(LINE, 0, 0, 2)).toBe(-80);
    expect(unicastAddedRttMs(LINE, 0, 1, 1)).toBe(0);
  });

  it('is zero while anycast delivers nowhere (the loss is a break, not latency)', () => {
    expect(unicastAddedRttMs(LINE, 0, 2, -1)).toBe(0);
    expect(unicastAddedRttMs(LINE, 0, 2, -2)).toBe(0);
  });
});

describe('start waits', () => {
  it('hand-off pays one round trip on the unicast path, the lookup one round trip to the PoP', () => {
    expect(handoffStartMs(LINE, 0, 2)).toBe(90);
    expect(dnsLookupStartMs(LINE, 1, 2)).toBe(5);
  });
});

describe('addressSpace', () => {
  it('anycast needs one prefix, unicast-dns one per PoP, unicast-handoff both', () => {
    expect(addressSpace('anycast', 12)).toEqual({ ipv4Slash24: 1, ipv6Slash48: 1 });
    expect(addressSpace('unicast', 12)).toEqual({ ipv4Slash24: 12, ipv6Slash48: 12 });
    expect(addressSpace('handoff', 12)).toEqual({ ipv4Slash24: 13, ipv6Slash48: 13 });
  });
});

describe('forwardsBetweenPops', () => {
  it('is true exactly for the architectures that carry packets to another PoP', () => {
    expect(ARCHITECTURE_NAMES.filter(forwardsBetweenPops)).toEqual(['global-hash', 'daisy-chain', 'quic-lb']);
  });
});
