/**
 * Site (PoP) health as a timeline: each PoP is up except during its outages, each from the time
 * the site fails to the time it comes back (or the end of the run). A site that fails loses every
 * session whose state it held, even if it recovers later: servers come back empty.
 */

/** One outage of a PoP site. */
export interface SiteOutage {
  /** Index of the PoP in the layer's PoP list. */
  readonly popIndex: number;
  /** The site fails at this time (ms). */
  readonly downAtMs: number;
  /** The site is back at this time (ms); absent: down for the rest of the run. */
  readonly upAtMs?: number;
  /** The incident that caused it (index into the run's incident list); absent: -1, none known. */
  readonly incident?: number;
}

/** Most outages accepted. */
export const MAX_SITE_OUTAGES = 100_000;

/** Up/down state of every PoP over time. */
export class SiteHealthTimeline {
  private readonly outagesByPop: { downAtMs: number; upAtMs: number; incident: number }[][];

  constructor(popCount: number, outages: readonly SiteOutage[]) {
    if (outages.length > MAX_SITE_OUTAGES) {
      throw new RangeError(`${outages.length} site outages exceed the limit of ${MAX_SITE_OUTAGES}`);
    }
    this.outagesByPop = Array.from({ length: popCount }, () => []);
    for (const outage of outages) {
      const list = this.outagesByPop[outage.popIndex];
      if (list === undefined) throw new RangeError(`site outage names PoP ${outage.popIndex}, but there are ${popCount} PoPs`);
      const upAtMs = outage.upAtMs ?? Number.POSITIVE_INFINITY;
      if (!Number.isFinite(outage.downAtMs) || !(upAtMs > outage.downAtMs)) {
        throw new RangeError(`PoP ${outage.popIndex} outage: need finite downAtMs < upAtMs, got ${outage.downAtMs}..${upAtMs}`);
      }
      list.push({ downAtMs: outage.downAtMs, upAtMs, incident: outage.incident ?? -1 });
    }
    for (const list of this.outagesByPop) {
      list.sort((a, b) => a.downAtMs - b.downAtMs);
      for (let k = 1; k < list.length; k++) {
        if (list[k]!.downAtMs < list[k - 1]!.upAtMs) throw new RangeError('outages of one PoP must not overlap');
      }
    }
  }

  /** Whether the site serves at tMs. */
  isUp(popIndex: number, tMs: number): boolean {
    return this.outageAt(popIndex, tMs) === undefined;
  }

  /** The outage in force at tMs, if any. A plain loop: the session judge asks at every packet it checks. */
  outageAt(popIndex: number, tMs: number): { readonly downAtMs: number; readonly upAtMs: number; readonly incident: number } | undefined {
    const list = this.list(popIndex);
    for (let k = 0; k < list.length; k++) {
      const outage = list[k]!;
      if (outage.downAtMs > tMs) return undefined;
      if (tMs < outage.upAtMs) return outage;
    }
    return undefined;
  }

  /** Whether the site failed at some time in (fromMs, toMs] or was down at fromMs. */
  failedDuring(popIndex: number, fromMs: number, toMs: number): boolean {
    // A plain loop: the session judge asks for every packet under every architecture.
    const list = this.list(popIndex);
    for (let k = 0; k < list.length; k++) {
      const outage = list[k]!;
      if (outage.downAtMs <= toMs && outage.upAtMs > fromMs) return true;
    }
    return false;
  }

  /** The first outage that began in (fromMs, toMs] or was in force at fromMs: what {@link failedDuring} found. */
  failureDuring(popIndex: number, fromMs: number, toMs: number): { readonly downAtMs: number; readonly upAtMs: number; readonly incident: number } | undefined {
    return this.list(popIndex).find((o) => o.downAtMs <= toMs && o.upAtMs > fromMs);
  }

  /**
   * The incident of the latest site outage begun at or before tMs and still in force: blamed when
   * a session cannot open because a (possibly stale) table names a server at a dead site. -1
   * when no site is down.
   */
  latestOutageIncidentAt(tMs: number): number {
    let incident = -1;
    let latestMs = Number.NEGATIVE_INFINITY;
    for (let p = 0; p < this.outagesByPop.length; p++) {
      const outage = this.outageAt(p, tMs);
      if (outage !== undefined && outage.downAtMs >= latestMs) {
        latestMs = outage.downAtMs;
        incident = outage.incident;
      }
    }
    return incident;
  }

  /** All outages of a PoP, time-ordered. */
  outagesOf(popIndex: number): readonly { readonly downAtMs: number; readonly upAtMs: number; readonly incident: number }[] {
    return this.list(popIndex);
  }

  private list(popIndex: number): { downAtMs: number; upAtMs: number; incident: number }[] {
    const list = this.outagesByPop[popIndex];
    if (list === undefined) throw new RangeError(`no PoP ${popIndex}`);
    return list;
  }
}
