/**
 * Per-flow flips: the load balancer of a transit network hashes flows (ECMP, RFC 2992 hash-
 * threshold over the 5-tuple), so while a client has a second path each new flow hashes onto the
 * primary or the alternative and keeps it for its life; established flows never move with a
 * flip. Zhang et al. ("Characterizing Anycast Flipping", 2025) find packets of one TCP flow almost
 * always reach one site, while "Load-Balancing versus Anycast" (2025) sees different flows of one
 * client reach different sites. When the path set ends (the client's next flip instant, a route
 * change, the alternative no longer delivering), flows on the alternative are rehashed onto the
 * primary: they move back, which breaks a stateful session there as any PoP change does.
 *
 * The shared catchment timeline stays the routed one. A flow on an alternative follows a timeline
 * row of its own (appended after the ASes' rows): the alternative's site from the flip's start,
 * then the client's routed history from the flip's end on. The judge asks {@link PerFlowFlips.open}
 * once per session for the row its packets follow.
 *
 * State shared across flows — a TLS 1.3 session ticket (RFC 8446 §2.2), QUIC 0-RTT keys (RFC 9001
 * §4.6), a DNS server cookie (RFC 7873 §5.2) — was issued by the site that served the client's
 * previous flow. Assumption: that flow hashed onto the same path set independently, so a flow
 * that lands on the other path than it presents state the site there does not hold
 * (`cross-flow-state`); PoPs are assumed not to share ticket keys or cookie secrets.
 */
import { CatchmentTimeline } from './catchment-timeline.js';
import type { ClientFlipLog } from './client-flips.js';

/** Maps a 32-bit key and a salt to 32 mixed bits (murmur3 finaliser). */
function mix(key: number, salt: number): number {
  let h = (key ^ Math.imul(salt + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Salt that makes a session's "previous flow" hash independent of its own flow hash. */
const PREVIOUS_FLOW_SALT = 0x51ed27;

/** Flows of flipping clients over their path sets. */
export class PerFlowFlips {
  /** The routed timeline plus one row per flip (row asCount + i follows flip i's alternative). */
  readonly timeline: CatchmentTimeline;
  /** Set by {@link open}: whether the session's cross-flow state was issued on the other path. */
  crossFlowStateMoved = false;
  private readonly asCount: number;
  /** Flips of AS a are log entries [firstFlip[a], firstFlip[a + 1]). */
  private readonly firstFlip: Uint32Array;

  constructor(
    routed: CatchmentTimeline,
    private readonly log: ClientFlipLog,
  ) {
    this.asCount = routed.asCount;
    this.firstFlip = new Uint32Array(this.asCount + 1);
    for (let i = 0; i < log.count; i++) this.firstFlip[log.asIndex[i]! + 1]!++;
    for (let a = 0; a < this.asCount; a++) this.firstFlip[a + 1]! += this.firstFlip[a]!;
    this.timeline = log.count === 0 ? routed : withAlternativeRows(routed, log);
  }

  /**
   * The timeline row a flow of `clientAs` opened at `startMs` with 5-tuple hash `flowHash`
   * follows: the client's own, or a flip's alternative row when the flow hashed onto it. Sets
   * {@link crossFlowStateMoved} (`key`: the session's own 32-bit key).
   */
  open(clientAs: number, startMs: number, flowHash: number, key: number): number {
    this.crossFlowStateMoved = false;
    const flip = this.flipAt(clientAs, startMs);
    if (flip < 0) return clientAs;
    const incident = this.log.incident[flip]!;
    const onAlternative = (mix(flowHash, incident) & 1) === 1;
    const previousOnAlternative = (mix(mix(key, PREVIOUS_FLOW_SALT), incident) & 1) === 1;
    this.crossFlowStateMoved = onAlternative !== previousOnAlternative;
    return onAlternative ? this.asCount + flip : clientAs;
  }

  /** The flip of `clientAs` in force at `tMs` (start <= t < end), or -1. */
  private flipAt(clientAs: number, tMs: number): number {
    let lo = this.firstFlip[clientAs]!;
    let hi = this.firstFlip[clientAs + 1]!;
    // Flips of one client do not overlap: find the last one starting at or before tMs.
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.log.startMs[mid]! <= tMs) lo = mid + 1;
      else hi = mid;
    }
    const flip = lo - 1;
    if (flip < this.firstFlip[clientAs]! || tMs >= this.log.endMs[flip]!) return -1;
    return flip;
  }
}

/** Where {@link alternativeRow} writes, from entry `at` on; null to count only. */
interface RowSink {
  readonly timesMs: Float64Array;
  readonly landings: Int32Array;
  readonly incidents: Int32Array;
  at: number;
}

/** `routed` with one row per flip appended, built straight into typed arrays (count, then fill). */
function withAlternativeRows(routed: CatchmentTimeline, log: ClientFlipLog): CatchmentTimeline {
  const asCount = routed.asCount;
  const rows = asCount + log.count;
  const offsets = new Uint32Array(rows + 1);
  for (let a = 0; a < asCount; a++) offsets[a + 1] = offsets[a]! + routed.endEntry(a) - routed.firstEntry(a);
  for (let i = 0; i < log.count; i++) offsets[asCount + i + 1] = offsets[asCount + i]! + alternativeRow(routed, log, i, null);
  const total = offsets[rows]!;
  const sink: RowSink = { timesMs: new Float64Array(total), landings: new Int32Array(total), incidents: new Int32Array(total), at: 0 };
  sink.timesMs.set(routed.timesMs);
  sink.landings.set(routed.landings);
  sink.incidents.set(routed.incidents);
  sink.at = routed.entryCount;
  for (let i = 0; i < log.count; i++) alternativeRow(routed, log, i, sink);
  return new CatchmentTimeline(offsets, sink.timesMs, sink.landings, sink.incidents);
}

/**
 * Flip i's row: its site from time 0 (flows join it at or after its start), then the client's
 * routed history from the flip's end. Returns its entry count; writes it to `sink` if given.
 */
function alternativeRow(routed: CatchmentTimeline, log: ClientFlipLog, i: number, sink: RowSink | null): number {
  let count = 0;
  let last = 0;
  const push = (timeMs: number, landing: number, incident: number): void => {
    if (count > 0 && landing === last) return;
    last = landing;
    count++;
    if (sink === null) return;
    sink.timesMs[sink.at] = timeMs;
    sink.landings[sink.at] = landing;
    sink.incidents[sink.at++] = incident;
  };
  push(0, log.site[i]!, log.incident[i]!);
  const endMs = log.endMs[i]!;
  if (endMs === Number.POSITIVE_INFINITY) return count;
  const a = log.asIndex[i]!;
  let e = routed.entryAt(a, endMs);
  // A rehash when the alternative goes, or the route change that ended the flip.
  push(endMs, routed.landings[e]!, routed.timesMs[e] === endMs ? routed.incidents[e]! : log.incident[i]!);
  for (e++; e < routed.endEntry(a); e++) push(routed.timesMs[e]!, routed.landings[e]!, routed.incidents[e]!);
  return count;
}
