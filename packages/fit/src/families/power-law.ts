import { optionsObject } from "../engine/options.js";
import { describeValue, FitError } from "../errors.js";
import type { Model } from "../models/model.js";
import { exponentCap } from "./bounds.js";
import { bestCandidates, linearLeastSquares, sse } from "./starts.js";

/** Options of {@link powerLaw}. */
export interface PowerLawOptions {
  /**
   * Reference scale x₀ in E + A·(x/x₀)^−α (default 1). A reference near the data's geometric
   * mean decorrelates A from α; with the default, A is in the units of the usual E + A·x^−α.
   */
  readonly reference?: number;
  /** Allow α < 0 (a growing power law). Default false: α ≥ 0. */
  readonly allowNegativeExponent?: boolean;
}

/**
 * Power law with an irreducible offset, f(x) = E + A·(x/x₀)^−α: the loss-vs-scale law of
 * Kaplan et al. (2020) and Hoffmann et al. (2022) in one variable. Parameters `E`, `A`, `alpha`.
 * Default starts: for a grid of α, E and A solve a linear least-squares problem exactly. Default
 * bounds: 0 ≤ α ≤ 10 (−10 ≤ α with `allowNegativeExponent`), tighter if (x/x₀)^−α would overflow on the data.
 *
 * @example
 * ```ts
 * const r = fit(powerLaw(), { x: [1e6, 1e7, 1e8, 1e9], y: [3.9, 3.1, 2.6, 2.3] });
 * r.params.alpha;
 * ```
 */
export function powerLaw(opts: PowerLawOptions = {}): Model {
  const options = optionsObject(opts);
  const x0 = options.reference ?? 1;
  if (typeof x0 !== "number" || !(x0 > 0) || !Number.isFinite(x0)) {
    throw new FitError(
      "INVALID_OPTION",
      `reference must be a positive finite number, got ${describeValue(x0)}`,
    );
  }
  const lx0 = Math.log(x0);
  return {
    name: "power law",
    expression: x0 === 1 ? "E + A * x^(-alpha)" : `E + A * (x / ${x0})^(-alpha)`,
    params: ["E", "A", "alpha"],
    variables: ["x"],
    positive: ["x"],
    lower: [
      Number.NEGATIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      options.allowNegativeExponent ? Number.NEGATIVE_INFINITY : 0,
    ],
    upper: [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY],
    defaultBounds([x]) {
      // |α| ≤ 10 (no scaling exponent comes near it) and small enough that (x/x₀)^−α stays finite on the data.
      const cap = exponentCap(
        Array.from(x!, (v) => Math.log(v) - lx0),
        10,
      );
      return {
        lower: [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY, options.allowNegativeExponent ? -cap : 0],
        upper: [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, cap],
      };
    },
    evaluate(p, [x], n, out) {
      const E = p[0]!;
      const A = p[1]!;
      const a = p[2]!;
      for (let i = 0; i < n; i++) out[i] = E + A * Math.exp(-a * (Math.log(x![i]!) - lx0));
    },
    jacobian(p, [x], n, out) {
      const A = p[1]!;
      const a = p[2]!;
      for (let i = 0; i < n; i++) {
        const l = Math.log(x![i]!) - lx0;
        const t = Math.exp(-a * l);
        out[i] = 1;
        out[n + i] = t;
        out[2 * n + i] = -A * t * l;
      }
    },
    defaultStarts([x], y) {
      const l = Array.from(x!, (v) => Math.log(v) - lx0);
      const alphas = options.allowNegativeExponent
        ? [-1, -0.5, -0.25, -0.1, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8, 1.2, 2]
        : [0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8, 1.2, 2, 3];
      const cands = alphas.flatMap((a) => {
        const sol = linearLeastSquares(
          l.map((li) => [1, Math.exp(-a * li)]),
          y,
        );
        if (!sol) return [];
        const [E, A] = sol as [number, number];
        return [{ start: [E, A, a], score: sse((i) => E + A * Math.exp(-a * l[i]!), y) }];
      });
      return bestCandidates(cands, 3);
    },
  };
}
