import type { GrokConfig } from "../config.js";
import type { FourierMeasures } from "../metrics/fourier.js";

/** One evaluation of a run (every `evalEvery` steps and at the end). */
export interface EvalRecord {
  /** Optimiser updates done before this evaluation. */
  step: number;
  /** Mean loss on the train split (sequence models: per answer token, teacher-forced). */
  trainLoss: number;
  /** Accuracy on the train split (sequence models: exact match of greedy decoding). */
  trainAcc: number;
  testLoss: number;
  testAcc: number;
  /** Sequence models: mean per-token accuracy of the greedy answers (`@emerge/tasks`' tokenAccuracy). */
  trainTokenAcc?: number;
  testTokenAcc?: number;
  /** Total squared L2 norm of all weights. */
  weightNorm: number;
  /** Fourier progress measures of the token embeddings, on evaluations where they were computed. */
  fourier?: FourierMeasures;
  /** Nanda et al.'s restricted loss (transformer on `add`, on evaluations with Fourier measures). */
  restrictedLoss?: number;
  /** Nanda et al.'s excluded loss (same evaluations). */
  excludedLoss?: number;
  /** Wall-clock seconds of training so far (including time before a resume). */
  elapsedS: number;
}

/** Phases, final metrics and speed of a run. */
export interface RunSummary {
  /** First evaluated step with train accuracy ≥ 99%. */
  memorizationStep: number | null;
  /** First evaluated step with test accuracy ≥ 99%. */
  generalizationStep: number | null;
  /** First evaluated step with test accuracy ≥ 95%. */
  generalization95Step: number | null;
  /** generalizationStep − memorizationStep. */
  plateauSteps: number | null;
  /** Updates done. */
  steps: number;
  /** Training wall-clock seconds (including time before a resume). */
  wallS: number;
  stepsPerS: number;
  /** Backend description, e.g. "cpu (wasm-simd, 2 threads)". */
  backend: string;
  /** The last evaluation. */
  final: { trainAcc: number; testAcc: number; trainLoss: number; testLoss: number };
}

/** What {@link train} returns. */
export interface TrainResult {
  config: GrokConfig;
  metrics: EvalRecord[];
  summary: RunSummary;
}
