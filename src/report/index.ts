/** The report: markdown for design reviews, SVG charts, JSON results; all written atomically. */
export { writeFileAtomic } from './atomic-write.js';
export { renderCharts, type RenderedChart } from './charts.js';
export { renderVegaLiteSvg } from './vega-svg.js';
export { formatCount, formatDurationMs, formatPercent, formatRatePerS, markdownTable } from './format.js';
export { renderMarkdownReport, type ChartLink } from './markdown-report.js';
export {
  BASELINE_ARCHITECTURE,
  formatExcess,
  pairedExcess,
  PLAIN_ANYCAST_ARCHITECTURE,
  protocolVerdict,
  type ArchitectureExcess,
  type ProtocolVerdict,
  type ReplicateCounts,
  type ReplicatePairCounts,
  type VerdictName,
} from './verdict.js';
export { allowanceSource, renderVerdictSection, renderVerdictTerminalTable } from './verdict-section.js';
export { reportView, type ReportView } from './report-view.js';
export { type YearlyView } from './per-year-section.js';
export { yearlyBreaks, type YearlyBreaks } from './per-year.js';
export { SECONDS_PER_YEAR, yearlyRates, type Footprint, type RateUnit, type YearlyRate } from './yearly-rates.js';
export { cutChance, SESSION_LENGTH_LABELS, SESSION_LENGTHS_MS, sessionCutCurves, type SessionCutCurve } from './session-cut.js';
export { resultJson, writeReport, type ReportPaths } from './write-report.js';
