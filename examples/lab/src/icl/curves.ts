import {
  averaging,
  leastSquares,
  nearestNeighbors,
  normalizedSquaredError,
  type RegressionPrompt,
} from "@emerge/tasks";

/**
 * A predictor of in-context regression at every prefix, as Garg et al. score their models: for a
 * prompt with points (x₀, y₀) … (x_K, y_K), `predictions[k]` predicts y_k from (x₀, y₀) … (x_{k−1},
 * y_{k−1}) and x_k. The query of a {@link RegressionPrompt} is used as the last point.
 */
export type PrefixPredictor = (prompt: RegressionPrompt) => readonly number[];

/** Normalised squared error against the number of in-context examples (0 … K). */
export interface IclCurve {
  readonly name: string;
  /** mean[k]: mean over prompts of (ŷ_k − y_k)² / d (1 = predicting 0) after k examples. */
  readonly mean: readonly number[];
  /** Standard error of each mean over prompts. */
  readonly se: readonly number[];
}

/** The points of a prompt with its query appended: (x₀, y₀) … (x_K, y_K). */
export function promptPoints(p: RegressionPrompt): { xs: (readonly number[])[]; ys: number[] } {
  return { xs: [...p.xs, p.query], ys: [...p.ys, p.target] };
}

function prefixBaseline(
  predict: (xs: readonly (readonly number[])[], ys: readonly number[], q: readonly number[]) => number,
): PrefixPredictor {
  return (p) => {
    const { xs, ys } = promptPoints(p);
    return xs.map((x, k) => predict(xs.slice(0, k), ys.slice(0, k), x));
  };
}

/** The three baselines of Garg et al. that @emerge/tasks provides, as prefix predictors. */
export const iclBaselines: Readonly<Record<"least squares" | "3-NN" | "averaging", PrefixPredictor>> = {
  "least squares": prefixBaseline(leastSquares),
  "3-NN": prefixBaseline((xs, ys, q) => nearestNeighbors(xs, ys, q, 3)),
  averaging: prefixBaseline(averaging),
};

/**
 * Score a prefix predictor on prompts: the normalised squared error after 0 … K examples.
 *
 * @example
 * ```ts
 * const prompts = regressionPrompts({ kind: "linear", dims: 5, points: 10, n: 200, seed: 1 });
 * iclCurve("least squares", prompts, iclBaselines["least squares"]).mean[6]; // ≈ 0 once k > d
 * ```
 */
export function iclCurve(
  name: string,
  prompts: readonly RegressionPrompt[],
  predictor: PrefixPredictor,
): IclCurve {
  if (prompts.length === 0) throw new RangeError("need at least one prompt");
  const first = prompts[0] as RegressionPrompt;
  const length = first.xs.length + 1;
  const errors: number[][] = Array.from({ length }, () => []);
  for (const p of prompts) {
    const { ys } = promptPoints(p);
    const pred = predictor(p);
    if (pred.length !== length)
      throw new RangeError(`${name}: expected ${length} predictions per prompt, got ${pred.length}`);
    for (let k = 0; k < length; k++) {
      (errors[k] as number[]).push(
        normalizedSquaredError(pred[k] as number, ys[k] as number, p.kind, p.settings),
      );
    }
  }
  const mean = errors.map((e) => e.reduce((s, v) => s + v, 0) / e.length);
  const se = errors.map((e, k) => {
    const m = mean[k] as number;
    const v = e.reduce((s, x) => s + (x - m) ** 2, 0) / Math.max(1, e.length - 1);
    return Math.sqrt(v / e.length);
  });
  return { name, mean, se };
}
