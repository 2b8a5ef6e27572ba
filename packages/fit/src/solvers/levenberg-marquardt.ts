import { EPS, enorm, lmpar, qrfac } from "../linalg/minpack.js";
import { type LossName, rho } from "./loss.js";

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

/** Why the solver stopped. `converged` is true for every reason except `"max-evaluations"`. */
export type StopReason =
  | "ftol"
  | "xtol"
  | "ftol+xtol"
  | "gtol"
  | "machine-precision"
  | "max-evaluations"
  | "zero-residual";

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

interface LossState {
  readonly name: LossName;
  readonly scale: number;
}

/** Cost and the scipy-style scaled residuals/Jacobian of a robust loss. */
function robustCost(loss: LossState, f: Float64Array, m: number, r: Float64Array): number {
  if (loss.name === "linear") {
    let s = 0;
    for (let i = 0; i < m; i++) s += f[i]! * f[i]!;
    return 0.5 * s;
  }
  const c2 = loss.scale * loss.scale;
  let s = 0;
  for (let i = 0; i < m; i++) {
    rho(loss.name, (f[i]! * f[i]!) / c2, r);
    s += r[0]! * c2;
  }
  return 0.5 * s;
}

function scaleForLoss(
  loss: LossState,
  f: Float64Array,
  jac: Float64Array,
  m: number,
  n: number,
  fs: Float64Array,
  r: Float64Array,
): void {
  const c2 = loss.scale * loss.scale;
  for (let i = 0; i < m; i++) {
    const fi = f[i]!;
    rho(loss.name, (fi * fi) / c2, r);
    // J_scale = ρ′ + 2ρ″f² (ρ″ in units of 1/δ²), clipped positive: keeps the Gauss–Newton
    // model consistent with the true gradient Σ ρ′ fᵢ ∇fᵢ (Triggs et al. 2000; scipy).
    let js = r[1]! + (2 * r[2]! * fi * fi) / c2;
    if (js < EPS) js = EPS;
    js = Math.sqrt(js);
    fs[i] = (fi * r[1]!) / js;
    for (let j = 0; j < n; j++) jac[j * m + i]! *= js;
  }
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
  options: LevenbergMarquardtOptions = {},
  loss: LossState = { name: "linear", scale: 1 },
  lower?: ArrayLike<number>,
  upper?: ArrayLike<number>,
): LevenbergMarquardtResult {
  const { m, n } = problem;
  const ftol = options.ftol ?? 1e-15;
  const xtol = options.xtol ?? 1e-15;
  const gtol = options.gtol ?? 1e-15;
  const maxfev = options.maxEvaluations ?? 2000 * (n + 1);
  const factor = options.stepBound ?? 100;
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
  const linear = loss.name === "linear";

  problem.residuals(x, fvec);
  let nfev = 1;
  let njev = 0;
  let cost = robustCost(loss, fvec, m, rbuf);
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
    if (!linear) scaleForLoss(loss, fvec, fjacFull, m, n, fs, rbuf);
    else fs.set(fvec);
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
      const cost1 = robustCost(loss, wa4, m, rbuf);
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
      const ratio = prered !== 0 ? actred / prered : 0;
      if (ratio <= 0.25) {
        let temp = actred >= 0 ? 0.5 : (0.5 * dirder) / (dirder + 0.5 * actred);
        if (0.1 * fnorm1 >= fnorm || !Number.isFinite(fnorm1) || !(temp >= 0.1)) temp = 0.1;
        delta = temp * Math.min(delta, pnorm / 0.1);
        par /= temp;
      } else if (par === 0 || ratio >= 0.75) {
        delta = pnorm / 0.5;
        par *= 0.5;
      }
      if (ratio >= 1e-4) {
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
      if (reason !== undefined || ratio >= 1e-4) break;
    }
  }
  return {
    x,
    cost,
    iterations: iter - 1,
    evaluations: nfev,
    jacobianEvaluations: njev,
    reason,
    converged: reason !== "max-evaluations",
  };
}
