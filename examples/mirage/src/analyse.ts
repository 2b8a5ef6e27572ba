import { type EmergenceResult, emergence, mirage, type PerTokenMirage } from "@emerge/fit";
import type { FamilyMember } from "./family.js";

/** The family's scores averaged over seeds, one row per width. */
export interface WidthScores {
  readonly width: number;
  readonly params: number;
  readonly exactMatch: number;
  readonly perDigitAccuracy: number;
  readonly editDistance: number;
  readonly impliedExactMatch: number;
  readonly targetProbability: number;
  /** Mean −log p(right digit) on held-out equations (nats). */
  readonly crossEntropy: number;
  readonly testAcc: number;
}

/** Average members of the same width (over seeds), smallest width first. */
export function byWidth(members: readonly FamilyMember[], digits: number): WidthScores[] {
  const widths = [...new Set(members.map((m) => m.width))].sort((a, b) => a - b);
  return widths.map((width) => {
    const ms = members.filter((m) => m.width === width);
    const mean = (f: (m: FamilyMember) => number) => ms.reduce((s, m) => s + f(m), 0) / ms.length;
    const perDigitAccuracy = mean((m) => m.scores.perDigitAccuracy);
    return {
      width,
      params: (ms[0] as FamilyMember).params,
      exactMatch: mean((m) => m.scores.exactMatch),
      perDigitAccuracy,
      editDistance: mean((m) => m.scores.editDistance),
      impliedExactMatch: perDigitAccuracy ** digits,
      targetProbability: mean((m) => m.targetProbability),
      crossEntropy: mean((m) => m.crossEntropy),
      testAcc: mean((m) => m.testAcc),
    };
  });
}

/** One metric's emergence fit. */
export interface MetricFit {
  readonly metric: "exact match" | "per-digit accuracy" | "token edit distance" | "per-digit cross-entropy";
  /** all-or-nothing over the answer, per token (linear in per-digit correctness), or continuous in the outputs. */
  readonly kind: "all-or-nothing" | "per-token" | "continuous";
  readonly verdict: EmergenceResult["verdict"];
  /** emergence()'s one-sentence reason for the verdict. */
  readonly reason: string;
  readonly sigmoidWeight: number;
  readonly lrtPValue: number;
  /** Sigmoid midpoint in parameters and its profile-likelihood interval; NaN unless the verdict is emergent. */
  readonly threshold: number;
  readonly thresholdCi: readonly [number, number];
  /** Sigmoid slope per decade of parameters: how abrupt the rise is. */
  readonly slopePerDecade: number;
  /** Decades of size the fitted sigmoid takes from 10% to 90% of its rise: 2 ln 9 / (|slope| ln 10). */
  readonly riseDecades: number;
  readonly emergenceScore: number;
}

function metricFit(metric: MetricFit["metric"], kind: MetricFit["kind"], result: EmergenceResult): MetricFit {
  const sigmoid = result.models.find((m) => m.name === "sigmoid");
  const slope = sigmoid?.fit.params.slope ?? Number.NaN;
  return {
    metric,
    kind,
    verdict: result.verdict,
    reason: result.reason,
    sigmoidWeight: sigmoid?.weight ?? 0,
    lrtPValue: result.lrt.pValue,
    threshold: result.threshold?.value ?? Number.NaN,
    thresholdCi: result.threshold?.ci
      ? [result.threshold.ci[0], result.threshold.ci[1]]
      : [Number.NaN, Number.NaN],
    slopePerDecade: slope,
    riseDecades: result.riseWidth?.decades ?? (2 * Math.log(9)) / (Math.abs(slope) * Math.LN10),
    emergenceScore: result.emergenceScore,
  };
}

/** Emergence fits of the four metrics and the Schaeffer et al. check that exact match ≈ p^L. */
export interface MirageAnalysis {
  readonly fits: readonly MetricFit[];
  readonly results: Readonly<Record<MetricFit["metric"], EmergenceResult>>;
  /** @emerge/fit's mirage(): a smooth law for per-digit accuracy, raised to L, against measured exact match. */
  readonly mirage: PerTokenMirage;
  /** Largest |exact match − per-digit accuracy^L| over the widths. */
  readonly maxGapToPowerL: number;
}

/**
 * Fit every metric with emergence(), telling it what each metric is: scores are proportions of
 * `problems × seeds` answers (exact match) or of `problems × digits × seeds` digits (per-digit metrics),
 * so their binomial noise is known; per-digit accuracy has chance 1/base; edit distance and cross-entropy
 * are lower-is-better. `replicates` = 0 skips the threshold interval.
 */
export function analyseFamily(
  rows: readonly WidthScores[],
  base: number,
  digits: number,
  problems: number,
  replicates: number,
  seeds = 1,
): MirageAnalysis {
  const sizes = rows.map((r) => r.params);
  const answers = problems * seeds;
  const em = emergence(
    sizes,
    rows.map((r) => r.exactMatch),
    { replicates, trials: answers },
  );
  const acc = emergence(
    sizes,
    rows.map((r) => r.perDigitAccuracy),
    { replicates, trials: answers * digits, chance: 1 / base },
  );
  // Edit distance per answer digit, on the same [0, 1] scale as the accuracies (Levenshtein ≤ wrong digits).
  const edit = emergence(
    sizes,
    rows.map((r) => r.editDistance / digits),
    { replicates, trials: answers * digits, direction: "lower-is-better" },
  );
  // The per-token log-loss, continuous in the model's outputs. Normalised by ln p, the cross-entropy of a
  // uniform guess: 1 = chance, 0 = certain and right; not a proportion, so its noise is estimated.
  const ce = emergence(
    sizes,
    rows.map((r) => r.crossEntropy / Math.log(base)),
    { replicates, direction: "lower-is-better", bounds: [0, Number.POSITIVE_INFINITY] },
  );
  // mirage() fits log(−log p): a measured accuracy of exactly 0 or 1 has no such logarithm, so clamp it to
  // the resolution of the measurement (half a digit among all the digits scored).
  const resolution = 0.5 / Math.max(1, problems * digits);
  const perToken = rows.map((r) => Math.min(Math.max(r.perDigitAccuracy, resolution), 1 - resolution));
  const check = mirage({
    sizes,
    perTokenProbability: perToken,
    observed: rows.map((r) => r.exactMatch),
    length: digits,
  });
  if (!check.perToken) throw new RangeError("mirage() returned no per-token analysis");
  return {
    fits: [
      metricFit("exact match", "all-or-nothing", em),
      metricFit("per-digit accuracy", "per-token", acc),
      metricFit("token edit distance", "per-token", edit),
      metricFit("per-digit cross-entropy", "continuous", ce),
    ],
    results: {
      "exact match": em,
      "per-digit accuracy": acc,
      "token edit distance": edit,
      "per-digit cross-entropy": ce,
    },
    mirage: check.perToken,
    maxGapToPowerL: Math.max(...rows.map((r) => Math.abs(r.exactMatch - r.impliedExactMatch))),
  };
}
