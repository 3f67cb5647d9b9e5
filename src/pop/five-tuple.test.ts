import xxhash from 'xxhash-wasm';
import { describe, expect, it } from 'vitest';
import { flowHash32, flowKey64, packFiveTuple, type FiveTuple } from './five-tuple.js';

const reference = await xxhash();
const v4: FiveTuple = { srcAddress: '192.0.2.10', dstAddress: '198.51.100.1', srcPort: 51234, dstPort: 443, protocol: 6 };

describe('5-tuple flow keys', () => {
  it('packs IPv4 flows into 13 network-order bytes', () => {
    expect(Array.from(packFiveTuple(v4))).toEqual([192, 0, 2, 10, 198, 51, 100, 1, 0xc8, 0x22, 0x01, 0xbb, 6]);
  });

  it('packs IPv6 flows into 37 bytes, expanding :: and embedded IPv4', () => {
    const a = packFiveTuple({ srcAddress: '2001:db8::1', dstAddress: '::ffff:192.0.2.1', srcPort: 1, dstPort: 2, protocol: 17 });
    expect(a.length).toBe(37);
    expect(Array.from(a.subarray(0, 16))).toEqual([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(Array.from(a.subarray(16, 32))).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 0, 2, 1]);
  });

  it('gives equal keys to equal flows however the IPv6 address is written', () => {
    const short = { ...v4, srcAddress: '2001:db8::1', dstAddress: '2001:db8::2' };
    const long = { ...v4, srcAddress: '2001:0db8:0:0:0:0:0:1', dstAddress: '2001:DB8:0::2' };
    expect(flowKey64(short)).toBe(flowKey64(long));
    expect(flowHash32(short)).toBe(flowHash32(long));
  });

  it('keys are xxHash64 / xxHash32 of the packed bytes and differ when any field differs', () => {
    expect(flowKey64(v4)).toBe(reference.h64Raw(packFiveTuple(v4), 0n));
    expect(flowHash32(v4)).toBe(reference.h32Raw(packFiveTuple(v4), 0));
    const variants: FiveTuple[] = [
      { ...v4, srcAddress: '192.0.2.11' },
      { ...v4, dstAddress: '198.51.100.2' },
      { ...v4, srcPort: 51235 },
      { ...v4, dstPort: 80 },
      { ...v4, protocol: 17 },
    ];
    for (const variant of variants) expect(flowKey64(variant)).not.toBe(flowKey64(v4));
  });

  it('rejects malformed addresses, mixed families and out-of-range ports', () => {
    expect(() => packFiveTuple({ ...v4, srcAddress: '192.0.2.256' })).toThrow(/not an IP address/);
    expect(() => packFiveTuple({ ...v4, srcAddress: '1:2:3:4:5:6:7:8:9', dstAddress: '::1' })).toThrow(/not an IP address/);
    expect(() => packFiveTuple({ ...v4, srcAddress: '2001:db8::1' })).toThrow(/one family/);
    expect(() => packFiveTuple({ ...v4, dstPort: 65536 })).toThrow(/dstPort/);
    expect(() => packFiveTuple({ ...v4, protocol: 300 })).toThrow(/protocol/);
  });
});
