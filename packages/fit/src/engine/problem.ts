import type { Columns } from "../data.js";
import { describeValue, FitError } from "../errors.js";
import type { Model } from "../models/model.js";
import type { LeastSquaresProblem } from "../solvers/levenberg-marquardt.js";
import { type LossName, type LossSpec, type ResolvedLoss, resolveLoss } from "../solvers/loss.js";
import { type ParamInput, paramVector } from "./params.js";
import {
  checkSpace,
  type ResolvedSpace,
  resolveSpace,
  type SpaceSpec,
  spaceSigma,
  spaceSlope,
  toSpace,
} from "./space.js";

/** The options that define the least-squares problem (as opposed to its starts or the solver). @internal */
export interface ProblemOptions {
  readonly lower?: ParamInput;
  readonly upper?: ParamInput;
  readonly fixed?: Readonly<Record<string, number>>;
  readonly loss?: LossName | LossSpec;
  readonly space?: SpaceSpec;
}

/** Bounds, fixed parameters, loss and space of a fit, resolved once. @internal */
export interface ProblemSetup {
  readonly lower: number[];
  readonly upper: number[];
  /** Indices of the free parameters, in `model.params` order. */
  readonly free: number[];
  readonly fixedValues: Map<number, number>;
  readonly loss: ResolvedLoss;
  readonly space: ResolvedSpace;
}

/**
 * Resolve bounds (the user's, else the model's data-dependent defaults, else its static ones, else
 * ±∞), fixed parameters, loss and space, with every check done before any work. @internal
 */
export function problemSetup(model: Model, cols: Columns | undefined, options: ProblemOptions): ProblemSetup {
  const p = model.params.length;
  const loss = resolveLoss(options.loss);
  const space = resolveSpace(options.space);
  if (cols) checkSpace(space, cols);
  const fromData = cols && model.defaultBounds ? model.defaultBounds(cols.x, cols.y) : undefined;
  const lower = options.lower
    ? paramVector(model, options.lower, "lower", Number.NEGATIVE_INFINITY)
    : (fromData?.lower.slice() ??
      model.lower?.slice() ??
      new Array<number>(p).fill(Number.NEGATIVE_INFINITY));
  const upper = options.upper
    ? paramVector(model, options.upper, "upper", Number.POSITIVE_INFINITY)
    : (fromData?.upper.slice() ??
      model.upper?.slice() ??
      new Array<number>(p).fill(Number.POSITIVE_INFINITY));
  for (let j = 0; j < p; j++) {
    if (!(lower[j]! <= upper[j]!)) {
      throw new FitError(
        "INVALID_OPTION",
        `lower bound of "${model.params[j]}" (${lower[j]}) exceeds its upper bound (${upper[j]})`,
      );
    }
  }
  const fixedValues = new Map<number, number>();
  const fixed = options.fixed ?? {};
  if (fixed === null || typeof fixed !== "object") {
    throw new FitError(
      "INVALID_OPTION",
      `fixed must be a record of parameter values, got ${describeValue(fixed)}`,
    );
  }
  for (const [name, value] of Object.entries(fixed)) {
    const j = model.params.indexOf(name);
    if (j < 0) throw new FitError("UNKNOWN_SYMBOL", `fixed names unknown parameter "${name}"`);
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new FitError(
        "INVALID_OPTION",
        `fixed.${name} must be a finite number, got ${describeValue(value)}`,
      );
    }
    fixedValues.set(j, value);
  }
  const free = model.params.map((_, j) => j).filter((j) => !fixedValues.has(j));
  if (free.length === 0) throw new FitError("INVALID_OPTION", "every parameter is fixed: nothing to fit");
  return { lower, upper, free, fixedValues, loss, space };
}

/**
 * The residual problem rᵢ(θ) = (T(yᵢ) − T(f(xᵢ; θ)))/sᵢ over the free parameters, T the identity or
 * log(· + c), sᵢ = σᵢ·T′(yᵢ) when σ is given (carried into log space by the delta method), else 1. `full` holds the fixed
 * values and is overwritten with the free ones at each evaluation. @internal
 */
export function residualProblem(
  model: Model,
  cols: Columns,
  setup: Pick<ProblemSetup, "free" | "space">,
  full: Float64Array,
): LeastSquaresProblem {
  const { free, space } = setup;
  const n = cols.n;
  const p = model.params.length;
  const k = free.length;
  const fx = new Float64Array(n);
  const jfull = new Float64Array(n * p);
  const ty = Float64Array.from(cols.y, (v) => toSpace(space, v));
  // Divide (not multiply by a reciprocal): with σ = 1 in linear space the residuals are exactly y − f,
  // which the NIST problems at certified digits need.
  const scale = Float64Array.from(cols.y, (_, i) => spaceSigma(space, cols.sigma, cols.y, i));
  const load = (q: Float64Array) => {
    for (let a = 0; a < k; a++) full[free[a]!] = q[a]!;
  };
  return {
    m: n,
    n: k,
    residuals(q, out) {
      load(q);
      model.evaluate(full, cols.x, n, fx);
      for (let i = 0; i < n; i++) out[i] = (ty[i]! - toSpace(space, fx[i]!)) / scale[i]!;
    },
    jacobian(q, out) {
      load(q);
      model.jacobian(full, cols.x, n, jfull);
      if (space.name !== "linear") model.evaluate(full, cols.x, n, fx);
      for (let i = 0; i < n; i++) {
        const slope = space.name === "linear" ? 1 : spaceSlope(space, fx[i]!);
        for (let a = 0; a < k; a++) out[a * n + i] = (-jfull[free[a]! * n + i]! * slope) / scale[i]!;
      }
    },
  };
}
