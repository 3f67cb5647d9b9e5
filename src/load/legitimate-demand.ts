/**
 * Legitimate demand over time: the packets, bits and open sessions all clients together offer
 * per second, bin by bin, from each protocol's arrival rate (diurnal shape included), mean session
 * length and traffic profile (src/sessions/traffic-profile.ts). Only the client-to-PoP direction
 * counts: a PoP's capacity limits what comes in (docs/load.md, "What counts as load").
 *
 * Open sessions follow Little's law (sessions open = arrival rate x mean duration), the
 * stationary state the session pass starts in (src/sessions/stationary-start.ts); a duration with
 * no finite mean (Pareto, shape <= 1) is cut at the horizon (anysim assumption).
 */
import type { TrafficProfile } from '../sessions/index.js';

/** One protocol's share of the workload, as load sees it. */
export interface ProtocolDemand {
  /** Packets and bytes per session (src/sessions/traffic-profile.ts). */
  readonly traffic: TrafficProfile;
  /** Session arrivals per second at `tMs`, all clients together (ArrivalProcess.rateAt). */
  readonly arrivals: { rateAt(tMs: number): number };
  /** Mean session duration, ms (Infinity allowed: cut at the horizon). */
  readonly meanDurationMs: number;
}

/** Demand per bin, all clients together. */
export interface LegitimateDemand {
  readonly binMs: number;
  /** Inbound packets per second in each bin. */
  readonly packetsPerS: Float64Array;
  /** Inbound bits per second in each bin. */
  readonly bitsPerS: Float64Array;
  /** Sessions open in each bin. */
  readonly openSessions: Float64Array;
}

/** Bins of `binMs` covering [0, horizonMs). */
export function binCount(horizonMs: number, binMs: number): number {
  if (!(binMs > 0) || !Number.isFinite(binMs)) throw new RangeError(`load bin width must be > 0 ms, got ${binMs}`);
  if (!(horizonMs > 0) || !Number.isFinite(horizonMs)) throw new RangeError(`horizon must be > 0 ms, got ${horizonMs}`);
  return Math.ceil(horizonMs / binMs);
}

/** The demand of `protocols` in each bin of [0, horizonMs), rates taken at the bin's midpoint. */
export function legitimateDemand(protocols: readonly ProtocolDemand[], horizonMs: number, binMs: number): LegitimateDemand {
  const bins = binCount(horizonMs, binMs);
  const packetsPerS = new Float64Array(bins);
  const bitsPerS = new Float64Array(bins);
  const openSessions = new Float64Array(bins);
  for (const { traffic, arrivals, meanDurationMs } of protocols) {
    const openS = (Number.isFinite(meanDurationMs) ? meanDurationMs : horizonMs) / 1000;
    const { startUp, openUp } = traffic;
    for (let b = 0; b < bins; b++) {
      const ratePerS = arrivals.rateAt((b + 0.5) * binMs);
      const open = ratePerS * openS;
      packetsPerS[b] = packetsPerS[b]! + ratePerS * startUp.packets + open * openUp.packets;
      bitsPerS[b] = bitsPerS[b]! + 8 * (ratePerS * startUp.packets * startUp.bytesPerPacket + open * openUp.packets * openUp.bytesPerPacket);
      openSessions[b] = openSessions[b]! + open;
    }
  }
  return { binMs, packetsPerS, bitsPerS, openSessions };
}
