import { type EmergenceOptions, emergence, FitError } from "@emerge/fit";

/**
 * The part of an `emergence()` result the lab reads. Structural on purpose: it is the shared contract
 * (verdict, threshold with `identified`, models with weights, `reason`) and also what the older result
 * (threshold always present, `insideRange`) provides, so the lab works on either side of that change.
 */
export interface EmergenceLike {
  readonly verdict: string;
  readonly reason?: string;
  readonly threshold: {
    readonly value: number;
    readonly ci: readonly [number, number] | null;
    readonly identified?: boolean;
    readonly insideRange?: boolean;
  } | null;
  readonly models: readonly { readonly name: string; readonly weight: number }[];
}

/** What the lab reports of one emergence fit. */
export interface EmergenceView {
  /** emergence()'s verdict, or `"not-fitted"` when it refused the data (the reason says why). */
  readonly verdict: string;
  readonly reason: string;
  /** Threshold in parameters, or null when none was identified. */
  readonly threshold: number | null;
  readonly thresholdCi: readonly [number, number] | null;
  /** Whether the threshold (and its interval, when there is one) lies inside the sizes observed. */
  readonly identified: boolean;
  /** Akaike weight of the sigmoid among the candidates (0 when not fitted). */
  readonly sigmoidWeight: number;
}

/** Read an emergence() result into an {@link EmergenceView}. */
export function viewEmergence(result: EmergenceLike): EmergenceView {
  const t = result.threshold;
  const identified = t ? (t.identified ?? t.insideRange ?? false) : false;
  const ci = t?.ci && Number.isFinite(t.ci[0]) && Number.isFinite(t.ci[1]) ? t.ci : null;
  return {
    verdict: result.verdict,
    reason: result.reason ?? "",
    threshold: t && Number.isFinite(t.value) ? t.value : null,
    thresholdCi: ci,
    identified,
    sigmoidWeight: result.models.find((m) => m.name === "sigmoid")?.weight ?? 0,
  };
}

/** Options of {@link fitEmergence}. */
export interface FitEmergenceOptions {
  /** Bootstrap replicates for the threshold interval (0 = point estimate only). */
  readonly replicates: number;
  readonly seed: string;
  /** Whether a smaller score is better (edit distance, cross-entropy). */
  readonly direction?: "higher-is-better" | "lower-is-better";
  /** Questions behind each score (binomial noise of accuracies). */
  readonly trials?: number;
  /** The metric's range, when it is not [0, 1]. */
  readonly bounds?: readonly [number, number];
}

/**
 * Run emergence() and view it; a refusal (too few sizes, a fit that does not converge) becomes a
 * `"not-fitted"` view with the refusal as its reason instead of ending the study.
 *
 * @example
 * ```ts
 * fitEmergence([1e3, 1e4, 1e5, 1e6, 1e7], [0, 0, 0.02, 0.6, 0.9], { replicates: 0, seed: "em" }).verdict;
 * ```
 */
export function fitEmergence(
  sizes: readonly number[],
  scores: readonly number[],
  options: FitEmergenceOptions,
): EmergenceView {
  // direction / trials / bounds belong to the newer emergence() options; passing them as a widened
  // object lets the same call compile against either version.
  const extra: Record<string, unknown> = {};
  if (options.direction) extra.direction = options.direction;
  if (options.trials) extra.trials = options.trials;
  if (options.bounds) extra.bounds = options.bounds;
  const opts: EmergenceOptions = { ...extra, replicates: options.replicates, seed: options.seed };
  try {
    return viewEmergence(emergence(sizes, scores, opts));
  } catch (e) {
    if (!(e instanceof FitError)) throw e;
    if (options.replicates > 0) {
      // A curve flat but for its last point can leave no bootstrap replicate to refit: keep the
      // point estimate, whose verdict does not depend on the interval.
      try {
        return viewEmergence(emergence(sizes, scores, { ...opts, replicates: 0 }));
      } catch (inner) {
        if (!(inner instanceof FitError)) throw inner;
      }
    }
    return {
      verdict: "not-fitted",
      reason: e.message,
      threshold: null,
      thresholdCi: null,
      identified: false,
      sigmoidWeight: 0,
    };
  }
}
