/**
 * The design-review figure: expected broken sessions per million sessions over a year, per
 * protocol and architecture, from the run's per-incident impact and sourced yearly incident
 * rates (yearly-rates.ts):
 *
 *   breaks per year = Σ over classes of (incidents per year x mean breaks per incident)
 *   per million     = 10^6 x breaks per year / (arrivals per second x seconds per year)
 *
 * The run's own totals depend on how many incidents happened to fall in it; this does not.
 * Interval: each class's t-interval on breaks per incident, scaled by its rate, combined as
 * independent errors (half-widths added in quadrature). Classes the run saw no incident of have
 * no measured impact and are left out (the report lists them).
 */
import type { IncidentClassResult, MeanInterval } from '../metrics/index.js';
import { SECONDS_PER_YEAR, type YearlyRate } from './yearly-rates.js';
import { BASELINE_ARCHITECTURE } from './verdict.js';

/** One (protocol, architecture)'s expected yearly breaks. */
export interface YearlyBreaks {
  readonly protocol: string;
  readonly architecture: string;
  /** Broken sessions per million sessions over a year, with its interval. */
  readonly perMillion: MeanInterval;
  /** The same minus the baseline's (point estimate; 0 for the baseline itself). */
  readonly excessPerMillion: number;
}

/** Expected yearly breaks per million sessions for every (protocol, architecture) of `classes`. */
export function yearlyBreaks(
  classes: readonly IncidentClassResult[],
  rates: readonly YearlyRate[],
  arrivalsPerS: Readonly<Record<string, number>>,
): YearlyBreaks[] {
  const rateOf = new Map(rates.map((r) => [r.incidentClass, r.perYear]));
  const pairs = classes[0]?.breaksPerIncident ?? [];
  const raw = pairs.map(({ protocol, architecture }) => {
    let estimate = 0;
    let squares = 0;
    for (const c of classes) {
      const perIncident = c.breaksPerIncident.find((b) => b.protocol === protocol && b.architecture === architecture);
      if (perIncident === undefined) continue;
      const perYear = rateOf.get(c.incidentClass) ?? 0;
      estimate += perYear * perIncident.estimate;
      const half = Math.max(perIncident.high - perIncident.estimate, perIncident.estimate - perIncident.low);
      squares += perYear === 0 ? 0 : (perYear * half) ** 2;
    }
    const sessionsPerYear = (arrivalsPerS[protocol] ?? 0) * SECONDS_PER_YEAR;
    const scale = sessionsPerYear === 0 ? 0 : 1e6 / sessionsPerYear;
    const half = Math.sqrt(squares);
    return {
      protocol,
      architecture,
      perMillion: { estimate: estimate * scale, low: Math.max(0, (estimate - half) * scale), high: (estimate + half) * scale },
    };
  });
  return raw.map((r) => {
    const baseline = raw.find((b) => b.protocol === r.protocol && b.architecture === BASELINE_ARCHITECTURE);
    return { ...r, excessPerMillion: r.perMillion.estimate - (baseline?.perMillion.estimate ?? 0) };
  });
}
