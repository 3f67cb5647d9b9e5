/**
 * A deliberately simple, slow oracle for the session judge: it sends every packet of a session
 * (a continuous sender on every tick of a fine grid, a periodic one at every ping), retransmits
 * each lost one on the transport's back-off, and writes down what happened to each send. A
 * separate recount then reads the session's cause of break from that trace alone. The judge
 * looks only at checkpoints; the oracle looks everywhere, so agreement on worlds whose events sit
 * on the grid checks that the checkpoints miss nothing.
 */
import { emptySessionPlacement, type BreakCause } from '../../../src/pop/index.js';
import type { ProtocolProfile, RetransmissionSchedule, SessionDraw } from '../../../src/sessions/index.js';
import type { JudgeParts } from './judge-world.js';

/** What happened to one send. */
export interface PacketFate {
  readonly atMs: number;
  /**
   * `delivered`: it reached the state holder; `lost`: dropped on the way (cause says why);
   * `reset`: a PoP without the state ended the session; `state-gone`: the state holder had lost
   * it; `refused`: the session could not open; `gave-up`: the sender stopped retransmitting.
   */
  readonly fate: 'delivered' | 'lost' | 'reset' | 'state-gone' | 'refused' | 'gave-up';
  readonly cause?: BreakCause;
  readonly incident?: number;
}

/** The trace of one session under architecture `a` of `parts`. */
export function packetTrace(parts: JudgeParts, a: number, profile: ProtocolProfile, session: SessionDraw, tickMs: number, resetShared: boolean): PacketFate[] {
  const { architecture: arch, mode } = parts.judged[a]!;
  const sites = parts.model.sites;
  const fates: PacketFate[] = [];
  const placement = emptySessionPlacement();
  const endMs = session.startMs + session.durationMs;
  const as = session.clientAs;
  let pinned = -1;
  let placed = false;
  let lastDeliveredMs = session.startMs;
  const routeOf = (t: number): number => (pinned < 0 ? parts.timeline.landingAt(as, t) : parts.unicast.outcomeAt(pinned, as, t));
  const routeIncident = (t: number): number => (pinned < 0 ? parts.timeline.incidentAt(as, t) : parts.unicast.incidentAt(pinned, as, t));

  /** Sends one packet at t0 with its retransmissions; true when it got through. */
  const sendWithRetries = (t0: number, backoff: RetransmissionSchedule): boolean => {
    const attempts = [t0, ...Array.from(backoff.retryOffsetsMs, (offset) => t0 + offset)];
    for (const t of attempts) {
      if (placed) {
        const gone = arch.stateLossAt(placement, t);
        if (gone !== null) {
          fates.push({ atMs: t, fate: 'state-gone', cause: gone, incident: arch.incidentOf(gone, placement, placement.popIndex, t) });
          return false;
        }
      }
      const landing = routeOf(t);
      if (landing < 0) {
        fates.push({ atMs: t, fate: 'lost', cause: 'blackhole', incident: routeIncident(t) });
        continue;
      }
      const outage = sites.outageAt(landing, t);
      if (outage !== undefined) {
        fates.push({ atMs: t, fate: 'lost', cause: 'site-failure', incident: outage.incident });
        continue;
      }
      if (!placed) {
        const refused = arch.open(session.flowHash, landing, t, placement);
        if (refused !== null) {
          fates.push({ atMs: t, fate: 'refused', cause: refused, incident: refused === 'site-failure' ? sites.latestOutageIncidentAt(t) : -1 });
          return false;
        }
        placed = true;
        if (mode === 'handoff') pinned = placement.popIndex;
      } else {
        const idleMs = profile.exposure === 'continuous' ? t - t0 : t - lastDeliveredMs;
        const verdict = arch.deliver(placement, landing, t, idleMs);
        if (verdict !== null) {
          const incident = verdict === 'pop-shift' ? routeIncident(t) : arch.incidentOf(verdict, placement, landing, t);
          if (resetShared || profile.transport !== 'quic') {
            fates.push({ atMs: t, fate: 'reset', cause: verdict, incident });
            return false;
          }
          fates.push({ atMs: t, fate: 'lost', cause: verdict, incident });
          continue;
        }
      }
      fates.push({ atMs: t, fate: 'delivered' });
      lastDeliveredMs = t;
      return true;
    }
    fates.push({ atMs: t0 + backoff.giveUpMs, fate: 'gave-up' });
    return false;
  };

  if (mode === 'unicast') {
    if (session.dnsPop < 0) {
      fates.push({ atMs: session.startMs, fate: 'refused', cause: 'blackhole' });
      return fates;
    }
    const refused = arch.open(session.flowHash, session.dnsPop, session.startMs, placement);
    if (refused !== null) {
      const incident = sites.outageAt(session.dnsPop, session.startMs)?.incident ?? (refused === 'site-failure' ? sites.latestOutageIncidentAt(session.startMs) : -1);
      fates.push({ atMs: session.startMs, fate: 'refused', cause: refused, incident });
      return fates;
    }
    placed = true;
    pinned = placement.popIndex;
  }
  if (!sendWithRetries(session.startMs, profile.handshake)) return fates;
  // unicast-handoff: the first packet after the handshake goes at once to the unicast address.
  if (mode === 'handoff' && !sendWithRetries(lastDeliveredMs, profile.established)) return fates;
  // Every later packet: each tick of the grid (continuous) or each ping (periodic).
  const nextPacketAfter = (t: number): number =>
    profile.exposure === 'continuous'
      ? (Math.floor(t / tickMs) + 1) * tickMs
      : session.startMs + (Math.floor((t - session.startMs) / profile.packetIntervalMs) + 1) * profile.packetIntervalMs;
  for (let t = nextPacketAfter(lastDeliveredMs); t <= endMs; t = nextPacketAfter(lastDeliveredMs)) {
    if (!sendWithRetries(t, profile.established)) return fates;
  }
  return fates;
}

/** A trace's verdict, read from the trace alone: the cause (undefined: not broken), when and whose incident. */
export function recount(trace: readonly PacketFate[]): { cause: BreakCause | undefined; atMs: number; incident: number } {
  const last = trace[trace.length - 1];
  if (last === undefined || last.fate === 'delivered') return { cause: undefined, atMs: Number.NaN, incident: -1 };
  if (last.fate !== 'gave-up') return { cause: last.cause, atMs: last.atMs, incident: last.incident ?? -1 };
  // Gave up: blamed on the first loss since the last delivered packet.
  let k = trace.length - 2;
  while (k > 0 && trace[k - 1]!.fate === 'lost') k--;
  const first = trace[k]!;
  return { cause: first.cause, atMs: last.atMs, incident: first.incident ?? -1 };
}
