import { requirePositive } from "../data.js";
import { FitError } from "../errors.js";
import { logLinear } from "../families/sigmoid-log.js";
import { fit } from "../fit.js";
import type { FitResult } from "../result.js";
import { emergenceScore } from "./emergence-score.js";

/** Inputs of {@link mirage}. */
export interface MirageInput {
  /** Model sizes. */
  readonly sizes: readonly number[];
  /** Mean per-token probability of the correct answer at each size (the continuous metric), in (0, 1]. */
  readonly perTokenProbability: readonly number[];
  /** The discontinuous metric observed at each size (e.g. exact-match accuracy), in [0, 1]. */
  readonly observed: readonly number[];
  /** Answer length L in tokens: exact match ≈ p^L (Schaeffer et al. 2023). */
  readonly length: number;
  /** R² of observed vs predicted needed to call the jump explained (default 0.9). */
  readonly minR2?: number;
}

/** Whether a smooth per-token curve explains the discontinuous metric. */
export interface MirageResult {
  /** Smooth fit of log(−log p) linear in log₁₀ size, i.e. per-token cross-entropy as a power law. */
  readonly smooth: FitResult;
  /** Per-token probability from the smooth fit at each size. */
  readonly smoothProbability: number[];
  /** Predicted discontinuous metric p̂^L at each size. */
  readonly predicted: number[];
  /** R² of the observed metric against the prediction. */
  readonly r2: number;
  /** Largest |observed − predicted|. */
  readonly maxAbsError: number;
  /** BIG-bench emergence score of the observed metric and of the per-token probability. */
  readonly emergenceScore: { readonly observed: number; readonly perToken: number };
  /** True when the smooth per-token curve reproduces the jump (r2 ≥ minR2). */
  readonly explainedBySmooth: boolean;
}

/**
 * The "mirage" check of Schaeffer, Miranda & Koyejo (2023): if per-token probability p improves
 * smoothly with scale, exact match over an L-token answer scales as p^L and looks like a sudden
 * jump. Fits a smooth power law to the per-token cross-entropy −log p, predicts p̂^L, and tests
 * whether that reproduces the observed discontinuous metric.
 *
 * @example
 * ```ts
 * const sizes = [1e8, 1e9, 1e10, 1e11, 1e12];
 * const p = sizes.map((n) => Math.exp(-3 * (n / 1e8) ** -0.35));
 * const r = mirage({ sizes, perTokenProbability: p, observed: p.map((v) => v ** 5), length: 5 });
 * r.explainedBySmooth; // true
 * ```
 */
export function mirage(input: MirageInput): MirageResult {
  const { sizes, perTokenProbability: p, observed, length } = input;
  if (!Array.isArray(sizes) || !Array.isArray(p) || !Array.isArray(observed)) {
    throw new FitError("invalid-data", "sizes, perTokenProbability and observed must be arrays");
  }
  if (p.length !== sizes.length || observed.length !== sizes.length) {
    throw new FitError("length-mismatch", "sizes, perTokenProbability and observed must have equal lengths");
  }
  if (!Number.isInteger(length) || length < 1)
    throw new FitError("invalid-option", `length must be a positive integer`);
  if (sizes.length < 3) throw new FitError("too-few-points", "the mirage check needs at least 3 sizes");
  requirePositive(sizes, "sizes");
  p.forEach((v, i) => {
    if (!(v > 0 && v <= 1))
      throw new FitError("invalid-data", `perTokenProbability[${i}] = ${v} must be in (0, 1]`);
  });
  observed.forEach((v, i) => {
    if (!(v >= 0 && v <= 1)) throw new FitError("invalid-data", `observed[${i}] = ${v} must be in [0, 1]`);
  });
  // −log p = 0 (p = 1) has no logarithm; clamp at a cross-entropy far below any real model's.
  const logCe = p.map((v) => Math.log(Math.max(-Math.log(v), 1e-12)));
  const smooth = fit(logLinear(), { x: sizes, y: logCe });
  const fittedLogCe = smooth.predict(sizes);
  const smoothProbability = fittedLogCe.map((l) => Math.exp(-Math.exp(l)));
  const predicted = smoothProbability.map((q) => q ** length);
  const mean = observed.reduce((s, v) => s + v, 0) / observed.length;
  let ssRes = 0;
  let ssTot = 0;
  let maxAbsError = 0;
  observed.forEach((v, i) => {
    const e = v - predicted[i]!;
    ssRes += e * e;
    ssTot += (v - mean) ** 2;
    maxAbsError = Math.max(maxAbsError, Math.abs(e));
  });
  const r2 = ssTot > 0 ? 1 - ssRes / ssTot : ssRes === 0 ? 1 : 0;
  const minR2 = input.minR2 ?? 0.9;
  return {
    smooth,
    smoothProbability,
    predicted,
    r2,
    maxAbsError,
    emergenceScore: { observed: emergenceScore(sizes, observed), perToken: emergenceScore(sizes, p) },
    explainedBySmooth: r2 >= minR2,
  };
}
