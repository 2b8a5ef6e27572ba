import { type AxisOptions, resolveAxis } from "../chart/axes.js";
import { type Chart, createChart } from "../chart/chart.js";
import { extent } from "../chart/extent.js";
import { dejaVuTextWidth } from "../chart/text-metrics.js";
import { PlotError } from "../errors.js";
import { categorical, neutral, okabeIto } from "../theme/palette.js";
import { resolveSize, type SizeOption } from "../theme/sizes.js";
import { baseSpec, requireData, round6, wrapText } from "./common.js";

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

/**
 * A run's summary as read back from disk: camelCase (`memorizationStep`) or the snake_case of older
 * `summary.json` files (`memorization_step`). A summary with neither is an error, not a run without
 * phases.
 */
export type RunSummaryLike =
  | PhaseSteps
  | {
      readonly memorization_step: number | null;
      readonly generalization_step: number | null;
      readonly [key: string]: unknown;
    };

/** One training run (one seed). */
export interface GrokkingRun {
  /** Legend label; default "run 1", "run 2", … */
  readonly label?: string;
  readonly metrics: readonly EvalRecordLike[];
  readonly summary?: RunSummaryLike;
}

/** The panels {@link grokkingChart} can stack. */
export type GrokkingPanel = "accuracy" | "loss" | "weightNorm";

/**
 * When the shared phase bands are drawn: `majority` (default) when at least half of the runs with a
 * summary generalised, `all` only when every one did, `any` when at least one did.
 */
export type PhaseRule = "majority" | "all" | "any";

/** Options of {@link grokkingChart}. */
export interface GrokkingChartOptions {
  readonly runs: readonly GrokkingRun[];
  /** Panels top to bottom; default accuracy, loss, and weight norm when the metrics have it. */
  readonly panels?: readonly GrokkingPanel[];
  /**
   * Phase boundaries to shade. By default the median over the runs' summaries, drawn only when
   * `phaseRule` holds; `null` shades nothing. Per-run markers are drawn either way.
   */
  readonly phases?: PhaseSteps | null;
  /** When the median bands are drawn; default `majority`. The rule applied is stated under the title. */
  readonly phaseRule?: PhaseRule;
  /** Mark each run's memorisation and generalisation step on its curves. Default true. */
  readonly phaseMarks?: boolean;
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

function finite(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** A run's phase steps from either spelling; throws when the summary has neither. */
function phaseSteps(summary: unknown, r: number): PhaseSteps | undefined {
  if (summary === undefined || summary === null) return undefined;
  if (typeof summary !== "object") {
    throw new PlotError("INVALID_VALUE", `runs[${r}].summary must be an object, got ${typeof summary}`);
  }
  const s = summary as Record<string, unknown>;
  const read = (camel: string, snake: string): number | null => {
    const value = camel in s ? s[camel] : s[snake];
    if (value === null || value === undefined) return null;
    if (!finite(value)) {
      throw new PlotError(
        "INVALID_VALUE",
        `runs[${r}].summary.${camel} must be a number or null, got ${String(value)}`,
      );
    }
    return value;
  };
  const known = ["memorizationStep", "generalizationStep", "memorization_step", "generalization_step"];
  if (!known.some((k) => k in s)) {
    const keys = Object.keys(s).slice(0, 6).join(", ");
    throw new PlotError(
      "INVALID_VALUE",
      `runs[${r}].summary has no memorizationStep/generalizationStep (nor memorization_step/generalization_step); its keys: ${keys || "none"}`,
    );
  }
  return {
    memorizationStep: read("memorizationStep", "memorization_step"),
    generalizationStep: read("generalizationStep", "generalization_step"),
  };
}

/** The most runs one grokking figure draws: each gets a colour and a legend entry. */
export const MAX_GROKKING_RUNS = 64;

const phaseColors = {
  memorisation: okabeIto.orange,
  plateau: neutral.faint,
  generalisation: okabeIto.bluishGreen,
};

const ruleText: Record<PhaseRule, string> = {
  majority: "≥ half of the runs",
  all: "every run",
  any: "at least one run",
};

/**
 * Train and test accuracy and loss against step on a log axis, one colour per run (legend: the run
 * labels), train dashed and test solid, each run's memorisation (○) and generalisation (▲) step marked
 * on its curves, and the memorisation, plateau and generalisation phases shaded from the median of the
 * runs' steps — only when the phase rule holds (by default when at least half of the runs generalised),
 * and the rule applied is written under the title. Optionally the weight-norm track below.
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
  if (runs.length > MAX_GROKKING_RUNS) {
    throw new PlotError(
      "TOO_LARGE",
      `grokkingChart has ${runs.length} runs; the limit is ${MAX_GROKKING_RUNS} (one colour and legend entry each)`,
    );
  }
  const rule = options.phaseRule ?? "majority";
  if (!(rule in ruleText)) {
    throw new PlotError(
      "INVALID_OPTION",
      `phaseRule must be "majority", "all" or "any", got ${String(rule)}`,
    );
  }
  const labels: string[] = [];
  const rows: Record<string, number | string>[] = [];
  const steps: number[] = [];
  const summaries: (PhaseSteps | undefined)[] = [];
  let hasNorm = false;
  runs.forEach((run, r) => {
    let label = run.label ?? `run ${r + 1}`;
    while (labels.includes(label)) label += " ";
    labels.push(label);
    summaries.push(phaseSteps(run.summary, r));
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
  const plotWidth = Math.round(size.width - 5 * size.fontSize);
  const x = resolveAxis("grokkingChart x", steps, options.x, {
    title: "Optimisation step",
    scale: "log",
    length: plotWidth,
    fontSize: size.fontSize,
    orient: "x",
    rotateToFit: true,
  });
  const [first, last] = x.domain;

  // The shared bands and the sentence that says how they were chosen.
  const withSummary = summaries.filter((s): s is PhaseSteps => s !== undefined);
  const generalised = withSummary.filter((s) => finite(s.generalizationStep));
  const needed = rule === "all" ? withSummary.length : rule === "any" ? 1 : Math.ceil(withSummary.length / 2);
  let phases: PhaseSteps | null = null;
  let note: string;
  if (options.phases !== undefined) {
    phases = options.phases;
    note = phases ? "Shaded: the given phase steps." : "";
  } else if (withSummary.length === 0) {
    note = "";
  } else if (generalised.length >= needed && generalised.length > 0) {
    phases = {
      memorizationStep: median(
        generalised.flatMap((s) => (finite(s.memorizationStep) ? [s.memorizationStep] : [])),
      ),
      generalizationStep: median(generalised.map((s) => s.generalizationStep as number)),
    };
    note = `Shaded: median phase steps of the ${generalised.length} of ${withSummary.length} runs that generalised (drawn when ${ruleText[rule]} generalised).`;
  } else {
    note = `No phase bands: ${generalised.length} of ${withSummary.length} runs generalised (bands need ${ruleText[rule]}).`;
  }
  const phaseRows: Record<string, number | string>[] = [];
  if (phases && finite(phases.memorizationStep)) {
    const mem = Math.min(Math.max(phases.memorizationStep, first), last);
    const gen = finite(phases.generalizationStep)
      ? Math.min(Math.max(phases.generalizationStep, mem), last)
      : last;
    phaseRows.push({ phase: "memorisation", start: first, end: mem });
    if (gen > mem) phaseRows.push({ phase: "plateau", start: mem, end: gen });
    if (gen < last) phaseRows.push({ phase: "generalisation", start: gen, end: last });
  }
  const logSpan = Math.log(last / first);
  const labelRows = phaseRows.filter((p) => {
    const px = (Math.log((p.end as number) / (p.start as number)) / logSpan) * plotWidth;
    return px > dejaVuTextWidth(p.phase as string, size.fontSize * 0.9) + 4;
  });

  // Per-run marks: where each run's train curve reached memorisation and its test curve generalisation.
  const marks: Record<string, number | string>[] = [];
  if (options.phaseMarks ?? true) {
    summaries.forEach((s, r) => {
      if (!s) return;
      const run = labels[r] as string;
      const at = (step: number, field: "trainAcc" | "testAcc") => {
        const metrics = runs[r]?.metrics ?? [];
        let best: EvalRecordLike | undefined;
        for (const m of metrics) {
          if (
            m.step > 0 &&
            finite(m[field]) &&
            (!best || Math.abs(m.step - step) < Math.abs(best.step - step))
          ) {
            best = m;
          }
        }
        return best ? (best[field] as number) : undefined;
      };
      for (const [kind, step, field] of [
        ["memorised", s.memorizationStep, "trainAcc"],
        ["generalised", s.generalizationStep, "testAcc"],
      ] as const) {
        if (!finite(step) || step < first || step > last) continue;
        const acc = at(step, field);
        if (acc !== undefined) marks.push({ run, step, acc: round6(acc), mark: kind });
      }
    });
  }

  const total = size.height * (panels.length === 1 ? 1 : panels.length === 2 ? 1.5 : 2);
  const subtitle = note ? wrapText(note, plotWidth, size.fontSize) : [];
  const height = Math.max(
    70,
    Math.floor(
      (total - 4 * size.fontSize - subtitle.length * size.fontSize * 1.2) / panels.length -
        size.fontSize * 1.5,
    ),
  );
  const xEnc = (showAxis: boolean) => ({
    field: "step",
    type: "quantitative",
    scale: x.scale,
    axis: showAxis ? x.axis : { ...x.axis, title: null, labels: false },
  });
  const fade = runs.length > 3 ? 0.7 : 0.9;
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
  const runColor = (legend: boolean) => ({
    field: "run",
    type: "nominal",
    scale: { domain: labels, range: labels.map((_, i) => categorical[i % categorical.length] as string) },
    legend: legend
      ? {
          title: null,
          orient: "bottom",
          direction: "horizontal",
          symbolType: "stroke",
          columns: Math.max(
            1,
            Math.floor(plotWidth / (Math.max(...labels.map((l) => dejaVuTextWidth(l, size.fontSize))) + 40)),
          ),
        }
      : null,
  });
  const splitDash = (legend: boolean) => ({
    field: "split",
    type: "nominal",
    scale: {
      domain: ["train", "test"],
      range: [
        [4, 2],
        [1, 0],
      ],
    },
    legend: legend ? { title: null, orient: "bottom", direction: "horizontal", symbolType: "stroke" } : null,
  });
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
            mark: { type: "line", opacity: fade, strokeWidth: size.strokeWidth },
            encoding: {
              x: xEnc(showAxis),
              y: { field: "norm", type: "quantitative", scale: y.scale, axis: y.axis },
              color: runColor(true),
            },
          },
        ],
      };
    }
    const field = panel === "accuracy" ? "acc" : "loss";
    const values = rows.flatMap((r) => (r[field] !== undefined ? [r[field] as number] : []));
    if (values.length === 0) throw new PlotError("EMPTY_DATA", `grokkingChart: no ${panel} values to plot`);
    // A loss falling over many decades gets the height its 1-2-5 labels need (three a decade, one
    // line apart), up to 2.5 times the other panels, so values can be read off it.
    const [lossLo, lossHi] = extent(values);
    const panelHeight =
      panel === "loss"
        ? Math.round(
            Math.min(2.5 * height, Math.max(height, Math.log10(lossHi / lossLo) * 5 * size.fontSize)),
          )
        : height;
    const y =
      panel === "accuracy"
        ? resolveAxis("grokkingChart accuracy", values, undefined, {
            title: "Accuracy ↑",
            scale: "linear",
            domain: [0, 1],
            maxTicks: 5,
          })
        : resolveAxis("grokkingChart loss", values, undefined, {
            title: "Loss ↓",
            scale: "log",
            length: panelHeight,
            fontSize: size.fontSize,
            orient: "y",
          });
    const layers: Record<string, unknown>[] = [
      ...shading(i === 0),
      {
        data: { values: rows.filter((r) => r[field] !== undefined && r.split !== "weights") },
        mark: { type: "line", opacity: fade, strokeWidth: size.strokeWidth, clip: true },
        encoding: {
          x: xEnc(showAxis),
          y: { field, type: "quantitative", scale: y.scale, axis: y.axis },
          color: runColor(true),
          strokeDash: splitDash(true),
          tooltip: [
            { field: "run", type: "nominal" },
            { field: "split", type: "nominal" },
            { field: "step", type: "quantitative" },
            { field, type: "quantitative", format: ".4~g" },
          ],
        },
      },
    ];
    if (panel === "accuracy" && marks.length > 0) {
      layers.push({
        data: { values: marks },
        mark: {
          type: "point",
          filled: true,
          stroke: "white",
          strokeWidth: 0.8,
          size: size.pointSize * 2.6,
          opacity: 1,
        },
        encoding: {
          x: { field: "step", type: "quantitative", scale: x.scale },
          y: { field: "acc", type: "quantitative", scale: y.scale },
          color: runColor(true),
          shape: {
            field: "mark",
            type: "nominal",
            scale: { domain: ["memorised", "generalised"], range: ["circle", "triangle-up"] },
            legend: { title: null, orient: "bottom", direction: "horizontal" },
          },
          tooltip: [
            { field: "run", type: "nominal" },
            { field: "mark", type: "nominal", title: "phase" },
            { field: "step", type: "quantitative" },
          ],
        },
      });
    }
    return { height: panelHeight, width: plotWidth, layer: layers };
  };
  const title =
    options.title !== undefined || subtitle.length > 0
      ? {
          text: options.title ?? "",
          ...(subtitle.length > 0
            ? {
                subtitle,
                subtitleFontSize: size.fontSize,
                subtitleColor: neutral.muted,
              }
            : {}),
        }
      : undefined;
  const spec = baseSpec(size, undefined, {
    ...(title ? { title } : {}),
    vconcat: panels.map(panelSpec),
    resolve: { scale: { color: "shared", fill: "shared", shape: "shared", strokeDash: "shared" } },
  });
  return createChart("grokking", spec, size, note ? [note] : []);
}
