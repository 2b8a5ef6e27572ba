/**
 * Publication-quality figures of scaling, emergence and grokking, in Node and the browser.
 * @packageDocumentation
 */
export type { AxisOptions, ScaleKind, TickFormat } from "./chart/axes.js";
export type { Chart, PNGOptions } from "./chart/chart.js";
export type { RenderIntoOptions } from "./chart/render.js";
export { type ChartKind, VEGA_LITE_SCHEMA, type VegaLiteSpec } from "./chart/spec.js";
export type { BandLike, CurveInput, CurvePoints, FitLike } from "./charts/curve.js";
export {
  type EmergenceChartOptions,
  type EmergenceModelLike,
  type EmergencePanel,
  type EmergencePoint,
  type EmergenceResultLike,
  emergenceChart,
  MAX_EMERGENCE_PANELS,
  type MetricDirection,
  type ThresholdLike,
} from "./charts/emergence.js";
export { formulaLabel } from "./charts/formula.js";
export {
  type EvalRecordLike,
  type GrokkingChartOptions,
  type GrokkingPanel,
  type GrokkingRun,
  grokkingChart,
  MAX_GROKKING_RUNS,
  type PhaseRule,
  type PhaseSteps,
  type RunSummaryLike,
} from "./charts/grokking.js";
export { type HeatmapOptions, heatmap, MAX_HEATMAP_CELLS } from "./charts/heatmap.js";
export { type LineChartOptions, lineChart } from "./charts/line.js";
export {
  type ScalingChartOptions,
  type ScalingFit,
  type ScalingPoint,
  scalingChart,
} from "./charts/scaling.js";
export { type ScatterOptions, scatter } from "./charts/scatter.js";
export type { Series, XYPoint } from "./charts/series.js";
export { PlotError, type PlotErrorCode } from "./errors.js";
export { labelExpression } from "./format/label-expression.js";
export { formatNumber } from "./format/number.js";
export { formatPow10 } from "./format/pow10.js";
export { superscript } from "./format/superscript.js";
export { formatSI } from "./format/tick.js";
export { labelsPerDecade, linearTicks, logTicks, minorLogTicks, type TickOptions } from "./format/ticks.js";
export { base64 } from "./report/base64.js";
export { escapeHTML } from "./report/escape.js";
export { renderInlineMarkdown, renderMarkdown } from "./report/markdown.js";
export { type FigureOptions, figure, type ReportOptions, report } from "./report/report.js";
export { assertSafeSVG, type SanitizedSVG, sanitizeHTML, sanitizeSVG } from "./report/sanitize.js";
export type {
  CodeSection,
  FigureSection,
  HeadingSection,
  KeyNumber,
  KeyNumbersSection,
  ReportSection,
  TableCell,
  TableSection,
  TextSection,
} from "./report/sections.js";
export { BrailleCanvas } from "./terminal/braille.js";
export { type TerminalPlotOptions, type TerminalSeries, terminalPlot } from "./terminal/plot.js";
export { type SparklineOptions, sparkline } from "./terminal/sparkline.js";
export { fontFamily } from "./theme/config.js";
export {
  categorical,
  type DivergingScheme,
  neutral,
  okabeIto,
  type SequentialScheme,
} from "./theme/palette.js";
export { type FigureSize, type SizeOption, type SizePreset, sizes } from "./theme/sizes.js";
