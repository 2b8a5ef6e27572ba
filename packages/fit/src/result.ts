import type { FitData, XInput } from "./data.js";
import type { Model } from "./models/model.js";

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

/** Options of `FitResult.report()`. */
export interface ReportOptions {
  /** Flag parameter pairs whose |correlation| exceeds this (default 0.9). */
  readonly correlationThreshold?: number;
  /** Significant digits of the numbers (default 6). */
  readonly digits?: number;
}

export type { FitData };
