import { requirePositive } from "../data.js";
import { FitError } from "../errors.js";
import { logLinear } from "../families/sigmoid-log.js";
import { fit } from "../fit.js";
import type { FitResult } from "../result.js";
import { type EmergenceOptions, type EmergenceResult, emergence } from "./emergence.js";
import { emergenceScore } from "./emergence-score.js";

/** Inputs of {@link mirage}. */
export interface MirageInput {
  /** Model sizes. */
  readonly sizes: readonly number[];
  /** Mean per-token probability of the correct answer at each size, in (0, 1]. */
  readonly perTokenProbability?: readonly number[];
  /**
   * Any continuous metric of the same outputs (e.g. token edit distance, Brier score, log-likelihood);
   * its curve is classified with {@link emergence} (at least 5 sizes).
   */
  readonly continuous?: readonly number[];
  /** The discontinuous metric observed at each size (e.g. exact-match accuracy), in [0, 1]. */
  readonly observed: readonly number[];
  /** Answer length L in tokens: exact match ≈ p^L (Schaeffer et al. 2023). Required with perTokenProbability. */
  readonly length?: number;
  /** R² of observed vs predicted needed to call the jump explained (default 0.9). */
  readonly minR2?: number;
  /**
   * Options of the {@link emergence} analysis of the continuous metric (e.g. `direction:
   * "lower-is-better"` for an edit distance or a loss, `trials`). Default: none beyond `replicates: 0`.
   */
  readonly continuousOptions?: EmergenceOptions;
  /** Options of the {@link emergence} analysis of the observed metric (e.g. `trials`, `chance`). */
  readonly observedOptions?: EmergenceOptions;
}

/** The per-token analysis of {@link mirage}. */
export interface PerTokenMirage {
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
  /** BIG-bench emergence score of the per-token probability. */
  readonly emergenceScore: number;
}

/** Whether a smooth underlying curve explains the discontinuous metric. */
export interface MirageResult {
  /** Present when per-token probabilities were given. */
  readonly perToken?: PerTokenMirage;
  /** Present when a continuous metric was given: its own emergence analysis. */
  readonly continuous?: EmergenceResult;
  /** BIG-bench emergence score of the observed (discontinuous) metric. */
  readonly observedEmergenceScore: number;
  /** {@link emergence} of the observed metric itself (from 5 sizes): typically "emergent" for exact match. */
  readonly observed?: EmergenceResult;
  /**
   * True when the smooth view reproduces the jump: p̂^L reaches R² ≥ `minR2` (per-token input), and/or
   * the continuous metric's own {@link emergence} verdict is "smooth" (continuous input: it improves, and
   * gradually or predictably); both must hold when both are given.
   */
  readonly explainedBySmooth: boolean;
}

/**
 * The "mirage" check of Schaeffer, Miranda & Koyejo (2023): if per-token probability p improves
 * smoothly with scale, exact match over an L-token answer scales as p^L and looks like a sudden
 * jump. With per-token probabilities it fits a smooth power law to the per-token cross-entropy
 * −log p, predicts p̂^L and tests whether that reproduces the observed metric; with a continuous
 * metric it asks whether that metric's own curve is smooth.
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
  const { sizes, perTokenProbability: p, observed, continuous } = input;
  if (!Array.isArray(sizes) || !Array.isArray(observed)) {
    throw new FitError("INVALID_DATA", "sizes and observed must be arrays");
  }
  if (p === undefined && continuous === undefined) {
    throw new FitError("INVALID_OPTION", "pass perTokenProbability (with length) or a continuous metric");
  }
  if (observed.length !== sizes.length)
    throw new FitError("LENGTH_MISMATCH", "sizes and observed differ in length");
  if (sizes.length < 3) throw new FitError("TOO_FEW_POINTS", "the mirage check needs at least 3 sizes");
  requirePositive(sizes, "sizes");
  observed.forEach((v, i) => {
    if (!(v >= 0 && v <= 1)) throw new FitError("INVALID_DATA", `observed[${i}] = ${v} must be in [0, 1]`);
  });
  if (continuous !== undefined && (!Array.isArray(continuous) || continuous.length !== sizes.length)) {
    throw new FitError("LENGTH_MISMATCH", "sizes and continuous differ in length");
  }
  if (p !== undefined) {
    const length = input.length;
    if (length === undefined || !Number.isInteger(length) || length < 1) {
      throw new FitError("INVALID_OPTION", "length must be a positive integer");
    }
    if (!Array.isArray(p) || p.length !== sizes.length) {
      throw new FitError("LENGTH_MISMATCH", "sizes and perTokenProbability differ in length");
    }
    p.forEach((v, i) => {
      if (!(v > 0 && v <= 1))
        throw new FitError("INVALID_DATA", `perTokenProbability[${i}] = ${v} must be in (0, 1]`);
    });
  }
  // The emergence analyses validate their options before fitting anything: run them first, so a bad
  // option fails before any work.
  const cont =
    continuous !== undefined
      ? emergence(sizes, continuous, { replicates: 0, ...(input.continuousOptions ?? {}) })
      : undefined;
  const own =
    sizes.length >= 5
      ? emergence(sizes, observed, { replicates: 0, ...(input.observedOptions ?? {}) })
      : undefined;
  let perToken: PerTokenMirage | undefined;
  let explained = true;
  if (p !== undefined) {
    const length = input.length as number;
    // −log p = 0 (p = 1) has no logarithm; clamp at a cross-entropy far below any real model's.
    const logCe = p.map((v) => Math.log(Math.max(-Math.log(v), 1e-12)));
    const smooth = fit(logLinear(), { x: sizes, y: logCe });
    const smoothProbability = smooth.predict(sizes).map((l) => Math.exp(-Math.exp(l)));
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
    perToken = {
      smooth,
      smoothProbability,
      predicted,
      r2,
      maxAbsError,
      emergenceScore: emergenceScore(sizes, p),
    };
    explained = r2 >= (input.minR2 ?? 0.9);
  }
  if (cont) explained = explained && cont.verdict === "smooth";
  return {
    ...(perToken ? { perToken } : {}),
    ...(cont ? { continuous: cont } : {}),
    ...(own ? { observed: own } : {}),
    observedEmergenceScore: emergenceScore(sizes, observed),
    explainedBySmooth: explained,
  };
}
