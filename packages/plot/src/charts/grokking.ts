import { type AxisOptions, resolveAxis } from "../chart/axes.js";
import { type Chart, createChart } from "../chart/chart.js";
import { dejaVuTextWidth } from "../chart/text-metrics.js";
import { PlotError } from "../errors.js";
import { neutral, okabeIto } from "../theme/palette.js";
import { resolveSize, type SizeOption } from "../theme/sizes.js";
import { baseSpec, requireData, round6 } from "./common.js";

/** One evaluation of a training run, structurally `@emerge/grok`'s `EvalRecord`. */
export interface EvalRecordLike {
  readonly step: number;
  readonly trainAcc?: number;
  readonly testAcc?: number;
  readonly trainLoss?: number;
  readonly testLoss?: number;
  /** Total squared L2 norm of the weights. */
  readonly weightNorm?: number;
}

/** The detected phase boundaries of a run (`@emerge/grok`'s `RunSummary` fits). */
export interface PhaseSteps {
  /** First step at which the training accuracy reached its threshold (end of memorisation). */
  readonly memorizationStep: number | null;
  /** First step at which the test accuracy reached its threshold (start of generalisation). */
  readonly generalizationStep: number | null;
}

/** One training run (one seed). */
export interface GrokkingRun {
  readonly label?: string;
  readonly metrics: readonly EvalRecordLike[];
  readonly summary?: PhaseSteps;
}

/** The panels {@link grokkingChart} can stack. */
export type GrokkingPanel = "accuracy" | "loss" | "weightNorm";

/** Options of {@link grokkingChart}. */
export interface GrokkingChartOptions {
  readonly runs: readonly GrokkingRun[];
  /** Panels top to bottom; default accuracy, loss, and weight norm when the metrics have it. */
  readonly panels?: readonly GrokkingPanel[];
  /** Phase boundaries to shade; by default the median over the runs' summaries. `null` shades nothing. */
  readonly phases?: PhaseSteps | null;
  readonly x?: AxisOptions;
  readonly title?: string;
  readonly size?: SizeOption;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

function finite(value: number | undefined): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

const phaseColors = {
  memorisation: okabeIto.orange,
  plateau: neutral.faint,
  generalisation: okabeIto.bluishGreen,
};

/**
 * Train and test accuracy and loss against step on a log axis, one line per seed, with the
 * memorisation, plateau and generalisation phases shaded from the detected steps, and optionally the
 * weight-norm track below.
 *
 * @example
 * ```ts
 * const result = await train({ p: 97 }); // @emerge/grok
 * const chart = grokkingChart({ runs: [{ label: "seed 0", metrics: result.metrics, summary: result.summary }] });
 * ```
 */
export function grokkingChart(options: GrokkingChartOptions): Chart {
  const size = resolveSize(options.size);
  const runs = options.runs ?? [];
  requireData("grokkingChart runs", runs.length);
  const labels: string[] = [];
  const rows: Record<string, number | string>[] = [];
  const steps: number[] = [];
  let hasNorm = false;
  runs.forEach((run, r) => {
    let label = run.label ?? `run ${r + 1}`;
    while (labels.includes(label)) label += " ";
    labels.push(label);
    for (const m of run.metrics ?? []) {
      // Step 0 has no place on a log axis; its values are the random-init baseline.
      if (!finite(m.step) || m.step <= 0) continue;
      steps.push(m.step);
      const base = { run: label, step: m.step };
      for (const split of ["train", "test"] as const) {
        const acc = split === "train" ? m.trainAcc : m.testAcc;
        const loss = split === "train" ? m.trainLoss : m.testLoss;
        const row: Record<string, number | string> = { ...base, split };
        if (finite(acc)) row.acc = round6(acc);
        if (finite(loss) && loss > 0) row.loss = round6(loss);
        if (row.acc !== undefined || row.loss !== undefined) rows.push(row);
      }
      if (finite(m.weightNorm)) {
        hasNorm = true;
        rows.push({ ...base, split: "weights", norm: round6(m.weightNorm) });
      }
    }
  });
  if (steps.length === 0) {
    throw new PlotError("EMPTY_DATA", "grokkingChart needs evaluation records with a positive step");
  }
  const panels = options.panels ?? (hasNorm ? ["accuracy", "loss", "weightNorm"] : ["accuracy", "loss"]);
  if (panels.length === 0) throw new PlotError("INVALID_OPTION", "grokkingChart needs at least one panel");
  const x = resolveAxis("grokkingChart x", steps, options.x, { title: "Optimisation step", scale: "log" });
  const [first, last] = x.domain;

  const phases =
    options.phases === undefined
      ? {
          memorizationStep: median(
            runs.flatMap((r) =>
              finite(r.summary?.memorizationStep ?? undefined) ? [r.summary?.memorizationStep as number] : [],
            ),
          ),
          generalizationStep: median(
            runs.flatMap((r) =>
              finite(r.summary?.generalizationStep ?? undefined)
                ? [r.summary?.generalizationStep as number]
                : [],
            ),
          ),
        }
      : options.phases;
  const phaseRows: Record<string, number | string>[] = [];
  if (phases && finite(phases.memorizationStep ?? undefined)) {
    const mem = Math.min(Math.max(phases.memorizationStep as number, first), last);
    const gen = finite(phases.generalizationStep ?? undefined)
      ? Math.min(Math.max(phases.generalizationStep as number, mem), last)
      : last;
    phaseRows.push({ phase: "memorisation", start: first, end: mem });
    if (gen > mem) phaseRows.push({ phase: "plateau", start: mem, end: gen });
    if (gen < last) phaseRows.push({ phase: "generalisation", start: gen, end: last });
  }
  const plotWidth = size.width - 5 * size.fontSize;
  const logSpan = Math.log(last / first);
  const labelRows = phaseRows.filter((p) => {
    const px = (Math.log((p.end as number) / (p.start as number)) / logSpan) * plotWidth;
    return px > dejaVuTextWidth(p.phase as string, size.fontSize * 0.9) + 4;
  });

  const total = size.height * (panels.length === 1 ? 1 : panels.length === 2 ? 1.5 : 2);
  const height = Math.max(70, Math.floor((total - 4 * size.fontSize) / panels.length - size.fontSize * 1.5));
  const xEnc = (showAxis: boolean) => ({
    field: "step",
    type: "quantitative",
    scale: x.scale,
    axis: showAxis ? x.axis : { ...x.axis, title: null, labels: false },
  });
  const fade = runs.length > 3 ? 0.55 : 0.9;
  const shading = (showLabels: boolean) => {
    const layers: Record<string, unknown>[] = [];
    if (phaseRows.length === 0) return layers;
    layers.push({
      data: { values: phaseRows },
      mark: { type: "rect", opacity: 0.13 },
      encoding: {
        x: { field: "start", type: "quantitative", scale: x.scale },
        x2: { field: "end" },
        fill: {
          field: "phase",
          type: "nominal",
          scale: { domain: Object.keys(phaseColors), range: Object.values(phaseColors) },
          legend: null,
        },
      },
    });
    if (showLabels && labelRows.length > 0) {
      layers.push({
        data: { values: labelRows },
        transform: [{ calculate: "sqrt(datum.start * datum.end)", as: "mid" }],
        mark: {
          type: "text",
          baseline: "bottom",
          dy: -3,
          fontSize: Math.round(size.fontSize * 0.9),
          color: neutral.muted,
        },
        encoding: {
          x: { field: "mid", type: "quantitative", scale: x.scale },
          y: { value: 0 },
          text: { field: "phase" },
        },
      });
    }
    return layers;
  };
  const splitColor = {
    field: "split",
    type: "nominal",
    scale: { domain: ["train", "test"], range: [okabeIto.vermillion, okabeIto.blue] },
    legend: { title: null, orient: "bottom", direction: "horizontal" },
  };
  const panelSpec = (panel: GrokkingPanel, i: number): Record<string, unknown> => {
    const showAxis = i === panels.length - 1;
    if (panel === "weightNorm") {
      const values = rows.flatMap((r) => (r.norm !== undefined ? [r.norm as number] : []));
      if (values.length === 0)
        throw new PlotError("EMPTY_DATA", "grokkingChart: no weightNorm values to plot");
      const y = resolveAxis("grokkingChart weight norm", values, undefined, {
        title: "‖θ‖²",
        scale: "linear",
        maxTicks: 5,
      });
      return {
        height,
        width: plotWidth,
        layer: [
          ...shading(false),
          {
            data: { values: rows.filter((r) => r.norm !== undefined) },
            mark: { type: "line", opacity: fade, strokeWidth: size.strokeWidth, color: neutral.ink },
            encoding: {
              x: xEnc(showAxis),
              y: { field: "norm", type: "quantitative", scale: y.scale, axis: y.axis },
              detail: { field: "run" },
            },
          },
        ],
      };
    }
    const field = panel === "accuracy" ? "acc" : "loss";
    const values = rows.flatMap((r) => (r[field] !== undefined ? [r[field] as number] : []));
    if (values.length === 0) throw new PlotError("EMPTY_DATA", `grokkingChart: no ${panel} values to plot`);
    const y =
      panel === "accuracy"
        ? resolveAxis("grokkingChart accuracy", values, undefined, {
            title: "Accuracy",
            scale: "linear",
            domain: [0, 1],
            maxTicks: 5,
          })
        : resolveAxis("grokkingChart loss", values, undefined, { title: "Loss", scale: "log", maxTicks: 5 });
    return {
      height,
      width: plotWidth,
      layer: [
        ...shading(i === 0),
        {
          data: { values: rows.filter((r) => r[field] !== undefined && r.split !== "weights") },
          mark: { type: "line", opacity: fade, strokeWidth: size.strokeWidth, clip: true },
          encoding: {
            x: xEnc(showAxis),
            y: { field, type: "quantitative", scale: y.scale, axis: y.axis },
            color: splitColor,
            detail: { field: "run" },
            tooltip: [
              { field: "run", type: "nominal" },
              { field: "step", type: "quantitative" },
              { field, type: "quantitative", format: ".4~g" },
            ],
          },
        },
      ],
    };
  };
  const spec = baseSpec(size, options.title, {
    vconcat: panels.map(panelSpec),
    resolve: { scale: { color: "shared", fill: "shared" } },
  });
  return createChart("grokking", spec, size);
}
