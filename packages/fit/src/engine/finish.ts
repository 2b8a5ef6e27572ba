import type { Columns } from "../data.js";
import { FitError } from "../errors.js";
import type { Model } from "../models/model.js";
import { buildResult, type FitResult } from "../result.js";
import { scaleForRobustLoss } from "../solvers/loss.js";
import type { MultistartResult } from "./multistart.js";
import { residualProblem } from "./problem.js";
import type { FitSetup } from "./setup.js";

/**
 * Build the result of a solved problem: the residual Jacobian at the solution, rescaled for a
 * robust loss by the same function the solver used on every iteration (so the covariance matches
 * the curvature of the objective that was minimised), then the statistics. @internal
 */
export function finish(
  model: Model,
  cols: Columns,
  setup: FitSetup,
  solved: MultistartResult,
  absoluteSigma: boolean,
): FitResult {
  const { theta, best } = solved;
  const k = setup.free.length;
  const problem = residualProblem(model, cols, setup, Float64Array.from(theta));
  const q = Float64Array.from(setup.free.map((j) => theta[j]!));
  const jac = new Float64Array(cols.n * k);
  problem.jacobian(q, jac);
  for (let i = 0; i < jac.length; i++) {
    if (!Number.isFinite(jac[i]!)) {
      throw new FitError("NOT_CONVERGED", `the Jacobian of "${model.name}" is not finite at the solution`);
    }
  }
  const f = new Float64Array(cols.n);
  problem.residuals(q, f);
  scaleForRobustLoss(setup.loss, f, jac, cols.n, k, undefined, new Float64Array(3));
  return buildResult({
    model,
    cols,
    theta,
    free: setup.free,
    cost: best.cost,
    loss: setup.loss,
    space: setup.space,
    weightedResiduals: f,
    jac,
    absoluteSigma,
    converged: best.converged,
    reason: best.reason,
    iterations: best.iterations,
    evaluations: solved.evaluations,
    starts: { tried: setup.starts.length, agreed: solved.agreed },
  });
}
