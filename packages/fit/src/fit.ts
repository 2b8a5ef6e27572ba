import { randomSource } from "@emerge/random";
import { type Columns, type FitData, toColumns } from "./data.js";
import { FitError } from "./errors.js";
import type { Model } from "./models/model.js";
import { buildResult, type FitResult } from "./result.js";
import {
  type LeastSquaresProblem,
  type LevenbergMarquardtOptions,
  type LevenbergMarquardtResult,
  levenbergMarquardt,
} from "./solvers/levenberg-marquardt.js";
import { type LossName, type LossSpec, resolveLoss, rho as rhoInto } from "./solvers/loss.js";

/** A parameter vector, as an array in `model.params` order or a record by name. */
export type ParamInput = readonly number[] | Readonly<Record<string, number>>;

/** Latin-hypercube multi-start over a box. */
export interface LatinHypercubeStarts {
  /** Number of starting points. */
  readonly count: number;
  /** Sampling range per parameter, `[lo, hi]`, in `model.params` order or by name. */
  readonly ranges:
    | readonly (readonly [number, number])[]
    | Readonly<Record<string, readonly [number, number]>>;
  /** Sample log-uniformly for these parameters (ranges must be positive). */
  readonly logScale?: readonly string[];
  /** Seed of the sample (default 0). */
  readonly seed?: number | string;
}

/** Options of {@link fit}. */
export interface FitOptions extends LevenbergMarquardtOptions {
  /** One starting point. */
  readonly start?: ParamInput;
  /** Several starting points (a user grid); the best fit wins. */
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
   * Treat `data.sigma` as absolute standard deviations (covariance (JᵀJ)⁻¹). Default false:
   * σ are relative weights and the covariance is scaled by the reduced χ², as scipy's curve_fit.
   */
  readonly absoluteSigma?: boolean;
}

function vector(model: Model, v: ParamInput, what: string, fill?: number): number[] {
  if (Array.isArray(v)) {
    if (v.length !== model.params.length) {
      throw new FitError(
        "LENGTH_MISMATCH",
        `${what} has ${v.length} values for ${model.params.length} parameters`,
      );
    }
    return v.map((x, j) => {
      if (typeof x !== "number" || Number.isNaN(x)) {
        throw new FitError("INVALID_OPTION", `${what}[${model.params[j]}] is not a number`);
      }
      return x;
    });
  }
  const rec = v as Readonly<Record<string, number>>;
  for (const key of Object.keys(rec)) {
    if (!model.params.includes(key))
      throw new FitError("UNKNOWN_SYMBOL", `${what} names unknown parameter "${key}"`);
  }
  return model.params.map((name) => {
    const x = rec[name] ?? fill;
    if (x === undefined || typeof x !== "number" || Number.isNaN(x)) {
      throw new FitError("INVALID_OPTION", `${what} is missing parameter "${name}"`);
    }
    return x;
  });
}

/** Latin-hypercube sample of starting points. @internal */
export function latinHypercube(model: Model, spec: LatinHypercubeStarts): number[][] {
  const p = model.params.length;
  const ranges: (readonly [number, number])[] = Array.isArray(spec.ranges)
    ? (spec.ranges as readonly (readonly [number, number])[]).slice()
    : model.params.map((name) => {
        const r = (spec.ranges as Readonly<Record<string, readonly [number, number]>>)[name];
        if (!r) throw new FitError("INVALID_OPTION", `latinHypercube.ranges is missing "${name}"`);
        return r;
      });
  if (ranges.length !== p) throw new FitError("LENGTH_MISMATCH", `latinHypercube.ranges needs ${p} entries`);
  if (!(spec.count >= 1) || !Number.isInteger(spec.count)) {
    throw new FitError("INVALID_OPTION", "latinHypercube.count must be a positive integer");
  }
  const rng = randomSource(spec.seed ?? 0);
  const logs = new Set(spec.logScale ?? []);
  const out = Array.from({ length: spec.count }, () => new Array<number>(p).fill(0));
  ranges.forEach(([lo, hi], j) => {
    const name = model.params[j]!;
    const log = logs.has(name);
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi >= lo) || (log && !(lo > 0))) {
      throw new FitError("INVALID_OPTION", `invalid latinHypercube range for "${name}": [${lo}, ${hi}]`);
    }
    const strata = rng.shuffle(Array.from({ length: spec.count }, (_, i) => i));
    for (let i = 0; i < spec.count; i++) {
      const u = (strata[i]! + rng.float()) / spec.count;
      out[i]![j] = log ? Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo))) : lo + u * (hi - lo);
    }
  });
  return out;
}

/** The residual problem r(θ) = (y − f(x; θ))/σ over the free parameters. @internal */
export function residualProblem(
  model: Model,
  cols: Columns,
  full: Float64Array,
  free: readonly number[],
): LeastSquaresProblem {
  const n = cols.n;
  const p = model.params.length;
  const k = free.length;
  const theta = full;
  const fx = new Float64Array(n);
  const jfull = new Float64Array(n * p);
  const load = (q: Float64Array) => {
    for (let a = 0; a < k; a++) theta[free[a]!] = q[a]!;
  };
  return {
    m: n,
    n: k,
    residuals(q, out) {
      load(q);
      model.evaluate(theta, cols.x, n, fx);
      for (let i = 0; i < n; i++) {
        const r = cols.y[i]! - fx[i]!;
        out[i] = cols.sigma ? r / cols.sigma[i]! : r;
      }
    },
    jacobian(q, out) {
      load(q);
      model.jacobian(theta, cols.x, n, jfull);
      for (let a = 0; a < k; a++) {
        const src = free[a]! * n;
        for (let i = 0; i < n; i++) {
          const d = -jfull[src + i]!;
          out[a * n + i] = cols.sigma ? d / cols.sigma[i]! : d;
        }
      }
    },
  };
}

/** Resolved starting points, bounds and free set of a fit. @internal */
export interface FitSetup {
  readonly starts: number[][];
  readonly lower: number[];
  readonly upper: number[];
  readonly free: number[];
  readonly fixedValues: Map<number, number>;
}

/** Resolve starts, bounds and fixed parameters. @internal */
export function fitSetup(model: Model, cols: Columns | undefined, options: FitOptions): FitSetup {
  const p = model.params.length;
  const lower = options.lower
    ? vector(model, options.lower, "lower", Number.NEGATIVE_INFINITY)
    : (model.lower?.slice() ?? new Array<number>(p).fill(Number.NEGATIVE_INFINITY));
  const upper = options.upper
    ? vector(model, options.upper, "upper", Number.POSITIVE_INFINITY)
    : (model.upper?.slice() ?? new Array<number>(p).fill(Number.POSITIVE_INFINITY));
  for (let j = 0; j < p; j++) {
    if (!(lower[j]! <= upper[j]!)) {
      throw new FitError("INVALID_OPTION", `lower bound of "${model.params[j]}" exceeds its upper bound`);
    }
  }
  const fixedValues = new Map<number, number>();
  for (const [name, value] of Object.entries(options.fixed ?? {})) {
    const j = model.params.indexOf(name);
    if (j < 0) throw new FitError("UNKNOWN_SYMBOL", `fixed names unknown parameter "${name}"`);
    if (!Number.isFinite(value))
      throw new FitError("INVALID_OPTION", `fixed value of "${name}" must be finite`);
    fixedValues.set(j, value);
  }
  const free = model.params.map((_, j) => j).filter((j) => !fixedValues.has(j));
  if (free.length === 0) throw new FitError("INVALID_OPTION", "every parameter is fixed: nothing to fit");
  const starts: number[][] = [];
  if (options.start !== undefined) starts.push(vector(model, options.start, "start"));
  for (const s of options.starts ?? []) starts.push(vector(model, s, "a start"));
  if (options.latinHypercube) starts.push(...latinHypercube(model, options.latinHypercube));
  if (starts.length === 0 && model.defaultStarts && cols) starts.push(...model.defaultStarts(cols.x, cols.y));
  if (starts.length === 0) {
    throw new FitError("INVALID_OPTION", `model "${model.name}" has no default starts: pass options.start`);
  }
  for (const s of starts) {
    for (const [j, v] of fixedValues) s[j] = v;
    for (let j = 0; j < p; j++) {
      if (!Number.isFinite(s[j]!))
        throw new FitError("INVALID_START", `start value of "${model.params[j]}" is not finite`);
      s[j] = Math.min(upper[j]!, Math.max(lower[j]!, s[j]!));
    }
  }
  return { starts, lower, upper, free, fixedValues };
}

/** Run the solver from every start; return the best and the number of starts that agree. @internal */
export function solveFromStarts(
  model: Model,
  cols: Columns,
  setup: FitSetup,
  options: FitOptions,
): { best: LevenbergMarquardtResult; theta: Float64Array; agreed: number; evaluations: number } {
  const loss = resolveLoss(options.loss);
  const { free, lower, upper } = setup;
  const hasBounds = free.some((j) => Number.isFinite(lower[j]!) || Number.isFinite(upper[j]!));
  const lo = free.map((j) => lower[j]!);
  const hi = free.map((j) => upper[j]!);
  let best: LevenbergMarquardtResult | undefined;
  let bestTheta: Float64Array | undefined;
  const costs: number[] = [];
  let evaluations = 0;
  for (const start of setup.starts) {
    const theta = Float64Array.from(start);
    const problem = residualProblem(model, cols, theta, free);
    const x0 = free.map((j) => start[j]!);
    const r = hasBounds
      ? levenbergMarquardt(problem, x0, options, loss, lo, hi)
      : levenbergMarquardt(problem, x0, options, loss);
    evaluations += r.evaluations;
    costs.push(r.cost);
    if (Number.isFinite(r.cost) && (best === undefined || r.cost < best.cost)) {
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
  for (let i = 0; i < cols.n; i++) energy += (cols.y[i]! / (cols.sigma ? cols.sigma[i]! : 1)) ** 2;
  const tol = 1e-6 * best.cost + 1e-16 * energy;
  const agreed = costs.filter((c) => Math.abs(c - best!.cost) <= tol).length;
  return { best, theta: bestTheta, agreed, evaluations };
}

/**
 * Fit `model` to `data` by (robust, bounded, weighted) nonlinear least squares with a
 * MINPACK-style Levenberg–Marquardt solver, from one or many starting points.
 *
 * @example
 * ```ts
 * import { fit, powerLaw } from "@emerge/fit";
 * const x = [1e6, 3e6, 1e7, 3e7, 1e8, 3e8];
 * const y = x.map((n) => 1.7 + 400 * n ** -0.34);
 * const r = fit(powerLaw(), { x, y });
 * r.params; // { E: 1.7, A: 400, alpha: 0.34 }
 * r.confidenceBand([1e9, 1e10]);
 * ```
 */
export function fit(model: Model, data: FitData, options: FitOptions = {}): FitResult {
  checkModel(model);
  const fixedCount = Object.keys(options.fixed ?? {}).length;
  const cols = toColumns(model, data, model.params.length - fixedCount);
  const setup = fitSetup(model, cols, options);
  const { best, theta, agreed, evaluations } = solveFromStarts(model, cols, setup, options);
  return finish(
    model,
    cols,
    setup,
    options,
    best,
    theta,
    { tried: setup.starts.length, agreed },
    evaluations,
  );
}

/** Build the result of a solved problem. @internal */
export function finish(
  model: Model,
  cols: Columns,
  setup: FitSetup,
  options: FitOptions,
  best: LevenbergMarquardtResult,
  theta: Float64Array,
  starts: { tried: number; agreed: number },
  evaluations: number,
): FitResult {
  const loss = resolveLoss(options.loss);
  const problem = residualProblem(model, cols, Float64Array.from(theta), setup.free);
  const q = Float64Array.from(setup.free.map((j) => theta[j]!));
  const jac = new Float64Array(cols.n * setup.free.length);
  problem.jacobian(q, jac);
  for (let i = 0; i < jac.length; i++) {
    if (!Number.isFinite(jac[i]!)) {
      throw new FitError("NOT_CONVERGED", `the Jacobian of "${model.name}" is not finite at the solution`);
    }
  }
  if (loss.name !== "linear") {
    // Same rescaling the solver used, so the covariance matches the robust objective's curvature.
    const f = new Float64Array(cols.n);
    problem.residuals(q, f);
    const r = new Float64Array(3);
    const c2 = loss.scale * loss.scale;
    for (let i = 0; i < cols.n; i++) {
      rhoInto(loss.name, (f[i]! * f[i]!) / c2, r);
      const js = Math.sqrt(Math.max(r[1]! + (2 * r[2]! * f[i]! * f[i]!) / c2, 2.220446049250313e-16));
      for (let a = 0; a < setup.free.length; a++) jac[a * cols.n + i]! *= js;
    }
  }
  return buildResult({
    model,
    cols,
    theta,
    free: setup.free,
    cost: best.cost,
    robust: loss.name !== "linear",
    jac,
    absoluteSigma: options.absoluteSigma ?? false,
    converged: best.converged,
    reason: best.reason,
    iterations: best.iterations,
    evaluations,
    starts,
  });
}

/** Reject objects that are not models before they fail deep inside a solver. @internal */
export function checkModel(model: Model): void {
  if (
    model === null ||
    typeof model !== "object" ||
    !Array.isArray(model.params) ||
    !Array.isArray(model.variables) ||
    typeof model.evaluate !== "function" ||
    typeof model.jacobian !== "function"
  ) {
    throw new FitError("INVALID_OPTION", "model must be a Model (see formula() and the family factories)");
  }
}
