import { type Noise, pointSd } from "./noise.js";

/** A straight line in log₁₀ size fitted by weighted least squares, with its coefficient covariance. @internal */
export interface LogLinearTrend {
  readonly a: number;
  readonly b: number;
  /** Covariance of (a, b) for absolute σ (estimated noise: per unit σ², rescale by σ̂²). */
  readonly cov: readonly [number, number, number];
  /** f(x) = a + b·log₁₀x. */
  value(lx: number): number;
  /** Variance of f at log₁₀ size lx. */
  variance(lx: number): number;
}

/**
 * Weighted straight line through (log₁₀ size, score), in closed form so it works from two points up
 * (the predictability test extrapolates from as few as two smaller models). Binomial noise is
 * reweighted at the fitted line, as {@link noisyFit} does for the nonlinear curves.
 * @internal
 */
export function logLinearTrend(lx: readonly number[], y: readonly number[], noise: Noise): LogLinearTrend {
  let w = y.map((v, i) => 1 / pointSd(noise, i, v) ** 2);
  let line = weightedLine(lx, y, w);
  if (noise.kind === "binomial") {
    for (let round = 1; round < 4; round++) {
      w = lx.map((v, i) => 1 / pointSd(noise, i, line.a + line.b * v) ** 2);
      line = weightedLine(lx, y, w);
    }
  }
  const { a, b, cov } = line;
  return {
    a,
    b,
    cov,
    value: (v) => a + b * v,
    variance: (v) => cov[0] + 2 * v * cov[1] + v * v * cov[2],
  };
}

function weightedLine(lx: readonly number[], y: readonly number[], w: readonly number[]) {
  let sw = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < lx.length; i++) {
    sw += w[i]!;
    sx += w[i]! * lx[i]!;
    sy += w[i]! * y[i]!;
  }
  const mx = sx / sw;
  const my = sy / sw;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < lx.length; i++) {
    sxx += w[i]! * (lx[i]! - mx) ** 2;
    sxy += w[i]! * (lx[i]! - mx) * (y[i]! - my);
  }
  // Centred form: Var(b) = 1/Sxx, Var(mean) = 1/Σw, and a = ȳ − b·x̄.
  const b = sxx > 0 ? sxy / sxx : 0;
  const vb = sxx > 0 ? 1 / sxx : Number.POSITIVE_INFINITY;
  const a = my - b * mx;
  const cov: [number, number, number] = [1 / sw + mx * mx * vb, -mx * vb, vb];
  return { a, b, cov };
}
