import { type AxisOptions, resolveAxis } from "../chart/axes.js";
import { type Chart, createChart } from "../chart/chart.js";
import { legendWidth, plotArea } from "../chart/layout.js";
import { resolveSize, type SizeOption } from "../theme/sizes.js";
import { axisLength, baseSpec, resolveGrowingYAxis, strokeSymbolSize } from "./common.js";
import { type Series, seriesRows } from "./series.js";

/** Options of {@link lineChart}. */
export interface LineChartOptions {
  readonly series: readonly Series[];
  readonly x?: AxisOptions;
  readonly y?: AxisOptions;
  /** Mark each data point as well. Default false. */
  readonly points?: boolean;
  readonly title?: string;
  readonly size?: SizeOption;
}

/**
 * Lines for any x–y data: one per series, with shaded intervals where points carry `lower`/`upper`,
 * optional log axes and the shared theme.
 *
 * @example
 * ```ts
 * lineChart({
 *   series: [{ name: "lr 1e-3", points: steps.map((x, i) => ({ x, y: loss[i] })) }],
 *   x: { title: "step", scale: "log" }, y: { title: "loss", scale: "log" },
 * });
 * ```
 */
export function lineChart(options: LineChartOptions): Chart {
  const size = resolveSize(options.size);
  const { rows, names, colors, dashed, hasBand } = seriesRows("lineChart", options.series ?? []);
  const x = resolveAxis(
    "lineChart x",
    rows.map((r) => r.x as number),
    options.x,
    { title: "x", scale: "linear", ...axisLength(size, "x", names.length > 1 ? 8 * size.fontSize : 0) },
  );
  const yValues = rows.flatMap((r) =>
    [r.y, r.lower, r.upper].filter((v): v is number => typeof v === "number"),
  );
  // A log y axis over many decades gets the height three labels per decade need (up to 2.5×).
  const yAxisAt = (length: number) =>
    resolveAxis("lineChart y", yValues, options.y, {
      title: "y",
      scale: "linear",
      ...axisLength(size, "y", length),
    });
  const { axis: y, grownHeight } = resolveGrowingYAxis(yAxisAt, size);
  const xEnc = { field: "x", type: "quantitative", scale: x.scale, axis: x.axis };
  const yEnc = { field: "y", type: "quantitative", scale: y.scale, axis: y.axis };
  const colorScale = { domain: names, range: colors };
  const legend =
    names.length > 1
      ? { title: null, orient: "right", symbolType: "stroke", symbolSize: strokeSymbolSize(size) }
      : null;
  const layers: Record<string, unknown>[] = [];
  if (hasBand) {
    layers.push({
      // A copy of the series field: a hidden legend on the same field would hide the series legend.
      transform: [{ filter: "isValid(datum.lower)" }, { calculate: "datum.series", as: "band" }],
      mark: { type: "area", opacity: 0.18, clip: true },
      encoding: {
        x: xEnc,
        y: { ...yEnc, field: "lower" },
        y2: { field: "upper" },
        fill: { field: "band", type: "nominal", scale: colorScale, legend: null },
      },
    });
  }
  layers.push({
    mark: { type: "line", clip: true, strokeWidth: size.strokeWidth, point: options.points === true },
    encoding: {
      x: xEnc,
      y: yEnc,
      stroke: { field: "series", type: "nominal", scale: colorScale, legend },
      strokeDash: {
        field: "series",
        type: "nominal",
        scale: { domain: names, range: dashed.map((d) => (d ? [5, 3] : [1, 0])) },
        legend,
      },
      order: { field: "x", type: "quantitative" },
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
    right: legend ? legendWidth(size, "symbol", names, null, strokeSymbolSize(size)) : 0,
  });
  const area = {
    ...fitted,
    height: Math.max(fitted.height, grownHeight ?? 0),
  };
  return createChart(
    "line",
    baseSpec(size, options.title, { data: { values: rows }, layer: layers }, area),
    size,
  );
}
