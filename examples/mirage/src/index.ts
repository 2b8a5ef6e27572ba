/**
 * "Is emergence a mirage?" in a box (Schaeffer, Miranda & Koyejo 2023): a family of MLPs of growing width
 * learns L-digit carry-less addition, one modular-addition problem per digit; exact match looks emergent
 * while per-digit accuracy and token edit distance change smoothly, and exact match ≈ (per-digit accuracy)^L.
 * @packageDocumentation
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { StudyFigure, StudyOptions, StudyResult, StudyTable } from "@emerge/example-study-kit";
import type { EmergenceResult } from "@emerge/fit";
import { emergenceChart, lineChart } from "@emerge/plot";
import { analyseFamily, byWidth, type MetricFit, type MirageAnalysis, type WidthScores } from "./analyse.js";
import { type MirageConfig, mirageConfig } from "./config.js";
import { type FamilyMember, trainMember } from "./family.js";

export type { StudyFigure, StudyOptions, StudyResult, StudyTable } from "@emerge/example-study-kit";
export { analyseFamily, byWidth, type MetricFit, type MirageAnalysis, type WidthScores } from "./analyse.js";
export { type MirageConfig, mirageConfig } from "./config.js";
export { type FamilyMember, trainMember } from "./family.js";
export { type Predictions, predictionsFromLogits } from "./predict.js";
export { type DigitProblems, renderProblem, sampleProblems, writeDigits } from "./problems.js";
export { type MirageScores, scoreProblems } from "./score.js";

/** Headline numbers of the mirage study. */
export interface MirageHeadline {
  readonly task: string;
  readonly widths: readonly number[];
  readonly rows: readonly WidthScores[];
  /** emergence() verdict per metric. */
  readonly fits: readonly MetricFit[];
  /** Largest |exact match − per-digit accuracy^L| over the widths. */
  readonly maxGapToPowerL: number;
  /** R² of measured exact match against a smooth per-digit law raised to L (@emerge/fit's mirage()). */
  readonly mirageR2: number;
  /** mirageR2 ≥ 0.9: the smooth per-digit law explains the jump. */
  readonly explainedBySmooth: boolean;
}

const sig = (v: number, d = 3) => Number(v.toPrecision(d));

/**
 * What the chart marks: the fits always, the threshold only when emergence() identified one (an emergent
 * verdict whose interval stays inside the family's sizes).
 */
function chartResult(r: EmergenceResult) {
  const t = r.threshold;
  return {
    verdict: r.verdict,
    models: r.models,
    threshold:
      r.verdict === "emergent" && t?.identified && t.ci ? { value: t.value, ci: [t.ci[0], t.ci[1]] } : null,
  };
}

/** The study's two tables: scores by width and emergence() per metric (one header per column). */
export function mirageTables(
  rows: readonly WidthScores[],
  analysis: MirageAnalysis,
  config: MirageConfig,
): StudyTable[] {
  return [
    {
      id: "mirage-family",
      title: "Scores by width",
      columns: [
        "width",
        "parameters",
        "held-out digit acc",
        "per-digit accuracy",
        `per-digit^${config.digits}`,
        "exact match",
        "edit distance",
        "cross-entropy (nats)",
        "p(right digit)",
      ],
      rows: rows.map((r) => [
        r.width,
        r.params,
        sig(r.testAcc),
        sig(r.perDigitAccuracy),
        sig(r.impliedExactMatch),
        sig(r.exactMatch),
        sig(r.editDistance),
        sig(r.crossEntropy),
        sig(r.targetProbability),
      ]),
    },
    {
      id: "mirage-fits",
      title: "emergence() per metric",
      columns: [
        "metric",
        "kind",
        "verdict",
        "sigmoid weight",
        "LRT p",
        "threshold (params)",
        "slope per decade",
        "10→90% rise (decades)",
        "emergence score",
        "reason",
      ],
      rows: analysis.fits.map((f) => [
        f.metric,
        f.kind,
        f.verdict,
        sig(f.sigmoidWeight),
        sig(f.lrtPValue),
        sig(f.threshold),
        sig(f.slopePerDecade),
        sig(f.riseDecades),
        sig(f.emergenceScore),
        f.reason,
      ]),
    },
  ];
}

/**
 * Train the family one width at a time, score it, fit every metric.
 *
 * @example
 * ```ts
 * const { headline } = await run({ quick: true, outDir: "out/mirage" });
 * headline.fits.map((f) => `${f.metric}: ${f.verdict}`);
 * ```
 */
export async function run(options: StudyOptions): Promise<StudyResult<MirageHeadline>> {
  const config = mirageConfig(options.quick);
  const members: FamilyMember[] = [];
  for (const width of config.widths) {
    for (const seed of config.seeds) {
      const m = await trainMember(config, width, seed);
      members.push(m);
      options.onProgress?.(
        `width ${width} seed ${seed}: per-digit ${(100 * m.scores.perDigitAccuracy).toFixed(1)}%, exact match ${(100 * m.scores.exactMatch).toFixed(1)}%`,
      );
    }
  }
  const rows = byWidth(members, config.digits);
  const analysis = analyseFamily(
    rows,
    config.base,
    config.digits,
    config.problems,
    options.quick ? 100 : 400,
    config.seeds.length,
  );
  const task = `${config.digits}-digit carry-less addition in base ${config.base} (each digit (x_k + y_k) mod ${config.base})`;
  const headline: MirageHeadline = {
    task,
    widths: config.widths,
    rows,
    fits: analysis.fits,
    maxGapToPowerL: analysis.maxGapToPowerL,
    mirageR2: analysis.mirage.r2,
    explainedBySmooth: analysis.mirage.r2 >= 0.9,
  };
  await mkdir(options.outDir, { recursive: true });
  await writeFile(join(options.outDir, "mirage.json"), `${JSON.stringify({ headline, members }, null, 2)}\n`);

  const points = (f: (r: WidthScores) => number) => rows.map((r) => ({ size: r.params, score: f(r) }));
  const sizes = rows.map((r) => r.params);
  // Pin the x axis to the family: a smooth curve's sigmoid midpoint can lie far outside it.
  const xDomain: [number, number] = [Math.min(...sizes) / 1.5, Math.max(...sizes) * 1.5];
  const short = `L = ${config.digits}`;
  const metrics = emergenceChart({
    panels: [
      {
        task: short,
        metric: "exact match",
        points: points((r) => r.exactMatch),
        result: chartResult(analysis.results["exact match"]),
      },
      {
        task: short,
        metric: "per-digit accuracy",
        points: points((r) => r.perDigitAccuracy),
        result: chartResult(analysis.results["per-digit accuracy"]),
        chance: 1 / config.base,
      },
      {
        task: short,
        metric: "edit distance / L",
        points: points((r) => r.editDistance / config.digits),
        result: chartResult(analysis.results["token edit distance"]),
      },
      {
        task: short,
        metric: `cross-entropy / ln ${config.base}`,
        points: points((r) => r.crossEntropy / Math.log(config.base)),
        result: chartResult(analysis.results["per-digit cross-entropy"]),
      },
    ],
    columns: 2,
    x: { title: "Parameters", domain: xDomain },
    // An over-confident wrong model has cross-entropy above a uniform guess's: keep it in view.
    y: {
      title: "Score",
      domain: [0, Math.max(1, ...rows.map((r) => r.crossEntropy / Math.log(config.base)))],
    },
    title: "One family of models, four metrics",
    size: "page",
  });
  const power = lineChart({
    series: [
      { name: "exact match (measured)", points: rows.map((r) => ({ x: r.params, y: r.exactMatch })) },
      {
        name: `per-digit accuracy^${config.digits}`,
        points: rows.map((r) => ({ x: r.params, y: r.impliedExactMatch })),
        dashed: true,
      },
      { name: "per-digit accuracy", points: rows.map((r) => ({ x: r.params, y: r.perDigitAccuracy })) },
    ],
    points: true,
    x: { title: "Parameters", scale: "log", domain: xDomain },
    y: { title: "Score", domain: [0, 1] },
    title: `Exact match ≈ (per-digit accuracy)^${config.digits}`,
    size: "page",
  });
  const figures: StudyFigure[] = [
    {
      id: "mirage-metrics",
      title: "Exact match vs per-digit metrics",
      caption:
        `${task}; MLP widths ${config.widths.join(", ")}, ${config.steps} full-batch AdamW steps each, ` +
        `${config.problems} held-out problems per model. Each panel is fitted with emergence(): bounded sigmoid in log ` +
        "size (solid) against the best smooth alternative (dashed); a threshold is marked only where emergence() " +
        "calls the metric emergent and identifies one. Cross-entropy is −log p(right digit) divided by that of a " +
        "uniform guess.",
      chart: metrics,
    },
    {
      id: "mirage-power",
      title: "Exact match is per-digit accuracy to the power L",
      caption:
        `Measured exact match against the L-th power of measured per-digit accuracy (largest gap ` +
        `${sig(analysis.maxGapToPowerL)}). A smooth power law fitted to −log(per-digit accuracy), raised to L ` +
        `(@emerge/fit's mirage()), matches exact match with R² ${sig(analysis.mirage.r2)}.`,
      chart: power,
    },
  ];
  const tables = mirageTables(rows, analysis, config);
  const verdicts = analysis.fits.map((f) => `${f.metric}: ${f.verdict} (${f.reason})`);
  return {
    title: "Is emergence a mirage?",
    summary:
      `${task}, MLP widths ${config.widths[0]}–${config.widths.at(-1)}. ${verdicts.join("; ")}. Exact match stays within ` +
      `${sig(analysis.maxGapToPowerL, 2)} of (per-digit accuracy)^${config.digits}; a smooth power law for per-digit accuracy (mirage()) raised to ${config.digits} gives R² = ${sig(analysis.mirage.r2)} against it.`,
    headline,
    figures,
    tables,
  };
}
export { study } from "./study.js";
