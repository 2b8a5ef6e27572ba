import { requirePositive } from "../data.js";
import { optionsObject } from "../engine/options.js";
import { describeValue, FitError } from "../errors.js";
import { type LbfgsOptions, lbfgsSolver, type MinimizeResult } from "../solvers/lbfgs.js";
import { type ChinchillaMle, chinchillaMle } from "./chinchilla-mle.js";
import { chinchillaObjective, type LogSpaceData } from "./objective.js";

/** Chinchilla-law parameters in linear form: L(N, D) = E + A/N^α + B/D^β. */
export interface ChinchillaParams {
  readonly E: number;
  readonly A: number;
  readonly B: number;
  readonly alpha: number;
  readonly beta: number;
}

/** Observations for {@link fitChinchilla}: sizes, tokens and losses, all positive. */
export interface ChinchillaData {
  readonly N: readonly number[];
  readonly D: readonly number[];
  readonly loss: readonly number[];
}

/** Options of {@link fitChinchilla}. */
export interface ChinchillaFitOptions {
  /** Huber δ on log-loss residuals (default 1e-3, as Hoffmann et al.). */
  readonly delta?: number;
  /** Starting points in log space, each [a, b, e, α, β] (default {@link hoffmannGrid}: 4500 starts). */
  readonly starts?: readonly (readonly number[])[];
  /**
   * Stop a start early once it has stalled (< 0.1 % decrease over 5 iterations) at more than twice the
   * best objective found so far (default true). L-BFGS only decreases f, so such a start cannot win;
   * set false to run every start to its own convergence, as scipy does.
   */
  readonly earlyRejection?: boolean;
  /**
   * `"mle"`: after the grid, refit by Epoch AI's maximum likelihood (Huber residual density with a
   * fitted scale) from the grid's optimum and report it as `mle` — the parameters Epoch published
   * (A = 482.01, B = 2085.43, …). Default `"none"`: the grid's Huber optimum only (A = 477.8, B = 2143.9).
   */
  readonly polish?: "none" | "mle";
  /** Overrides of the L-BFGS settings used for every start (defaults: gtol 1e-5, ftol 2.2e-9 as scipy's L-BFGS-B, at most 300 evaluations; the best 8 distinct optima are then polished with gtol 1e-10). */
  readonly lbfgs?: LbfgsOptions;
}

/** Result of {@link fitChinchilla}. */
export interface ChinchillaFit {
  readonly params: ChinchillaParams;
  /** The optimised log-space parameters: a = log A, b = log B, e = log E. */
  readonly logParams: {
    readonly a: number;
    readonly b: number;
    readonly e: number;
    readonly alpha: number;
    readonly beta: number;
  };
  /** Huber objective at the optimum (a sum over points). */
  readonly objective: number;
  readonly converged: boolean;
  readonly reason: string;
  /**
   * Starts tried, how many screened starts came within 1e-3 (relative) of the polished best objective, and how many were
   * stopped early by `earlyRejection` (those are not counted as agreeing).
   */
  readonly starts: { readonly tried: number; readonly agreed: number; readonly rejected: number };
  /** Objective evaluations over all starts. */
  readonly evaluations: number;
  /** Epoch's maximum-likelihood polish from the grid optimum, with `polish: "mle"`. */
  readonly mle?: ChinchillaMle;
}

/**
 * The initialisation grid of Hoffmann et al. (2022) as used by Epoch AI: α, β ∈ {0, 0.5, …, 2},
 * e ∈ {−1, −0.5, …, 1}, a, b ∈ {0, 5, …, 25}: 4500 points [a, b, e, α, β].
 *
 * @example
 * ```ts
 * hoffmannGrid().length; // 4500
 * ```
 */
export function hoffmannGrid(): number[][] {
  const out: number[][] = [];
  const ab = [0, 5, 10, 15, 20, 25];
  const ex = [0, 0.5, 1, 1.5, 2];
  const es = [-1, -0.5, 0, 0.5, 1];
  for (const alpha of ex)
    for (const beta of ex)
      for (const e of es) for (const a of ab) for (const b of ab) out.push([a, b, e, alpha, beta]);
  return out;
}

/** Validate and log-transform the data. @internal */
export function logSpaceData(data: ChinchillaData): LogSpaceData {
  if (data === null || typeof data !== "object") {
    throw new FitError("INVALID_DATA", `Chinchilla data must be { N, D, loss }, got ${describeValue(data)}`);
  }
  if (!Array.isArray(data.N) || !Array.isArray(data.D) || !Array.isArray(data.loss)) {
    throw new FitError("INVALID_DATA", "Chinchilla data needs arrays N, D and loss");
  }
  const n = data.loss.length;
  if (data.N.length !== n || data.D.length !== n) {
    throw new FitError(
      "LENGTH_MISMATCH",
      `N (${data.N.length}), D (${data.D.length}) and loss (${n}) differ in length`,
    );
  }
  if (n < 6) throw new FitError("TOO_FEW_POINTS", `${n} points cannot determine 5 parameters`);
  for (const [name, v] of [
    ["N", data.N],
    ["D", data.D],
    ["loss", data.loss],
  ] as const) {
    for (let i = 0; i < n; i++) {
      if (typeof v[i] !== "number" || !Number.isFinite(v[i]!)) {
        throw new FitError("INVALID_DATA", `${name}[${i}] is ${describeValue(v[i])}`);
      }
    }
    requirePositive(v, name);
  }
  return {
    logN: Float64Array.from(data.N, Math.log),
    logD: Float64Array.from(data.D, Math.log),
    logL: Float64Array.from(data.loss, Math.log),
    weight: new Float64Array(n).fill(1),
  };
}

/** Turn log-space [a, b, e, α, β] into the result record. @internal */
export function toParams(x: ArrayLike<number>): ChinchillaParams {
  return { A: Math.exp(x[0]!), B: Math.exp(x[1]!), E: Math.exp(x[2]!), alpha: x[3]!, beta: x[4]! };
}

/**
 * Run L-BFGS from every start with scipy's default L-BFGS-B tolerances (what Hoffmann et al. and
 * Epoch used), then polish the few best distinct optima with tight tolerances. The polish makes the
 * reported optimum exact to many digits; the screen keeps 4500 starts fast. @internal
 */
export function bestOfStarts(
  data: LogSpaceData,
  delta: number,
  starts: readonly (readonly number[])[],
  lbfgs: LbfgsOptions | undefined,
  earlyRejection = true,
  polish = 8,
): { best: MinimizeResult; agreed: number; rejected: number; evaluations: number } {
  // Early rejection: L-BFGS decreases f monotonically, so a start that has stalled (< 0.1 % decrease
  // over 5 iterations) at more than twice the best objective found so far cannot win; stop it.
  let bestF = Number.POSITIVE_INFINITY;
  const recent = new Float64Array(5);
  let iter = 0;
  const hopeless = (_x: Float64Array, f: number): boolean => {
    const old = recent[iter % 5]!;
    recent[iter % 5] = f;
    iter++;
    return earlyRejection && iter > 5 && f > 2 * bestF && old - f < 1e-3 * f;
  };
  let rejected = 0;
  // Starts still far from converged after 300 evaluations are polished only if they rank among the best.
  const screen = lbfgsSolver(5, {
    gtol: 1e-5,
    ftol: 2.220446049250313e-9,
    maxEvaluations: 300,
    onIteration: hopeless,
    ...lbfgs,
  });
  const tight = lbfgsSolver(5, { gtol: 1e-10, ftol: 1e-15, maxIterations: 5000, maxEvaluations: 20000 });
  const fg = chinchillaObjective(data, delta);
  const results: MinimizeResult[] = [];
  let evaluations = 0;
  starts.forEach((s, k) => {
    if (s.length !== 5 || !s.every(Number.isFinite)) {
      throw new FitError("INVALID_START", `start ${k} must be 5 finite numbers [a, b, e, alpha, beta]`);
    }
    iter = 0;
    const r = screen(fg, s);
    evaluations += r.evaluations;
    if (r.reason === "callback") rejected++;
    if (Number.isFinite(r.f)) {
      results.push(r);
      bestF = Math.min(bestF, r.f);
    }
  });
  if (results.length === 0) throw new FitError("INVALID_START", "the objective is not finite at any start");
  results.sort((x, y) => x.f - y.f);
  const distinct: MinimizeResult[] = [];
  for (const r of results) {
    if (distinct.length >= polish) break;
    if (distinct.every((d) => d.x.some((v, j) => Math.abs(v - r.x[j]!) > 1e-3 * Math.max(1, Math.abs(v))))) {
      distinct.push(r);
    }
  }
  let best: MinimizeResult | undefined;
  for (const r of distinct) {
    const t = tight(fg, r.x);
    evaluations += t.evaluations;
    if (best === undefined || t.f < best.f) best = t;
  }
  const b = best!;
  const agreed = results.filter((r) => r.reason !== "callback" && r.f - b.f <= 1e-3 * Math.abs(b.f)).length;
  return { best: b, agreed, rejected, evaluations };
}

/**
 * Fit the Chinchilla law the way Hoffmann et al. (2022) and Epoch AI did: minimise the Huber loss
 * (δ = 10⁻³) of log-loss residuals with the prediction written as a log-sum-exp,
 * LSE(a − α log N, b − β log D, e), by L-BFGS from the 4500-point initialisation grid. Epoch's
 * published parameters come from a further maximum-likelihood step: pass `polish: "mle"` (or call
 * {@link chinchillaMle}) for them. The same Huber objective is `fit(chinchillaLaw(), …, { space: "log",
 * loss: { name: "huber", scale: 1e-3 } })` with Levenberg–Marquardt.
 *
 * @example
 * ```ts
 * import { fitChinchilla } from "@emerge/fit";
 * import { chinchillaPoints } from "@emerge/fit/datasets";
 * const fit = fitChinchilla(chinchillaPoints(), { polish: "mle" });
 * fit.params; // grid optimum ≈ { E: 1.817, A: 477.8, B: 2143, alpha: 0.3473, beta: 0.3672 } (Epoch's grid)
 * fit.mle?.params; // ≈ { E: 1.817, A: 482.0, B: 2085.4, alpha: 0.3478, beta: 0.3659 } (Epoch's published fit)
 * ```
 */
export function fitChinchilla(data: ChinchillaData, opts: ChinchillaFitOptions = {}): ChinchillaFit {
  const options = optionsObject(opts);
  const delta = options.delta ?? 1e-3;
  if (typeof delta !== "number" || !(delta > 0) || !Number.isFinite(delta)) {
    throw new FitError(
      "INVALID_OPTION",
      `delta must be a positive finite number, got ${describeValue(delta)}`,
    );
  }
  const polish = options.polish ?? "none";
  if (polish !== "none" && polish !== "mle") {
    throw new FitError("INVALID_OPTION", `polish must be "none" or "mle", got ${describeValue(polish)}`);
  }
  const ld = logSpaceData(data);
  const starts = options.starts ?? hoffmannGrid();
  if (!Array.isArray(starts) || starts.length === 0)
    throw new FitError("INVALID_OPTION", "starts must be a non-empty array");
  if (starts.length > 100_000)
    throw new FitError("INVALID_OPTION", `starts has ${starts.length} points, at most 100000`);
  const { best, agreed, rejected, evaluations } = bestOfStarts(
    ld,
    delta,
    starts,
    options.lbfgs,
    options.earlyRejection,
  );
  const x = best.x;
  const logParams = { a: x[0]!, b: x[1]!, e: x[2]!, alpha: x[3]!, beta: x[4]! };
  return {
    params: toParams(x),
    logParams,
    objective: best.f,
    converged: best.converged,
    reason: best.reason,
    starts: { tried: starts.length, agreed, rejected },
    evaluations,
    ...(polish === "mle" ? { mle: chinchillaMle(data, { start: logParams, delta }) } : {}),
  };
}

/**
 * Compute-optimal allocation implied by Chinchilla parameters: for compute C = 6ND, the N and D
 * minimising L, N_opt = G·(C/6)^{β/(α+β)}, G = (αA/(βB))^{1/(α+β)}, D_opt = C/(6·N_opt).
 *
 * @example
 * ```ts
 * computeOptimal({ E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 }, 5.76e23);
 * ```
 */
export function computeOptimal(p: ChinchillaParams, compute: number): { N: number; D: number; loss: number } {
  if (p === null || typeof p !== "object") {
    throw new FitError("INVALID_OPTION", `params must be { E, A, B, alpha, beta }, got ${describeValue(p)}`);
  }
  for (const k of ["E", "A", "B", "alpha", "beta"] as const) {
    if (typeof p[k] !== "number" || !Number.isFinite(p[k])) {
      throw new FitError("INVALID_OPTION", `params.${k} must be a finite number, got ${describeValue(p[k])}`);
    }
  }
  if (typeof compute !== "number" || !(compute > 0) || !Number.isFinite(compute)) {
    throw new FitError(
      "NON_POSITIVE",
      `compute must be a positive finite number, got ${describeValue(compute)}`,
    );
  }
  const s = p.alpha + p.beta;
  const G = ((p.alpha * p.A) / (p.beta * p.B)) ** (1 / s);
  const N = G * (compute / 6) ** (p.beta / s);
  const D = compute / (6 * N);
  return { N, D, loss: p.E + p.A / N ** p.alpha + p.B / D ** p.beta };
}
