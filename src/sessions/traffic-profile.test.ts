import { describe, expect, it } from 'vitest';
import { PROTOCOLS, protocolProfile } from './protocol-profile.js';
import { flowBytesPerS, trafficProfile } from './traffic-profile.js';

describe('trafficProfile', () => {
  it('a DNS query is one packet each way and nothing while open', () => {
    const dns = trafficProfile(protocolProfile('dns-udp'));
    expect(dns.startUp.packets).toBe(1);
    expect(dns.startDown.packets).toBe(1);
    expect(flowBytesPerS(dns.openUp) + flowBytesPerS(dns.openDown)).toBe(0);
  });

  it('downloads run at 1 Mbit/s down with one ACK up per two segments', () => {
    for (const protocol of ['http-short', 'quic'] as const) {
      const traffic = trafficProfile(protocolProfile(protocol));
      expect(flowBytesPerS(traffic.openDown)).toBeCloseTo(125_000, 6);
      expect(traffic.openUp.packets).toBeCloseTo(traffic.openDown.packets / 2, 9);
    }
  });

  it('periodic protocols follow the profile, overrides included', () => {
    const websocket = trafficProfile(protocolProfile('websocket'));
    expect(websocket.openUp.packets).toBeCloseTo(1 / 30 + 1 / 60, 12);
    const fasterDb = trafficProfile(protocolProfile('db', { packetIntervalMs: 5_000 }));
    expect(fasterDb.openDown.packets).toBeCloseTo(0.2, 12);
  });

  it('every protocol has a profile with finite, non-negative figures', () => {
    for (const protocol of PROTOCOLS) {
      const traffic = trafficProfile(protocolProfile(protocol));
      for (const flow of [traffic.startUp, traffic.startDown, traffic.openUp, traffic.openDown]) {
        expect(Number.isFinite(flow.packets) && flow.packets >= 0).toBe(true);
        expect(Number.isFinite(flow.bytesPerPacket) && flow.bytesPerPacket >= 0).toBe(true);
      }
    }
  });
});
