import { bootstrap } from "../bootstrap.js";
import { requirePositive } from "../data.js";
import { FitError } from "../errors.js";
import { powerLaw } from "../families/power-law.js";
import { logLinear, sigmoidLog } from "../families/sigmoid-log.js";
import { geometricMean } from "../families/starts.js";
import { fit } from "../fit.js";
import type { Model } from "../models/model.js";
import type { FitResult } from "../result.js";
import { chiSquareSf } from "../stats/distributions.js";
import { emergenceScore } from "./emergence-score.js";

/** Options of {@link emergence}. */
export interface EmergenceOptions {
  /** Bootstrap replicates for the threshold interval (default 400; 0 skips the bootstrap). */
  readonly replicates?: number;
  /** Seed of the bootstrap (default 0). */
  readonly seed?: number | string;
  /** Level of the threshold interval (default 0.95). */
  readonly level?: number;
  /** Significance level of the likelihood-ratio test (default 0.05). */
  readonly alpha?: number;
  /** Akaike weight the sigmoid needs for an "emergent" verdict (default 0.75). */
  readonly weightThreshold?: number;
  /** Standard deviation of each score (e.g. binomial standard errors), used as weights. */
  readonly sigma?: readonly number[];
}

/** One candidate curve in an emergence comparison. */
export interface EmergenceModel {
  readonly name: "sigmoid" | "linear-log" | "power-law";
  readonly aicc: number;
  /** Akaike weight among the candidates (from AICc, or AIC when AICc is undefined for the sample size). */
  readonly weight: number;
  readonly fit: FitResult;
}

/** Verdict and evidence of {@link emergence}. */
export interface EmergenceResult {
  /**
   * `"emergent"`: the sigmoid carries ≥ `weightThreshold` of the Akaike weight, beats the log-linear
   * trend by the likelihood-ratio test and its midpoint lies inside the observed sizes.
   * `"smooth"`: the smooth curves carry ≥ `weightThreshold` of the weight. Otherwise `"inconclusive"`.
   */
  readonly verdict: "emergent" | "smooth" | "inconclusive";
  /** Emergence threshold: the sigmoid's midpoint size, with a bootstrap percentile interval. */
  readonly threshold: {
    readonly value: number;
    readonly ci: [number, number];
    readonly insideRange: boolean;
  };
  readonly models: EmergenceModel[];
  /** Likelihood-ratio test of the sigmoid (4 parameters) against linear-in-log-size (2); χ² with 2 df. */
  readonly lrt: { readonly statistic: number; readonly df: number; readonly pValue: number };
  /** BIG-bench emergence (breakthroughness) score of the raw scores. */
  readonly emergenceScore: number;
  /** `"aicc"`, or `"aic"` when there are too few points for AICc. */
  readonly criterion: "aicc" | "aic";
}

function tryFit(
  model: Model,
  x: readonly number[],
  y: readonly number[],
  sigma: readonly number[] | undefined,
) {
  try {
    return fit(model, sigma ? { x, y, sigma } : { x, y });
  } catch (e) {
    if (e instanceof FitError && (e.code === "NOT_CONVERGED" || e.code === "INVALID_START")) return undefined;
    throw e;
  }
}

/**
 * Is a score-vs-size curve emergent? Fits a sigmoid in log size and two smooth alternatives
 * (linear in log size, and a power law in size), compares them by AICc weights and a
 * likelihood-ratio test, estimates the emergence threshold (the sigmoid's midpoint) with a
 * residual-bootstrap interval, and reports BIG-bench's emergence score.
 *
 * @example
 * ```ts
 * const sizes = [1e8, 3e8, 1e9, 3e9, 1e10, 3e10, 1e11, 3e11];
 * const scores = [0.02, 0.03, 0.02, 0.04, 0.21, 0.55, 0.62, 0.64];
 * const e = emergence(sizes, scores, { seed: 1 });
 * e.verdict; // "emergent"
 * e.threshold.value; // ≈ 1.5e10
 * ```
 */
export function emergence(
  sizes: readonly number[],
  scores: readonly number[],
  options: EmergenceOptions = {},
): EmergenceResult {
  if (!Array.isArray(sizes) || !Array.isArray(scores))
    throw new FitError("INVALID_DATA", "sizes and scores must be arrays");
  if (sizes.length !== scores.length) {
    throw new FitError("LENGTH_MISMATCH", `${sizes.length} sizes but ${scores.length} scores`);
  }
  if (sizes.length < 5)
    throw new FitError("TOO_FEW_POINTS", `emergence needs at least 5 sizes, got ${sizes.length}`);
  for (let i = 0; i < sizes.length; i++) {
    if (!Number.isFinite(sizes[i]!) || !Number.isFinite(scores[i]!)) {
      throw new FitError("INVALID_DATA", `point ${i} (${sizes[i]}, ${scores[i]}) is not finite`);
    }
  }
  requirePositive(sizes, "sizes");
  const level = options.level ?? 0.95;
  const alpha = options.alpha ?? 0.05;
  const wt = options.weightThreshold ?? 0.75;
  const sigma = options.sigma;
  const sig = fit(sigmoidLog(), sigma ? { x: sizes, y: scores, sigma } : { x: sizes, y: scores });
  const lin = fit(logLinear(), sigma ? { x: sizes, y: scores, sigma } : { x: sizes, y: scores });
  const pow = tryFit(
    powerLaw({ reference: geometricMean(sizes), allowNegativeExponent: true }),
    sizes,
    scores,
    sigma,
  );
  const cands: { name: EmergenceModel["name"]; fit: FitResult }[] = [
    { name: "sigmoid", fit: sig },
    { name: "linear-log", fit: lin },
  ];
  if (pow) cands.push({ name: "power-law", fit: pow });
  const criterion = cands.every((c) => Number.isFinite(c.fit.aicc)) ? "aicc" : "aic";
  const ic = cands.map((c) => (criterion === "aicc" ? c.fit.aicc : c.fit.aic));
  const best = Math.min(...ic);
  const raw = ic.map((v) => Math.exp(-0.5 * (v - best)));
  const total = raw.reduce((s, v) => s + v, 0);
  const models: EmergenceModel[] = cands.map((c, k) => ({
    name: c.name,
    aicc: c.fit.aicc,
    weight: raw[k]! / total,
    fit: c.fit,
  }));
  const statistic = Math.max(0, 2 * (sig.logLikelihood - lin.logLikelihood));
  const lrt = { statistic, df: 2, pValue: chiSquareSf(statistic, 2) };
  const mid = sig.params.mid!;
  const lx = sizes.map(Math.log10);
  const insideRange = mid >= Math.min(...lx) && mid <= Math.max(...lx);
  let ci: [number, number] = [Number.NaN, Number.NaN];
  const replicates = options.replicates ?? 400;
  if (replicates > 0) {
    const b = bootstrap(sigmoidLog(), sigma ? { x: sizes, y: scores, sigma } : { x: sizes, y: scores }, {
      replicates,
      seed: options.seed ?? 0,
      method: "residual",
      level,
      fit: { start: sig.paramNames.map((p) => sig.params[p]!) },
    });
    ci = [10 ** b.ci.mid![0], 10 ** b.ci.mid![1]];
  }
  const wSig = models[0]!.weight;
  const verdict =
    wSig >= wt && lrt.pValue < alpha && insideRange ? "emergent" : 1 - wSig >= wt ? "smooth" : "inconclusive";
  return {
    verdict,
    threshold: { value: 10 ** mid, ci, insideRange },
    models,
    lrt,
    emergenceScore: emergenceScore(sizes, scores),
    criterion,
  };
}
