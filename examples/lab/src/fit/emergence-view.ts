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
  readonly models: readonly {
    readonly name: string;
    readonly weight: number;
    readonly fit: { predict(x: number): number };
  }[];
  readonly bounds?: readonly [number, number];
}

/** A fitted curve sampled for a figure (sizes and scores). */
export interface SampledCurve {
  readonly name: string;
  readonly x: readonly number[];
  readonly y: readonly number[];
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
  /** The sigmoid and the highest-weight other model, sampled over the sizes and clamped to the bounds. */
  readonly curves: { readonly sigmoid: SampledCurve | null; readonly smooth: SampledCurve | null };
}

function sample(
  model: { readonly name: string; readonly fit: { predict(x: number): number } } | undefined,
  sizes: readonly number[],
  bounds: readonly [number, number] | undefined,
): SampledCurve | null {
  if (!model || sizes.length === 0) return null;
  const lo = Math.log10(Math.min(...sizes));
  const hi = Math.log10(Math.max(...sizes));
  const x = Array.from({ length: 41 }, (_, i) => 10 ** (lo + ((hi - lo) * i) / 40));
  const clamp = (v: number) => (bounds ? Math.min(bounds[1], Math.max(bounds[0], v)) : v);
  const y = x.map((v) => clamp(model.fit.predict(v)));
  return y.every(Number.isFinite) ? { name: model.name, x, y } : null;
}

/** Read an emergence() result into an {@link EmergenceView} (curves sampled over `sizes`). */
export function viewEmergence(result: EmergenceLike, sizes: readonly number[] = []): EmergenceView {
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
    curves: {
      sigmoid: sample(
        result.models.find((m) => m.name === "sigmoid"),
        sizes,
        result.bounds,
      ),
      smooth: sample(
        result.models.filter((m) => m.name !== "sigmoid").sort((a, b) => b.weight - a.weight)[0],
        sizes,
        result.bounds,
      ),
    },
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
    return viewEmergence(emergence(sizes, scores, opts), sizes);
  } catch (e) {
    if (!(e instanceof FitError)) throw e;
    if (options.replicates > 0) {
      // A curve flat but for its last point can leave no bootstrap replicate to refit: keep the
      // point estimate, whose verdict does not depend on the interval.
      try {
        return viewEmergence(emergence(sizes, scores, { ...opts, replicates: 0 }), sizes);
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
      curves: { sigmoid: null, smooth: null },
    };
  }
}
