/**
 * Real language-model results as typed data: ~150 public base models of 47 families with size, tokens
 * and FLOPs, their benchmark, emergent-task, GSM8K and BIG-Bench Hard scores (Ruan, Maddison & Hashimoto
 * 2024, Apache-2.0), Pythia scores over training (EleutherAI, Apache-2.0), and two published tables with
 * citations: Wei et al. 2022 Table 1 and Brown et al. 2020 Table H.1.
 * @packageDocumentation
 */
export { LlmResultsError, type LlmResultsErrorCode } from "./errors.js";
export { type MetricInfo, metric, metrics } from "./metrics.js";
export { families, type LanguageModel, type ModelFamily, model, models } from "./models.js";
export {
  BROWN_2020_TABLE_H1,
  type Citation,
  type EmergentScaleRow,
  type Gpt3ArithmeticRow,
  type Gpt3ArithmeticTask,
  WEI_2022_TABLE_1,
} from "./published.js";
export {
  type CheckpointQuery,
  type CheckpointSeries,
  checkpoints,
  PYTHIA_SIZES,
  PYTHIA_TOKENS_PER_STEP,
  type PythiaSize,
  pythiaTasks,
} from "./pythia.js";
export { type FamilySeries, MAX_MIN_SIZES, type SeriesPoint, series, seriesByFamily } from "./series.js";
export type { CheckpointRecord, MetricColumn, MetricGroup, ModelRow } from "./types.js";
