import { type EmergenceResult, emergence, FitError, type FitResult } from "@emerge/fit";

/** The verdicts of @emerge/fit's `emergence()`. */
export type Verdict = EmergenceResult["verdict"];

/** What the atlas keeps of one `emergence()` call. */
export interface SeriesVerdict {
  readonly verdict: Verdict;
  /** One sentence saying why (emergence()'s own). */
  readonly reason: string;
  /** Emergence threshold (x units, not log) with its interval; null unless the verdict is emergent. */
  readonly threshold: EmergenceResult["threshold"];
  /** The sharp (sigmoid) fit and the highest-weight smooth alternative, for drawing; null when not fitted. */
  readonly sigmoid: FitResult | null;
  readonly smooth: FitResult | null;
  /** The full result. */
  readonly result: EmergenceResult | null;
}

/** Options of {@link classifySeries}. */
export interface ClassifyOptions {
  /** Questions behind each score (binomial noise); omit when unknown (e.g. BLEU). */
  readonly trials?: number | null;
  /** Score of random guessing, when the metric has one. */
  readonly chance?: number | null;
  /** The metric's range, e.g. [0, 100] for BLEU. */
  readonly bounds?: readonly [number, number];
  readonly seed: string;
  /** Bootstrap replicates of the threshold interval (0: no interval). */
  readonly replicates: number;
}

/**
 * Average the scores of models at the same x (a family can hold two models of one size, e.g. OLMo-7B and
 * OLMo-1.7-7B), smallest x first: `emergence()` takes one score per size.
 *
 * @example
 * ```ts
 * mergeSameSize([7e9, 1e9, 7e9], [0.3, 0.1, 0.5]); // { sizes: [1e9, 7e9], scores: [0.1, 0.4], merged: 1 }
 * ```
 */
export function mergeSameSize(
  sizes: readonly number[],
  scores: readonly number[],
): { sizes: number[]; scores: number[]; merged: number } {
  const groups = new Map<number, number[]>();
  sizes.forEach((x, i) => {
    groups.set(x, [...(groups.get(x) ?? []), scores[i] as number]);
  });
  const xs = [...groups.keys()].sort((a, b) => a - b);
  return {
    sizes: xs,
    scores: xs.map((x) => {
      const g = groups.get(x) as number[];
      return g.reduce((a, b) => a + b, 0) / g.length;
    }),
    merged: sizes.length - xs.length,
  };
}

/**
 * Classify one score-vs-size series with @emerge/fit's `emergence()` (binomial noise from the number of
 * questions, the metric's chance level and bounds); models of the same size are averaged first. A fit
 * that fails is reported, not thrown: one ill-conditioned family must not stop the atlas.
 *
 * @example
 * ```ts
 * classifySeries([1.25e8, 1.3e9, 2.7e9, 6e9, 2e10], [0, 0.0005, 0.002, 0.32, 0.5], { trials: 2000, chance: 0, seed: "x", replicates: 50 }).verdict;
 * ```
 */
export function classifySeries(
  rawSizes: readonly number[],
  rawScores: readonly number[],
  options: ClassifyOptions,
): SeriesVerdict {
  const { sizes, scores, merged } = mergeSameSize(rawSizes, rawScores);
  const note = merged ? ` (${merged} model${merged > 1 ? "s" : ""} sharing a size averaged)` : "";
  let result: EmergenceResult;
  try {
    result = emergence(sizes, scores, {
      seed: options.seed,
      replicates: options.replicates,
      ...(options.trials ? { trials: options.trials } : {}),
      ...(options.chance !== null && options.chance !== undefined ? { chance: options.chance } : {}),
      ...(options.bounds ? { bounds: options.bounds } : {}),
    });
  } catch (e) {
    if (!(e instanceof FitError)) throw e;
    return {
      verdict: "insufficient-data",
      reason: `the fit failed (${e.code}): ${e.message}${note}`,
      threshold: null,
      sigmoid: null,
      smooth: null,
      result: null,
    };
  }
  const sigmoid = result.models.find((m) => m.name === "sigmoid")?.fit ?? null;
  const smooth =
    [...result.models].filter((m) => m.name !== "sigmoid").sort((a, b) => b.weight - a.weight)[0]?.fit ??
    null;
  return {
    verdict: result.verdict,
    reason: result.reason,
    threshold: result.threshold,
    sigmoid,
    smooth,
    result,
  };
}
