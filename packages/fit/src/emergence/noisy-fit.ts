import { FitError } from "../errors.js";
import { type FitOptions, fit } from "../fit.js";
import type { Model } from "../models/model.js";
import type { FitResult } from "../result.js";
import { type Noise, pearsonChiSquare, pointSd } from "./noise.js";

/** A fit under a noise model and its misfit on the noise's own scale. @internal */
export interface NoisyFit {
  readonly fit: FitResult;
  /** Pearson χ² (binomial or given σ), or the residual sum of squares (estimated noise). */
  readonly chiSquare: number;
}

/** Binomial rounds: the weights follow the fitted curve; 4 rounds move χ² by < 1e-6 on every test series. */
const BINOMIAL_ROUNDS = 4;

/**
 * Fit `model` with weights from `noise`. Binomial scores are fitted by iteratively reweighted least
 * squares: each round weights point i by 1/Var(μᵢ) at the previous round's curve, whose fixed point
 * solves the binomial quasi-likelihood score equations (the maximum-likelihood estimate of a
 * proportion), and uses the σ of the final round as absolute, so standard errors are the binomial
 * ones. Returns undefined when no start converges (the candidate is then left out, not fatal).
 * @internal
 */
export function noisyFit(
  model: Model,
  x: readonly number[],
  y: readonly number[],
  noise: Noise,
  userOptions: FitOptions,
): NoisyFit | undefined {
  // Scores are rarely known to more than 4 digits; a near-exact fit of a step would otherwise creep
  // along a flat valley (slope → ∞) for thousands of evaluations without changing anything reported.
  const options: FitOptions = { maxEvaluations: 400, ftol: 1e-10, xtol: 1e-10, ...userOptions };
  try {
    if (noise.kind === "estimated") {
      const r = fit(model, { x, y }, options);
      return { fit: r, chiSquare: r.rss };
    }
    if (noise.kind === "sigma") {
      const r = fit(model, { x, y, sigma: noise.sigma }, { ...options, absoluteSigma: true });
      return { fit: r, chiSquare: r.rss };
    }
    let sigma = y.map((v, i) => pointSd(noise, i, v));
    let r = fit(model, { x, y, sigma }, { ...options, absoluteSigma: true });
    let best = { fit: r, chiSquare: pearsonChiSquare(noise, y, r.predict(x) as number[]) };
    const { starts: _s, latinHypercube: _l, ...rest } = options;
    for (let round = 1; round < BINOMIAL_ROUNDS; round++) {
      const mu = r.predict(x) as number[];
      sigma = mu.map((m, i) => pointSd(noise, i, m));
      r = fit(
        model,
        { x, y, sigma },
        { ...rest, start: r.paramNames.map((p) => r.params[p]!), absoluteSigma: true },
      );
      const chiSquare = pearsonChiSquare(noise, y, r.predict(x) as number[]);
      // A reweighted round can only help; if the solver wanders off (a near-step sigmoid has a flat
      // valley), keep the best curve seen.
      if (!(chiSquare <= best.chiSquare)) break;
      best = { fit: r, chiSquare };
    }
    return best;
  } catch (e) {
    if (e instanceof FitError && (e.code === "NOT_CONVERGED" || e.code === "INVALID_START")) return undefined;
    throw e;
  }
}
