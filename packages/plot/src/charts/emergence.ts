import { type AxisOptions, resolveAxis } from "../chart/axes.js";
import { type Chart, createChart } from "../chart/chart.js";
import { extent } from "../chart/extent.js";
import { PlotError } from "../errors.js";
import { neutral, okabeIto } from "../theme/palette.js";
import { resolveSize, type SizeOption } from "../theme/sizes.js";
import { baseSpec, requireData, requireFinite, round6, strokeSymbolSize, wrapText } from "./common.js";
import { type CurveInput, type FitLike, geomspace, sampleCurve } from "./curve.js";

/** One measured score: a model size and its score on a task. */
export interface EmergencePoint {
  readonly size: number;
  readonly score: number;
}

/** A threshold (e.g. the sigmoid midpoint) with its confidence interval, in size units. */
export interface ThresholdLike {
  readonly value: number;
  readonly ci?: readonly number[] | null;
  /** `false` when the interval leaves the measured sizes: such a threshold is not marked. */
  readonly identified?: boolean;
}

/** Whether higher or lower scores are better; shown as ↑ or ↓ in the y-axis title. */
export type MetricDirection = "higher-is-better" | "lower-is-better";

/** One fitted model of an emergence analysis, by its exact name. */
export interface EmergenceModelLike {
  /** `sigmoid`, `linear-log`, `power-law`, `quadratic-log`, `constant` (names `@emerge/fit` uses). */
  readonly name: string;
  readonly fit: FitLike;
  /** Akaike weight; the highest-weight model other than the sigmoid is drawn as the smooth alternative. */
  readonly weight?: number;
  readonly aicc?: number;
}

/**
 * The parts of an emergence analysis the chart draws, structurally: `@emerge/fit`'s `EmergenceResult`
 * fits (the current one and the older shape without `direction`, `bounds` and `identified`).
 */
export interface EmergenceResultLike {
  readonly verdict?: string;
  readonly reason?: string;
  readonly direction?: MetricDirection;
  /** The metric's range used for bounded fits; drawn curves are clamped to it. */
  readonly bounds?: readonly [number, number] | readonly number[];
  readonly threshold?: ThresholdLike | null;
  readonly models?: readonly EmergenceModelLike[];
}

/** One small multiple: a task (and metric) with its points and fits. */
export interface EmergencePanel {
  /** The task's name (panel title). */
  readonly task: string;
  /** The metric (e.g. "exact match" next to "token edit distance": the "mirage" view). */
  readonly metric?: string;
  readonly points: readonly EmergencePoint[];
  /** The fitted sigmoid (overrides the one in `result`). */
  readonly fit?: CurveInput;
  /** The smooth alternative (overrides the one in `result`), drawn dashed. */
  readonly smooth?: CurveInput;
  /** An emergence analysis supplying fits, threshold, direction and bounds. */
  readonly result?: EmergenceResultLike;
  /** The threshold to mark (overrides the one in `result`; always drawn). */
  readonly threshold?: ThresholdLike;
  /** Chance-level score, drawn as a dotted horizontal line. */
  readonly chance?: number;
  /** Higher or lower is better (overrides `result.direction`); adds ↑ or ↓ to the y title. */
  readonly direction?: MetricDirection;
  /** The metric's range (overrides `result.bounds`); default [0, 1] when every score lies in it. */
  readonly bounds?: readonly [number, number];
}

/** Options of {@link emergenceChart}. */
export interface EmergenceChartOptions {
  readonly panels: readonly EmergencePanel[];
  /** Panels per row; by default one row per task when several metrics are given, else up to 3. */
  readonly columns?: number;
  /** Confidence level of the band around the sigmoid, or `false`. Default 0.95. */
  readonly band?: number | false;
  readonly x?: AxisOptions;
  /**
   * y axis of every panel. By default each panel's y range is its metric's bounds (or its data), and
   * panels share one y scale only when they all have the same range and metric.
   */
  readonly y?: AxisOptions;
  readonly title?: string;
  readonly size?: SizeOption;
}

/** The most panels one emergence figure draws (a page of small multiples is far fewer). */
export const MAX_EMERGENCE_PANELS = 200;

const series = ["observed", "sigmoid fit", "smooth alternative", "threshold (CI)", "chance"] as const;
const seriesColors = [neutral.ink, okabeIto.blue, okabeIto.vermillion, okabeIto.bluishGreen, neutral.faint];

/**
 * The sigmoid by its exact name, and the highest-weight other model as the smooth alternative. (The
 * old name-pattern matching drew "linear-log" as a sigmoid-like fit and skipped unmatched names.)
 */
function pickModels(result: EmergenceResultLike | undefined): { fit?: FitLike; smooth?: FitLike } {
  const models = result?.models ?? [];
  const sigmoid = models.find((m) => m.name === "sigmoid");
  let smooth: EmergenceModelLike | undefined;
  for (const m of models) {
    if (m === sigmoid) continue;
    if (!smooth || (m.weight ?? 0) > (smooth.weight ?? 0)) smooth = m;
  }
  const out: { fit?: FitLike; smooth?: FitLike } = {};
  if (sigmoid) out.fit = sigmoid.fit;
  if (smooth) out.smooth = smooth.fit;
  return out;
}

function boundsOf(panel: EmergencePanel, p: number): [number, number] | undefined {
  const b = panel.bounds ?? panel.result?.bounds;
  if (b === undefined) return undefined;
  const [lo, hi] = b as readonly number[];
  if (b.length !== 2 || !Number.isFinite(lo) || !Number.isFinite(hi) || (lo as number) >= (hi as number)) {
    throw new PlotError(
      "INVALID_VALUE",
      `panels[${p}].bounds must be [min, max] with min < max, got ${JSON.stringify(b)}`,
    );
  }
  return [lo as number, hi as number];
}

/**
 * Score against log size as small multiples, one panel per task (or task × metric): observed points,
 * the sigmoid fit (the model named `sigmoid`) with its band, the highest-weight other model dashed as
 * the smooth alternative, the threshold with its confidence interval — marked only when the verdict is
 * `emergent` and the threshold is identified — and chance level. Curves are clamped to the metric's
 * bounds; each panel has its own y range when metrics differ, and the y title carries the direction
 * (↑ higher is better, ↓ lower is better). Titles wrap instead of being cut.
 *
 * @example
 * ```ts
 * const chart = emergenceChart({
 *   panels: [
 *     { task: "3-digit addition", metric: "exact match", points, result: emergence(sizes, exact) },
 *     { task: "3-digit addition", metric: "edit distance", points: editPoints, direction: "lower-is-better" },
 *   ],
 * });
 * ```
 */
export function emergenceChart(options: EmergenceChartOptions): Chart {
  const size = resolveSize(options.size);
  const panels = options.panels ?? [];
  requireData("emergenceChart panels", panels.length);
  if (panels.length > MAX_EMERGENCE_PANELS) {
    throw new PlotError(
      "TOO_LARGE",
      `emergenceChart has ${panels.length} panels; the limit is ${MAX_EMERGENCE_PANELS}: split them over several figures`,
    );
  }
  if (
    options.columns !== undefined &&
    !(Number.isInteger(options.columns) && options.columns >= 1 && options.columns <= 12)
  ) {
    throw new PlotError("INVALID_OPTION", `columns must be an integer from 1 to 12, got ${options.columns}`);
  }
  const level = options.band ?? 0.95;
  const metrics = [...new Set(panels.map((p) => p.metric ?? ""))];
  const tasks = [...new Set(panels.map((p) => String(p.task)))];
  // Several metrics: a task × metric grid (the "mirage" view), otherwise panels wrap in rows.
  const grid2d = options.columns === undefined && metrics.length > 1;
  let ordered = panels.map((panel, index) => ({ panel, index }));
  if (grid2d) {
    const cells = new Set(panels.map((p) => `${p.task}\u0000${p.metric ?? ""}`));
    if (cells.size !== panels.length) {
      throw new PlotError("INVALID_VALUE", "emergenceChart: two panels have the same task and metric");
    }
    const key = (p: EmergencePanel) =>
      tasks.indexOf(String(p.task)) * metrics.length + metrics.indexOf(p.metric ?? "");
    ordered = [...ordered].sort((a, b) => key(a.panel) - key(b.panel));
  }
  // Default columns: up to 3, fewer when the cells would be too narrow to label the size axis with
  // three (vertical) labels per decade — about 3.8 em of axis per decade.
  const sizeDecades = (() => {
    let a = Number.POSITIVE_INFINITY;
    let b = 0;
    for (const panel of panels)
      for (const pt of panel.points ?? [])
        if (pt.size > 0) [a, b] = [Math.min(a, pt.size), Math.max(b, pt.size)];
    return b > a ? Math.log10(b / a) * 1.08 : 0;
  })();
  const widthFor = (c: number) =>
    (size.width - c * 4.6 * size.fontSize - Math.round(size.fontSize * 1.6) * (c - 1) - size.fontSize) / c;
  const roomy = (c: number) => widthFor(c) >= sizeDecades * 3.8 * size.fontSize;
  let fitting = Math.min(3, panels.length);
  while (fitting > 1 && !roomy(fitting)) fitting--;
  // A task × metric grid too narrow for its size axes stacks its panels in one column instead.
  const columns = grid2d ? (roomy(metrics.length) ? metrics.length : 1) : (options.columns ?? fitting);
  if (!(Number.isInteger(columns) && columns >= 1)) {
    throw new PlotError("INVALID_OPTION", `columns must be a positive integer, got ${columns}`);
  }

  // Check every point first, and find the x range all panels share.
  const allSizes: number[] = [];
  panels.forEach((panel, p) => {
    requireData(`emergenceChart panel "${panel.task}"`, panel.points?.length ?? 0);
    panel.points.forEach((pt, i) => {
      allSizes.push(requireFinite(`panels[${p}].points[${i}].size`, pt.size));
      requireFinite(`panels[${p}].points[${i}].score`, pt.score);
    });
  });
  const [lo, hi] = extent(allSizes);

  // Per panel: the y range (bounds, else data), and whether all panels can share one y scale.
  const ranges = panels.map((panel, p) => {
    const bounds = boundsOf(panel, p);
    const scores = panel.points.map((pt) => pt.score);
    if (panel.chance !== undefined) scores.push(requireFinite(`panels[${p}].chance`, panel.chance));
    return bounds ?? (scores.every((s) => s >= 0 && s <= 1) ? ([0, 1] as [number, number]) : undefined);
  });
  const sameRange = ranges.every(
    (r) => r !== undefined && r[0] === ranges[0]?.[0] && r[1] === ranges[0]?.[1],
  );
  const sharedY = options.y?.domain !== undefined || (metrics.length === 1 && sameRange);

  const spacing = Math.round(size.fontSize * 1.6);
  const axisRoom = 4.6 * size.fontSize;
  // With more columns than the width allows (an explicit `columns`), the figure grows wider than its
  // preset rather than squeeze the size axis below three labels per decade.
  const cellWidth = Math.max(
    80,
    Math.ceil(sizeDecades * 3.8 * size.fontSize),
    Math.floor((size.width - columns * axisRoom - spacing * (columns - 1) - size.fontSize) / columns),
  );
  const rowsOfPanels = Math.ceil(panels.length / columns);
  const legendRoom = (size.width < 500 ? 3.6 : 2.2) * size.fontSize;
  const cellHeight =
    rowsOfPanels === 1
      ? Math.max(80, Math.floor(size.height - 6.5 * size.fontSize - legendRoom))
      : Math.max(80, Math.round(cellWidth * 0.72));
  const x = resolveAxis("emergenceChart x", [lo, hi], options.x, {
    title: "Parameters",
    scale: "log",
    length: cellWidth,
    fontSize: size.fontSize,
    orient: "x",
    rotateToFit: true,
  });
  const grid = lo === hi ? [lo] : geomspace(lo, hi, 80);

  const used = new Set<string>();
  const thresholds = { marked: 0, skipped: 0 };
  const views = ordered.map(({ panel, index: p }, position) => {
    const rows: Record<string, number | string>[] = [];
    const range = ranges[p];
    const clamp = (v: number) => (range ? Math.min(range[1], Math.max(range[0], v)) : v);
    for (const pt of panel.points) rows.push({ layer: "point", x: pt.size, y: pt.score, series: "observed" });
    const picked = pickModels(panel.result);
    const fit = panel.fit ?? picked.fit;
    const smooth = panel.smooth ?? picked.smooth;
    if (fit) {
      for (const s of sampleCurve(fit, grid, level)) {
        rows.push({ layer: "fit", x: round6(s.x), y: round6(clamp(s.y)), series: "sigmoid fit" });
        if (s.lower !== undefined && s.upper !== undefined) {
          rows.push({
            layer: "band",
            x: round6(s.x),
            lower: round6(clamp(s.lower)),
            upper: round6(clamp(s.upper)),
            series: "sigmoid fit",
          });
        }
      }
    }
    if (smooth) {
      for (const s of sampleCurve(smooth, grid, false)) {
        rows.push({ layer: "smooth", x: round6(s.x), y: round6(clamp(s.y)), series: "smooth alternative" });
      }
    }
    const result = panel.result;
    const fromResult =
      result?.threshold && result.verdict === "emergent" && result.threshold.identified !== false
        ? result.threshold
        : undefined;
    if (result?.threshold && !fromResult && panel.threshold === undefined) thresholds.skipped++;
    const threshold = panel.threshold ?? fromResult;
    if (threshold) {
      const value = requireFinite(`panels[${p}].threshold.value`, threshold.value);
      const row: Record<string, number | string> = {
        layer: "threshold",
        x: Math.min(Math.max(value, lo), hi),
      };
      const ci = threshold.ci;
      if (ci && ci.length === 2 && Number.isFinite(ci[0]) && Number.isFinite(ci[1])) {
        // Clamp an open-ended interval to the plotted range so the shading stays inside the panel.
        row.lo = Math.max(Math.min(ci[0] as number, ci[1] as number), lo);
        row.hi = Math.min(Math.max(ci[0] as number, ci[1] as number), hi);
      }
      if (value >= lo && value <= hi) {
        rows.push({ ...row, series: "threshold (CI)" });
        thresholds.marked++;
      }
    }
    if (panel.chance !== undefined) rows.push({ layer: "chance", y: panel.chance, series: "chance" });
    for (const r of rows) used.add(r.series as string);

    const direction = panel.direction ?? result?.direction;
    const arrow = direction === "lower-is-better" ? " ↓" : direction === "higher-is-better" ? " ↑" : "";
    const metricName = grid2d || !panel.metric ? (panel.metric ?? "") : panel.metric;
    const yTitle = options.y?.title ?? `${metricName || "score"}${arrow}`;
    const yValues = rows.flatMap((r) =>
      [r.y, r.lower, r.upper].filter((v): v is number => typeof v === "number"),
    );
    const y = resolveAxis(
      `emergenceChart panels[${p}] y`,
      yValues,
      {
        ...options.y,
        title: yTitle,
        ...(sharedY && ranges[0] ? { domain: options.y?.domain ?? ranges[0] } : {}),
      },
      range
        ? { title: yTitle, scale: "linear", domain: range, maxTicks: 6 }
        : { title: yTitle, scale: "linear" },
    );
    const first = position % columns === 0;
    const yAxis = sharedY && !first ? { ...y.axis, title: null, labels: false } : y.axis;
    const xEnc = { field: "x", type: "quantitative", scale: x.scale, axis: x.axis };
    const yEnc = { field: "y", type: "quantitative", scale: y.scale, axis: yAxis };
    const titleText =
      panel.metric && !grid2d
        ? `${panel.task} · ${panel.metric}`
        : grid2d
          ? `${panel.task} · ${panel.metric ?? ""}`
          : String(panel.task);
    return { rows, xEnc, yEnc, title: wrapText(titleText, cellWidth, size.titleFontSize) };
  });

  const domain = series.filter((s) => used.has(s));
  const color = {
    field: "series",
    type: "nominal",
    scale: { domain, range: domain.map((s) => seriesColors[series.indexOf(s)]) },
    legend: {
      title: null,
      orient: "bottom",
      direction: "horizontal",
      symbolType: "stroke",
      ...(size.width < 500 ? { columns: 3 } : {}),
      // One legend for points, lines and rules: circle for the data, dashes for the smooth fit.
      encode: {
        symbols: {
          update: {
            shape: { signal: "datum.label === 'observed' ? 'circle' : 'stroke'" },
            strokeDash: {
              signal:
                "datum.label === 'smooth alternative' ? [4, 2] : datum.label === 'chance' ? [2, 2] : []",
            },
            fill: { signal: "datum.label === 'observed' ? scale('color', datum.label) : 'transparent'" },
            stroke: { signal: "scale('color', datum.label)" },
            strokeWidth: { value: 2 },
            size: {
              signal: `datum.label === 'observed' ? ${size.pointSize * 2} : ${strokeSymbolSize(size)}`,
            },
          },
        },
      },
    },
  };
  const only = (layer: string) => [{ filter: `datum.layer === '${layer}'` }];
  const view = (v: (typeof views)[number]) => {
    const present = new Set(v.rows.map((r) => r.layer as string));
    const layers: Record<string, unknown>[] = [];
    const add = (layer: string, spec: Record<string, unknown>) => {
      if (present.has(layer)) layers.push({ transform: only(layer), ...spec });
    };
    if (present.has("threshold") && v.rows.some((r) => r.layer === "threshold" && r.lo !== undefined)) {
      layers.push({
        transform: [...only("threshold"), { filter: "isValid(datum.lo)" }],
        mark: { type: "rect", opacity: 0.14, clip: true },
        encoding: {
          x: { ...v.xEnc, field: "lo" },
          x2: { field: "hi" },
          fill: { value: okabeIto.bluishGreen },
        },
      });
    }
    add("band", {
      mark: { type: "area", opacity: 0.18, clip: true },
      encoding: {
        x: v.xEnc,
        y: { ...v.yEnc, field: "lower" },
        y2: { field: "upper" },
        fill: { value: okabeIto.blue },
      },
    });
    add("chance", {
      mark: { type: "rule", strokeDash: [2, 2], strokeWidth: 1 },
      encoding: { y: v.yEnc, stroke: color },
    });
    add("threshold", { mark: { type: "rule", strokeWidth: 1.2 }, encoding: { x: v.xEnc, stroke: color } });
    add("smooth", {
      mark: { type: "line", strokeDash: [5, 3], clip: true, strokeWidth: size.strokeWidth * 0.85 },
      encoding: { x: v.xEnc, y: v.yEnc, stroke: color },
    });
    add("fit", {
      mark: { type: "line", clip: true, strokeWidth: size.strokeWidth },
      encoding: { x: v.xEnc, y: v.yEnc, stroke: color },
    });
    add("point", {
      mark: { type: "point", filled: true, size: size.pointSize, opacity: 0.9 },
      encoding: {
        x: v.xEnc,
        y: v.yEnc,
        color,
        tooltip: [
          { field: "x", type: "quantitative", title: "size", format: "~s" },
          { field: "y", type: "quantitative", title: "score", format: ".3~f" },
        ],
      },
    });
    return {
      title: {
        text: v.title,
        fontSize: size.titleFontSize,
        fontWeight: "normal",
        anchor: "middle",
        offset: 4,
      },
      width: cellWidth,
      height: cellHeight,
      data: { values: v.rows },
      layer: layers,
    };
  };
  const notes = [
    "Solid: the sigmoid fit; dashed: the highest-weight other model (the smooth alternative).",
    ...(thresholds.skipped > 0
      ? [
          `Thresholds are marked only where the verdict is emergent and the threshold is identified (${thresholds.skipped} panel${
            thresholds.skipped === 1 ? "" : "s"
          } left unmarked).`,
        ]
      : []),
  ];
  const spec = baseSpec(size, options.title, {
    concat: views.map(view),
    columns,
    spacing: { row: Math.round(size.fontSize * 1.2), column: spacing },
    resolve: { scale: { y: "independent", x: "shared", color: "shared", stroke: "shared" } },
  });
  return createChart("emergence", spec, size, notes);
}
