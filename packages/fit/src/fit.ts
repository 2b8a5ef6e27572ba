import { type FitData, toColumns } from "./data.js";
import { checkModel } from "./engine/check-model.js";
import { finish } from "./engine/finish.js";
import { solveFromStarts } from "./engine/multistart.js";
import type { ParamInput } from "./engine/params.js";
import { fitSetup } from "./engine/setup.js";
import type { SpaceSpec } from "./engine/space.js";
import type { LatinHypercubeStarts } from "./engine/starts.js";
import { describeValue, FitError } from "./errors.js";
import type { Model } from "./models/model.js";
import type { FitResult } from "./result.js";
import type { LevenbergMarquardtOptions } from "./solvers/levenberg-marquardt.js";
import type { LossName, LossSpec } from "./solvers/loss.js";

export type { ParamInput } from "./engine/params.js";
export type { SpaceSpec } from "./engine/space.js";
export type { LatinHypercubeStarts } from "./engine/starts.js";

/** Options of {@link fit}. */
export interface FitOptions extends LevenbergMarquardtOptions {
  /** One starting point. */
  readonly start?: ParamInput;
  /** Several starting points (a user grid); the best fit wins. At most 10 000 starts in all. */
  readonly starts?: readonly ParamInput[];
  /** Add Latin-hypercube starts. */
  readonly latinHypercube?: LatinHypercubeStarts;
  /** Lower bounds (default: the model's, else −∞). */
  readonly lower?: ParamInput;
  /** Upper bounds (default: the model's, else +∞). */
  readonly upper?: ParamInput;
  /** Hold these parameters at the given values. */
  readonly fixed?: Readonly<Record<string, number>>;
  /** Robust loss (default `"linear"`, least squares). `{ name: "huber", scale: δ }` sets δ. */
  readonly loss?: LossName | LossSpec;
  /**
   * Where residuals are measured (default `"linear"`: y − f(x)). `"log"` fits log y − log f(x);
   * `{ name: "log", offset: c }` fits log(y + c) − log(f(x) + c). In log space σ is carried over by the
   * delta method (σ/(y + c)), `rss`, `residuals` and the information criteria are those of the log
   * residuals, and bands are computed in log space and transformed back (so they are asymmetric).
   */
  readonly space?: SpaceSpec;
  /**
   * Treat `data.sigma` as absolute standard deviations (covariance (JᵀJ)⁻¹). Default false:
   * σ are relative weights and the covariance is scaled by the reduced χ², as scipy's curve_fit.
   */
  readonly absoluteSigma?: boolean;
}

/** Validate the options object itself and its flags; the engine checks the rest. @internal */
export function checkFitOptions(options: FitOptions): {
  absoluteSigma: boolean;
  freeCount: (m: Model) => number;
} {
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new FitError("INVALID_OPTION", `options must be an object, got ${describeValue(options)}`);
  }
  const abs = options.absoluteSigma ?? false;
  if (typeof abs !== "boolean") {
    throw new FitError("INVALID_OPTION", `absoluteSigma must be true or false, got ${describeValue(abs)}`);
  }
  const fixed = options.fixed;
  const fixedCount = fixed !== null && typeof fixed === "object" ? Object.keys(fixed).length : 0;
  return { absoluteSigma: abs, freeCount: (m) => m.params.length - fixedCount };
}

/**
 * Fit `model` to `data` by (robust, bounded, weighted, optionally log-space) nonlinear least
 * squares with a MINPACK-style Levenberg–Marquardt solver, from one or many starting points.
 *
 * @example
 * ```ts
 * import { fit, powerLaw } from "@emerge/fit";
 * const x = [1e6, 3e6, 1e7, 3e7, 1e8, 3e8];
 * const y = x.map((n) => 1.7 + 400 * n ** -0.34);
 * const r = fit(powerLaw(), { x, y });
 * r.params; // { E: 1.7, A: 400, alpha: 0.34 }
 * r.confidenceBand([1e9, 1e10]);
 * console.log(r.report());
 * ```
 */
export function fit(model: Model, data: FitData, options: FitOptions = {}): FitResult {
  checkModel(model);
  const { absoluteSigma, freeCount } = checkFitOptions(options);
  const cols = toColumns(model, data, freeCount(model));
  const setup = fitSetup(model, cols, options);
  return finish(model, cols, setup, solveFromStarts(model, cols, setup, options), absoluteSigma);
}

// The engine's pieces, re-exported for code written against the single-file fit.ts. @internal
export { checkModel } from "./engine/check-model.js";
export { solveFromStarts } from "./engine/multistart.js";
export { type FitSetup, fitSetup } from "./engine/setup.js";
