/** The report: markdown for design reviews, SVG charts, JSON results; all written atomically. */
export { writeFileAtomic } from './atomic-write.js';
export { renderCharts, type RenderedChart } from './charts.js';
export { renderVegaLiteSvg } from './vega-svg.js';
export { formatCount, formatDurationMs, formatPercent, markdownTable } from './format.js';
export { renderMarkdownReport, type ChartLink } from './markdown-report.js';
export { describeBreaks, protocolVerdict, sloStanding, type ProtocolVerdict, type SloStanding } from './verdict.js';
export { resultJson, writeReport, type ReportPaths } from './write-report.js';
