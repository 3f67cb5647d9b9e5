/**
 * When a session sends the packets that matter: only where the answer could change (a change of
 * the client AS's landing, a PoP-layer event, a site going down or up) the judge asks where the
 * session's first packet at or after that instant lands (docs/architecture.md, "Why sessions
 * are judged at checkpoints"). Continuous senders send at the instant itself; periodic ones at
 * their next ping, or earlier at a Poisson message drawn from a hash of the session's key, so it
 * consumes no stream draws and never shifts another session's.
 */
import type { SiteHealthTimeline } from '../pop/index.js';
import type { CatchmentTimeline } from './catchment-timeline.js';
import type { ProtocolProfile } from './protocol-profile.js';
import type { SessionDraw } from './session-draw.js';

/** Maps a 32-bit key and a counter to a uniform in (0, 1] (murmur3 finaliser). */
function hashUniform(key: number, counter: number): number {
  let h = (key ^ Math.imul(counter + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h = (h ^ (h >>> 16)) >>> 0;
  return (h + 1) / 4294967296;
}

/** Every time a site goes down or comes back, sorted: checkpoints for the judge. */
export function outageEdgesMs(sites: SiteHealthTimeline, popCount: number): Float64Array {
  const times: number[] = [];
  for (let p = 0; p < popCount; p++) {
    for (const outage of sites.outagesOf(p)) {
      times.push(outage.downAtMs);
      if (Number.isFinite(outage.upAtMs)) times.push(outage.upAtMs);
    }
  }
  return Float64Array.from(times).sort();
}

/** First index in sorted `times` with a value > tMs. */
function upperBound(times: Float64Array, tMs: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! <= tMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A growable list of packet times. */
export class CheckTimes {
  times = new Float64Array(64);
  count = 0;

  push(tMs: number): void {
    if (this.count === this.times.length) {
      const grown = new Float64Array(this.times.length * 2);
      grown.set(this.times);
      this.times = grown;
    }
    this.times[this.count++] = tMs;
  }
}

/** Counter offset for packets found from unicast route changes, so their message draws differ from the checkpoints'. */
export const UNICAST_ROUTE_COUNTER_BASE = 1 << 20;

/** The packet times of one protocol's sessions. */
export class PacketSchedule {
  private readonly outageTimesMs: Float64Array;

  constructor(
    private readonly profile: ProtocolProfile,
    private readonly timeline: CatchmentTimeline,
    private readonly popChangeTimesMs: Float64Array,
    sites: SiteHealthTimeline,
    popCount: number,
  ) {
    this.outageTimesMs = outageEdgesMs(sites, popCount);
  }

  /** The first packet the session sends at or after `tMs`; `counter` picks the message draw. */
  packetAtOrAfter(session: SessionDraw, tMs: number, counter: number): number {
    const profile = this.profile;
    if (profile.exposure === 'continuous') return tMs;
    const interval = profile.packetIntervalMs;
    const elapsed = tMs - session.startMs;
    let next = session.startMs + Math.ceil(elapsed / interval) * interval;
    if (profile.messageRatePerS > 0) {
      const message = tMs - (Math.log(hashUniform(session.key, counter)) / profile.messageRatePerS) * 1000;
      if (message < next) next = message;
    }
    return next;
  }

  /**
   * The session's last scheduled packet (ping or query) strictly before `tMs`, or its start: how
   * long a periodic sender has been idle when its next packet goes out. Continuous senders are
   * never idle: `tMs` itself.
   */
  pingBefore(session: SessionDraw, tMs: number): number {
    const interval = this.profile.packetIntervalMs;
    if (this.profile.exposure === 'continuous' || !(interval > 0)) return tMs;
    const k = Math.ceil((tMs - session.startMs) / interval) - 1;
    return k < 0 ? session.startMs : session.startMs + k * interval;
  }

  /**
   * Fills `out` with the packet times, in order and without repeats, at which something may have
   * changed for the session: after each change of the client's landing (when `withCatchment`),
   * after each PoP-layer event and after each site outage edge, within the session's lifetime.
   */
  collect(session: SessionDraw, withCatchment: boolean, out: CheckTimes): void {
    const endMs = session.startMs + session.durationMs;
    const timeline = this.timeline;
    const pop = this.popChangeTimesMs;
    const outageTimes = this.outageTimesMs;
    let i = withCatchment ? timeline.entryAt(session.clientAs, session.startMs) + 1 : 0;
    const iEnd = withCatchment ? timeline.endEntry(session.clientAs) : 0;
    let j = upperBound(pop, session.startMs);
    let k = upperBound(outageTimes, session.startMs);
    out.count = 0;
    let last = session.startMs;
    let counter = 0;
    for (;;) {
      const ti = i < iEnd ? timeline.timesMs[i]! : Number.POSITIVE_INFINITY;
      const tj = j < pop.length ? pop[j]! : Number.POSITIVE_INFINITY;
      const tk = k < outageTimes.length ? outageTimes[k]! : Number.POSITIVE_INFINITY;
      const change = Math.min(ti, tj, tk);
      if (change > endMs) return;
      if (change === ti) i++;
      else if (change === tj) j++;
      else k++;
      const packet = this.packetAtOrAfter(session, change, counter++);
      if (packet > endMs || packet <= last) continue;
      last = packet;
      out.push(packet);
    }
  }
}
