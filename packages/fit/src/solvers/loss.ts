import { FitError } from "../errors.js";

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

/** Validate a loss spec and return its name and scale. @internal */
export function resolveLoss(loss: LossName | LossSpec | undefined): { name: LossName; scale: number } {
  if (loss === undefined) return { name: "linear", scale: 1 };
  const spec = typeof loss === "string" ? { name: loss } : loss;
  const names: LossName[] = ["linear", "huber", "soft-l1", "cauchy", "arctan"];
  if (!names.includes(spec.name)) throw new FitError("INVALID_OPTION", `unknown loss "${String(spec.name)}"`);
  const scale = spec.scale ?? 1;
  if (!(scale > 0) || !Number.isFinite(scale)) {
    throw new FitError("INVALID_OPTION", `loss scale must be a positive finite number, got ${scale}`);
  }
  return { name: spec.name, scale };
}
