import { resolveAxis } from "../chart/axes.js";
import { type Chart, createChart } from "../chart/chart.js";
import { extent } from "../chart/extent.js";
import { legendWidth, plotArea } from "../chart/layout.js";
import { dejaVuTextWidth } from "../chart/text-metrics.js";
import { PlotError } from "../errors.js";
import type { DivergingScheme, SequentialScheme } from "../theme/palette.js";
import { resolveSize, type SizeOption } from "../theme/sizes.js";
import { baseSpec, requireData } from "./common.js";

/** Options of {@link heatmap}. */
export interface HeatmapOptions {
  /** The grid, row by row: `values[i][j]` is the cell of row `y[i]` and column `x[j]`. NaN leaves a gap. */
  readonly values: readonly (readonly number[] | Float64Array | Float32Array)[];
  /** Column labels (default 0, 1, …). */
  readonly x?: readonly (string | number)[];
  /** Row labels (default 0, 1, …), drawn top to bottom. */
  readonly y?: readonly (string | number)[];
  readonly xTitle?: string;
  readonly yTitle?: string;
  /** Title of the colour bar. */
  readonly colorTitle?: string;
  /** Colour scheme: sequential (default `viridis`) or diverging for signed data. */
  readonly scheme?: SequentialScheme | DivergingScheme;
  /** `log` colours positive data by order of magnitude (e.g. spectra). Default `linear`. */
  readonly colorScale?: "linear" | "log";
  /** Fixed colour domain; default the data extent (symmetric about 0 for diverging schemes). */
  readonly domain?: readonly [number, number];
  /** Write each value in its cell (for small grids). */
  readonly annotate?: boolean;
  readonly title?: string;
  readonly size?: SizeOption;
}

/**
 * The most cells a heatmap draws (500 × 500). Each is an SVG rect: a 400 × 400 grid renders in about
 * 13 s to a 41 MB SVG on one core; beyond this, downsample first.
 */
export const MAX_HEATMAP_CELLS = 250_000;
const MAX_CELLS = MAX_HEATMAP_CELLS;

const diverging = new Set(["blueorange", "redblue", "purpleorange"]);

function thinLabels(labels: readonly string[], room: number, perLabel: number): string[] {
  const fit = Math.max(1, Math.floor(room / perLabel));
  const step = Math.ceil(labels.length / fit);
  return labels.filter((_, i) => i % step === 0);
}

/**
 * A grid of values as coloured cells with a colour bar: e.g. the Fourier spectrum of embeddings
 * (frequency × component) or the test accuracy over (modulus p, train fraction).
 *
 * @example
 * ```ts
 * heatmap({
 *   values: accuracy, // accuracy[i][j] for trainFraction y[i] and modulus x[j]
 *   x: [13, 31, 59, 97], y: [0.2, 0.3, 0.5],
 *   xTitle: "p", yTitle: "train fraction", colorTitle: "test accuracy", annotate: true,
 * });
 * ```
 */
export function heatmap(options: HeatmapOptions): Chart {
  const size = resolveSize(options.size);
  const grid = options.values ?? [];
  requireData("heatmap", grid.length);
  const columns = grid[0]?.length ?? 0;
  requireData("heatmap rows", columns);
  if (grid.length * columns > MAX_CELLS) {
    throw new PlotError(
      "TOO_LARGE",
      `heatmap has ${grid.length}×${columns} = ${grid.length * columns} cells; the limit is ${MAX_CELLS} (one SVG rect each): average neighbouring cells first`,
    );
  }
  grid.forEach((row, i) => {
    if (row.length !== columns) {
      throw new PlotError("INVALID_VALUE", `heatmap row ${i} has ${row.length} values, row 0 has ${columns}`);
    }
  });
  const xs = (options.x ?? Array.from({ length: columns }, (_, j) => j)).map(String);
  const ys = (options.y ?? Array.from({ length: grid.length }, (_, i) => i)).map(String);
  if (xs.length !== columns || ys.length !== grid.length) {
    throw new PlotError(
      "INVALID_VALUE",
      `heatmap labels: ${xs.length}×${ys.length} for a ${columns}×${grid.length} grid`,
    );
  }
  if (new Set(xs).size !== xs.length || new Set(ys).size !== ys.length) {
    throw new PlotError("INVALID_VALUE", "heatmap x and y labels must be unique");
  }
  const logColor = options.colorScale === "log";
  const cells: Record<string, number | string>[] = [];
  const finiteValues: number[] = [];
  grid.forEach((row, i) => {
    for (let j = 0; j < columns; j++) {
      const v = row[j] as number;
      if (!Number.isFinite(v)) continue;
      if (logColor && v <= 0) {
        throw new PlotError(
          "LOG_SCALE_NON_POSITIVE",
          `heatmap uses a log colour scale but cell (${i}, ${j}) is ${v}`,
        );
      }
      finiteValues.push(v);
      cells.push({ x: xs[j] as string, y: ys[i] as string, value: Number(v.toPrecision(6)) });
    }
  });
  requireData("heatmap (finite cells)", cells.length);
  const scheme = options.scheme ?? "viridis";
  let domain = options.domain;
  if (!domain) {
    let [lo, hi] = extent(finiteValues);
    if (diverging.has(scheme)) {
      const m = Math.max(Math.abs(lo), Math.abs(hi));
      lo = -m;
      hi = m;
    }
    if (lo === hi) hi = lo + (logColor ? lo : 1);
    domain = [lo, hi];
  }
  const bar = resolveAxis(
    "heatmap colour",
    [],
    { domain, scale: logColor ? "log" : "linear", maxTicks: 5 },
    {
      title: "",
      scale: "linear",
    },
  );
  const area = plotArea(size, {
    title: options.title,
    yLabels: ys,
    yTitle: options.yTitle !== undefined,
    xTitle: options.xTitle !== undefined,
    right: legendWidth(size, "gradient", bar.labels, options.colorTitle),
  });
  const legendLength = Math.round(area.height * 0.9);
  const xLabels = thinLabels(
    xs,
    area.width,
    Math.max(...xs.map((s) => dejaVuTextWidth(s, size.fontSize))) + 8,
  );
  const yLabels = thinLabels(ys, area.height, size.fontSize * 1.5);
  const layers: Record<string, unknown>[] = [
    {
      // Stroking each cell in its own colour hides the anti-aliasing seams between cells.
      transform: [{ calculate: "datum.value", as: "edge" }],
      mark: { type: "rect", strokeWidth: 0.6 },
      encoding: {
        x: {
          field: "x",
          type: "ordinal",
          scale: { domain: xs, paddingInner: 0 },
          axis: {
            title: options.xTitle ?? null,
            values: xLabels,
            labelAngle: 0,
            grid: false,
            // Thinned above by measured width: Vega's own passes would hide more (or the first) label.
            labelOverlap: false,
            labelFlush: false,
          },
        },
        y: {
          field: "y",
          type: "ordinal",
          scale: { domain: ys, paddingInner: 0 },
          axis: { title: options.yTitle ?? null, values: yLabels, grid: false, labelOverlap: false },
        },
        fill: {
          field: "value",
          type: "quantitative",
          title: options.colorTitle ?? null,
          scale: {
            type: logColor ? "log" : "linear",
            scheme,
            domain,
            clamp: true,
            ...(logColor ? {} : { zero: false }),
          },
          legend: {
            orient: "right",
            gradientLength: legendLength,
            values: bar.axis.values,
            labelExpr: bar.axis.labelExpr,
          },
        },
        stroke: {
          field: "edge",
          type: "quantitative",
          scale: {
            type: logColor ? "log" : "linear",
            scheme,
            domain,
            clamp: true,
            ...(logColor ? {} : { zero: false }),
          },
          legend: null,
        },
        tooltip: [
          { field: "x", type: "ordinal", title: options.xTitle ?? "x" },
          { field: "y", type: "ordinal", title: options.yTitle ?? "y" },
          { field: "value", type: "quantitative", format: ".4~g" },
        ],
      },
    },
  ];
  if (options.annotate) {
    const mid = logColor ? Math.sqrt(domain[0] * domain[1]) : (domain[0] + domain[1]) / 2;
    // Light text on the dark end of the scheme, dark text on the light end.
    const darkLow = scheme !== "blues" && scheme !== "greys";
    layers.push({
      transform: [{ calculate: "datum.value", as: "label" }],
      mark: { type: "text", fontSize: Math.max(8, size.fontSize - 1) },
      encoding: {
        x: { field: "x", type: "ordinal" },
        y: { field: "y", type: "ordinal" },
        text: { field: "label", type: "quantitative", format: ".2~f" },
        color: {
          condition: { test: `datum.value ${darkLow ? "<" : ">"} ${mid}`, value: "white" },
          value: "black",
        },
      },
    });
  }
  return createChart(
    "heatmap",
    baseSpec(size, options.title, { data: { values: cells }, layer: layers }, area),
    size,
  );
}
