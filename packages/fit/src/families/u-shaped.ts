import type { Model } from "../models/model.js";
import { linearLeastSquares } from "./starts.js";

/**
 * U-shaped (inverse-then-recovering) scaling, f(x) = bottom + curvature·(log₁₀x − turn)²: the
 * metric first worsens then recovers with scale (Wei et al. 2023, "Inverse scaling can become
 * U-shaped"). Parameters `bottom` (value at the turning point), `turn` (log₁₀ of the size where the
 * trend reverses) and `curvature` (> 0: U, < 0: inverted U). Starts from the exact quadratic fit.
 *
 * @example
 * ```ts
 * const r = fit(uShaped(), { x: sizes, y: scores });
 * 10 ** r.params.turn; // size where inverse scaling turns around
 * ```
 */
export function uShaped(): Model {
  return {
    name: "U-shaped in log size",
    expression: "bottom + curvature * (log10(x) - turn)^2",
    params: ["bottom", "turn", "curvature"],
    variables: ["x"],
    positive: ["x"],
    evaluate(p, [x], n, out) {
      for (let i = 0; i < n; i++) {
        const u = Math.log10(x![i]!) - p[1]!;
        out[i] = p[0]! + p[2]! * u * u;
      }
    },
    jacobian(p, [x], n, out) {
      for (let i = 0; i < n; i++) {
        const u = Math.log10(x![i]!) - p[1]!;
        out[i] = 1;
        out[n + i] = -2 * p[2]! * u;
        out[2 * n + i] = u * u;
      }
    },
    defaultStarts([x], y) {
      const lx = Array.from(x!, Math.log10);
      const sol = linearLeastSquares(
        lx.map((v) => [1, v, v * v]),
        y,
      );
      const mean = lx.reduce((s, v) => s + v, 0) / lx.length;
      if (!sol || sol[2] === 0) return [[Array.from(y).reduce((s, v) => s + v, 0) / y.length, mean, 0.01]];
      const [c0, c1, c2] = sol as [number, number, number];
      const turn = -c1 / (2 * c2);
      return [[c0 - (c1 * c1) / (4 * c2), turn, c2]];
    },
  };
}
