import { type Columns, type FitData, type XInput, xColumns } from "./data.js";
import { paramRecord } from "./engine/params.js";
import { fromSpace, type ResolvedSpace, spaceSigma, spaceSlope, toSpace } from "./engine/space.js";
import { FitError } from "./errors.js";
import { add, type DD, fromDecimal, mul, sub } from "./linalg/double-double.js";
import { normalInverse } from "./linalg/svd.js";
import type { Model } from "./models/model.js";
import { formatReport, type ReportOptions } from "./report.js";
import type { ResolvedLoss } from "./solvers/loss.js";
import { studentTQuantile } from "./stats/distributions.js";

/** A curve with its pointwise interval. */
export interface Band {
  /** The first (or only) independent variable at each point. */
  readonly x: number[];
  readonly fit: number[];
  readonly lower: number[];
  readonly upper: number[];
}

/** A pair of parameters whose estimates are nearly collinear (|ρ| > 0.95). */
export interface CorrelationFlag {
  readonly a: string;
  readonly b: string;
  readonly rho: number;
}

/** Everything a fit reports. Parameters are keyed by name, matrices follow `paramNames`. */
export interface FitResult {
  readonly model: Model;
  readonly paramNames: readonly string[];
  readonly params: Record<string, number>;
  /** Standard errors: √diag(covariance); 0 for fixed parameters. */
  readonly stderr: Record<string, number>;
  readonly covariance: number[][];
  readonly correlation: number[][];
  /** Parameter pairs with |ρ| > 0.95: the data barely separate them. */
  readonly highCorrelations: CorrelationFlag[];
  /** Weighted residual sum of squares Σ ((yᵢ − f(xᵢ))/σᵢ)², of the log residuals in log space. */
  readonly rss: number;
  /** Number of points minus number of free parameters. */
  readonly dof: number;
  /** rss / dof. */
  readonly reducedChiSquare: number;
  /** Akaike information criterion, 2k − 2 log L (k counts the noise variance when estimated). */
  readonly aic: number;
  /** AIC with the small-sample correction 2k(k+1)/(n − k − 1); +∞ when n ≤ k + 1. */
  readonly aicc: number;
  /** Bayesian information criterion, k log n − 2 log L. */
  readonly bic: number;
  /** Gaussian log-likelihood at the estimate. */
  readonly logLikelihood: number;
  /** The minimised cost ½ Σ δ² ρ(rᵢ²/δ²) (½ rss for least squares). */
  readonly cost: number;
  readonly converged: boolean;
  /** Solver stop reason (`"ftol"`, `"xtol"`, `"gtol"`, `"machine-precision"`, `"max-evaluations"`, …). */
  readonly reason: string;
  readonly iterations: number;
  readonly evaluations: number;
  /** Numerical rank of the Jacobian at the solution; below the number of free parameters = unidentifiable. */
  readonly rank: number;
  /** How many starts were tried and how many reached the best cost (within 1e-6 relative). */
  readonly starts: { readonly tried: number; readonly agreed: number };
  /** Residuals yᵢ − f(xᵢ) (unweighted); log(yᵢ + c) − log(f(xᵢ) + c) in log space. */
  readonly residuals: number[];
  /** The robust loss and its scale δ the fit minimised. */
  readonly loss: { readonly name: string; readonly scale: number };
  /** The space residuals were measured in (`offset` is c of log(y + c); 0 in linear space). */
  readonly space: { readonly name: "linear" | "log"; readonly offset: number };
  /** f(x) at the estimate: a number for a number, an array for an array or a record of columns. */
  predict(x: number): number;
  predict(x: XInput): number[];
  /** Delta-method confidence band for the mean curve at `level` (default 0.95), t quantile on `dof`. */
  confidenceBand(x: XInput, level?: number): Band;
  /** Band for a new observation: the confidence band widened by the residual variance. */
  predictionBand(x: XInput, level?: number): Band;
  /**
   * A plain-text summary in the style of lmfit's `fit_report()`: the model, fit statistics, the
   * solver's stop reason, parameters ± standard error, and correlations above 0.9 flagged — the text
   * to paste into a notebook or a lab log.
   */
  report(options?: ReportOptions): string;
}

/** Inputs the result builder needs. @internal */
export interface ResultInputs {
  readonly model: Model;
  readonly cols: Columns;
  readonly theta: Float64Array;
  readonly free: readonly number[];
  readonly cost: number;
  readonly loss: ResolvedLoss;
  readonly space: ResolvedSpace;
  /** Residuals of the minimised problem at the solution, (T(y) − T(f))/s. */
  readonly weightedResiduals: Float64Array;
  /** Residual Jacobian at the solution (m × free, column-major), scaled for robust losses. */
  readonly jac: Float64Array;
  readonly absoluteSigma: boolean;
  readonly converged: boolean;
  readonly reason: string;
  readonly iterations: number;
  readonly evaluations: number;
  readonly starts: { tried: number; agreed: number };
}

/**
 * RSS from residuals evaluated in double-double arithmetic with the data taken as the decimals
 * they were written as, so near-exact fits keep their digits. Undefined if not finite. @internal
 */
function preciseRss(
  model: Model,
  cols: Columns,
  theta: Float64Array,
  residuals: number[],
): number | undefined {
  const n = cols.n;
  const xh = cols.x.map(() => new Float64Array(n));
  const xl = cols.x.map(() => new Float64Array(n));
  cols.x.forEach((c, v) => {
    for (let i = 0; i < n; i++) {
      const d = fromDecimal(c[i]!);
      xh[v]![i] = d[0];
      xl[v]![i] = d[1];
    }
  });
  const fh = new Float64Array(n);
  const fl = new Float64Array(n);
  model.evaluatePrecise!(theta, xh, xl, n, fh, fl);
  let sum: DD = [0, 0];
  for (let i = 0; i < n; i++) {
    let r = sub(fromDecimal(cols.y[i]!), [fh[i]!, fl[i]!]);
    if (cols.sigma) r = [r[0] / cols.sigma[i]!, r[1] / cols.sigma[i]!];
    sum = add(sum, mul(r, r));
  }
  const rss = sum[0] + sum[1];
  if (!Number.isFinite(rss)) return undefined;
  // Keep the reported residuals consistent with the RSS.
  for (let i = 0; i < n; i++) {
    const r = sub(fromDecimal(cols.y[i]!), [fh[i]!, fl[i]!]);
    residuals[i] = r[0] + r[1];
  }
  return rss;
}

function checkLevel(level: number): void {
  if (!(level > 0 && level < 1))
    throw new FitError("INVALID_OPTION", `level must be in (0, 1), got ${level}`);
}

/** Assemble a {@link FitResult}. @internal */
export function buildResult(inp: ResultInputs): FitResult {
  const { model, cols, theta, free, space } = inp;
  const n = cols.n;
  const p = model.params.length;
  const k = free.length;
  const fitted = new Float64Array(n);
  model.evaluate(theta, cols.x, n, fitted);
  const residuals: number[] = new Array(n);
  let rss = 0;
  let sumLogSigma = 0;
  for (let i = 0; i < n; i++) {
    const y = cols.y[i]!;
    residuals[i] = toSpace(space, y) - toSpace(space, fitted[i]!);
    rss += inp.weightedResiduals[i]! ** 2;
    // σ of the fitted quantity: σ itself, or σ/(y + c) in log space (delta method).
    sumLogSigma += Math.log(spaceSigma(space, cols.sigma, cols.y, i));
  }
  if (model.evaluatePrecise && space.name === "linear")
    rss = preciseRss(model, cols, theta, residuals) ?? rss;
  const dof = n - k;
  const robust = inp.loss.name !== "linear";
  const s2 = inp.absoluteSigma ? 1 : (robust ? 2 * inp.cost : rss) / dof;
  const { inv, rank } = normalInverse(n, k, inp.jac);
  const covariance: number[][] = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) covariance[free[a]!]![free[b]!] = inv[a]![b]! * s2;
  const correlation: number[][] = covariance.map((row, a) =>
    row.map((c, b) => {
      if (a === b) return 1;
      const d = Math.sqrt(covariance[a]![a]! * covariance[b]![b]!);
      return d > 0 ? c / d : 0;
    }),
  );
  // Null-prototype records: a parameter named `__proto__` is an ordinary key, not the prototype.
  const params = paramRecord(model.params, (_, j) => theta[j]!);
  const stderr = paramRecord(model.params, (_, j) => Math.sqrt(Math.max(0, covariance[j]![j]!)));
  const highCorrelations: CorrelationFlag[] = [];
  for (let a = 0; a < p; a++) {
    for (let b = a + 1; b < p; b++) {
      const rho = correlation[a]![b]!;
      if (Math.abs(rho) > 0.95) highCorrelations.push({ a: model.params[a]!, b: model.params[b]!, rho });
    }
  }
  // Gaussian likelihood; with relative σ the scale is profiled out and counts as a parameter.
  const logLikelihood = inp.absoluteSigma
    ? -0.5 * rss - sumLogSigma - 0.5 * n * Math.log(2 * Math.PI)
    : -0.5 * n * (Math.log((2 * Math.PI * Math.max(rss, Number.MIN_VALUE)) / n) + 1) - sumLogSigma;
  const kk = k + (inp.absoluteSigma ? 0 : 1);
  const aic = 2 * kk - 2 * logLikelihood;
  const aicc = n - kk - 1 > 0 ? aic + (2 * kk * (kk + 1)) / (n - kk - 1) : Number.POSITIVE_INFINITY;
  const bic = kk * Math.log(n) - 2 * logLikelihood;
  const paramsVec = Array.from(theta);

  function predictColumns(x: XInput): Float64Array {
    const xs = xColumns(model, x);
    const m = xs[0]?.length ?? 0;
    const out = new Float64Array(m);
    model.evaluate(paramsVec, xs, m, out);
    return out;
  }

  function band(x: XInput, level: number, prediction: boolean): Band {
    checkLevel(level);
    const xs = xColumns(model, x);
    const m = xs[0]?.length ?? 0;
    const f = new Float64Array(m);
    const g = new Float64Array(m * p);
    model.evaluate(paramsVec, xs, m, f);
    model.jacobian(paramsVec, xs, m, g);
    const t = studentTQuantile(0.5 + level / 2, dof);
    const lower: number[] = [];
    const upper: number[] = [];
    for (let i = 0; i < m; i++) {
      // Delta method in the fitted space: ∇T(f) = T′(f)·∇f; the band is built there and mapped back.
      const slope = spaceSlope(space, f[i]!);
      let v = 0;
      for (let a = 0; a < p; a++) {
        const ga = g[a * m + i]!;
        if (ga === 0) continue;
        const row = covariance[a]!;
        for (let b = 0; b < p; b++) v += ga * row[b]! * g[b * m + i]!;
      }
      v *= slope * slope;
      if (prediction) v += s2;
      const half = t * Math.sqrt(Math.max(0, v));
      const center = toSpace(space, f[i]!);
      lower.push(fromSpace(space, center - half));
      upper.push(fromSpace(space, center + half));
    }
    return { x: Array.from(xs[0] ?? []), fit: Array.from(f), lower, upper };
  }

  const predict = ((x: number | XInput) => {
    if (typeof x === "number") return predictColumns(model.variables.length === 1 ? [x] : (x as never))[0]!;
    return Array.from(predictColumns(x));
  }) as FitResult["predict"];

  const result: FitResult = {
    model,
    paramNames: [...model.params],
    params,
    stderr,
    covariance,
    correlation,
    highCorrelations,
    rss,
    dof,
    reducedChiSquare: rss / dof,
    aic,
    aicc,
    bic,
    logLikelihood,
    cost: inp.cost,
    converged: inp.converged,
    reason: inp.reason,
    iterations: inp.iterations,
    evaluations: inp.evaluations,
    rank,
    starts: inp.starts,
    residuals,
    loss: { name: inp.loss.name, scale: inp.loss.scale },
    space: { name: space.name, offset: space.offset },
    predict,
    confidenceBand: (x, level = 0.95) => band(x, level, false),
    predictionBand: (x, level = 0.95) => band(x, level, true),
    report: (options) => formatReport(result, free, options),
  };
  return result;
}

export type { FitData };
