import { optionsObject } from "../engine/options.js";
import { describeValue, FitError } from "../errors.js";
import { lbfgsSolver } from "../solvers/lbfgs.js";
import { type ChinchillaData, type ChinchillaParams, logSpaceData, toParams } from "./fit-chinchilla.js";
import { chinchillaLikelihood } from "./mle.js";

/** Options of {@link chinchillaMle}. */
export interface ChinchillaMleOptions {
  /**
   * Starting point in log space [a, b, e, α, β] (a = log A, b = log B, e = log E), e.g. a grid fit's
   * `logParams`. Default: Hoffmann et al.'s published fit, as Epoch's notebook starts.
   */
  readonly start?:
    | readonly number[]
    | {
        readonly a: number;
        readonly b: number;
        readonly e: number;
        readonly alpha: number;
        readonly beta: number;
      };
  /** Huber shape δ of the residual density (default 1e-3, as Epoch). */
  readonly delta?: number;
}

/** Result of {@link chinchillaMle}. */
export interface ChinchillaMle {
  readonly params: ChinchillaParams;
  readonly logParams: {
    readonly a: number;
    readonly b: number;
    readonly e: number;
    readonly alpha: number;
    readonly beta: number;
  };
  /** Fitted scale s of the Huber residual density, in log-loss units. */
  readonly scale: number;
  /** Maximised log-likelihood (879.77 on the 240 points; Epoch's notebook prints −log L = −879.77). */
  readonly logLikelihood: number;
  readonly converged: boolean;
  readonly reason: string;
  readonly evaluations: number;
}

/** Hoffmann et al.'s unrounded fit in log space, where Epoch's notebook starts its likelihood fit. */
const HOFFMANN_LOG = [6.0073404, 6.0179186, 0.5267228, 0.33917084, 0.2849083];

/**
 * Epoch AI's maximum-likelihood refit of the Chinchilla law (Besiroglu et al. 2024): log-loss
 * residuals follow a Huber density (shape δ = 10⁻³) with a fitted scale s, and (a, b, e, α, β, log s)
 * maximise the likelihood by L-BFGS. This is the fit behind Epoch's published parameters
 * (E = 1.82, A = 482.01, B = 2085.43, α = 0.3478, β = 0.3658); the 4500-start Huber grid of
 * {@link fitChinchilla} gives the other published set (A = 477.8, B = 2143.9). Started from the grid's
 * optimum (`fitChinchilla(data, { polish: "mle" })`) it reaches the same optimum as from Hoffmann's fit.
 *
 * @example
 * ```ts
 * import { chinchillaMle } from "@emerge/fit";
 * import { chinchillaPoints } from "@emerge/fit/datasets";
 * chinchillaMle(chinchillaPoints()).params; // ≈ { E: 1.8169, A: 482.006, B: 2085.43, alpha: 0.34781, beta: 0.36585 }
 * ```
 */
export function chinchillaMle(data: ChinchillaData, opts: ChinchillaMleOptions = {}): ChinchillaMle {
  const options = optionsObject(opts);
  const delta = options.delta ?? 1e-3;
  if (typeof delta !== "number" || !(delta > 0) || !Number.isFinite(delta)) {
    throw new FitError(
      "INVALID_OPTION",
      `delta must be a positive finite number, got ${describeValue(delta)}`,
    );
  }
  const s = options.start as unknown;
  let start: unknown[];
  if (s === undefined) start = HOFFMANN_LOG;
  else if (Array.isArray(s)) start = [...s];
  else if (s !== null && typeof s === "object") {
    const o = s as Record<string, unknown>;
    start = [o.a, o.b, o.e, o.alpha, o.beta];
  } else start = [];
  if (start.length !== 5 || !start.every((v) => typeof v === "number" && Number.isFinite(v))) {
    throw new FitError(
      "INVALID_START",
      "start must be 5 finite numbers [a, b, e, alpha, beta] (log A, log B, log E)",
    );
  }
  const ld = logSpaceData(data);
  const fg = chinchillaLikelihood(ld, delta);
  // log s = 0 to start, as Epoch; the optimum s is tiny (~5e-6), so the density is nearly Laplace.
  const r = lbfgsSolver(6, { gtol: 1e-10, ftol: 1e-15, maxIterations: 20_000, maxEvaluations: 50_000 })(fg, [
    ...(start as number[]),
    0,
  ]);
  const x = r.x;
  return {
    params: toParams(x),
    logParams: { a: x[0]!, b: x[1]!, e: x[2]!, alpha: x[3]!, beta: x[4]! },
    scale: Math.exp(x[5]!),
    logLikelihood: -r.f,
    converged: r.converged,
    reason: r.reason,
    evaluations: r.evaluations,
  };
}
