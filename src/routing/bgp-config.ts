/**
 * Timers and delays of the BGP dynamics, with units in the names and their sources:
 * MRAI 30 s for eBGP with jitter to 75-100 % (RFC 4271 §9.2.1.1 and §10; Cisco default),
 * withdrawals not rate-limited unless WRATE is on (RFC 4271 §9.2.1.1), hold time 90 s
 * (RFC 4271 §10 suggests 90 s; RFC 1657), route flap damping off by default with the Cisco
 * defaults of RFC 2439 when on. Message and processing delays are modelling choices (tens of ms
 * per link and per update, as in SSFNet-style simulators), drawn from seeded ranges.
 */
import type { MraiTimerMode } from './mrai.js';
import { DEFAULT_ROUTE_FLAP_DAMPING, type RouteFlapDampingConfig } from './route-flap-damping.js';

/** A closed range [lo, hi] of a quantity. */
export type Range = readonly [number, number];

/** The resolved configuration of a {@link BgpSimulation}. */
export interface BgpConfig {
  /** MinRouteAdvertisementIntervalTimer per neighbour, ms (default 30,000; 0 disables MRAI). */
  readonly mraiMs: number;
  /** Each MRAI timer runs mraiMs times a uniform draw in this range (default [0.75, 1]). */
  readonly mraiJitter: Range;
  /** `busy` (default): per-peer timers run all the time, as other prefixes keep them going; `idle`: only after this prefix's UPDATEs. See mrai.ts. */
  readonly mraiTimers: MraiTimerMode;
  /** Withdrawal rate limiting: withdrawals wait for MRAI too (default false). */
  readonly wrate: boolean;
  /** One-way delay per link, ms, drawn once per link (default [2, 40]). */
  readonly linkDelayMs: Range;
  /** Processing delay per received UPDATE, ms, drawn per message (default [5, 100]). */
  readonly processingDelayMs: Range;
  /** Route flap damping parameters, or null when off (default off). */
  readonly damping: RouteFlapDampingConfig | null;
  /** BGP hold time, ms: how long a silent neighbour goes unnoticed (default 90,000). */
  readonly holdTimeMs: number;
}

/** What a caller may set; `damping: true` turns damping on with the defaults. */
export type BgpConfigInput = Partial<Omit<BgpConfig, 'damping'>> & {
  readonly damping?: boolean | Partial<RouteFlapDampingConfig>;
};

/** The defaults, see the file header for their sources. */
export const DEFAULT_BGP_CONFIG: BgpConfig = {
  mraiMs: 30_000,
  mraiJitter: [0.75, 1],
  mraiTimers: 'busy',
  wrate: false,
  linkDelayMs: [2, 40],
  processingDelayMs: [5, 100],
  damping: null,
  holdTimeMs: 90_000,
};

/** Largest timer or delay accepted, ms (a day): a limit against unit mistakes. */
export const MAX_BGP_TIMER_MS = 86_400_000;

function checkRange(name: string, range: Range, lo: number, hi: number): void {
  if (!(range[0] >= lo && range[1] <= hi && range[0] <= range[1])) {
    throw new RangeError(`BGP config: ${name} must be a range within [${lo}, ${hi}], got [${range[0]}, ${range[1]}]`);
  }
}

/** Fills defaults and checks every value against its limits (RangeError naming the field). */
export function resolveBgpConfig(input: BgpConfigInput = {}): BgpConfig {
  const dampingInput = input.damping ?? false;
  const config: BgpConfig = {
    ...DEFAULT_BGP_CONFIG,
    ...input,
    damping:
      dampingInput === false
        ? null
        : { ...DEFAULT_ROUTE_FLAP_DAMPING, ...(dampingInput === true ? {} : dampingInput) },
  };
  if (!(config.mraiMs >= 0 && config.mraiMs <= MAX_BGP_TIMER_MS)) {
    throw new RangeError(`BGP config: mraiMs must be in 0..${MAX_BGP_TIMER_MS}, got ${config.mraiMs}`);
  }
  checkRange('mraiJitter', config.mraiJitter, 0, 1);
  checkRange('linkDelayMs', config.linkDelayMs, 0, MAX_BGP_TIMER_MS);
  checkRange('processingDelayMs', config.processingDelayMs, 0, MAX_BGP_TIMER_MS);
  if (!(config.holdTimeMs >= 3_000 && config.holdTimeMs <= MAX_BGP_TIMER_MS)) {
    // RFC 4271 §4.2: a non-zero hold time is at least 3 s.
    throw new RangeError(`BGP config: holdTimeMs must be in 3000..${MAX_BGP_TIMER_MS}, got ${config.holdTimeMs}`);
  }
  const d = config.damping;
  if (d !== null) {
    if (!(d.reuseThreshold > 0 && d.reuseThreshold < d.suppressThreshold)) {
      throw new RangeError(`BGP config: damping needs 0 < reuseThreshold < suppressThreshold, got ${d.reuseThreshold} and ${d.suppressThreshold}`);
    }
    if (!(d.halfLifeMs > 0 && d.halfLifeMs <= MAX_BGP_TIMER_MS && d.maxSuppressMs > 0 && d.maxSuppressMs <= MAX_BGP_TIMER_MS)) {
      throw new RangeError(`BGP config: damping halfLifeMs and maxSuppressMs must be in 1..${MAX_BGP_TIMER_MS}`);
    }
    if (!(d.withdrawalPenalty >= 0 && d.attributeChangePenalty >= 0)) {
      throw new RangeError('BGP config: damping penalties must be >= 0');
    }
  }
  return config;
}
