/**
 * How far each incident reached in the route history, and how long it took to recover: one pass
 * over every client AS's catchment timeline and the outages of the PoPs it lands on.
 *
 * Definitions (docs/report.md, "Per incident"):
 * - A client AS is **affected** by an incident when the incident changes where its packets land
 *   (a timeline entry names the incident) or kills the PoP it lands on (a site outage names it).
 * - It is **cut off** by the incident while its packets reach no live PoP because of it: a black
 *   hole or loop the incident's routing wave made, or the PoP the incident killed.
 * - An incident's **time to recover** runs from its start until the last client AS it cut off is
 *   delivered to a live PoP again; 0 when it cut nobody off (clients moved straight from one live
 *   PoP to another: reachability never failed, though stateful sessions may have broken). A
 *   client still cut off at the end of the run counts as recovering at the end.
 *
 * Only landings and outages are read (not sessions), so the figures do not depend on the workload.
 */
import type { IncidentTable } from '../flaps/index.js';
import type { SiteHealthTimeline } from '../pop/index.js';
import type { CatchmentTimeline } from '../sessions/index.js';

/** Per incident (index into the run's incident list). */
export interface IncidentReach {
  /** Client ASes the incident affected. */
  readonly clientAsesAffected: Int32Array;
  /** Time to recover, ms (0 when it cut no client AS off). */
  readonly recoverMs: Float64Array;
  /**
   * The share of all client ASes' users in the ASes the incident affected (issue 15, item 6: users,
   * not ASes); with no user weights given, every client AS counts as one user.
   */
  readonly userShareAffected: Float64Array;
}

/** What the walk reads. */
export interface IncidentReachInput {
  readonly timeline: CatchmentTimeline;
  readonly sites: SiteHealthTimeline;
  readonly popCount: number;
  /** Client AS indexes (ASes that host clients). */
  readonly clients: ArrayLike<number>;
  readonly incidents: IncidentTable;
  readonly horizonMs: number;
  /** Users of a client AS (AsGeography.usersOf); absent: one per AS. */
  readonly usersOf?: (asIndex: number) => number;
}

/**
 * Walks the route history once; linear in timeline entries plus outages per entry. The sets of
 * incidents seen for one client and cut off since its last delivery are kept as stamps per
 * incident (the client, a delivery count) and a list, not as hash sets: the Internet preset has
 * millions of incidents and entries (issue 12).
 */
export function incidentReach(input: IncidentReachInput): IncidentReach {
  const { timeline, sites, popCount, clients, incidents, horizonMs } = input;
  const count = incidents.count;
  const clientAsesAffected = new Int32Array(count);
  const recoverMs = new Float64Array(count);
  const userShareAffected = new Float64Array(count);
  const usersOf = input.usersOf ?? ((): number => 1);
  let totalUsers = 0;
  for (let c = 0; c < clients.length; c++) totalUsers += usersOf(clients[c]!);
  let users = 0;
  // seenBy[k] = c + 1 once client c (of `clients`) has counted incident k.
  const seenBy = new Int32Array(count);
  // cutOffIn[k] = the delivery epoch in which k joined `cutOff` (epochs from 1, one per recover()).
  const cutOffIn = new Float64Array(count);
  const cutOff: number[] = [];
  let epoch = 1;
  let client = 0;
  const recover = (atMs: number): void => {
    for (const k of cutOff) recoverMs[k] = Math.max(recoverMs[k]!, atMs - incidents.startMsOf(k));
    cutOff.length = 0;
    epoch++;
  };
  const cut = (k: number): void => {
    if (cutOffIn[k] === epoch) return;
    cutOffIn[k] = epoch;
    cutOff.push(k);
  };
  const affect = (k: number): void => {
    if (k < 0 || k >= count || seenBy[k] === client + 1) return;
    seenBy[k] = client + 1;
    clientAsesAffected[k]!++;
    if (totalUsers > 0) userShareAffected[k]! += users / totalUsers;
  };
  const live = (landing: number, tMs: number): boolean => landing >= 0 && landing < popCount && sites.isUp(landing, tMs);
  for (let c = 0; c < clients.length; c++) {
    const as = clients[c]!;
    client = c;
    users = usersOf(as);
    cutOff.length = 0;
    epoch++;
    const first = timeline.firstEntry(as);
    const end = timeline.endEntry(as);
    for (let e = first; e < end; e++) {
      const startMs = timeline.timesMs[e]!;
      const untilMs = e + 1 < end ? timeline.timesMs[e + 1]! : horizonMs;
      const landing = timeline.landings[e]!;
      const incident = e === first ? -1 : timeline.incidents[e]!;
      affect(incident);
      if (live(landing, startMs)) recover(startMs);
      else {
        if (incident >= 0 && incident < count) cut(incident);
        // Landing on a PoP that is already dead: cut off by the incident that killed it too.
        const outage = landing >= 0 && landing < popCount ? sites.outageAt(landing, startMs) : undefined;
        if (outage !== undefined && outage.incident >= 0 && outage.incident < count) {
          affect(outage.incident);
          cut(outage.incident);
        }
      }
      if (landing < 0 || landing >= popCount) continue;
      // Outages of the PoP it lands on, inside this entry's span: cut off from the outage's start
      // (blamed on the outage's incident), delivered again when the PoP comes back.
      for (const outage of sites.outagesOf(landing)) {
        if (outage.downAtMs >= untilMs) break;
        if (outage.downAtMs > startMs) {
          affect(outage.incident);
          if (outage.incident >= 0 && outage.incident < count) cut(outage.incident);
        }
        if (outage.upAtMs > startMs && outage.upAtMs < untilMs) recover(outage.upAtMs);
      }
    }
    recover(horizonMs);
  }
  return { clientAsesAffected, recoverMs, userShareAffected };
}
