/**
 * The emergence atlas: what ~150 real language models of 47 families (Ruan et al. 2024), Pythia's training
 * checkpoints and GPT-3's published arithmetic show about emergence — an emergence map with thresholds
 * against params and FLOPs beside Wei et al.'s Table 1, the metric swap, inverse and U-shaped scaling,
 * chain of thought and in-context learning by scale, emergence in training time, multi-step composition
 * and a predictability backtest.
 * @packageDocumentation
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { StudyFigure, StudyOptions, StudyResult, StudyTable } from "@emerge/example-study-kit";
import { type CompositionHeadline, composition } from "./composition.js";
import { type CotHeadline, chainOfThought } from "./cot.js";
import { type Gpt3IclRow, type IclRow, inContextLearning } from "./icl.js";
import { emergenceMap, type MapHeadline } from "./map.js";
import { type BacktestHeadline, backtest } from "./predictability.js";
import type { AtlasSection, AtlasSettings } from "./section.js";
import { metricSwap, type SwapEntry } from "./swap.js";
import { type TrainingHeadline, trainingTime } from "./training.js";
import { type TruthfulEntry, truthfulScaling } from "./truthful.js";
import { mmluVerdicts, type WeiComparison, weiComparison } from "./wei.js";

export type { StudyFigure, StudyOptions, StudyResult, StudyTable } from "@emerge/example-study-kit";
export { type CompositionHeadline, composition, type PowerFit } from "./composition.js";
export { type CotFamily, type CotHeadline, chainOfThought } from "./cot.js";
export { type Crossover, crossover } from "./crossover.js";
export { type Gpt3IclRow, type IclRow, inContextLearning } from "./icl.js";
export { countVerdicts, emergenceMap, type MapEntry, type MapHeadline, VERDICTS } from "./map.js";
export { AXES, type Axis, type BacktestEntry, type BacktestHeadline, backtest } from "./predictability.js";
export type { AtlasSection, AtlasSettings } from "./section.js";
export { metricSwap, type SwapEntry } from "./swap.js";
export { type Crossing, type TrainingHeadline, trainingTime } from "./training.js";
export { type Shape, type TruthfulEntry, truthfulScaling } from "./truthful.js";
export {
  type ClassifyOptions,
  classifySeries,
  type SeriesVerdict,
  type Verdict,
} from "./verdict.js";

/** Headline numbers of the atlas: each section's own. */
export interface AtlasHeadline {
  readonly map: MapHeadline;
  readonly swap: readonly SwapEntry[];
  readonly truthful: readonly TruthfulEntry[];
  readonly cot: CotHeadline;
  readonly icl: { readonly pythia: readonly IclRow[]; readonly gpt3: readonly Gpt3IclRow[] };
  readonly training: TrainingHeadline;
  readonly composition: CompositionHeadline;
  readonly backtest: BacktestHeadline;
  /** Wei et al.'s Table 1 rows this data can test, beside what it shows. */
  readonly wei: readonly WeiComparison[];
  readonly settings: AtlasSettings;
}

/**
 * Run every section (bootstrap replicates 100 and 1000 crossover draws; 20 and 200 with `quick`).
 *
 * @example
 * ```ts
 * const { headline } = await run({ quick: true, outDir: "out/atlas" });
 * headline.map.verdicts.emergent;
 * ```
 */
export async function run(options: StudyOptions): Promise<StudyResult<AtlasHeadline>> {
  const settings: AtlasSettings = options.quick
    ? { replicates: 20, draws: 200, seed: "atlas" }
    : { replicates: 100, draws: 1000, seed: "atlas" };
  const p = options.onProgress;
  const map = emergenceMap(settings, p);
  p?.("metric swap");
  const swap = metricSwap(settings);
  p?.("inverse and U-shaped scaling");
  const truthful = truthfulScaling();
  p?.("chain of thought");
  const cot = chainOfThought(settings);
  p?.("in-context learning");
  const icl = inContextLearning();
  p?.("training time");
  const training = trainingTime();
  p?.("composition");
  const comp = composition();
  p?.("predictability backtest");
  const back = backtest();
  p?.("Wei et al. Table 1 comparison");
  const wei = weiComparison(map.headline, truthful.headline, cot.headline, mmluVerdicts(settings));
  const parts: [string, AtlasSection<unknown>][] = [
    ["Emergence map", { ...map, tables: [...map.tables, wei.table] }],
    ["Metric swap", swap],
    ["Inverse and U-shaped scaling", truthful],
    ["Chain of thought by scale", cot],
    ["In-context learning by scale", icl],
    ["Emergence in training time", training],
    ["Multi-step composition", comp],
    ["Is emergence predictable?", back],
  ];
  const headline: AtlasHeadline = {
    map: map.headline,
    swap: swap.headline,
    truthful: truthful.headline,
    cot: cot.headline,
    icl: icl.headline,
    training: training.headline,
    composition: comp.headline,
    backtest: back.headline,
    wei: wei.rows,
    settings,
  };
  await mkdir(options.outDir, { recursive: true });
  // The raw analysis minus the fitted models (those hold functions): verdicts, thresholds, gains, errors.
  await writeFile(
    join(options.outDir, "atlas.json"),
    `${JSON.stringify(headline, (k, v) => (k === "sigmoid" || k === "smooth" || k === "result" ? undefined : v), 2)}\n`,
  );
  const figures: StudyFigure[] = parts.flatMap(([, s]) => s.figures);
  const tables: StudyTable[] = parts.flatMap(([, s]) => s.tables);
  return {
    title: "The emergence atlas: real language models",
    summary:
      `What ${map.headline.entries.length} emergent-task × family series of Ruan et al.'s ~150 public base models, Pythia's ` +
      "training checkpoints and GPT-3's published arithmetic show, section by section. Every verdict comes from " +
      "@emerge/fit's emergence() with binomial noise from each task's question count; every number is measured on the " +
      "carried data (@emerge/llm-results), and each section says where it disagrees with the published claims.",
    headline,
    figures,
    tables,
    sections: parts.map(([title, s]) => ({
      title,
      text: s.text,
      figureIds: s.figures.map((f) => f.id),
      tableIds: s.tables.map((t) => t.id),
    })),
  };
}

export { type AtlasSummary, study } from "./study.js";
