/**
 * One measured figure of a benchmark, with the baseline measured in the same run: speed is
 * reported as a ratio against that baseline, never as an absolute timed assertion.
 */
export interface BenchFigure {
  /** What was measured, e.g. "steady-state catchment, 2 origins". */
  readonly name: string;
  /** The measured value. */
  readonly value: number;
  /** Its unit: "ms", "ops/s", "MB", ... */
  readonly unit: string;
  /** The baseline measured in the same run, in the same unit, if any. */
  readonly baseline?: { readonly name: string; readonly value: number };
  /** The goal from the issue, in words, e.g. "< 50 ms" or "within 3x of BFS". */
  readonly goal?: string;
  /** Whether the goal was met, when it is checkable. */
  readonly goalMet?: boolean;
}

/** A group of figures for one layer. */
export interface BenchSuite {
  readonly name: string;
  run(): Promise<BenchFigure[]>;
}
