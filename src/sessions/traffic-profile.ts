/**
 * Traffic profiles: how many packets and bytes a session of each protocol puts on the wire, in
 * each direction, at its start and while it stays open. They turn session counts into offered
 * load at a PoP (capacity and overload) and into backhaul volume between PoPs (architectures that
 * forward packets to the owner PoP). docs/sessions.md ("Traffic") repeats the values and sources.
 *
 * Header sizes: IPv4 20 B (RFC 791), UDP 8 B (RFC 768), TCP 20 B plus 12 B of timestamps
 * (RFC 7323 §3, on by default in Linux) = 52 B for a bare segment.
 *
 * - dns-udp (one query per session): a 71-byte query (20 IP + 8 UDP + 12 DNS header + an assumed
 *   20-byte name and type + an 11-byte EDNS OPT record, RFC 6891 §6.1.2) and a 200-byte answer
 *   (anysim assumption; RFC 1035 §2.3.4's classic 512-byte limit and DNS Flag Day 2020's 1,232-byte
 *   EDNS size bound the range; RSSAC002 size histograms are the data to calibrate it against).
 * - TCP sessions (http-short, websocket, db) start with a handshake: SYN, ACK and the TLS 1.3
 *   ClientHello up (3 packets), SYN-ACK and the server's TLS flight down (4 packets of on average
 *   1,200 B: certificates of a typical chain, anysim assumption).
 * - http-short while open: a download at an assumed 1 Mbit/s in 1,500-byte segments (the Ethernet
 *   MTU, RFC 894), acknowledged every second segment (delayed ACK, RFC 5681 §4.2).
 * - quic: the same download in 1,252-byte datagrams (quic-go's initial packet size; RFC 9000 §14.1
 *   requires at least 1,200), acknowledged every second ack-eliciting packet (RFC 9000 §13.2.2);
 *   a handshake of 1 Initial up and 3 packets down.
 * - websocket and db: the profile's pings or queries (packetIntervalMs) and messages
 *   (messageRatePerS), each one small request up and one reply down: 100 B each way for websocket
 *   ping/pong frames with TCP/IP headers, 300 B up and 1,500 B down for a db query and its rows
 *   (anysim assumptions).
 */
import type { ProtocolName, ProtocolProfile } from './protocol-profile.js';

/** Packets and bytes in one direction. */
export interface TrafficFlow {
  /** Packets per second (while open) or per session (at its start). */
  readonly packets: number;
  /** Mean bytes per packet, IP header included. */
  readonly bytesPerPacket: number;
}

/** What one session of a protocol sends, client to server (`up`) and back (`down`). */
export interface TrafficProfile {
  readonly protocol: ProtocolName;
  /** Packets exchanged when the session starts (handshake, or the DNS query and its answer). */
  readonly startUp: TrafficFlow;
  readonly startDown: TrafficFlow;
  /** Packet rates (per second) while the session stays open. */
  readonly openUp: TrafficFlow;
  readonly openDown: TrafficFlow;
}

const NONE: TrafficFlow = { packets: 0, bytesPerPacket: 0 };
const TCP_HANDSHAKE_UP: TrafficFlow = { packets: 3, bytesPerPacket: 52 + 180 };
const TCP_HANDSHAKE_DOWN: TrafficFlow = { packets: 4, bytesPerPacket: 1_200 };
/** The assumed download rate of a short transfer, bytes per second (1 Mbit/s). */
const DOWNLOAD_BYTES_PER_S = 125_000;

/** A download at {@link DOWNLOAD_BYTES_PER_S} in `segmentBytes` packets, one ACK per two. */
function download(segmentBytes: number, ackBytes: number): { openUp: TrafficFlow; openDown: TrafficFlow } {
  const downPacketsPerS = DOWNLOAD_BYTES_PER_S / segmentBytes;
  return { openDown: { packets: downPacketsPerS, bytesPerPacket: segmentBytes }, openUp: { packets: downPacketsPerS / 2, bytesPerPacket: ackBytes } };
}

/** Request/reply exchanges at the profile's ping or query rate plus its message rate. */
function exchanges(profile: ProtocolProfile, upBytes: number, downBytes: number): { openUp: TrafficFlow; openDown: TrafficFlow } {
  const perS = (profile.packetIntervalMs > 0 ? 1_000 / profile.packetIntervalMs : 0) + profile.messageRatePerS;
  return { openUp: { packets: perS, bytesPerPacket: upBytes }, openDown: { packets: perS, bytesPerPacket: downBytes } };
}

/** The traffic profile of a protocol, its periodic rates taken from its (possibly overridden) profile. */
export function trafficProfile(profile: ProtocolProfile): TrafficProfile {
  const { protocol } = profile;
  switch (protocol) {
    case 'dns-udp':
      return { protocol, startUp: { packets: 1, bytesPerPacket: 71 }, startDown: { packets: 1, bytesPerPacket: 200 }, openUp: NONE, openDown: NONE };
    case 'http-short':
      return { protocol, startUp: TCP_HANDSHAKE_UP, startDown: TCP_HANDSHAKE_DOWN, ...download(1_500, 52) };
    case 'quic':
      return { protocol, startUp: { packets: 1, bytesPerPacket: 1_252 }, startDown: { packets: 3, bytesPerPacket: 1_252 }, ...download(1_252, 60) };
    case 'websocket':
      return { protocol, startUp: TCP_HANDSHAKE_UP, startDown: TCP_HANDSHAKE_DOWN, ...exchanges(profile, 100, 100) };
    case 'db':
      return { protocol, startUp: TCP_HANDSHAKE_UP, startDown: TCP_HANDSHAKE_DOWN, ...exchanges(profile, 300, 1_500) };
  }
}

/** Bytes per second of a flow. */
export function flowBytesPerS(flow: TrafficFlow): number {
  return flow.packets * flow.bytesPerPacket;
}
