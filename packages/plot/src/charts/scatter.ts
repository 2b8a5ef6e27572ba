import { type AxisOptions, resolveAxis } from "../chart/axes.js";
import { type Chart, createChart } from "../chart/chart.js";
import { legendWidth, plotArea } from "../chart/layout.js";
import { neutral } from "../theme/palette.js";
import { resolveSize, type SizeOption } from "../theme/sizes.js";
import { axisLength, baseSpec, resolveGrowingYAxis, round6, strokeSymbolSize } from "./common.js";
import { type CurveInput, geomspace, linspace, sampleCurve } from "./curve.js";
import { type Series, seriesRows } from "./series.js";

/** Options of {@link scatter}. */
export interface ScatterOptions {
  /** Points as named series (each its own colour). */
  readonly series: readonly Series[];
  /** A curve (fit result or samples) drawn over the points, e.g. a regression. */
  readonly trend?: CurveInput;
  /** Legend text of the trend line. */
  readonly trendLabel?: string;
  readonly x?: AxisOptions;
  readonly y?: AxisOptions;
  readonly title?: string;
  readonly size?: SizeOption;
}

/**
 * Points for any x–y data, coloured by series, with error bars where points carry `lower`/`upper` and
 * an optional trend curve.
 *
 * @example
 * ```ts
 * scatter({
 *   series: [{ name: "tasks", points: tasks.map((t) => ({ x: t.threshold, y: t.emergenceScore })) }],
 *   x: { title: "threshold (params)", scale: "log" }, y: { title: "emergence score" },
 * });
 * ```
 */
export function scatter(options: ScatterOptions): Chart {
  const size = resolveSize(options.size);
  const { rows, names, colors, hasBand } = seriesRows("scatter", options.series ?? []);
  const xValues = rows.map((r) => r.x as number);
  const x = resolveAxis("scatter x", xValues, options.x, {
    title: "x",
    scale: "linear",
    ...axisLength(size, "x", names.length > 1 ? 8 * size.fontSize : 0),
  });
  const trendRows: Record<string, number | string>[] = [];
  if (options.trend) {
    const [lo, hi] = x.domain;
    const grid = x.kind === "log" ? geomspace(lo, hi, 100) : linspace(lo, hi, 100);
    for (const s of sampleCurve(options.trend, grid, false)) {
      trendRows.push({ x: round6(s.x), y: round6(s.y), trend: options.trendLabel ?? "trend" });
    }
  }
  const yValues = [
    ...rows.flatMap((r) => [r.y, r.lower, r.upper].filter((v): v is number => typeof v === "number")),
    ...trendRows.map((r) => r.y as number),
  ];
  // A log y axis over many decades gets the height three labels per decade need (up to 2.5×).
  const yAxisAt = (length: number) =>
    resolveAxis("scatter y", yValues, options.y, {
      title: "y",
      scale: "linear",
      ...axisLength(size, "y", length),
    });
  const { axis: y, grownHeight } = resolveGrowingYAxis(yAxisAt, size);
  const xEnc = { field: "x", type: "quantitative", scale: x.scale, axis: x.axis };
  const yEnc = { field: "y", type: "quantitative", scale: y.scale, axis: y.axis };
  const colorScale = { domain: names, range: colors };
  const layers: Record<string, unknown>[] = [];
  if (hasBand) {
    layers.push({
      data: { values: rows.filter((r) => r.lower !== undefined).map((r) => ({ ...r, bar: r.series })) },
      mark: { type: "rule", strokeWidth: 1 },
      encoding: {
        x: xEnc,
        y: { ...yEnc, field: "lower" },
        y2: { field: "upper" },
        stroke: { field: "bar", type: "nominal", scale: colorScale, legend: null },
      },
    });
  }
  if (trendRows.length > 0) {
    layers.push({
      data: { values: trendRows },
      mark: { type: "line", clip: true, strokeWidth: size.strokeWidth, color: neutral.ink },
      encoding: {
        x: xEnc,
        y: yEnc,
        strokeDash: {
          field: "trend",
          type: "nominal",
          scale: { range: [[1, 0]] },
          legend: {
            title: null,
            orient: "top-left",
            symbolType: "stroke",
            symbolSize: strokeSymbolSize(size),
          },
        },
      },
    });
  }
  layers.push({
    data: { values: rows },
    mark: { type: "point", filled: true, size: size.pointSize, opacity: 0.85 },
    encoding: {
      x: xEnc,
      y: yEnc,
      color: {
        field: "series",
        type: "nominal",
        scale: colorScale,
        legend: names.length > 1 ? { title: null, orient: "right" } : null,
      },
      tooltip: [
        { field: "series", type: "nominal" },
        { field: "x", type: "quantitative", format: ".4~g" },
        { field: "y", type: "quantitative", format: ".4~g" },
      ],
    },
  });
  const fitted = plotArea(size, {
    title: options.title,
    yLabels: y.labels,
    bottom: x.extraHeight,
    right: names.length > 1 ? legendWidth(size, "symbol", names) : 0,
  });
  const area = {
    ...fitted,
    height: Math.max(fitted.height, grownHeight ?? 0),
  };
  return createChart("scatter", baseSpec(size, options.title, { layer: layers }, area), size);
}
