import { type EmergenceResult, emergence, FitError, type FitResult } from "@emerge/fit";
import { binomialSe, sig, weightedLine } from "./stats.js";

/** The verdicts of the emergence contract (`emergence()` of @emerge/fit). */
export type Verdict = "emergent" | "smooth" | "flat" | "inverse" | "u-shaped" | "insufficient-data";

/** The part of an emergence analysis the atlas uses, in the shape of the `emergence()` contract. */
export interface SeriesVerdict {
  readonly verdict: Verdict;
  /** One sentence saying why. */
  readonly reason: string;
  /** Emergence threshold (x units, not log) with its interval; null unless a sigmoid was fitted. */
  readonly threshold: {
    readonly value: number;
    readonly ci: readonly [number, number] | null;
    /** False when the interval leaves the observed range. */
    readonly identified: boolean;
  } | null;
  /** The sharp (sigmoid) fit and the best smooth alternative, for drawing; null when not fitted. */
  readonly sigmoid: FitResult | null;
  readonly smooth: FitResult | null;
  /** The full result of `emergence()` where it ran. */
  readonly result: EmergenceResult | null;
}

/** Options of {@link classifySeries}. */
export interface ClassifyOptions {
  /** Questions behind each score (binomial errors); omit when unknown (e.g. BLEU). */
  readonly trials?: number | null;
  /** The metric's range, e.g. [0, 100] for BLEU (scores are rescaled to [0, 1] for the fit). */
  readonly bounds?: readonly [number, number];
  readonly seed: string;
  readonly replicates: number;
}

/** The smallest number of sizes `emergence()` fits; fewer are "insufficient-data". */
export const MIN_SIZES = 5;

/**
 * Classify one score-vs-size series with `emergence()`: the adapter between the atlas and @emerge/fit.
 * Before the fit: a range within twice the 95 % noise band is "flat"; fewer than {@link MIN_SIZES}
 * sizes are "insufficient-data". A smooth series whose log-linear slope is below zero by more than two
 * standard errors is "inverse".
 *
 * @example
 * ```ts
 * classifySeries([1e8, 1e9, 3e9, 7e9, 2e10], [0, 0, 0.002, 0.32, 0.5], { trials: 2000, seed: "x", replicates: 50 }).verdict;
 * ```
 */
export function classifySeries(
  sizes: readonly number[],
  rawScores: readonly number[],
  options: ClassifyOptions,
): SeriesVerdict {
  const [lo, hi] = options.bounds ?? [0, 1];
  const scores = rawScores.map((v) => (v - lo) / (hi - lo));
  const none = { threshold: null, sigmoid: null, smooth: null, result: null } as const;
  const n = sizes.length;
  const range = `${sig(Math.min(...rawScores), 2)}–${sig(Math.max(...rawScores), 2)}`;
  if (n < 3) return { verdict: "insufficient-data", reason: `only ${n} sizes`, ...none };
  const trials = options.trials ?? null;
  const sigma = trials ? scores.map((p) => binomialSe(p, trials)) : undefined;
  const noise = sigma ? 1.96 * Math.max(...sigma) : 0.01;
  const spread = Math.max(...scores) - Math.min(...scores);
  if (spread < 2 * noise) {
    return {
      verdict: "flat",
      reason: `scores stay within ${range}, inside twice the 95% noise band (±${sig(noise * (hi - lo), 2)})`,
      ...none,
    };
  }
  if (n < MIN_SIZES) {
    return {
      verdict: "insufficient-data",
      reason: `${n} sizes (${range}); a sigmoid against smooth curves needs at least ${MIN_SIZES}`,
      ...none,
    };
  }
  let result: EmergenceResult;
  try {
    result = emergence(sizes, scores, {
      replicates: options.replicates,
      seed: options.seed,
      ...(sigma ? { sigma } : {}),
    });
  } catch (e) {
    if (e instanceof FitError)
      return { verdict: "insufficient-data", reason: `the fit failed: ${e.message}`, ...none };
    throw e;
  }
  const sigmoidModel = result.models.find((m) => m.name === "sigmoid");
  const smoothModel = result.models
    .filter((m) => m.name !== "sigmoid")
    .sort((a, b) => b.weight - a.weight)[0];
  const t = result.threshold;
  const ciOk = Number.isFinite(t.ci[0]) && Number.isFinite(t.ci[1]);
  const [minX, maxX] = [Math.min(...sizes), Math.max(...sizes)];
  const threshold = {
    value: t.value,
    ci: ciOk ? ([Math.min(t.ci[0], t.value), Math.max(t.ci[1], t.value)] as const) : null,
    identified: ciOk && t.ci[0] >= minX && t.ci[1] <= maxX,
  };
  const w = sig(sigmoidModel?.weight ?? 0, 2);
  const base = { threshold, sigmoid: sigmoidModel?.fit ?? null, smooth: smoothModel?.fit ?? null, result };
  if (result.verdict === "emergent") {
    return {
      verdict: "emergent",
      reason: `rises ${range} with the sigmoid holding ${w} of the Akaike weight (LRT p ${sig(result.lrt.pValue, 2)}), midpoint ${sig(t.value, 2)}`,
      ...base,
    };
  }
  if (result.verdict === "smooth") {
    const lx = sizes.map(Math.log10);
    const line = weightedLine(lx, scores, sigma ?? scores.map(() => 1));
    const se = Math.sqrt(line.varB * (sigma ? 1 : line.chi2 / Math.max(1, n - 2)));
    if (line.b + 2 * se < 0) {
      return {
        verdict: "inverse",
        reason: `falls ${range}: slope ${sig(line.b * (hi - lo), 2)} per decade, more than 2 standard errors below 0`,
        ...base,
      };
    }
    return {
      verdict: "smooth",
      reason: `${range}; the smooth curves hold ${sig(1 - (sigmoidModel?.weight ?? 0), 2)} of the Akaike weight`,
      ...base,
    };
  }
  return {
    verdict: "insufficient-data",
    reason: `${range}; neither the sigmoid (weight ${w}) nor the smooth curves are preferred`,
    ...base,
  };
}
