/**
 * How often each incident class happens in a year, for the footprint of the run: the scenario's
 * `eventRatesPerYear` when it names the class; else the flap process's own rate for Poisson
 * processes (link flaps, client flips); else the documented default (scenario/defaults.ts, with
 * its source). Rates are per unit (per PoP, per link, per client AS) times the footprint's units.
 */
import type { FlapSpec } from '../flaps/index.js';
import { formatRatePerS } from './format.js';
import { DEFAULT_EVENT_RATE_SOURCES, DEFAULT_EVENT_RATES_PER_YEAR, type IncidentClass, type Scenario } from '../scenario/index.js';

/** Seconds in a year of 365.25 days. */
export const SECONDS_PER_YEAR = 365.25 * 86_400;

/** The unit a class's yearly rate is counted in. */
export type RateUnit = 'PoP' | 'link' | 'client AS';

/** The footprint's size in each unit. */
export interface Footprint {
  readonly pops: number;
  /** BGP neighbour links of the PoPs (upstreams and peers). */
  readonly popLinks: number;
  /** AS-AS links of the whole topology (link flaps over `links: any`). */
  readonly links: number;
  readonly clientAses: number;
}

/** One class's yearly rate and where it comes from. */
export interface YearlyRate {
  readonly incidentClass: IncidentClass;
  readonly perUnit: number;
  readonly unit: RateUnit;
  readonly units: number;
  /** Incidents per year over the footprint: perUnit x units. */
  readonly perYear: number;
  readonly source: string;
}

const UNIT: Readonly<Record<IncidentClass, RateUnit>> = {
  'pop-failure': 'PoP',
  'silent-death': 'PoP',
  'pop-withdraw': 'PoP',
  'maintenance-drain': 'PoP',
  'policy-shift': 'PoP',
  'server-churn': 'PoP',
  'link-down': 'link',
  'link-flap': 'link',
  'client-flip': 'client AS',
  response: 'PoP',
  ddos: 'PoP',
};

type LinkFlaps = Extract<FlapSpec, { type: 'link-flaps' }>;
type ClientFlips = Extract<FlapSpec, { type: 'client-flips' }>;

/** The yearly rate of each class in `classes` for `scenario` over `footprint`. */
export function yearlyRates(scenario: Scenario, footprint: Footprint, classes: readonly IncidentClass[]): YearlyRate[] {
  const linkFlaps = scenario.flaps.map((f, i) => [f, i] as const).filter((x): x is [LinkFlaps, number] => x[0].type === 'link-flaps');
  const clientFlips = scenario.flaps.map((f, i) => [f, i] as const).filter((x): x is [ClientFlips, number] => x[0].type === 'client-flips');
  const flapLinks = (spec: LinkFlaps): number => (spec.links === 'any' ? footprint.links : footprint.popLinks);
  return classes.map((incidentClass): YearlyRate => {
    const unit = UNIT[incidentClass];
    const linkUnits = linkFlaps.length > 0 ? linkFlaps.reduce((s, [f]) => s + flapLinks(f), 0) : footprint.popLinks;
    const units = unit === 'PoP' ? footprint.pops : unit === 'client AS' ? footprint.clientAses : incidentClass === 'link-flap' ? linkUnits : footprint.popLinks;
    const make = (perUnit: number, source: string): YearlyRate => ({ incidentClass, perUnit, unit, units, perYear: perUnit * units, source });
    const given = scenario.eventRatesPerYear[incidentClass];
    if (given !== undefined) return make(given, 'scenario (eventRatesPerYear)');
    if (incidentClass === 'link-flap' && linkFlaps.length > 0) {
      const perYear = linkFlaps.reduce((s, [f]) => s + f.ratePerS * flapLinks(f) * SECONDS_PER_YEAR, 0);
      return make(units === 0 ? 0 : perYear / units, linkFlaps.map(([f, i]) => `flaps[${i}] rate ${formatRatePerS(f.ratePerS)} per link`).join('; '));
    }
    if (incidentClass === 'client-flip' && clientFlips.length > 0) {
      const [f, i] = clientFlips[0]!;
      return make(f.ratePerS * f.unstableFraction * SECONDS_PER_YEAR, `flaps[${i}] rate ${formatRatePerS(f.ratePerS)} for ${formatShare(f.unstableFraction)} of clients`);
    }
    const fallback = DEFAULT_EVENT_RATES_PER_YEAR[incidentClass];
    if (fallback !== undefined) return make(fallback, `default: ${DEFAULT_EVENT_RATE_SOURCES[incidentClass] ?? 'anysim assumption'}`);
    return make(0, 'no rate: give eventRatesPerYear');
  });
}

function formatShare(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(3))} %`;
}
