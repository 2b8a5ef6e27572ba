import { type EmergenceResult, emergence } from "@emerge/fit";
import type { BenchmarkSeries, LanguageModel } from "../data/opt-zero-shot.js";

/** A series prepared for the emergence fit: scores that rise with skill. */
export interface ScoredSeries {
  readonly series: BenchmarkSeries;
  /** The metric as fitted: the raw value, or 1/perplexity (the geometric-mean probability of the target). */
  readonly scoreName: string;
  readonly sizes: readonly number[];
  readonly scores: readonly number[];
  /** Standard errors of the scores (delta method for 1/perplexity), when the source reports them. */
  readonly sigma: readonly number[] | undefined;
}

/**
 * Put a series on a "higher is better" scale. Perplexity becomes its reciprocal, the geometric-mean
 * probability the model gives the target (a continuous per-token metric on [0, 1] like accuracy).
 */
export function scoreSeries(models: readonly LanguageModel[], series: BenchmarkSeries): ScoredSeries {
  if (series.values.length !== models.length) {
    throw new RangeError(
      `series ${series.id} has ${series.values.length} values for ${models.length} models`,
    );
  }
  const sizes = models.map((m) => m.params);
  if (series.higherIsBetter) {
    return {
      series,
      scoreName: series.metricTitle,
      sizes,
      scores: series.values,
      sigma: series.stderr ?? undefined,
    };
  }
  if (series.metric !== "ppl") throw new RangeError(`no higher-is-better transform for ${series.id}`);
  const scores = series.values.map((v) => 1 / v);
  // d(1/x) = dx / x².
  const sigma = series.stderr?.map((s, i) => s / (series.values[i] as number) ** 2);
  return { series, scoreName: "1/perplexity", sizes, scores, sigma };
}

/** The emergence verdict of one series. */
export interface SeriesVerdict {
  readonly id: string;
  readonly task: string;
  readonly metric: string;
  readonly kind: "discrete" | "continuous";
  readonly verdict: EmergenceResult["verdict"];
  /** Akaike weight of the sigmoid among sigmoid, linear-in-log and power law. */
  readonly sigmoidWeight: number;
  readonly lrtPValue: number;
  /** Sigmoid midpoint (parameters) and its bootstrap interval. */
  readonly threshold: number;
  readonly thresholdCi: readonly [number, number];
  readonly emergenceScore: number;
  /** Score of the smallest and the largest model. */
  readonly range: readonly [number, number];
}

/** Fit one scored series with {@link emergence}, weighting points by their standard errors. */
export function analyseSeries(
  s: ScoredSeries,
  replicates: number,
): { verdict: SeriesVerdict; result: EmergenceResult } {
  const result = emergence(s.sizes, s.scores, {
    replicates,
    seed: s.series.id,
    ...(s.sigma ? { sigma: s.sigma } : {}),
  });
  const sigmoid = result.models.find((m) => m.name === "sigmoid");
  return {
    result,
    verdict: {
      id: s.series.id,
      task: s.series.title,
      metric: s.scoreName,
      kind: s.series.kind,
      verdict: result.verdict,
      sigmoidWeight: sigmoid?.weight ?? 0,
      lrtPValue: result.lrt.pValue,
      threshold: result.threshold.value,
      thresholdCi: result.threshold.ci,
      emergenceScore: result.emergenceScore,
      range: [s.scores[0] as number, s.scores[s.scores.length - 1] as number],
    },
  };
}
