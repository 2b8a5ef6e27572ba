import { type AxisOptions, resolveAxis } from "../chart/axes.js";
import { type Chart, createChart } from "../chart/chart.js";
import { extent } from "../chart/extent.js";
import { legendHeight, legendWidth, plotArea } from "../chart/layout.js";
import { dejaVuTextWidth } from "../chart/text-metrics.js";
import { PlotError } from "../errors.js";
import { labelExpression } from "../format/label-expression.js";
import { formatSI } from "../format/tick.js";
import { logTicks } from "../format/ticks.js";
import { categorical, neutral } from "../theme/palette.js";
import { resolveSize, type SizeOption } from "../theme/sizes.js";
import { axisLength, baseSpec, requireData, requireFinite, round6, strokeSymbolSize } from "./common.js";
import { type CurveInput, type CurveSample, geomspace, isFitLike, sampleCurve } from "./curve.js";
import { formulaLabel } from "./formula.js";

/** One measured run of a scaling study. */
export interface ScalingPoint {
  /** The scaled variable: parameters, compute or data (x axis, log scale). */
  readonly size: number;
  /** The measured loss (y axis, log scale). */
  readonly loss: number;
  /** A second size variable (e.g. training tokens), shown as a continuous colour. */
  readonly tokens?: number;
  /** A categorical group (e.g. a model family), shown as a colour. */
  readonly series?: string;
}

/** A fitted law to draw, with its legend label and colour. */
export interface ScalingFit {
  /** A fit result (e.g. `@emerge/fit`'s) or sampled curve points. */
  readonly curve: CurveInput;
  /** Legend text; by default the formula written from the fit's `params`. */
  readonly label?: string;
  /** Line colour; by default the colour of `series`, or dark ink for a single fit. */
  readonly color?: string;
  /** The point series this fit belongs to (takes that series' colour). */
  readonly series?: string;
}

/** Options of {@link scalingChart}. */
export interface ScalingChartOptions {
  readonly points: readonly ScalingPoint[];
  /** One or more fitted laws. */
  readonly fit?: CurveInput | ScalingFit | readonly ScalingFit[];
  /** Extend the fitted curve (dashed) up to this size, beyond the largest measured size. */
  readonly extrapolateTo?: number;
  /** Confidence level of the shaded band (when the fit provides `confidenceBand`), or `false`. Default 0.95. */
  readonly band?: number | false;
  /** The size variable's symbol in the formula; default `N`. */
  readonly variable?: string;
  readonly x?: AxisOptions;
  readonly y?: AxisOptions;
  /** Title of the colour legend for `tokens`; default "Tokens". */
  readonly tokensTitle?: string;
  readonly title?: string;
  readonly size?: SizeOption;
}

function tokenLabels(points: readonly ScalingPoint[]): string[] {
  const legend = tokenLegend(points);
  return ((legend.values as number[] | undefined) ?? []).map(formatSI);
}

function tokenLegend(points: readonly ScalingPoint[]): Record<string, unknown> {
  const tokens = points.flatMap((p) => (p.tokens !== undefined && p.tokens > 0 ? [p.tokens] : []));
  if (tokens.length === 0) return {};
  const [lo, hi] = extent(tokens);
  if (lo === hi) return { values: [lo], labelExpr: `'${formatSI(lo)}'` };
  const values = logTicks(lo, hi, { maxTicks: 4 });
  return { values, labelExpr: labelExpression(values, values.map(formatSI), "log") };
}

function normaliseFits(fit: ScalingChartOptions["fit"]): ScalingFit[] {
  if (fit === undefined) return [];
  if (Array.isArray(fit)) return [...(fit as readonly ScalingFit[])];
  if (typeof fit === "object" && fit !== null && "curve" in fit) return [fit as ScalingFit];
  return [{ curve: fit as CurveInput }];
}

/**
 * Log–log loss against size: measured points (coloured by a second size variable or a series), the
 * fitted law with its confidence band, a dashed extrapolation beyond the data, and the fitted formula
 * in the legend.
 *
 * @example
 * ```ts
 * import { fitPowerLaw } from "@emerge/fit"; // any { predict, confidenceBand?, params? } works
 * const chart = scalingChart({
 *   points: runs.map((r) => ({ size: r.params, loss: r.loss, tokens: r.tokens })),
 *   fit: fitPowerLaw(sizes, losses),
 *   extrapolateTo: 1e12,
 * });
 * const svg = await chart.toSVG();
 * ```
 */
export function scalingChart(options: ScalingChartOptions): Chart {
  const size = resolveSize(options.size);
  const points = options.points ?? [];
  requireData("scalingChart", points.length);
  const hasTokens = points.some((p) => p.tokens !== undefined);
  const hasSeries = points.some((p) => p.series !== undefined);
  if (hasTokens && hasSeries) {
    throw new PlotError("INVALID_OPTION", "scalingChart colours points by tokens or by series, not both");
  }
  const rows = points.map((p, i) => {
    const row: Record<string, number | string> = {
      size: requireFinite(`points[${i}].size`, p.size),
      loss: requireFinite(`points[${i}].loss`, p.loss),
    };
    if (p.tokens !== undefined) row.tokens = requireFinite(`points[${i}].tokens`, p.tokens);
    if (p.series !== undefined) row.series = String(p.series);
    return row;
  });
  const seriesNames = [...new Set(points.flatMap((p) => (p.series === undefined ? [] : [p.series])))];
  const seriesColor = (s: string) => categorical[seriesNames.indexOf(s) % categorical.length] as string;

  const [minSize, maxData] = extent(rows.map((r) => r.size as number));
  const maxSize = options.extrapolateTo ?? maxData;
  if (options.extrapolateTo !== undefined) requireFinite("extrapolateTo", options.extrapolateTo);
  if (maxSize < maxData) {
    throw new PlotError(
      "INVALID_OPTION",
      `extrapolateTo (${maxSize}) is below the largest size (${maxData})`,
    );
  }
  const level = options.band ?? 0.95;
  const fits = normaliseFits(options.fit);
  const grid = geomspace(minSize, maxSize, 120);
  // The boundary point belongs to both segments so the dashed part continues the solid one.
  if (maxSize > maxData && !grid.includes(maxData)) grid.push(maxData);
  grid.sort((a, b) => a - b);

  const lineRows: Record<string, number | string>[] = [];
  const bandRows: Record<string, number | string>[] = [];
  const labels: string[] = [];
  const colors: string[] = [];
  // One legend shows each formula and, when extrapolating, its dashed continuation.
  const extrapolationKey = (label: string) =>
    fits.length === 1 ? "extrapolation" : `${label} (extrapolated)`;
  fits.forEach((fit, i) => {
    const samples: CurveSample[] = sampleCurve(fit.curve, grid, level);
    if (samples.length < 2) throw new PlotError("INVALID_VALUE", `fit ${i} gives fewer than 2 finite points`);
    const params = isFitLike(fit.curve) ? fit.curve.params : undefined;
    let label = fit.label ?? (params ? formulaLabel(params, options.variable ?? "N") : `fit ${i + 1}`);
    while (labels.includes(label)) label += " ";
    labels.push(label);
    colors.push(
      fit.color ??
        (fit.series !== undefined
          ? seriesColor(fit.series)
          : fits.length === 1
            ? neutral.ink
            : (categorical[i % categorical.length] as string)),
    );
    for (const s of samples) {
      const base = { x: round6(s.x), y: round6(s.y), fit: label };
      if (s.x <= maxData) lineRows.push({ ...base, key: label });
      if (s.x >= maxData && maxSize > maxData) lineRows.push({ ...base, key: extrapolationKey(label) });
      if (s.lower !== undefined && s.upper !== undefined) {
        bandRows.push({ x: base.x, lower: round6(s.lower), upper: round6(s.upper), band: label });
      }
    }
  });

  const extrapolated = maxSize > maxData;
  const keys = extrapolated ? labels.flatMap((l) => [l, extrapolationKey(l)]) : labels;
  const keyColors = extrapolated ? colors.flatMap((c) => [c, c]) : colors;
  const keyDashes = keys.map((_, i) => (extrapolated && i % 2 === 1 ? [5, 3] : [1, 0]));
  // A formula too wide to sit inside the plot goes below it, where it has the full width.
  const widest = Math.max(0, ...keys.map((k) => dejaVuTextWidth(k, size.fontSize)));
  const inside = widest < (size.width - 8 * size.fontSize) * 0.5;
  const symbolSize = strokeSymbolSize(size);
  const lineLegend = inside
    ? { title: null, orient: "top-right", symbolType: "stroke", symbolSize }
    : {
        title: null,
        orient: "bottom",
        direction: "vertical",
        symbolType: "stroke",
        symbolSize,
        // The legend starts under the plot, right of the y axis.
        labelLimit: Math.round(size.width - 4.5 * size.fontSize - Math.sqrt(symbolSize) - 2 * size.fontSize),
      };
  // Fewer y ticks when the legend below takes part of the height, so labels never touch.
  const plotHeight = size.height - 5 * size.fontSize - (inside ? 0 : keys.length * 1.6 * size.fontSize);
  const yTicks = Math.max(3, Math.min(6, Math.floor(plotHeight / (2.6 * size.fontSize))));

  const x = resolveAxis("scalingChart x", [minSize, maxSize], options.x, {
    title: "Parameters",
    scale: "log",
    ...axisLength(size, "x", hasTokens ? 7 * size.fontSize : hasSeries ? 8 * size.fontSize : 0),
  });
  const yValues = [
    ...rows.map((r) => r.loss as number),
    ...lineRows.map((r) => r.y as number),
    ...bandRows.flatMap((r) => [r.lower as number, r.upper as number]).filter((v) => v > 0),
  ];
  const y = resolveAxis("scalingChart y", yValues, options.y, {
    title: "Loss",
    scale: "log",
    maxTicks: yTicks,
    ...axisLength(size, "y", plotHeight),
  });
  const xEnc = { field: "x", type: "quantitative", scale: x.scale, axis: x.axis };
  const clip = true;

  const layers: Record<string, unknown>[] = [];
  if (bandRows.length > 0) {
    layers.push({
      data: { values: bandRows },
      mark: { type: "area", opacity: 0.16, clip },
      encoding: {
        x: xEnc,
        y: { field: "lower", type: "quantitative", scale: y.scale, axis: y.axis },
        y2: { field: "upper" },
        // A field of its own: sharing "fit" would merge this (hidden) legend with the formula legend.
        fill: { field: "band", type: "nominal", scale: { domain: labels, range: colors }, legend: null },
        detail: { field: "band" },
      },
    });
  }
  if (lineRows.length > 0) {
    layers.push({
      data: { values: lineRows },
      mark: { type: "line", clip, strokeWidth: size.strokeWidth },
      encoding: {
        x: xEnc,
        y: { field: "y", type: "quantitative", scale: y.scale, axis: y.axis },
        stroke: {
          field: "key",
          type: "nominal",
          scale: { domain: keys, range: keyColors },
          legend: lineLegend,
        },
        strokeDash: {
          field: "key",
          type: "nominal",
          scale: { domain: keys, range: keyDashes },
          legend: lineLegend,
        },
        detail: { field: "key" },
        order: { field: "x", type: "quantitative" },
      },
    });
  }
  const pointColor = hasTokens
    ? {
        field: "tokens",
        type: "quantitative",
        title: options.tokensTitle ?? "Tokens",
        scale: { type: "log", scheme: "viridis" },
        legend: { orient: "right", gradientLength: Math.round(size.height * 0.55), ...tokenLegend(points) },
      }
    : hasSeries
      ? {
          field: "series",
          type: "nominal",
          title: null,
          scale: { domain: seriesNames, range: seriesNames.map(seriesColor) },
          legend: { orient: "right" },
        }
      : { value: neutral.ink };
  layers.push({
    data: { values: rows.map((r) => ({ ...r, x: r.size })) },
    mark: {
      type: "point",
      filled: true,
      opacity: 0.9,
      size: size.pointSize,
      stroke: "white",
      strokeWidth: 0.5,
    },
    encoding: {
      x: xEnc,
      y: { field: "loss", type: "quantitative", scale: y.scale, axis: y.axis },
      color: pointColor,
      tooltip: [
        { field: "size", type: "quantitative", format: "~s" },
        { field: "loss", type: "quantitative", format: ".4~g" },
        ...(hasTokens ? [{ field: "tokens", type: "quantitative", format: "~s" }] : []),
        ...(hasSeries ? [{ field: "series", type: "nominal" }] : []),
      ],
    },
  });
  const right = hasTokens
    ? legendWidth(size, "gradient", tokenLabels(points), options.tokensTitle ?? "Tokens")
    : hasSeries
      ? legendWidth(size, "symbol", seriesNames)
      : 0;
  const area = plotArea(size, {
    title: options.title,
    yLabels: y.labels,
    right,
    bottom:
      x.extraHeight + (inside || lineRows.length === 0 ? 0 : legendHeight(size, keys.length, symbolSize)),
  });
  return createChart("scaling", baseSpec(size, options.title, { layer: layers }, area), size);
}
