import {
  type EmergenceOptions,
  type EmergenceResult,
  emergence,
  FitError,
  mirage,
  type PerTokenMirage,
} from "@emerge/fit";
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

/**
 * emergence(), without the threshold interval when no bootstrap replicate can be refitted (a curve that is
 * flat at 0 but for its last points leaves nothing to resample): the verdict does not depend on it.
 */
export function emergenceOrPointEstimate(
  sizes: readonly number[],
  scores: readonly number[],
  options: EmergenceOptions,
): EmergenceResult {
  try {
    return emergence(sizes, scores, options);
  } catch (e) {
    if (e instanceof FitError && e.code === "NOT_CONVERGED")
      return emergence(sizes, scores, { ...options, replicates: 0 });
    throw e;
  }
}

/** One metric's emergence fit. */
export interface MetricFit {
  readonly metric: "exact match" | "per-digit accuracy" | "token edit distance" | "per-digit cross-entropy";
  /** all-or-nothing over the answer, per token (linear in per-digit correctness), or continuous in the outputs. */
  readonly kind: "all-or-nothing" | "per-token" | "continuous";
  readonly verdict: EmergenceResult["verdict"];
  readonly sigmoidWeight: number;
  readonly lrtPValue: number;
  /** Sigmoid midpoint in parameters and its bootstrap interval. */
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
  return {
    metric,
    kind,
    verdict: result.verdict,
    sigmoidWeight: sigmoid?.weight ?? 0,
    lrtPValue: result.lrt.pValue,
    threshold: result.threshold.value,
    thresholdCi: result.threshold.ci,
    slopePerDecade: sigmoid?.fit.params.slope ?? Number.NaN,
    riseDecades: (2 * Math.log(9)) / (Math.abs(sigmoid?.fit.params.slope ?? Number.NaN) * Math.LN10),
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

/** Fit every metric with emergence() (`replicates` bootstrap replicates for the thresholds). */
export function analyseFamily(
  rows: readonly WidthScores[],
  base: number,
  digits: number,
  problems: number,
  replicates: number,
): MirageAnalysis {
  const sizes = rows.map((r) => r.params);
  const em = emergenceOrPointEstimate(
    sizes,
    rows.map((r) => r.exactMatch),
    { replicates, seed: "exact-match" },
  );
  const acc = emergenceOrPointEstimate(
    sizes,
    rows.map((r) => r.perDigitAccuracy),
    { replicates, seed: "per-digit" },
  );
  // Edit distance per answer digit, on the same [0, 1] scale as the accuracies.
  const edit = emergenceOrPointEstimate(
    sizes,
    rows.map((r) => r.editDistance / digits),
    { replicates, seed: "edit-distance" },
  );
  // The per-token log-loss, continuous in the model's outputs. Normalised by ln p, the cross-entropy of a
  // uniform guess: 1 = chance, 0 = certain and right.
  const ce = emergenceOrPointEstimate(
    sizes,
    rows.map((r) => r.crossEntropy / Math.log(base)),
    { replicates, seed: "cross-entropy" },
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
