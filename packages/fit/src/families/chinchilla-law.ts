import type { Model } from "../models/model.js";
import { exponentCap } from "./bounds.js";
import { bestCandidates, linearLeastSquares, sse } from "./starts.js";

/**
 * The Chinchilla parametric loss L(N, D) = E + A/N^α + B/D^β (Hoffmann et al. 2022, Approach 3),
 * fitted in linear space by least squares. Variables `N` (parameters) and `D` (tokens); parameters
 * `E`, `A`, `alpha`, `B`, `beta`. For the paper's log-space Huber objective use
 * {@link fitChinchilla}, or this model with `space: "log"` and a Huber loss. Default starts: a grid of
 * exponents with E, A, B solved linearly. Default bounds: 0 ≤ α, β ≤ 10.
 *
 * @example
 * ```ts
 * const pts = chinchillaPoints();
 * const r = fit(chinchillaLaw(), { x: { N: pts.N, D: pts.D }, y: pts.loss });
 * ```
 */
export function chinchillaLaw(): Model {
  return {
    name: "chinchilla",
    expression: "E + A / N^alpha + B / D^beta",
    params: ["E", "A", "alpha", "B", "beta"],
    variables: ["N", "D"],
    positive: ["N", "D"],
    lower: [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, Number.NEGATIVE_INFINITY, 0],
    upper: new Array<number>(5).fill(Number.POSITIVE_INFINITY),
    defaultBounds([N, D]) {
      // 0 ≤ α, β ≤ 10, tighter if N^−α or D^−β would overflow on the data.
      const inf = Number.POSITIVE_INFINITY;
      const capN = exponentCap(Array.from(N!, Math.log), 10);
      const capD = exponentCap(Array.from(D!, Math.log), 10);
      return { lower: [-inf, -inf, 0, -inf, 0], upper: [inf, inf, capN, inf, capD] };
    },
    evaluate(p, [N, D], n, out) {
      const [E, A, a, B, b] = [p[0]!, p[1]!, p[2]!, p[3]!, p[4]!];
      for (let i = 0; i < n; i++)
        out[i] = E + A * Math.exp(-a * Math.log(N![i]!)) + B * Math.exp(-b * Math.log(D![i]!));
    },
    jacobian(p, [N, D], n, out) {
      const [A, a, B, b] = [p[1]!, p[2]!, p[3]!, p[4]!];
      for (let i = 0; i < n; i++) {
        const ln = Math.log(N![i]!);
        const ld = Math.log(D![i]!);
        const tn = Math.exp(-a * ln);
        const td = Math.exp(-b * ld);
        out[i] = 1;
        out[n + i] = tn;
        out[2 * n + i] = -A * tn * ln;
        out[3 * n + i] = td;
        out[4 * n + i] = -B * td * ld;
      }
    },
    defaultStarts([N, D], y) {
      const ln = Array.from(N!, Math.log);
      const ld = Array.from(D!, Math.log);
      const grid = [0.1, 0.2, 0.3, 0.4, 0.6, 0.8];
      const cands = grid.flatMap((a) =>
        grid.flatMap((b) => {
          const sol = linearLeastSquares(
            ln.map((l, i) => [1, Math.exp(-a * l), Math.exp(-b * ld[i]!)]),
            y,
          );
          if (!sol) return [];
          const [E, A, B] = sol as [number, number, number];
          const f = (i: number) => E + A * Math.exp(-a * ln[i]!) + B * Math.exp(-b * ld[i]!);
          return [{ start: [E, A, a, B, b], score: sse(f, y) }];
        }),
      );
      return bestCandidates(cands, 4);
    },
  };
}
