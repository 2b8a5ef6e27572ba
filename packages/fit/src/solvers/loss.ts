import { describeValue, FitError } from "../errors.js";

/**
 * Loss applied to each residual: `"linear"` is ordinary least squares; the robust ones grow
 * sub-quadratically beyond `scale` (δ) so outliers weigh less.
 */
export type LossName = "linear" | "huber" | "soft-l1" | "cauchy" | "arctan";

/** A loss and its scale δ (residuals are compared with δ; default 1). */
export interface LossSpec {
  readonly name: LossName;
  readonly scale?: number;
}

/**
 * ρ(z), ρ′(z), ρ″(z) of z = (f/δ)², as in scipy.optimize.least_squares, so that the cost is
 * ½ Σ δ² ρ(fᵢ²/δ²). Writes the three values into `out[0..2]`.
 * @internal
 */
export function rho(name: LossName, z: number, out: Float64Array): void {
  switch (name) {
    case "linear":
      out[0] = z;
      out[1] = 1;
      out[2] = 0;
      return;
    case "huber":
      if (z <= 1) {
        out[0] = z;
        out[1] = 1;
        out[2] = 0;
      } else {
        const s = Math.sqrt(z);
        out[0] = 2 * s - 1;
        out[1] = 1 / s;
        out[2] = -0.5 / (z * s);
      }
      return;
    case "soft-l1": {
      const t = 1 + z;
      const s = Math.sqrt(t);
      out[0] = 2 * (s - 1);
      out[1] = 1 / s;
      out[2] = -0.5 / (t * s);
      return;
    }
    case "cauchy": {
      const t = 1 + z;
      out[0] = Math.log1p(z);
      out[1] = 1 / t;
      out[2] = -1 / (t * t);
      return;
    }
    case "arctan": {
      const t = 1 + z * z;
      out[0] = Math.atan(z);
      out[1] = 1 / t;
      out[2] = (-2 * z) / (t * t);
      return;
    }
  }
}

/** A validated loss: resolved once per fit and shared by the solver and the covariance step. @internal */
export interface ResolvedLoss {
  readonly name: LossName;
  readonly scale: number;
}

/** The least-squares loss. @internal */
export const LINEAR_LOSS: ResolvedLoss = Object.freeze({ name: "linear", scale: 1 });

/** Cost ½ Σ δ² ρ(fᵢ²/δ²) of m residuals (½ Σ fᵢ² for the linear loss). @internal */
export function lossCost(loss: ResolvedLoss, f: ArrayLike<number>, m: number, scratch: Float64Array): number {
  if (loss.name === "linear") {
    let s = 0;
    for (let i = 0; i < m; i++) s += f[i]! * f[i]!;
    return 0.5 * s;
  }
  const c2 = loss.scale * loss.scale;
  let s = 0;
  for (let i = 0; i < m; i++) {
    rho(loss.name, (f[i]! * f[i]!) / c2, scratch);
    s += scratch[0]! * c2;
  }
  return 0.5 * s;
}

/**
 * Rescale the residuals and the m×n Jacobian (column-major) of a robust loss so that the
 * Gauss–Newton model of the robust cost is ordinary least squares in the scaled quantities, as
 * scipy's `least_squares` does (`_lsq/common.py`, scale_for_robust_loss_function): row i of J is
 * multiplied by √(ρ′ + 2ρ″fᵢ²/δ²), clipped at machine epsilon, and the residual becomes
 * ρ′fᵢ/√(…), so Jᵀf is the true gradient Σ ρ′fᵢ∇fᵢ (Triggs et al. 2000). The solver uses it on every
 * iteration and the covariance step once at the solution, so both see the same curvature.
 * `scaledResiduals` may be omitted when only the Jacobian is needed. No-op for the linear loss.
 * @internal
 */
export function scaleForRobustLoss(
  loss: ResolvedLoss,
  f: ArrayLike<number>,
  jac: Float64Array,
  m: number,
  n: number,
  scaledResiduals: Float64Array | undefined,
  scratch: Float64Array,
): void {
  if (loss.name === "linear") {
    if (scaledResiduals) for (let i = 0; i < m; i++) scaledResiduals[i] = f[i]!;
    return;
  }
  const c2 = loss.scale * loss.scale;
  for (let i = 0; i < m; i++) {
    const fi = f[i]!;
    rho(loss.name, (fi * fi) / c2, scratch);
    let js = scratch[1]! + (2 * scratch[2]! * fi * fi) / c2;
    if (js < 2.220446049250313e-16) js = 2.220446049250313e-16;
    js = Math.sqrt(js);
    if (scaledResiduals) scaledResiduals[i] = (fi * scratch[1]!) / js;
    for (let j = 0; j < n; j++) jac[j * m + i]! *= js;
  }
}

/** Validate a loss spec and return its name and scale. @internal */
export function resolveLoss(loss: LossName | LossSpec | undefined): ResolvedLoss {
  if (loss === undefined) return LINEAR_LOSS;
  if (typeof loss !== "string" && (loss === null || typeof loss !== "object")) {
    throw new FitError(
      "INVALID_OPTION",
      `loss must be a loss name or { name, scale }, got ${describeValue(loss)}`,
    );
  }
  const spec = typeof loss === "string" ? { name: loss } : loss;
  const names: LossName[] = ["linear", "huber", "soft-l1", "cauchy", "arctan"];
  if (!names.includes(spec.name))
    throw new FitError("INVALID_OPTION", `unknown loss "${describeValue(spec.name)}"`);
  const scale = spec.scale ?? 1;
  if (typeof scale !== "number" || !(scale > 0) || !Number.isFinite(scale)) {
    throw new FitError(
      "INVALID_OPTION",
      `loss.scale must be a positive finite number, got ${describeValue(scale)}`,
    );
  }
  return { name: spec.name, scale };
}
