/**
 * What a report derives from a result before rendering it: the verdicts and the yearly view.
 * Computed once per result and shared by the markdown, the charts, the JSON and the terminal
 * table, so every output shows the same figures from one computation.
 */
import type { SimulationResult } from '../simulate/index.js';
import { yearlyView, type YearlyView } from './per-year-section.js';
import type { ProtocolVerdict } from './verdict.js';
import { resultVerdicts } from './verdict-section.js';

/** A result's verdicts and yearly view. */
export interface ReportView {
  readonly verdicts: readonly ProtocolVerdict[];
  readonly yearly: YearlyView;
}

/** Derives the {@link ReportView} of a result. */
export function reportView(result: SimulationResult): ReportView {
  return { verdicts: resultVerdicts(result), yearly: yearlyView(result) };
}
