import { EPS, enorm, lmpar, qrfac } from "../linalg/minpack.js";
import { LINEAR_LOSS, lossCost, type ResolvedLoss, scaleForRobustLoss } from "./loss.js";

/** A least-squares problem: m residuals of n parameters with their m×n Jacobian (column-major). @internal */
export interface LeastSquaresProblem {
  readonly m: number;
  readonly n: number;
  residuals(p: Float64Array, out: Float64Array): void;
  jacobian(p: Float64Array, out: Float64Array): void;
}

/** Settings of the Levenberg–Marquardt solver. */
export interface LevenbergMarquardtOptions {
  /** Stop when both actual and predicted relative cost reductions are below this (default 1e-15). */
  readonly ftol?: number;
  /** Stop when the trust region is below `xtol · ‖D x‖` (default 1e-15). */
  readonly xtol?: number;
  /** Stop when the cosine between residuals and every Jacobian column is below this (default 1e-15). */
  readonly gtol?: number;
  /** Maximum residual evaluations (default 2000 · (n + 1)). */
  readonly maxEvaluations?: number;
  /** Initial trust-region radius as a multiple of ‖D x₀‖ (default 100, as MINPACK). */
  readonly stepBound?: number;
}

/**
 * Why the solver stopped. `converged` is true for every reason except `"max-evaluations"` and
 * `"non-finite"` (the Jacobian at the current point is not finite, so no step can be computed).
 */
export type StopReason =
  | "ftol"
  | "xtol"
  | "ftol+xtol"
  | "gtol"
  | "machine-precision"
  | "max-evaluations"
  | "zero-residual"
  | "non-finite";

/** One trial step of the solver, as reported to {@link LevenbergMarquardtSettings.onStep}. @internal */
export interface LevenbergMarquardtStep {
  /** The trial point (a view: copy it to keep it). */
  readonly x: Float64Array;
  /** Its residuals (a view). */
  readonly residuals: Float64Array;
  /** Its cost; NaN when a residual is not finite. */
  readonly cost: number;
  /** Whether the solver moved to it. Never true for a non-finite cost or residual. */
  readonly accepted: boolean;
}

/** Everything the solver needs besides the problem and the start, in one object (as L-BFGS's). @internal */
export interface LevenbergMarquardtSettings extends LevenbergMarquardtOptions {
  /** Robust loss, resolved once by the caller (default least squares). */
  readonly loss?: ResolvedLoss;
  /** Lower bounds (omit both bounds for an unbounded problem). */
  readonly lower?: ArrayLike<number>;
  /** Upper bounds. */
  readonly upper?: ArrayLike<number>;
  /** Trace of every trial step, accepted or not. */
  readonly onStep?: (step: LevenbergMarquardtStep) => void;
}

/** @internal */
export interface LevenbergMarquardtResult {
  readonly x: Float64Array;
  /** ½ Σ δ² ρ(f²/δ²): ½ RSS for the linear loss. */
  readonly cost: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly jacobianEvaluations: number;
  readonly reason: StopReason;
  readonly converged: boolean;
}

function allFinite(v: Float64Array, len: number): boolean {
  for (let i = 0; i < len; i++) if (!Number.isFinite(v[i]!)) return false;
  return true;
}

/**
 * MINPACK-style Levenberg–Marquardt (lmder) with column scaling by the Jacobian norms, a
 * pivoted-QR trust-region step that tolerates rank deficiency, robust losses by residual and
 * Jacobian rescaling, and box constraints by an active set with projection.
 * @internal
 */
export function levenbergMarquardt(
  problem: LeastSquaresProblem,
  x0: ArrayLike<number>,
  settings: LevenbergMarquardtSettings = {},
): LevenbergMarquardtResult {
  const { m, n } = problem;
  const { lower, upper, onStep } = settings;
  const loss = settings.loss ?? LINEAR_LOSS;
  const ftol = settings.ftol ?? 1e-15;
  const xtol = settings.xtol ?? 1e-15;
  const gtol = settings.gtol ?? 1e-15;
  const maxfev = settings.maxEvaluations ?? 2000 * (n + 1);
  const factor = settings.stepBound ?? 100;
  const bounded = lower !== undefined || upper !== undefined;
  const lo = (j: number) => (lower ? lower[j]! : Number.NEGATIVE_INFINITY);
  const hi = (j: number) => (upper ? upper[j]! : Number.POSITIVE_INFINITY);

  const x = new Float64Array(n);
  for (let j = 0; j < n; j++) x[j] = Math.min(hi(j), Math.max(lo(j), x0[j]!));
  const fvec = new Float64Array(m);
  const fs = new Float64Array(m); // residuals seen by the model (scaled for robust losses)
  const fjacFull = new Float64Array(m * n);
  const fjac = new Float64Array(m * n);
  const diag = new Float64Array(n);
  const qtf = new Float64Array(n);
  const wa1 = new Float64Array(n);
  const wa2 = new Float64Array(n);
  const wa3 = new Float64Array(n);
  const wa4 = new Float64Array(m);
  const xt = new Float64Array(n);
  const ipvt = new Int32Array(n);
  const rdiag = new Float64Array(n);
  const acnorm = new Float64Array(n);
  const free = new Int32Array(n);
  const grad = new Float64Array(n);
  const rbuf = new Float64Array(3);

  problem.residuals(x, fvec);
  let nfev = 1;
  let njev = 0;
  let cost = allFinite(fvec, m) ? lossCost(loss, fvec, m, rbuf) : Number.NaN;
  if (!Number.isFinite(cost)) {
    return {
      x,
      cost,
      iterations: 0,
      evaluations: nfev,
      jacobianEvaluations: 0,
      reason: "max-evaluations",
      converged: false,
    };
  }
  let par = 0;
  let iter = 1;
  let delta = 0;
  let xnorm = 0;
  let reason: StopReason | undefined;
  if (cost === 0) reason = "zero-residual";

  while (reason === undefined) {
    problem.jacobian(x, fjacFull);
    njev++;
    if (!allFinite(fjacFull, m * n)) {
      // No step can be computed from a non-finite Jacobian; stop at the last finite iterate.
      reason = "non-finite";
      break;
    }
    scaleForRobustLoss(loss, fvec, fjacFull, m, n, fs, rbuf);
    // Active set: a parameter on a bound whose gradient pushes outward is frozen this iteration.
    let nf = 0;
    for (let j = 0; j < n; j++) {
      let g = 0;
      for (let i = 0; i < m; i++) g += fjacFull[j * m + i]! * fs[i]!;
      grad[j] = g;
      const atLo = x[j]! <= lo(j) && g > 0;
      const atHi = x[j]! >= hi(j) && g < 0;
      if (!atLo && !atHi) free[nf++] = j;
    }
    if (nf === 0) {
      reason = "gtol";
      break;
    }
    for (let k = 0; k < nf; k++) fjac.set(fjacFull.subarray(free[k]! * m, free[k]! * m + m), k * m);
    const fnorm = Math.sqrt(2 * cost);
    const fsnorm = enorm(fs, 0, m);
    qrfac(m, nf, fjac, ipvt, rdiag, acnorm, wa2);

    if (iter === 1) {
      for (let j = 0; j < n; j++) diag[j] = 0;
      for (let k = 0; k < nf; k++) diag[free[k]!] = acnorm[k] === 0 ? 1 : acnorm[k]!;
      for (let j = 0; j < n; j++) if (diag[j] === 0) diag[j] = 1;
      for (let j = 0; j < n; j++) wa3[j] = diag[j]! * x[j]!;
      xnorm = enorm(wa3, 0, n);
      delta = factor * xnorm;
      if (delta === 0) delta = factor;
    }

    wa4.set(fs);
    for (let j = 0; j < nf; j++) {
      const cj = j * m;
      if (fjac[cj + j] !== 0) {
        let sum = 0;
        for (let i = j; i < m; i++) sum += fjac[cj + i]! * wa4[i]!;
        const temp = -sum / fjac[cj + j]!;
        for (let i = j; i < m; i++) wa4[i]! += fjac[cj + i]! * temp;
      }
      fjac[cj + j] = rdiag[j]!;
      qtf[j] = wa4[j]!;
    }

    let gnorm = 0;
    if (fsnorm !== 0) {
      for (let j = 0; j < nf; j++) {
        const l = ipvt[j]!;
        if (acnorm[l] !== 0) {
          let sum = 0;
          for (let i = 0; i <= j; i++) sum += fjac[j * m + i]! * (qtf[i]! / fsnorm);
          gnorm = Math.max(gnorm, Math.abs(sum / acnorm[l]!));
        }
      }
    }
    if (gnorm <= gtol) {
      reason = "gtol";
      break;
    }
    for (let k = 0; k < nf; k++) {
      const j = free[k]!;
      diag[j] = Math.max(diag[j]!, acnorm[k]!);
    }
    // Free-set views of the scaling used by lmpar.
    const dfree = new Float64Array(nf);
    for (let k = 0; k < nf; k++) dfree[k] = diag[free[k]!]!;

    for (;;) {
      par = lmpar(nf, fjac, m, ipvt, dfree, qtf, delta, par, wa1, wa2, wa3, wa4);
      for (let k = 0; k < nf; k++) wa1[k] = -wa1[k]!;
      xt.set(x);
      let clipped = false;
      for (let k = 0; k < nf; k++) {
        const j = free[k]!;
        const v = x[j]! + wa1[k]!;
        const c = Math.min(hi(j), Math.max(lo(j), v));
        if (c !== v) {
          clipped = true;
          wa1[k] = c - x[j]!;
        }
        xt[j] = c;
      }
      for (let k = 0; k < nf; k++) wa3[k] = dfree[k]! * wa1[k]!;
      const pnorm = enorm(wa3, 0, nf);
      if (iter === 1) delta = Math.min(delta, pnorm);

      problem.residuals(xt, wa4);
      nfev++;
      // A non-finite residual makes the trial a failed step even where a bounded loss (arctan)
      // would turn it into a finite cost.
      const cost1 = allFinite(wa4, m) ? lossCost(loss, wa4, m, rbuf) : Number.NaN;
      const fnorm1 = Math.sqrt(2 * cost1);
      let actred = -1;
      if (Number.isFinite(cost1) && 0.1 * fnorm1 < fnorm) actred = 1 - cost1 / cost;

      let prered: number;
      let dirder: number;
      if (!clipped || !bounded) {
        // ‖R Pᵀ p‖ from the factorisation; valid because p solves the damped normal equations.
        for (let j = 0; j < nf; j++) {
          wa3[j] = 0;
          const temp = wa1[ipvt[j]!]!;
          for (let i = 0; i <= j; i++) wa3[i]! += fjac[j * m + i]! * temp;
        }
        const temp1 = enorm(wa3, 0, nf) / fnorm;
        const temp2 = (Math.sqrt(par) * pnorm) / fnorm;
        prered = temp1 * temp1 + (temp2 * temp2) / 0.5;
        dirder = -(temp1 * temp1 + temp2 * temp2);
      } else {
        // A projected step no longer solves the damped system: evaluate the model directly.
        let jp2 = 0;
        let gp = 0;
        for (let i = 0; i < m; i++) {
          let v = 0;
          for (let k = 0; k < nf; k++) v += fjacFull[free[k]! * m + i]! * wa1[k]!;
          jp2 += v * v;
          gp += fs[i]! * v;
        }
        prered = -(2 * gp + jp2) / (fnorm * fnorm);
        dirder = (2 * gp) / (fnorm * fnorm);
      }
      // A projected step can have a negative predicted reduction (the projection turned it uphill in
      // the model); actred/prered would then turn a failed step (actred < 0, e.g. a NaN cost) into a
      // positive ratio and accept it. Such a step, and any non-finite one, counts as failed: the
      // trust region shrinks and the damping grows.
      const ratio = Number.isFinite(cost1) && prered > 0 ? actred / prered : 0;
      if (ratio <= 0.25) {
        let temp = actred >= 0 ? 0.5 : (0.5 * dirder) / (dirder + 0.5 * actred);
        if (0.1 * fnorm1 >= fnorm || !Number.isFinite(fnorm1) || !(temp >= 0.1)) temp = 0.1;
        delta = temp * Math.min(delta, pnorm / 0.1);
        par /= temp;
      } else if (par === 0 || ratio >= 0.75) {
        delta = pnorm / 0.5;
        par *= 0.5;
      }
      const accepted = ratio >= 1e-4;
      onStep?.({ x: xt, residuals: wa4, cost: cost1, accepted });
      if (accepted) {
        x.set(xt);
        fvec.set(wa4);
        for (let j = 0; j < n; j++) wa2[j] = diag[j]! * x[j]!;
        xnorm = enorm(wa2, 0, n);
        cost = cost1;
        iter++;
      }
      const fAct = Math.abs(actred) <= ftol && prered <= ftol && 0.5 * ratio <= 1;
      const xAct = delta <= xtol * xnorm;
      if (fAct && xAct) reason = "ftol+xtol";
      else if (fAct) reason = "ftol";
      else if (xAct) reason = "xtol";
      else if (cost === 0) reason = "zero-residual";
      else if (nfev >= maxfev) reason = "max-evaluations";
      else if (
        (Math.abs(actred) <= EPS && prered <= EPS && 0.5 * ratio <= 1) ||
        delta <= EPS * xnorm ||
        gnorm <= EPS
      )
        reason = "machine-precision";
      if (reason !== undefined || accepted) break;
    }
  }
  return {
    x,
    cost,
    iterations: iter - 1,
    evaluations: nfev,
    jacobianEvaluations: njev,
    reason,
    converged: reason !== "max-evaluations" && reason !== "non-finite",
  };
}
