import type { Columns } from "../data.js";
import { FitError } from "../errors.js";
import type { Model } from "../models/model.js";
import {
  type LevenbergMarquardtOptions,
  type LevenbergMarquardtResult,
  type LevenbergMarquardtSettings,
  levenbergMarquardt,
} from "../solvers/levenberg-marquardt.js";
import { residualProblem } from "./problem.js";
import type { FitSetup } from "./setup.js";
import { spaceSigma, toSpace } from "./space.js";

/** Only the solver's own settings, so other fit options never leak into it. */
function solverOptions(o: LevenbergMarquardtOptions): LevenbergMarquardtOptions {
  const out: { -readonly [K in keyof LevenbergMarquardtOptions]: LevenbergMarquardtOptions[K] } = {};
  if (o.ftol !== undefined) out.ftol = o.ftol;
  if (o.xtol !== undefined) out.xtol = o.xtol;
  if (o.gtol !== undefined) out.gtol = o.gtol;
  if (o.maxEvaluations !== undefined) out.maxEvaluations = o.maxEvaluations;
  if (o.stepBound !== undefined) out.stepBound = o.stepBound;
  return out;
}

/** The best of several solver runs. @internal */
export interface MultistartResult {
  readonly best: LevenbergMarquardtResult;
  /** The full parameter vector (fixed values included) of the best run. */
  readonly theta: Float64Array;
  /** Runs whose cost is within 1e-6 (relative) of the best, or at the data's round-off level. */
  readonly agreed: number;
  /** Residual evaluations over all runs. */
  readonly evaluations: number;
}

/**
 * Run Levenberg–Marquardt from every start of `setup` (its loss resolved once, shared by every
 * run) and keep the lowest finite cost. @internal
 */
export function solveFromStarts(
  model: Model,
  cols: Columns,
  setup: FitSetup,
  options: LevenbergMarquardtOptions,
  onStep?: LevenbergMarquardtSettings["onStep"],
): MultistartResult {
  const { free, lower, upper } = setup;
  const hasBounds = free.some((j) => Number.isFinite(lower[j]!) || Number.isFinite(upper[j]!));
  const settings: LevenbergMarquardtSettings = {
    ...solverOptions(options),
    loss: setup.loss,
    ...(hasBounds ? { lower: free.map((j) => lower[j]!), upper: free.map((j) => upper[j]!) } : {}),
    ...(onStep ? { onStep } : {}),
  };
  let best: LevenbergMarquardtResult | undefined;
  let bestTheta: Float64Array | undefined;
  const costs: number[] = [];
  let evaluations = 0;
  for (const start of setup.starts) {
    const theta = Float64Array.from(start);
    const problem = residualProblem(model, cols, setup, theta);
    const r = levenbergMarquardt(
      problem,
      free.map((j) => start[j]!),
      settings,
    );
    evaluations += r.evaluations;
    costs.push(r.cost);
    // A run that stopped on a non-finite Jacobian has no covariance to offer: any run with a finite
    // one wins over it, whatever the costs.
    const usable = (q: LevenbergMarquardtResult) => q.reason !== "non-finite";
    const better =
      best === undefined ||
      (usable(r) && !usable(best)) ||
      (usable(r) === usable(best) && r.cost < best.cost);
    if (Number.isFinite(r.cost) && better) {
      best = r;
      bestTheta = Float64Array.from(start);
      free.forEach((j, a) => {
        bestTheta![j] = r.x[a]!;
      });
    }
  }
  if (best === undefined || bestTheta === undefined) {
    throw new FitError(
      "INVALID_START",
      `the model "${model.name}" is not finite at any of the ${setup.starts.length} starting point(s)`,
    );
  }
  // Agreement: within 1e-6 of the best cost, or at round-off level of the data when the fit is exact.
  let energy = 0;
  for (let i = 0; i < cols.n; i++) {
    const y = cols.y[i]!;
    energy += (toSpace(setup.space, y) / spaceSigma(setup.space, cols.sigma, cols.y, i)) ** 2;
  }
  const tol = 1e-6 * best.cost + 1e-16 * energy;
  const agreed = costs.filter((c) => Math.abs(c - best!.cost) <= tol).length;
  return { best, theta: bestTheta, agreed, evaluations };
}
