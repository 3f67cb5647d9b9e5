import { describe, expect, it } from 'vitest';
import { C_ARES_RESOLVER, GLIBC_RESOLVER, resolverSchedule, SECONDARY_ADDRESS, UNBOUND_RESOLVER, BIND_RESOLVER } from './dns-resolver.js';
import { protocolProfile, QUIC_PTO_MS } from './protocol-profile.js';
import { LINUX_TCP_RETRIES2, LINUX_TCP_RTO_MAX_MS, LINUX_TCP_RTO_MIN_MS, RetransmissionSchedule, transportGiveUpMs } from './retransmission.js';

describe('retransmission back-off', () => {
  it('Linux TCP with tcp_retries2 = 15 gives up after 924.6 s, the figure of ip-sysctl.rst', () => {
    const spec = {
      initialTimeoutMs: LINUX_TCP_RTO_MIN_MS,
      maxTimeoutMs: LINUX_TCP_RTO_MAX_MS,
      retransmissionsMax: LINUX_TCP_RETRIES2,
      applicationTimeoutMs: Number.POSITIVE_INFINITY,
    };
    expect(transportGiveUpMs(spec)).toBe(924_600);
    const schedule = new RetransmissionSchedule(spec);
    expect(schedule.giveUpMs).toBe(924_600);
    // 15 retransmissions: 0.2 s, 0.6 s, 1.4 s, ... doubling to the 120 s cap.
    expect(schedule.retryOffsetsMs.length).toBe(15);
    expect(Array.from(schedule.retryOffsetsMs.subarray(0, 4))).toEqual([200, 600, 1_400, 3_000]);
    const gaps = Array.from(schedule.retryOffsetsMs, (t, k) => t - (k === 0 ? 0 : schedule.retryOffsetsMs[k - 1]!));
    expect(Math.max(...gaps)).toBe(LINUX_TCP_RTO_MAX_MS);
    expect(schedule.retryOffsetsMs[14]).toBe(924_600 - LINUX_TCP_RTO_MAX_MS);
  });

  it('an application timeout cuts the schedule; a profile without one falls back to tcp_retries2', () => {
    expect(protocolProfile('http-short').established.giveUpMs).toBe(30_000);
    expect(protocolProfile('db', { applicationTimeoutMs: Number.POSITIVE_INFINITY }).established.giveUpMs).toBe(924_600);
    expect(protocolProfile('http-short').handshake.giveUpMs).toBe(30_000);
    expect(protocolProfile('http-short', { applicationTimeoutMs: Number.POSITIVE_INFINITY }).handshake.giveUpMs).toBe(127_000);
  });

  it('QUIC probes double from the PTO until the idle timeout, whatever the application asks', () => {
    const quic = protocolProfile('quic', { applicationTimeoutMs: Number.POSITIVE_INFINITY });
    expect(quic.established.giveUpMs).toBe(30_000);
    expect(quic.established.retryOffsetsMs[0]).toBe(QUIC_PTO_MS);
    expect(quic.established.retryOffsetsMs[1]).toBe(3 * QUIC_PTO_MS);
  });

  it('refuses a back-off without any bound', () => {
    expect(
      () => new RetransmissionSchedule({ initialTimeoutMs: 1, maxTimeoutMs: 1, retransmissionsMax: Number.POSITIVE_INFINITY, applicationTimeoutMs: Number.POSITIVE_INFINITY }),
    ).toThrow(/bound/);
  });
});

describe('DNS resolver schedules', () => {
  it('glibc: 5 s x 2 to one address; c-ares: 5 s doubling per try, 4 tries', () => {
    const glibc = resolverSchedule(GLIBC_RESOLVER);
    expect(Array.from(glibc.sendOffsetsMs)).toEqual([0, 5_000]);
    expect(glibc.giveUpMs).toBe(10_000);
    const cares = resolverSchedule(C_ARES_RESOLVER);
    expect(Array.from(cares.sendOffsetsMs)).toEqual([0, 5_000, 15_000, 35_000]);
    expect(cares.giveUpMs).toBe(75_000);
    expect(Array.from(cares.addresses).every((a) => a !== SECONDARY_ADDRESS)).toBe(true);
  });

  it('unbound alternates addresses from 376 ms, doubling per server; BIND retries every 800 ms, then backs off', () => {
    const unbound = resolverSchedule(UNBOUND_RESOLVER);
    expect(Array.from(unbound.sendOffsetsMs)).toEqual([0, 376, 752, 1_504, 2_256, 3_760, 5_264, 8_272]);
    expect(Array.from(unbound.addresses)).toEqual([0, 1, 0, 1, 0, 1, 0, 1]);
    expect(unbound.giveUpMs).toBe(10_000);
    const bind = resolverSchedule(BIND_RESOLVER);
    expect(Array.from(bind.sendOffsetsMs)).toEqual([0, 800, 1_600, 2_400, 3_200, 4_000, 4_800, 6_400, 8_000]);
    expect(bind.giveUpMs).toBe(10_000);
  });
});
