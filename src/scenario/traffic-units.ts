/**
 * Traffic volumes as scenario files write them: a number and a unit, as a string. Bit rates
 * "40Gbps" (bps, kbps, Mbps, Gbps, Tbps: SI prefixes, powers of 1,000) and packet rates "10Mpps"
 * (pps, kpps, Mpps, Gpps). Like durations, a bare number is refused: it hides the unit.
 */
import { describeValue, MAX_UNIT_TEXT_LENGTH, type UnitReading } from './units.js';

/** Bits per second per bit-rate unit. */
export const BIT_RATE_UNITS: Readonly<Record<string, number>> = { bps: 1, kbps: 1e3, Mbps: 1e6, Gbps: 1e9, Tbps: 1e12 };
/** Packets per second per packet-rate unit. */
export const PACKET_RATE_UNITS: Readonly<Record<string, number>> = { pps: 1, kpps: 1e3, Mpps: 1e6, Gpps: 1e9 };

/** Largest volume accepted: 1 Pbps, or 1 Gpps x 1,000 bytes; the largest attacks reported reach tens of Tbps. */
export const MAX_BITS_PER_S = 1e15;
export const MAX_PACKETS_PER_S = 1e11;

/** A regular expression a traffic volume must match. */
export const VOLUME_PATTERN = '^\\s*\\d+(\\.\\d+)?\\s*(bps|kbps|Mbps|Gbps|Tbps|pps|kpps|Mpps|Gpps)\\s*$';

const VOLUME_TEXT = /^\s*(\d+(?:\.\d+)?)\s*(bps|kbps|Mbps|Gbps|Tbps|pps|kpps|Mpps|Gpps)\s*$/;
const VOLUME_EXAMPLE = 'expected a volume such as "40Gbps" or "10Mpps" (units bps, kbps, Mbps, Gbps, Tbps, pps, kpps, Mpps, Gpps)';

/** A volume read: bits or packets per second. */
export type TrafficVolume = { readonly unit: 'bitsPerS' | 'packetsPerS'; readonly value: number };

/** Reads a volume string, or says why not; `allowed` restricts the kind. Pure; never throws. */
export function readVolume(input: unknown, allowed: 'bits' | 'packets' | 'either' = 'either'): { ok: true; volume: TrafficVolume } | Extract<UnitReading, { ok: false }> {
  if (typeof input === 'number') return { ok: false, reason: `${VOLUME_EXAMPLE}; got the bare number ${String(input)}, which has no unit` };
  if (typeof input !== 'string') return { ok: false, reason: `${VOLUME_EXAMPLE}; got ${describeValue(input)}` };
  if (input.length > MAX_UNIT_TEXT_LENGTH) return { ok: false, reason: `${VOLUME_EXAMPLE}; got a string of ${input.length} characters (limit ${MAX_UNIT_TEXT_LENGTH})` };
  const match = VOLUME_TEXT.exec(input);
  if (match === null) return { ok: false, reason: `${VOLUME_EXAMPLE}; got ${JSON.stringify(input)}` };
  const unit = match[2]!;
  const bits = unit.endsWith('bps');
  if (allowed === 'bits' && !bits) return { ok: false, reason: `expected a bit rate such as "40Gbps"; got the packet rate ${JSON.stringify(input)}` };
  if (allowed === 'packets' && bits) return { ok: false, reason: `expected a packet rate such as "10Mpps"; got the bit rate ${JSON.stringify(input)}` };
  const value = Number(match[1]) * (bits ? BIT_RATE_UNITS[unit]! : PACKET_RATE_UNITS[unit]!);
  if (!(value > 0)) return { ok: false, reason: `a zero volume is meaningless here; got ${JSON.stringify(input)}` };
  const max = bits ? MAX_BITS_PER_S : MAX_PACKETS_PER_S;
  if (value > max) return { ok: false, reason: `${JSON.stringify(input)} is above the limit of ${max.toExponential()} ${bits ? 'bit' : 'packet'}s per second` };
  return { ok: true, volume: { unit: bits ? 'bitsPerS' : 'packetsPerS', value } };
}
