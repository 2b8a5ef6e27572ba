/**
 * Emergence and scaling curves of real language models: OPT 125M–66B zero-shot results from
 * lm-evaluation-harness, each task fitted with @emerge/fit's emergence() under a discrete metric
 * (accuracy) and, for LAMBADA, a continuous one (perplexity).
 * @packageDocumentation
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { StudyFigure, StudyOptions, StudyResult, StudyTable } from "@emerge/example-study-kit";
import { type EmergencePanel, emergenceChart } from "@emerge/plot";
import { OPT_MODELS, OPT_ZERO_SHOT } from "../data/opt-zero-shot.js";
import { analyseSeries, type SeriesVerdict, scoreSeries } from "./analyse.js";

export type { StudyFigure, StudyOptions, StudyResult, StudyTable } from "@emerge/example-study-kit";
export {
  type BenchmarkSeries,
  type LanguageModel,
  OPT_MODELS,
  OPT_ZERO_SHOT,
} from "../data/opt-zero-shot.js";
export { analyseSeries, type ScoredSeries, type SeriesVerdict, scoreSeries } from "./analyse.js";

/** Headline numbers of the LLM-emergence study. */
export interface LlmEmergenceHeadline {
  readonly family: string;
  readonly sizes: readonly number[];
  /** One verdict per (task, metric) series. */
  readonly verdicts: readonly SeriesVerdict[];
  /** Ids of the series called emergent / smooth / inconclusive. */
  readonly emergent: readonly string[];
  readonly smooth: readonly string[];
  readonly inconclusive: readonly string[];
  readonly source: string;
}

const SOURCE =
  "EleutherAI/lm-evaluation-harness (MIT licence), commit 5e59782e, results/opt/opt-<size>/opt-<size>.json";
const sig = (v: number, d = 3) => Number(v.toPrecision(d));

/**
 * Fit every series (400 bootstrap replicates for the threshold intervals; 100 with `quick`).
 *
 * @example
 * ```ts
 * const { headline } = await run({ quick: true, outDir: "out/llm" });
 * headline.verdicts.find((v) => v.id === "lambada_openai/acc")?.verdict;
 * ```
 */
export async function run(options: StudyOptions): Promise<StudyResult<LlmEmergenceHeadline>> {
  const replicates = options.quick ? 100 : 400;
  const analysed = OPT_ZERO_SHOT.map((series) => {
    options.onProgress?.(`fitting ${series.title} (${series.metricTitle})`);
    const scored = scoreSeries(OPT_MODELS, series);
    return { scored, ...analyseSeries(scored, replicates) };
  });
  const verdicts = analysed.map((a) => a.verdict);
  const ids = (v: SeriesVerdict["verdict"]) => verdicts.filter((x) => x.verdict === v).map((x) => x.id);
  const headline: LlmEmergenceHeadline = {
    family: "OPT (Zhang et al. 2022), zero-shot",
    sizes: OPT_MODELS.map((m) => m.params),
    verdicts,
    emergent: ids("emergent"),
    smooth: ids("smooth"),
    inconclusive: ids("inconclusive"),
    source: SOURCE,
  };
  await mkdir(options.outDir, { recursive: true });
  await writeFile(join(options.outDir, "llm-emergence.json"), `${JSON.stringify(headline, null, 2)}\n`);

  const panel = (a: (typeof analysed)[number]): EmergencePanel => ({
    task: a.scored.series.title,
    metric: a.scored.scoreName,
    points: a.scored.sizes.map((size, i) => ({ size, score: a.scored.scores[i] as number })),
    result: a.result,
    ...(a.scored.series.chance !== null ? { chance: a.scored.series.chance } : {}),
  });
  const primary = analysed.filter((a) => a.scored.series.metric !== "acc_norm");
  const tasks = emergenceChart({
    panels: primary.map(panel),
    columns: 4,
    x: { title: "Parameters" },
    title: "OPT zero-shot: sigmoid vs smooth fits per task",
    size: "page",
  });
  const lambadaSeries = analysed.filter((a) => a.scored.series.task === "lambada_openai");
  const pair = emergenceChart({
    panels: lambadaSeries.map(panel),
    columns: 2,
    x: { title: "Parameters" },
    title: "LAMBADA: discrete accuracy vs continuous 1/perplexity",
    size: "page",
  });
  const figures: StudyFigure[] = [
    {
      id: "llm-tasks",
      title: "Every task by model size",
      caption:
        "Zero-shot scores of OPT-125M … OPT-66B with the fitted sigmoid in log size (solid, with its band), the " +
        `best smooth alternative (dashed), chance (dotted) and the sigmoid's midpoint. Data: ${SOURCE}.`,
      chart: tasks,
    },
    {
      id: "llm-lambada",
      title: "LAMBADA under a discrete and a continuous metric",
      caption:
        "The same predictions scored by final-word accuracy and by the target's geometric-mean probability (1/perplexity).",
      chart: pair,
    },
  ];
  const table: StudyTable = {
    id: "llm-verdicts",
    title: "Emergence verdicts",
    columns: [
      "task",
      "metric",
      "kind",
      "verdict",
      "sigmoid weight",
      "LRT p",
      "threshold (params)",
      "emergence score",
      "125M → 66B",
    ],
    rows: verdicts.map((v) => [
      v.task,
      v.metric,
      v.kind,
      v.verdict,
      sig(v.sigmoidWeight),
      sig(v.lrtPValue),
      sig(v.threshold),
      sig(v.emergenceScore),
      `${sig(v.range[0])} → ${sig(v.range[1])}`,
    ]),
    caption:
      "Verdict of @emerge/fit's emergence(): emergent when the sigmoid holds ≥ 75% of the Akaike weight, beats the " +
      "log-linear trend by the likelihood-ratio test (p < 0.05) and has its midpoint inside the sizes; smooth when the " +
      "smooth curves hold ≥ 75%. Points are weighted by the harness's standard errors.",
  };
  const list = (xs: readonly string[]) =>
    xs.length === verdicts.length ? `all ${xs.length}` : xs.length ? xs.join(", ") : "none";
  const lambada = (m: string) =>
    verdicts.find((v) => v.id === `lambada_openai/${m}`)?.verdict ?? "not fitted";
  return {
    title: "Emergence in OPT zero-shot results",
    summary:
      `${verdicts.length} task/metric series over ${OPT_MODELS.length} OPT sizes (125M–66B). Emergent: ` +
      `${list(headline.emergent)}. Smooth: ${list(headline.smooth)}. Inconclusive: ${list(headline.inconclusive)}. ` +
      `LAMBADA is ${lambada("acc")} under accuracy and ${lambada("ppl")} under 1/perplexity.`,
    headline,
    figures,
    tables: [table],
  };
}
export { study } from "./study.js";
