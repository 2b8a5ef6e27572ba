import { FitError, fit, formula } from "@emerge/fit";
import type { SuiteRun } from "./study.js";
import type { Suite } from "./suites.js";

/** A logistic fall of exact match with difficulty, from 1 down to chance. */
export type DifficultyFit =
  | {
      readonly ok: true;
      /** Difficulty where accuracy is half-way between 1 and chance, with its standard error. */
      readonly mid: number;
      readonly midStderr: number;
      /** Steepness per difficulty unit (positive: accuracy falls as difficulty rises). */
      readonly slope: number;
      readonly slopeStderr: number;
      readonly converged: boolean;
      /** The fitted curve, sampled for plotting. */
      readonly curve: readonly { readonly x: number; readonly y: number }[];
      readonly expression: string;
    }
  | { readonly ok: false; readonly reason: string };

/**
 * Fit `chance + (1 − chance) / (1 + exp(slope·(d − mid)))` to exact match against difficulty d,
 * weighting each level by its binomial standard error (with a 1/(4n) floor so all-right and
 * all-wrong levels keep a finite weight). Two free parameters: the transition's location and
 * sharpness; a flat curve (no transition inside the tested range) is reported, not fitted.
 *
 * @example
 * ```ts
 * const f = fitDifficulty(run, arithmeticSuite);
 * if (f.ok) console.log(`accuracy halves at ${f.mid.toFixed(1)} digits`);
 * ```
 */
export function fitDifficulty(run: SuiteRun, suite: Suite): DifficultyFit {
  const points = run.levels.filter((l) => l.exactMatch !== null && l.n > 0);
  if (points.length < 3) return { ok: false, reason: `only ${points.length} level(s) with answers; need 3` };
  const x = points.map((l) => l.level);
  const y = points.map((l) => l.exactMatch?.mean as number);
  const sigma = points.map((l, i) =>
    Math.sqrt(((y[i] as number) * (1 - (y[i] as number)) + 1 / (4 * l.n)) / l.n),
  );
  const top = Math.max(...y);
  const bottom = Math.min(...y);
  if (top - bottom < 0.1) {
    return {
      ok: false,
      reason: `exact match is flat (${bottom.toFixed(2)}–${top.toFixed(2)}): no transition in this range`,
    };
  }
  const chance = suite.chance;
  const expression = `${chance} + (1 - ${chance}) / (1 + exp(slope * (x - mid)))`;
  const lo = Math.min(...x);
  const hi = Math.max(...x);
  const model = formula(expression, {
    params: ["mid", "slope"],
    name: "logistic fall with difficulty",
    starts: [0.25, 0.5, 0.75].flatMap((f) => [1, 4].map((k) => [lo + f * (hi - lo), k])),
  });
  try {
    const result = fit(model, { x, y, sigma });
    const mid = result.params.mid as number;
    const slope = result.params.slope as number;
    if (!Number.isFinite(mid) || !Number.isFinite(slope))
      return { ok: false, reason: "the fit did not give finite values" };
    const xs = Array.from({ length: 61 }, (_, i) => lo + ((hi - lo) * i) / 60);
    const ys = result.predict(xs);
    return {
      ok: true,
      mid,
      midStderr: result.stderr.mid as number,
      slope,
      slopeStderr: result.stderr.slope as number,
      converged: result.converged,
      curve: xs.map((v, i) => ({ x: v, y: ys[i] as number })),
      expression,
    };
  } catch (error) {
    if (error instanceof FitError) return { ok: false, reason: `${error.code}: ${error.message}` };
    throw error;
  }
}
