import type { EmergenceResult } from "@emerge/fit";
import {
  type Chart,
  categorical,
  type EmergencePanel,
  emergenceChart,
  formatSI,
  type KeyNumber,
  lineChart,
  type ReportSection,
  report,
  type Series,
  type TableCell,
} from "@emerge/plot";
import { type DifficultyFit, fitDifficulty } from "./analysis.js";
import type { StudyOptions } from "./args.js";
import { analyzeSizes, mostInformative, type SizeAnalysis } from "./emergence.js";
import type { StudyData, SuiteRun } from "./study.js";
import { type Suite, suites } from "./suites.js";

/** Everything the report shows, also written as summary.json. */
export interface StudySummary {
  /** The servers asked (usually one). */
  readonly endpoints: readonly string[];
  readonly models: StudyOptions["models"];
  readonly suites: {
    readonly suite: string;
    readonly difficulty: string;
    readonly models: {
      readonly model: string;
      readonly size: number | null;
      readonly levels: {
        readonly level: number;
        readonly n: number;
        readonly errors: number;
        readonly exactMatch: number | null;
        readonly exactMatchCI: readonly [number, number] | null;
        readonly tokenAccuracy: number | null;
        readonly editDistance: number | null;
      }[];
      readonly fit: DifficultyFit extends infer F ? (F extends { ok: true } ? Omit<F, "curve"> : F) : never;
    }[];
  }[];
  readonly sizes: {
    readonly suite: string;
    readonly level: number;
    readonly verdict: string | null;
    readonly threshold: number | null;
    readonly thresholdCI: readonly number[] | null;
    readonly reason: string | null;
  }[];
  readonly totals: {
    readonly requests: number;
    readonly cached: number;
    readonly errors: number;
    readonly elapsedMs: number;
  };
}

/** The rendered outputs of a study. */
export interface StudyReport {
  readonly html: string;
  readonly summary: StudySummary;
  /** Figures by file stem, as SVG. */
  readonly figures: ReadonlyMap<string, string>;
}

const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? "–" : `${(100 * v).toFixed(0)}%`;

function accuracyChart(
  suite: Suite,
  runs: readonly SuiteRun[],
  fits: ReadonlyMap<SuiteRun, DifficultyFit>,
): Chart | null {
  const series: Series[] = [];
  runs.forEach((run, i) => {
    const color = categorical[i % categorical.length] as string;
    const points = run.levels
      .filter((l) => l.exactMatch !== null)
      .map((l) => ({
        x: l.level,
        y: l.exactMatch?.mean as number,
        lower: l.exactMatch?.lo as number,
        upper: l.exactMatch?.hi as number,
      }));
    if (points.length === 0) return;
    series.push({ name: run.model.name, points, color });
    const f = fits.get(run);
    if (f?.ok)
      series.push({ name: `${run.model.name} · logistic fit`, points: f.curve, color, dashed: true });
  });
  if (series.length === 0) return null;
  return lineChart({
    series,
    x: { title: suite.difficulty.label },
    y: { title: "exact match", domain: [0, 1] },
    title: `${suite.title}: exact match`,
    size: "page",
  });
}

function continuousChart(suite: Suite, runs: readonly SuiteRun[]): Chart | null {
  const series: Series[] = runs
    .map((run, i) => ({
      name: run.model.name,
      color: categorical[i % categorical.length] as string,
      points: run.levels
        .filter((l) => l.tokenAccuracy !== null)
        .map((l) => ({
          x: l.level,
          y: l.tokenAccuracy?.mean as number,
          lower: l.tokenAccuracy?.lo as number,
          upper: l.tokenAccuracy?.hi as number,
        })),
    }))
    .filter((s) => s.points.length > 0);
  if (series.length === 0) return null;
  return lineChart({
    series,
    x: { title: suite.difficulty.label },
    y: { title: "per-character accuracy", domain: [0, 1] },
    title: `${suite.title}: per-character accuracy`,
    size: "page",
  });
}

/** The fits always; the threshold only when emergence() calls the curve emergent and identifies one. */
function chartResult(r: EmergenceResult) {
  const t = r.threshold;
  return {
    verdict: r.verdict,
    models: r.models,
    threshold:
      r.verdict === "emergent" && t?.identified && t.ci ? { value: t.value, ci: [t.ci[0], t.ci[1]] } : null,
  };
}

function sizeChart(analyses: readonly SizeAnalysis[], suiteOrder: readonly string[]): Chart | null {
  const panels: EmergencePanel[] = [];
  for (const name of suiteOrder) {
    const a = mostInformative(analyses, name as Suite["name"]);
    if (!a || a.points.length === 0) continue;
    const suite = suites[a.suite];
    const task = `${suite.title.replace(/ \(chain of thought\)/, "")}, ${suite.difficulty.key} ${a.level}`;
    panels.push({
      task,
      metric: "exact match",
      points: a.points.map((p) => ({ size: p.size, score: p.exactMatch })),
      ...(a.result ? { result: chartResult(a.result) } : {}),
      chance: suite.chance,
    });
    panels.push({
      task,
      metric: "per-character accuracy",
      points: a.points.map((p) => ({ size: p.size, score: p.tokenAccuracy })),
    });
  }
  if (panels.length === 0) return null;
  return emergenceChart({
    panels,
    columns: 2,
    x: { title: "parameters" },
    title: "Score vs model size",
    size: "page",
  });
}

function fitText(f: DifficultyFit, suite: Suite): string {
  if (!f.ok) return `no fit (${f.reason})`;
  return `halves at ${suite.difficulty.key} ${f.mid.toFixed(2)} ± ${f.midStderr.toFixed(2)}, slope ${f.slope.toFixed(2)} ± ${f.slopeStderr.toFixed(2)}${f.converged ? "" : " (not converged)"}`;
}

/**
 * Analyse a study (difficulty fits, and the size analysis when models carry sizes) and lay it out
 * as a self-contained HTML page with `@emerge/plot`'s `report()`.
 */
export async function buildReport(
  options: StudyOptions,
  data: StudyData,
  command: string,
): Promise<StudyReport> {
  const figures = new Map<string, string>();
  const sections: ReportSection[] = [];
  const keyNumbers: KeyNumber[] = [];
  const summarySuites: StudySummary["suites"][number][] = [];
  const fits = new Map<SuiteRun, DifficultyFit>();
  for (const run of data.runs) fits.set(run, fitDifficulty(run, suites[run.suite]));

  sections.push({
    type: "text",
    text:
      `Each model answered ${options.n} prompts per difficulty level with ${options.shots} exemplars each ` +
      `(greedy decoding, ${options.api} API). Exact match compares the extracted answer with the reference; ` +
      `per-character accuracy is the continuous view of the same answers (Schaeffer et al. 2023): a sharp ` +
      `drop in exact match over a smooth decline in per-character accuracy is the metric, not the model. ` +
      `Shaded bands are 95% bootstrap intervals; dashed curves are logistic fits ` +
      `chance + (1 − chance)/(1 + exp(slope·(d − mid))) by @emerge/fit.`,
  });

  for (const name of options.suites) {
    const suite = suites[name];
    const runs = data.runs.filter((r) => r.suite === name);
    if (runs.length === 0) continue;
    sections.push({ type: "heading", text: suite.title, level: 1 });
    sections.push({
      type: "text",
      text: `${suite.style === "chain-of-thought" ? "Chain-of-thought" : "Few-shot"} prompts; ${suite.source}. Chance: ${pct(suite.chance)}.`,
    });
    const exact = accuracyChart(suite, runs, fits);
    const continuous = continuousChart(suite, runs);
    if (exact && continuous) {
      const exactSVG = await exact.toSVG();
      const continuousSVG = await continuous.toSVG();
      figures.set(`${name}-exact-match`, exactSVG);
      figures.set(`${name}-per-character`, continuousSVG);
      sections.push({
        type: "figure",
        svg: exactSVG,
        caption: `Exact match vs ${suite.difficulty.label}, one line per model; dashed: logistic fit.`,
      });
      sections.push({
        type: "figure",
        svg: continuousSVG,
        caption: `Per-character accuracy of the same answers vs ${suite.difficulty.label}.`,
      });
    } else {
      const failed = runs.flatMap((r) => r.results).find((r) => r.error !== null);
      sections.push({
        type: "text",
        text: `No answers for this suite${failed?.error ? `: every request failed (first error: ${failed.error.code}: ${failed.error.message})` : ""}. Rerun the same command to retry.`,
      });
    }
    const rows: TableCell[][] = [];
    for (const run of runs) {
      for (const l of run.levels) {
        rows.push([
          run.model.name,
          l.level,
          l.n,
          l.exactMatch ? `${pct(l.exactMatch.mean)} [${pct(l.exactMatch.lo)}, ${pct(l.exactMatch.hi)}]` : "–",
          l.tokenAccuracy ? Number(l.tokenAccuracy.mean.toFixed(3)) : null,
          l.editDistance ? Number(l.editDistance.mean.toFixed(2)) : null,
          l.errors,
        ]);
      }
      const f = fits.get(run) as DifficultyFit;
      keyNumbers.push({
        label: `${run.model.name} · ${suite.name}`,
        value: f.ok ? `${suite.difficulty.key} ${f.mid.toFixed(1)}` : "–",
        detail: f.ok ? `exact match halves (± ${f.midStderr.toFixed(1)})` : f.reason,
      });
    }
    sections.push({
      type: "table",
      columns: [
        "model",
        suite.difficulty.key,
        "n",
        "exact match [95% CI]",
        "per-char acc",
        "edit distance",
        "errors",
      ],
      rows,
      caption: runs.map((r) => `${r.model.name}: ${fitText(fits.get(r) as DifficultyFit, suite)}`).join("; "),
    });
    const sample = runs[0]?.results.find((r) => r.output !== null);
    if (sample) {
      sections.push({
        type: "code",
        text: `${sample.prompt}⟨model⟩${sample.output}`,
        caption: `One prompt as sent (${runs[0]?.model.name}, ${suite.difficulty.key} ${String(sample.difficulty[suite.difficulty.key])}); reference answer "${sample.answer}", extracted "${sample.extracted}".`,
      });
    }
    summarySuites.push({
      suite: name,
      difficulty: suite.difficulty.key,
      models: runs.map((run) => {
        const f = fits.get(run) as DifficultyFit;
        const { curve: _curve, ...fitSummary } = f.ok ? f : { ...f, curve: undefined };
        return {
          model: run.model.name,
          size: run.model.size ?? null,
          levels: run.levels.map((l) => ({
            level: l.level,
            n: l.n,
            errors: l.errors,
            exactMatch: l.exactMatch?.mean ?? null,
            exactMatchCI: l.exactMatch ? ([l.exactMatch.lo, l.exactMatch.hi] as const) : null,
            tokenAccuracy: l.tokenAccuracy?.mean ?? null,
            editDistance: l.editDistance?.mean ?? null,
          })),
          fit: fitSummary as StudySummary["suites"][number]["models"][number]["fit"],
        };
      }),
    });
  }

  const analyses = analyzeSizes(data, options.bootstrap);
  if (analyses.length > 0) {
    sections.push({ type: "heading", text: "Score vs model size", level: 1 });
    sections.push({
      type: "text",
      text:
        "For each suite, the difficulty level where the models differ most, against parameter count. " +
        "@emerge/fit's emergence() compares a sigmoid in log size with smooth alternatives (AICc weights, " +
        "likelihood-ratio test) and reports the threshold where the sigmoid rises.",
    });
    const chart = sizeChart(analyses, options.suites);
    if (chart) {
      const svg = await chart.toSVG();
      figures.set("score-vs-size", svg);
      sections.push({
        type: "figure",
        svg,
        caption: "Exact match (left) and per-character accuracy (right) vs parameters.",
      });
    }
    sections.push({
      type: "table",
      columns: ["suite", "level", "models", "verdict", "threshold", "95% CI"],
      rows: analyses.map((a) => [
        a.suite,
        a.level,
        a.points.length,
        a.result?.verdict ?? a.reason ?? "–",
        a.result?.threshold ? formatSI(a.result.threshold.value) : "–",
        a.result?.threshold?.ci
          ? `${formatSI(a.result.threshold.ci[0])} – ${formatSI(a.result.threshold.ci[1])}`
          : "–",
      ]),
    });
  }

  sections.push({ type: "heading", text: "Reproduce", level: 1 });
  sections.push({
    type: "code",
    text: command,
    caption: `Answers are cached in ${options.cache}: rerunning makes no requests for prompts already answered.`,
  });

  const endpoints = [
    ...new Set(
      options.models.map((m) => m.endpoint ?? options.endpoint).filter((e): e is string => e !== undefined),
    ),
  ];
  const html = report([{ type: "keyNumbers", items: keyNumbers }, ...sections], {
    title: "In-context learning: accuracy vs difficulty",
    subtitle: `${options.models.map((m) => (m.size ? `${m.name} (${formatSI(m.size)})` : m.name)).join(", ")} · ${endpoints.join(", ")} · ${data.requests} requests, ${data.cached} cached`,
  });
  return {
    html,
    figures,
    summary: {
      endpoints,
      models: options.models,
      suites: summarySuites,
      sizes: analyses.map((a) => ({
        suite: a.suite,
        level: a.level,
        verdict: a.result?.verdict ?? null,
        threshold: a.result?.threshold?.value ?? null,
        thresholdCI: a.result?.threshold?.ci ? [...a.result.threshold.ci] : null,
        reason: a.reason ?? a.result?.reason ?? null,
      })),
      totals: {
        requests: data.requests,
        cached: data.cached,
        errors: data.errors,
        elapsedMs: data.elapsedMs,
      },
    },
  };
}
