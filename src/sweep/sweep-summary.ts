/**
 * The merged result of a sweep (DIR/sweep.json): per cell, sessions, broken sessions and the
 * cell's broken fraction per protocol x architecture; per scenario point, the counts summed over
 * its seeds and the broken fraction as the mean of the seeds' fractions with a 95 % t-interval
 * from their spread: the seeds of a point are its independent replications, exactly as the
 * replications inside one run (metrics/replication-interval.ts). Breaks cluster by routing event,
 * so pooling the seeds' sessions into one binomial sample (the Wilson interval this replaced) gave
 * intervals that excluded every seed's own value. With a single seed the point takes that cell's
 * own interval (from its replications). Built only from the plan and the cell files, so a merged
 * sharded sweep gives the same bytes as the unsharded one.
 */
import { fractionInterval, type ReplicationInterval } from '../metrics/index.js';
import type { SimulationResult } from '../simulate/index.js';
import { ANYSIM_VERSION } from '../version.js';
import type { SweepPlan } from './sweep-plan.js';

/** Counts of one protocol under one architecture in one cell. */
export interface SweepCount {
  readonly protocol: string;
  readonly architecture: string;
  readonly sessions: number;
  readonly broken: number;
  /** The cell's broken fraction (the mean over its replications, censored sessions left out). */
  readonly brokenFraction: number;
  /** The cell's own interval (from its replications; [0, 1] with one). */
  readonly brokenFractionLow: number;
  readonly brokenFractionHigh: number;
}

/** One cell's figures. */
export interface SweepCellSummary {
  readonly index: number;
  readonly id: string;
  readonly seed: string;
  readonly scenarioDigest: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly sessions: number;
  readonly results: readonly SweepCount[];
}

/** One protocol x architecture at one scenario point, over its seeds. */
export interface SweepPointResult {
  readonly protocol: string;
  readonly architecture: string;
  /** Summed over seeds. */
  readonly sessions: number;
  readonly broken: number;
  /** Mean of the seeds' fractions with a t-interval over seeds (one seed: the cell's own interval). */
  readonly brokenFraction: ReplicationInterval;
  /** Broken fraction of each seed's cell, in seed order. */
  readonly brokenFractionBySeed: readonly number[];
}

/** One scenario point (cells that differ only in the seed). */
export interface SweepPointSummary {
  readonly point: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly cells: readonly string[];
  readonly results: readonly SweepPointResult[];
}

/** The whole sweep (DIR/sweep.json): the plan's header, then results per point and per cell. */
export interface SweepSummary extends Omit<SweepPlan, 'cells'> {
  readonly protocols: readonly string[];
  readonly architectures: readonly string[];
  readonly points: readonly SweepPointSummary[];
  readonly cells: readonly SweepCellSummary[];
}

/** A cell's figures from its result (keeps only the counts, so a big sweep summarises in little memory). */
export function summarizeCell(cell: SweepPlan['cells'][number], result: SimulationResult): SweepCellSummary {
  return {
    index: cell.index,
    id: cell.id,
    seed: cell.seed,
    scenarioDigest: cell.scenarioDigest,
    labels: cell.labels,
    sessions: result.sessions,
    results: result.results.map((r) => ({
      protocol: r.protocol,
      architecture: r.architecture,
      sessions: r.sessions,
      broken: r.broken,
      brokenFraction: r.brokenFraction.estimate,
      brokenFractionLow: r.brokenFraction.low,
      brokenFractionHigh: r.brokenFraction.high,
    })),
  };
}

function key(protocol: string, architecture: string): string {
  return `${protocol}\u0000${architecture}`;
}

/**
 * The sweep's summary from its plan and every cell's figures (one per plan cell, in plan order).
 *
 * @throws Error if a cell is missing or out of order: the caller must have all of them.
 */
export function summarizeSweep(plan: SweepPlan, cells: readonly SweepCellSummary[]): SweepSummary {
  if (cells.length !== plan.cells.length || cells.some((c, i) => c.id !== plan.cells[i]!.id)) {
    throw new Error(`summarizeSweep needs the ${plan.cells.length} cells of the plan in order, got ${cells.length}`);
  }
  const protocols: string[] = [];
  const architectures: string[] = [];
  for (const cell of cells) {
    for (const r of cell.results) {
      if (!protocols.includes(r.protocol)) protocols.push(r.protocol);
      if (!architectures.includes(r.architecture)) architectures.push(r.architecture);
    }
  }
  const byPoint = new Map<number, SweepCellSummary[]>();
  plan.cells.forEach((planCell, i) => {
    const list = byPoint.get(planCell.point) ?? [];
    list.push(cells[i]!);
    byPoint.set(planCell.point, list);
  });
  const points: SweepPointSummary[] = [...byPoint.entries()].map(([point, pointCells]) => {
    const results: SweepPointResult[] = [];
    for (const protocol of protocols) {
      for (const architecture of architectures) {
        const counts = pointCells.map((c) => c.results.find((r) => key(r.protocol, r.architecture) === key(protocol, architecture)));
        if (counts.every((c) => c === undefined)) continue;
        const present = counts.filter((c): c is SweepCount => c !== undefined);
        const sessions = present.reduce((n, c) => n + c.sessions, 0);
        const broken = present.reduce((n, c) => n + c.broken, 0);
        const only = present.length === 1 ? present[0]! : undefined;
        results.push({
          protocol,
          architecture,
          sessions,
          broken,
          brokenFraction:
            only === undefined
              ? fractionInterval(present.map((c) => c.brokenFraction))
              : { estimate: only.brokenFraction, low: only.brokenFractionLow, high: only.brokenFractionHigh },
          brokenFractionBySeed: counts.map((c) => c?.brokenFraction ?? 0),
        });
      }
    }
    return { point, labels: pointCells[0]!.labels, cells: pointCells.map((c) => c.id), results };
  });
  return {
    anysimVersion: ANYSIM_VERSION,
    sweep: plan.sweep,
    description: plan.description,
    source: plan.source,
    planDigest: plan.planDigest,
    dimensions: plan.dimensions,
    seeds: plan.seeds,
    protocols,
    architectures,
    points,
    cells,
  };
}
