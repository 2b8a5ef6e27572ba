import type { Model } from "./model.js";

/**
 * Central-difference Jacobian of `evaluate`, step ∛ε·max(|θⱼ|, 1). Used only when a model asks
 * for it explicitly: exact derivatives are what make the solver reach certified digits.
 * @internal
 */
export function finiteDifferenceJacobian(
  evaluate: Model["evaluate"],
): (theta: ArrayLike<number>, x: readonly Float64Array[], n: number, out: Float64Array) => void {
  return (theta, x, n, out) => {
    const k = theta.length;
    const p = Float64Array.from(theta as ArrayLike<number>);
    const fp = new Float64Array(n);
    const fm = new Float64Array(n);
    for (let j = 0; j < k; j++) {
      const pj = p[j]!;
      const h = 6.0554544523933395e-6 * Math.max(Math.abs(pj), 1);
      p[j] = pj + h;
      evaluate(p, x, n, fp);
      p[j] = pj - h;
      evaluate(p, x, n, fm);
      p[j] = pj;
      for (let i = 0; i < n; i++) out[j * n + i] = (fp[i]! - fm[i]!) / (2 * h);
    }
  };
}
