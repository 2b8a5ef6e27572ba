import { type AxisOptions, resolveAxis } from "../chart/axes.js";
import { type Chart, createChart } from "../chart/chart.js";
import { PlotError } from "../errors.js";
import { neutral, okabeIto } from "../theme/palette.js";
import { resolveSize, type SizeOption } from "../theme/sizes.js";
import { baseSpec, requireData, requireFinite, round6, strokeSymbolSize } from "./common.js";
import { type CurveInput, type FitLike, geomspace, sampleCurve } from "./curve.js";

/** One measured score: a model size and its score on a task. */
export interface EmergencePoint {
  readonly size: number;
  readonly score: number;
}

/** A threshold (e.g. the sigmoid midpoint) with its confidence interval, in size units. */
export interface ThresholdLike {
  readonly value: number;
  readonly ci?: readonly number[];
}

/**
 * The parts of an emergence analysis the chart draws, structurally: `@emerge/fit`'s
 * `EmergenceResult` fits. The sigmoid-like model is drawn as the fit, a smooth model (power law,
 * linear) as the comparison, and the threshold with its interval is marked.
 */
export interface EmergenceResultLike {
  readonly verdict?: string;
  readonly threshold?: ThresholdLike | null;
  readonly models?: readonly { readonly name: string; readonly fit: FitLike; readonly weight?: number }[];
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
  /** An emergence analysis supplying fit, smooth alternative and threshold. */
  readonly result?: EmergenceResultLike;
  /** The threshold to mark (overrides the one in `result`). */
  readonly threshold?: ThresholdLike;
  /** Chance-level score, drawn as a dotted horizontal line. */
  readonly chance?: number;
}

/** Options of {@link emergenceChart}. */
export interface EmergenceChartOptions {
  readonly panels: readonly EmergencePanel[];
  /** Panels per row; by default one row per task when several metrics are given, else up to 3. */
  readonly columns?: number;
  /** Confidence level of the band around the sigmoid, or `false`. Default 0.95. */
  readonly band?: number | false;
  readonly x?: AxisOptions;
  /** y axis; `[0, 1]` by default when every score lies in it. */
  readonly y?: AxisOptions;
  readonly title?: string;
  readonly size?: SizeOption;
}

const series = ["observed", "sigmoid fit", "smooth fit", "threshold (95% CI)", "chance"] as const;
const seriesColors = [neutral.ink, okabeIto.blue, okabeIto.vermillion, okabeIto.bluishGreen, neutral.faint];

function pickModels(result: EmergenceResultLike | undefined): { fit?: FitLike; smooth?: FitLike } {
  const models = result?.models ?? [];
  const sigmoid = models.find((m) => /sigmoid|logistic|emerg|step|broken|tanh/i.test(m.name));
  const smooth = models.find((m) => m !== sigmoid && /power|linear|smooth|log|poly/i.test(m.name));
  const out: { fit?: FitLike; smooth?: FitLike } = {};
  if (sigmoid) out.fit = sigmoid.fit;
  if (smooth) out.smooth = smooth.fit;
  return out;
}

/**
 * Score against log size as small multiples, one panel per task (or task × metric): observed points,
 * the fitted sigmoid with its band, the smooth alternative dashed, the threshold with its confidence
 * interval shaded, and chance level. Put an exact-match panel next to a continuous-metric panel of the
 * same task to show whether the emergence is a "mirage" of the metric.
 *
 * @example
 * ```ts
 * const chart = emergenceChart({
 *   panels: [
 *     { task: "3-digit addition", metric: "exact match", points, result: emergence(sizes, exact) },
 *     { task: "3-digit addition", metric: "edit distance", points: editPoints },
 *   ],
 *   size: "page",
 * });
 * ```
 */
export function emergenceChart(options: EmergenceChartOptions): Chart {
  const size = resolveSize(options.size);
  const panels = options.panels ?? [];
  requireData("emergenceChart panels", panels.length);
  const level = options.band ?? 0.95;
  const names: string[] = [];
  const rows: Record<string, number | string>[] = [];
  const sizesSeen: number[] = [];
  const scores: number[] = [];
  panels.forEach((panel, p) => {
    requireData(`emergenceChart panel "${panel.task}"`, panel.points.length);
    let name = panel.metric ? `${panel.task} · ${panel.metric}` : String(panel.task);
    while (names.includes(name)) name += " ";
    names.push(name);
    panel.points.forEach((pt, i) => {
      const x = requireFinite(`panels[${p}].points[${i}].size`, pt.size);
      const y = requireFinite(`panels[${p}].points[${i}].score`, pt.score);
      sizesSeen.push(x);
      scores.push(y);
      rows.push({ panel: name, layer: "point", x, y, series: "observed" });
    });
  });
  const lo = Math.min(...sizesSeen);
  const hi = Math.max(...sizesSeen);
  const grid = lo === hi ? [lo] : geomspace(lo, hi, 80);
  panels.forEach((panel, p) => {
    const name = names[p] as string;
    const picked = pickModels(panel.result);
    const fit = panel.fit ?? picked.fit;
    const smooth = panel.smooth ?? picked.smooth;
    if (fit) {
      for (const s of sampleCurve(fit, grid, level)) {
        rows.push({ panel: name, layer: "fit", x: round6(s.x), y: round6(s.y), series: "sigmoid fit" });
        if (s.lower !== undefined && s.upper !== undefined) {
          const band = { panel: name, layer: "band", x: round6(s.x), series: "sigmoid fit" };
          rows.push({ ...band, lower: round6(s.lower), upper: round6(s.upper) });
        }
      }
    }
    if (smooth) {
      for (const s of sampleCurve(smooth, grid, false)) {
        rows.push({ panel: name, layer: "smooth", x: round6(s.x), y: round6(s.y), series: "smooth fit" });
      }
    }
    const threshold = panel.threshold ?? panel.result?.threshold ?? undefined;
    if (threshold) {
      const value = requireFinite(`panels[${p}].threshold.value`, threshold.value);
      const row: Record<string, number | string> = { panel: name, layer: "threshold", x: value };
      const ci = threshold.ci;
      if (ci && ci.length === 2 && Number.isFinite(ci[0]) && Number.isFinite(ci[1])) {
        // Clamp an open-ended interval to the plotted range so the shading stays inside the panel.
        row.lo = Math.max(Math.min(ci[0] as number, ci[1] as number), lo);
        row.hi = Math.min(Math.max(ci[0] as number, ci[1] as number), hi);
      }
      if (value > 0) sizesSeen.push(value);
      rows.push({ ...row, series: "threshold (95% CI)" });
    }
    if (panel.chance !== undefined) {
      const chance = requireFinite(`panels[${p}].chance`, panel.chance);
      scores.push(chance);
      rows.push({ panel: name, layer: "chance", y: chance, series: "chance" });
    }
  });
  const unit = scores.every((s) => s >= 0 && s <= 1);
  const x = resolveAxis("emergenceChart x", sizesSeen, options.x, {
    title: "Parameters",
    scale: "log",
    maxTicks: 4,
  });
  const y = resolveAxis(
    "emergenceChart y",
    [...scores, ...rows.flatMap((r) => (r.layer === "fit" || r.layer === "smooth" ? [r.y as number] : []))],
    options.y,
    unit
      ? { title: "Score", scale: "linear", domain: [0, 1], maxTicks: 6 }
      : { title: "Score", scale: "linear" },
  );
  const metrics = [...new Set(panels.map((p) => p.metric ?? ""))];
  const tasks = [...new Set(panels.map((p) => String(p.task)))];
  // Several metrics: a task × metric grid (the "mirage" view), otherwise panels wrap in rows.
  const grid2d = options.columns === undefined && metrics.length > 1;
  if (grid2d) {
    const cells = new Set(panels.map((p) => `${p.task}\u0000${p.metric ?? ""}`));
    if (cells.size !== panels.length) {
      throw new PlotError("INVALID_VALUE", "emergenceChart: two panels have the same task and metric");
    }
    const byName = new Map(panels.map((p, i) => [names[i] as string, p]));
    for (const row of rows) {
      const panel = byName.get(row.panel as string) as EmergencePanel;
      row.task = String(panel.task);
      row.metric = panel.metric ?? "";
    }
  }
  const columns = grid2d ? metrics.length : (options.columns ?? Math.min(3, panels.length));
  if (!(Number.isInteger(columns) && columns >= 1)) {
    throw new PlotError("INVALID_OPTION", `columns must be a positive integer, got ${columns}`);
  }
  const rowsOfPanels = grid2d ? tasks.length : Math.ceil(panels.length / columns);
  const spacing = Math.round(size.fontSize * 1.2);
  const axisRoom = 4.5 * size.fontSize + (grid2d ? 1.6 * size.fontSize : 0);
  const cellWidth = Math.max(70, Math.floor((size.width - axisRoom - spacing * (columns - 1)) / columns));
  const legendRoom = (size.width < 500 ? 3.6 : 2.2) * size.fontSize;
  const cellHeight =
    rowsOfPanels === 1
      ? Math.max(70, Math.floor(size.height - 5.5 * size.fontSize - legendRoom))
      : Math.max(70, Math.round(cellWidth * 0.72));
  const xEnc = { field: "x", type: "quantitative", scale: x.scale, axis: x.axis };
  const yEnc = { field: "y", type: "quantitative", scale: y.scale, axis: y.axis };
  const used = new Set(rows.map((r) => r.series as string));
  const domain = series.filter((s) => used.has(s));
  const color = (_mark: string) => ({
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
              signal: "datum.label === 'smooth fit' ? [4, 2] : datum.label === 'chance' ? [2, 2] : []",
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
  });
  const only = (layer: string) => [{ filter: `datum.layer === '${layer}'` }];
  const layers: Record<string, unknown>[] = [
    {
      transform: only("threshold"),
      mark: { type: "rect", opacity: 0.14, clip: true },
      encoding: { x: { ...xEnc, field: "lo" }, x2: { field: "hi" }, fill: { value: okabeIto.bluishGreen } },
    },
    {
      transform: only("band"),
      mark: { type: "area", opacity: 0.18, clip: true },
      encoding: {
        x: xEnc,
        y: { ...yEnc, field: "lower" },
        y2: { field: "upper" },
        fill: { value: okabeIto.blue },
      },
    },
    {
      transform: only("chance"),
      mark: { type: "rule", strokeDash: [2, 2], strokeWidth: 1 },
      encoding: { y: yEnc, stroke: color("rule") },
    },
    {
      transform: only("threshold"),
      mark: { type: "rule", strokeWidth: 1.2 },
      encoding: { x: xEnc, stroke: color("rule") },
    },
    {
      transform: only("smooth"),
      mark: { type: "line", strokeDash: [5, 3], clip: true, strokeWidth: size.strokeWidth * 0.85 },
      encoding: { x: xEnc, y: yEnc, stroke: color("line") },
    },
    {
      transform: only("fit"),
      mark: { type: "line", clip: true, strokeWidth: size.strokeWidth },
      encoding: { x: xEnc, y: yEnc, stroke: color("line") },
    },
    {
      transform: only("point"),
      mark: { type: "point", filled: true, size: size.pointSize, opacity: 0.9 },
      encoding: {
        x: xEnc,
        y: yEnc,
        color: color("point"),
        tooltip: [
          { field: "x", type: "quantitative", title: "size", format: "~s" },
          { field: "y", type: "quantitative", title: "score", format: ".3~f" },
        ],
      },
    },
  ];
  // The legend lists every series drawn; points carry it, so give it their full domain.
  const spec = baseSpec(size, options.title, {
    data: { values: rows },
    ...(grid2d
      ? {
          facet: {
            row: {
              field: "task",
              type: "nominal",
              sort: tasks,
              header: { title: null, labelLimit: cellHeight },
            },
            column: {
              field: "metric",
              type: "nominal",
              sort: metrics,
              header: { title: null, labelLimit: cellWidth },
            },
          },
        }
      : {
          facet: {
            field: "panel",
            type: "nominal",
            sort: names,
            header: { title: null, labelLimit: cellWidth },
          },
          columns,
        }),
    spec: { width: cellWidth, height: cellHeight, layer: layers },
    resolve: { scale: { x: "shared", y: "shared" } },
  });
  return createChart("emergence", spec, size);
}
