import type { Columns } from "../data.js";
import type { Model } from "../models/model.js";
import type { LevenbergMarquardtOptions } from "../solvers/levenberg-marquardt.js";
import { checkSolverOptions } from "./options.js";
import { type ProblemOptions, type ProblemSetup, problemSetup } from "./problem.js";
import { resolveStarts, type StartOptions } from "./starts.js";

/** Everything that defines a fit's problem, its starts and its solver settings. @internal */
export interface SetupOptions extends ProblemOptions, StartOptions, LevenbergMarquardtOptions {}

/** A resolved problem with its starting points. @internal */
export interface FitSetup extends ProblemSetup {
  readonly starts: number[][];
}

/** Validate every option, then resolve the problem and the starts. @internal */
export function fitSetup(model: Model, cols: Columns | undefined, options: SetupOptions): FitSetup {
  checkSolverOptions(options);
  const problem = problemSetup(model, cols, options);
  return { ...problem, starts: resolveStarts(model, cols, options, problem) };
}
