/**
 * Convergence measurement after a routing event, in the terms of Labovitz et al., "Delayed
 * Internet Routing Convergence" (SIGCOMM 2000): per AS, when its best route last changed
 * (routeSettledMs) and when its forwarding outcome last changed (forwardingSettledMs), both from
 * the first event, and how long its packets were black-holed or looping meanwhile; over the ASes
 * whose best route changed, the p50, p90 and max convergence time (nearest-rank percentiles).
 */
import type { Subscription } from 'rxjs';
import type { BgpSimulation } from './bgp-simulation.js';
import { BLACKHOLE, LOOP } from './forwarding-plane.js';

/** Convergence figures of one AS; times in ms from the first event, null when that never changed. */
export interface AsConvergence {
  readonly routeSettledMs: number | null;
  readonly forwardingSettledMs: number | null;
  readonly blackholeMs: number;
  readonly loopMs: number;
}

/** p50, p90 and max of the settle times of ASes whose best route changed (0 when none did). */
export interface ConvergenceSummary {
  readonly p50: number;
  readonly p90: number;
  readonly max: number;
}

/** What a {@link ConvergenceRecorder} measured. */
export interface ConvergenceReport {
  readonly convergenceMs: ConvergenceSummary;
  /** Per AS index with any route or forwarding change. */
  readonly ases: ReadonlyMap<number, AsConvergence>;
}

/** The nearest-rank percentile `p` (0-100] of ascending `sorted`, 0 when empty. */
export function nearestRankPercentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Records route and forwarding changes of a simulation from `startMs` until {@link finish}. */
export class ConvergenceRecorder {
  private readonly routeSettled = new Map<number, number>();
  private readonly forwardingSettled = new Map<number, number>();
  private readonly outcome = new Map<number, { value: number; sinceMs: number }>();
  private readonly blackholeMs = new Map<number, number>();
  private readonly loopMs = new Map<number, number>();
  private readonly subscriptions: Subscription[];
  private readonly initial: Int32Array;

  /** Subscribes to `simulation` and snapshots every AS's forwarding outcome as it is before the events. */
  constructor(simulation: BgpSimulation, startMs: number) {
    this.initial = new Int32Array(simulation.network.asCount);
    for (let i = 0; i < this.initial.length; i++) this.initial[i] = simulation.servingSite(i);
    this.subscriptions = [
      simulation.routeChanges$.subscribe(({ timeMs, asIndex }) => this.routeSettled.set(asIndex, timeMs - startMs)),
      simulation.forwardingChanges$.subscribe(({ timeMs, asIndex, servingSite }) => {
        const known = this.outcome.get(asIndex);
        const previous = known ?? { value: this.initial[asIndex]!, sinceMs: startMs };
        this.accumulate(asIndex, previous.value, timeMs - previous.sinceMs);
        this.outcome.set(asIndex, { value: servingSite, sinceMs: timeMs });
        this.forwardingSettled.set(asIndex, timeMs - startMs);
      }),
    ];
  }

  /** Stops recording at `endMs` and returns the figures. */
  finish(endMs: number): ConvergenceReport {
    for (const s of this.subscriptions) s.unsubscribe();
    for (const [asIndex, { value, sinceMs }] of this.outcome) this.accumulate(asIndex, value, endMs - sinceMs);
    const indexes = [...new Set([...this.routeSettled.keys(), ...this.forwardingSettled.keys()])].sort((a, b) => a - b);
    const ases = new Map<number, AsConvergence>();
    for (const i of indexes) {
      ases.set(i, {
        routeSettledMs: this.routeSettled.get(i) ?? null,
        forwardingSettledMs: this.forwardingSettled.get(i) ?? null,
        blackholeMs: this.blackholeMs.get(i) ?? 0,
        loopMs: this.loopMs.get(i) ?? 0,
      });
    }
    const settled = [...this.routeSettled.values()].sort((a, b) => a - b);
    return {
      convergenceMs: {
        p50: nearestRankPercentile(settled, 50),
        p90: nearestRankPercentile(settled, 90),
        max: nearestRankPercentile(settled, 100),
      },
      ases,
    };
  }

  private accumulate(asIndex: number, value: number, durationMs: number): void {
    if (value === BLACKHOLE) this.blackholeMs.set(asIndex, (this.blackholeMs.get(asIndex) ?? 0) + durationMs);
    if (value === LOOP) this.loopMs.set(asIndex, (this.loopMs.get(asIndex) ?? 0) + durationMs);
  }
}
