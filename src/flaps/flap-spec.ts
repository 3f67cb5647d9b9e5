/**
 * The flap processes a scenario can ask for (ARCHITECTURE.md, flaps): scheduled events, Poisson
 * link flaps, PoP failures found by health checks, silent PoP death found by the BGP hold timer,
 * maintenance drains, route-policy shifts, server churn inside a PoP, and per-client flips for
 * calibration against measured flip rates (Wei & Heidemann, TMA 2017). Times in ms from the start
 * of the run; PoPs by name.
 */
import type { LatLon } from '../geo/index.js';
import type { DurationDistribution } from '../sim/index.js';

/** One flap process. */
export type FlapSpec =
  | { readonly type: 'pop-withdraw'; readonly pop: string; readonly atMs: number; readonly reannounceAtMs?: number }
  | {
      readonly type: 'pop-failure';
      readonly pop: string;
      readonly atMs: number;
      readonly recoverAtMs?: number;
      readonly healthCheckIntervalMs: number;
      readonly failureThreshold: number;
    }
  | { readonly type: 'silent-death'; readonly pop: string; readonly atMs: number }
  | {
      readonly type: 'maintenance-drain';
      readonly pop: string;
      readonly atMs: number;
      readonly prepend: number;
      readonly withdrawAfterMs: number;
      readonly restoreAtMs?: number;
    }
  | { readonly type: 'link-down'; readonly a: number; readonly b: number; readonly atMs: number; readonly upAtMs?: number }
  | {
      readonly type: 'link-flaps';
      readonly ratePerS: number;
      readonly downTime: DurationDistribution;
      readonly links: 'pop-upstreams' | 'any';
    }
  | { readonly type: 'policy-shift'; readonly pop: string; readonly atMs: number; readonly prepend: number }
  | {
      readonly type: 'server-churn';
      readonly pop: string;
      readonly atMs: number;
      readonly action: 'add' | 'remove' | 'drain' | 'fail';
      readonly count: number;
    }
  | {
      readonly type: 'client-flips';
      readonly ratePerS: number;
      readonly unstableFraction: number;
      readonly mode: ClientFlipMode;
    }
  | {
      readonly type: 'ddos';
      readonly atMs: number;
      readonly durationMs: number;
      /** Offered volume, all sources together, bits per second (docs/load.md). */
      readonly bitsPerS: number;
      /** Mean attack packet size, bytes (IP header included): packets/s = bitsPerS / (8 x packetBytes). */
      readonly packetBytes: number;
      readonly sources: AttackSourcesSpec;
      /**
       * Whether the sources forge their addresses. Either way the packets enter the network at
       * the source AS and follow its route (docs/load.md, "Attacks"); recorded for the report.
       */
      readonly spoofed: boolean;
    };

/**
 * Where an attack comes from: ASes by ASN (equal shares), or `count` client ASes drawn (seeded,
 * the `attacks` stream, without replacement) with weights `uniform` or `degree` (by number of
 * neighbours, the same size proxy as the client population).
 */
export type AttackSourcesSpec =
  | { readonly kind: 'asns'; readonly asns: readonly number[] }
  | {
      readonly kind: 'drawn';
      readonly count: number;
      readonly weighting: 'uniform' | 'degree';
      /** Draw only among client ASes whose home point lies within `radiusKm` of `center` (a region). */
      readonly near?: AttackRegion;
    };

/** A region attack sources are concentrated in: a circle on the Earth. */
export interface AttackRegion {
  readonly center: LatLon;
  readonly radiusKm: number;
}

/**
 * How a transit network's load balancer splits a flipping client's traffic: `per-packet` (all
 * of the client's packets move while the flip lasts) or `per-flow` (ECMP: each new flow hashes
 * onto one of the paths and stays there; established flows do not move).
 */
export type ClientFlipMode = 'per-packet' | 'per-flow';
