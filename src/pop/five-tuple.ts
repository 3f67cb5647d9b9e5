/**
 * Flow keys. A load balancer identifies a flow by its 5-tuple (source and destination address,
 * source and destination port, protocol: RFC 2992 §2 hashes the same header fields, and Katran
 * and Maglev hash exactly these), so separate balancers agree without sharing state.
 *
 * Two keys per flow: a 64-bit key (xxHash64 of the packed header, for jump hash and for tools)
 * and a 32-bit flow hash (xxHash32 of the same bytes) that the per-packet hot path uses.
 */
import { xxHash32 } from './xxhash32.js';
import { xxHash64 } from './xxhash64.js';

/** A transport flow's 5-tuple. Addresses are textual IPv4 (dotted quad) or IPv6 (RFC 5952). */
export interface FiveTuple {
  readonly srcAddress: string;
  readonly dstAddress: string;
  readonly srcPort: number;
  readonly dstPort: number;
  /** IANA protocol number: 6 TCP, 17 UDP. */
  readonly protocol: number;
}

/** Parses a dotted-quad IPv4 address into 4 bytes. */
function parseIpv4(text: string, into: Uint8Array, at: number): boolean {
  const parts = text.split('.');
  if (parts.length !== 4) return false;
  for (let i = 0; i < 4; i++) {
    const part = parts[i]!;
    if (!/^\d{1,3}$/.test(part)) return false;
    const value = Number(part);
    if (value > 255) return false;
    into[at + i] = value;
  }
  return true;
}

/** Parses an IPv6 address (with `::` compression and an optional trailing dotted quad) into 16 bytes. */
function parseIpv6(text: string, into: Uint8Array, at: number): boolean {
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groupsOf = (part: string): number[] | undefined => {
    if (part === '') return [];
    const words: number[] = [];
    const pieces = part.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i]!;
      if (i === pieces.length - 1 && piece.includes('.')) {
        const v4 = new Uint8Array(4);
        if (!parseIpv4(piece, v4, 0)) return undefined;
        words.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(piece)) return undefined;
        words.push(parseInt(piece, 16));
      }
    }
    return words;
  };
  const head = groupsOf(halves[0]!);
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : [];
  if (head === undefined || tail === undefined) return false;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return false;
  const words = [...head, ...new Array<number>(missing).fill(0), ...tail];
  for (let i = 0; i < 8; i++) {
    into[at + 2 * i] = words[i]! >>> 8;
    into[at + 2 * i + 1] = words[i]! & 0xff;
  }
  return true;
}

function checkPort(name: string, port: number): void {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`${name} must be an integer in [0, 65535], got ${port}`);
  }
}

/**
 * Packs a 5-tuple into network-order bytes: addresses, ports, protocol. IPv4 flows pack to 13
 * bytes and IPv6 flows to 37; both addresses must be of the same family.
 */
export function packFiveTuple(tuple: FiveTuple): Uint8Array {
  checkPort('srcPort', tuple.srcPort);
  checkPort('dstPort', tuple.dstPort);
  if (!Number.isInteger(tuple.protocol) || tuple.protocol < 0 || tuple.protocol > 255) {
    throw new RangeError(`protocol must be an integer in [0, 255], got ${tuple.protocol}`);
  }
  const isV6 = tuple.srcAddress.includes(':');
  if (isV6 !== tuple.dstAddress.includes(':')) {
    throw new RangeError(`a flow's addresses must be of one family: ${tuple.srcAddress} -> ${tuple.dstAddress}`);
  }
  const addressBytes = isV6 ? 16 : 4;
  const bytes = new Uint8Array(2 * addressBytes + 5);
  const parse = isV6 ? parseIpv6 : parseIpv4;
  if (!parse(tuple.srcAddress, bytes, 0)) throw new RangeError(`not an IP address: ${tuple.srcAddress}`);
  if (!parse(tuple.dstAddress, bytes, addressBytes)) throw new RangeError(`not an IP address: ${tuple.dstAddress}`);
  const at = 2 * addressBytes;
  bytes[at] = tuple.srcPort >>> 8;
  bytes[at + 1] = tuple.srcPort & 0xff;
  bytes[at + 2] = tuple.dstPort >>> 8;
  bytes[at + 3] = tuple.dstPort & 0xff;
  bytes[at + 4] = tuple.protocol;
  return bytes;
}

/** The flow's 64-bit key: xxHash64 (seed 0) of its packed 5-tuple. Use with {@link jumpHash}. */
export function flowKey64(tuple: FiveTuple): bigint {
  return xxHash64(packFiveTuple(tuple));
}

/** The flow's 32-bit hash for the per-packet path: xxHash32 (seed 0) of its packed 5-tuple. */
export function flowHash32(tuple: FiveTuple): number {
  return xxHash32(packFiveTuple(tuple));
}
