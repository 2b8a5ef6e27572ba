import { LlmResultsError } from "./errors.js";
import { column, type MetricInfo, metric } from "./metrics.js";
import { families, type LanguageModel, MODELS_IN_SOURCE_ORDER, requireFamily } from "./models.js";

/** Upper bound of `seriesByFamily`'s `minSizes` (no family has more than a few dozen sizes). */
export const MAX_MIN_SIZES = 1000;

/** One scored model of a series. */
export interface SeriesPoint extends LanguageModel {
  readonly value: number;
}

/** One metric across one family's models, smallest first (models without a score left out). */
export interface FamilySeries {
  readonly family: string;
  readonly metric: MetricInfo;
  readonly points: readonly SeriesPoint[];
}

/**
 * One metric across one family's sizes.
 *
 * @example
 * ```ts
 * series("arithmetic_3da", { family: "GPT-Neo/J" }).points.map((p) => p.value); // [0, 0.0005, 0.002, 0.323, 0.504]
 * ```
 */
export function series(metricId: string, options: { readonly family: string }): FamilySeries {
  const c = column(metricId);
  requireFamily(options.family);
  const points: SeriesPoint[] = [];
  MODELS_IN_SOURCE_ORDER.forEach((m, i) => {
    const value = c.values[i];
    if (m.family === options.family && value !== null && value !== undefined) points.push({ ...m, value });
  });
  points.sort((a, b) => a.params - b.params || a.id.localeCompare(b.id));
  return { family: options.family, metric: metric(metricId), points };
}

/**
 * One metric in every family that has at least `minSizes` distinct scored sizes (default 1), largest
 * family first. Distinct: two models of one size (OLMo-7B and OLMo-1.7-7B) count once.
 *
 * @example
 * ```ts
 * seriesByFamily("truthfulqa", { minSizes: 3 }).map((s) => s.family);
 * ```
 */
export function seriesByFamily(
  metricId: string,
  options: { readonly minSizes?: number } = {},
): FamilySeries[] {
  column(metricId);
  const min = options.minSizes ?? 1;
  if (!Number.isInteger(min) || min < 1 || min > MAX_MIN_SIZES) {
    throw new LlmResultsError(
      "INVALID_OPTION",
      `seriesByFamily: minSizes = ${String(min)} must be an integer from 1 to ${MAX_MIN_SIZES}`,
    );
  }
  return families()
    .map((f) => series(metricId, { family: f.name }))
    .filter((s) => new Set(s.points.map((p) => p.params)).size >= min);
}
