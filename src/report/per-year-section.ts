/**
 * The `## Per year` section — expected broken sessions per million over a year at sourced
 * incident rates, the design-review figure — and the "chance a session of length L is cut" table
 * built from it.
 */
import { INCIDENT_CLASSES } from '../flaps/index.js';
import type { SimulationResult } from '../simulate/index.js';
import { formatCount, formatMean, formatMeanInterval, formatPercent, markdownTable } from './format.js';
import { popLinkCount } from './inputs-section.js';
import { yearlyBreaks, type YearlyBreaks } from './per-year.js';
import { SESSION_LENGTH_LABELS, sessionCutCurves, type SessionCutCurve } from './session-cut.js';
import { BASELINE_ARCHITECTURE } from './verdict.js';
import { yearlyRates, type YearlyRate } from './yearly-rates.js';

/** Everything the yearly view computes from a result. */
export interface YearlyView {
  readonly rates: readonly YearlyRate[];
  readonly breaks: readonly YearlyBreaks[];
  readonly sessionCut: readonly SessionCutCurve[];
}

/** The yearly view of a result: rates of the classes the run saw, breaks per year, session-cut curves. */
export function yearlyView(result: SimulationResult): YearlyView {
  const scenario = result.scenario;
  const classes = result.incidents.classes.map((c) => c.incidentClass);
  const rates = yearlyRates(
    scenario,
    {
      pops: result.pops.length,
      popLinks: popLinkCount(result.pops),
      links: result.topology.links,
      clientAses: result.topology.clientAses,
    },
    classes,
  );
  const breaks = yearlyBreaks(result.incidents.classes, rates, Object.fromEntries(scenario.workload.map((w) => [w.protocol, w.arrivalsPerS])));
  const sessionCut = sessionCutCurves(breaks, Object.fromEntries(scenario.workload.map((w) => [w.protocol, w.duration])));
  return { rates, breaks, sessionCut };
}

/** The `## Per year` and `## Chance a session of length L is cut` sections. */
export function renderPerYearSection(result: SimulationResult, view: YearlyView): string {
  const out: string[] = ['## Per year\n'];
  if (view.rates.length === 0) {
    out.push('No incidents in this run: no per-incident impact to scale to a year.\n');
    return out.join('\n');
  }
  out.push(
    'Expected broken sessions per million sessions over a year: for each incident class, incidents per year (below) × broken ' +
      'sessions per incident (previous section), summed, over a year of sessions at the workload\'s rates. Unlike the run\'s own ' +
      'totals (further down) this does not depend on how many incidents happened to fall in the run. Interval: the per-incident ' +
      'intervals scaled by the rates, added in quadrature.\n',
  );
  out.push(
    markdownTable(
      ['incident class', 'per unit per year', 'units', 'incidents per year', 'source'],
      view.rates.map((r) => [r.incidentClass, `${Number(r.perUnit.toPrecision(3))} per ${r.unit}`, formatCount(r.units), formatMean(r.perYear), r.source]),
      ['l', 'r', 'r', 'r', 'l'],
    ) + '\n',
  );
  const missing = INCIDENT_CLASSES.filter((c) => !view.rates.some((r) => r.incidentClass === c));
  out.push(`Not in this run, so not counted (no measured impact): ${missing.join(', ')}.\n`);
  const protocols = [...new Set(view.breaks.map((b) => b.protocol))];
  const architectures = result.architectures;
  out.push(
    markdownTable(
      ['protocol', ...architectures.map((a) => (a === BASELINE_ARCHITECTURE ? `${a} (baseline)` : a))],
      protocols.map((protocol) => [
        protocol,
        ...architectures.map((architecture) => {
          const b = view.breaks.find((x) => x.protocol === protocol && x.architecture === architecture);
          if (b === undefined) return '–';
          const ci = formatMeanInterval(b.perMillion);
          return architecture === BASELINE_ARCHITECTURE ? ci : `${ci}; excess ${formatMean(b.excessPerMillion)}`;
        }),
      ]),
      ['l', ...architectures.map(() => 'r' as const)],
    ) + '\n',
  );
  out.push('## Chance a session of length L is cut\n');
  out.push(
    'From the yearly figures: a session open for L is cut with probability 1 − exp(−h·L), h being the yearly breaks per ' +
      'session-hour a protocol\'s sessions are open (its broken per million ÷ its mean session length). The question a game or ' +
      'chat designer asks ("a 1-hour match"). DNS queries have no length and are left out.\n',
  );
  out.push(
    markdownTable(
      ['protocol', 'architecture', 'breaks per session-hour', ...SESSION_LENGTH_LABELS],
      view.sessionCut.map((c) => [c.protocol, c.architecture, c.breaksPerSessionHour.toPrecision(2), ...c.cutChance.map((p) => formatPercent(p))]),
      ['l', 'l', 'r', ...SESSION_LENGTH_LABELS.map(() => 'r' as const)],
    ) + '\n',
  );
  return out.join('\n');
}
