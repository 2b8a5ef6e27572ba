import { METRIC_COLUMNS } from "./data/obsscaling.js";
import { LlmResultsError } from "./errors.js";
import type { MetricColumn, MetricGroup } from "./types.js";

/** What a metric measures and how to read its values (everything but the values). */
export type MetricInfo = Omit<MetricColumn, "values">;

/**
 * The metrics the data holds, optionally of one group: `benchmark` (MMLU, ARC-C, HellaSwag, Winogrande,
 * TruthfulQA, GSM8K, XWinograd, HumanEval), `emergent` (Wei et al.'s 2-shot BIG-bench tasks), `gsm8k`
 * (with and without chain of thought) or `bbh` (the 27 BIG-Bench Hard tasks, `bbh/<task>` 3-shot and
 * `bbh_cot/<task>` 3-shot CoT).
 *
 * @example
 * ```ts
 * metrics("emergent").map((m) => m.id); // ["parsinlu_qa", "word_unscrambling", …]
 * ```
 */
export function metrics(group?: MetricGroup): MetricInfo[] {
  return METRIC_COLUMNS.filter((m) => group === undefined || m.group === group).map(info);
}

/**
 * One metric's description.
 *
 * @example
 * ```ts
 * metric("bbh/navigate").chance; // 0.5
 * ```
 */
export function metric(id: string): MetricInfo {
  return info(column(id));
}

/** @internal The stored column of a metric. */
export function column(id: string): MetricColumn {
  const c = METRIC_COLUMNS.find((m) => m.id === id);
  if (!c) {
    throw new LlmResultsError(
      "UNKNOWN_METRIC",
      `metric: no metric "${id}" (e.g. ${METRIC_COLUMNS.slice(0, 4)
        .map((m) => m.id)
        .join(", ")}; metrics() lists all ${METRIC_COLUMNS.length})`,
    );
  }
  return c;
}

function info(c: MetricColumn): MetricInfo {
  const { values: _, ...rest } = c;
  return rest;
}
