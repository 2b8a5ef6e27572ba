import { randomSource } from "@emerge/random";
import { TaskError } from "../errors.js";

/** A mean with a bootstrap confidence interval. */
export interface Estimate {
  readonly n: number;
  readonly mean: number;
  /** Lower end of the percentile bootstrap interval. */
  readonly lo: number;
  /** Upper end. */
  readonly hi: number;
  readonly level: number;
}

/** Options of {@link bootstrapMean}. */
export interface BootstrapOptions {
  /** Confidence level (default 0.95). */
  level?: number;
  /** Bootstrap resamples (default 2000). */
  resamples?: number;
  /** Resampling seed (default 0). */
  seed?: number | string;
}

function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

/**
 * The mean of `values` with a seeded percentile-bootstrap confidence interval.
 *
 * @example
 * ```ts
 * bootstrapMean([1, 0, 1, 1, 0, 1]); // { n: 6, mean: 0.667, lo: …, hi: …, level: 0.95 }
 * ```
 */
export function bootstrapMean(values: readonly number[], options: BootstrapOptions = {}): Estimate {
  const { level = 0.95, resamples = 2000, seed = 0 } = options;
  if (!(level > 0 && level < 1))
    throw new TaskError("INVALID_ARGUMENT", `level must be in (0, 1), got ${level}`);
  if (!Number.isSafeInteger(resamples) || resamples < 1) {
    throw new TaskError("INVALID_ARGUMENT", `resamples must be a positive integer, got ${resamples}`);
  }
  if (values.some((v) => !Number.isFinite(v)))
    throw new TaskError("INVALID_ARGUMENT", "values must be finite numbers");
  const n = values.length;
  if (n === 0) return { n: 0, mean: Number.NaN, lo: Number.NaN, hi: Number.NaN, level };
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const rng = randomSource(seed);
  const means = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += values[rng.int(n)] as number;
    means[b] = s / n;
  }
  const sorted = Array.from(means).sort((x, y) => x - y);
  return { n, mean, lo: quantile(sorted, (1 - level) / 2), hi: quantile(sorted, 1 - (1 - level) / 2), level };
}

/** One scored instance, as {@link summarize} reads it. */
export interface ScoredRecord {
  readonly family: string;
  /** The difficulty setting the record belongs to, e.g. `{ digits: 3 }`. */
  readonly difficulty: Readonly<Record<string, string | number | boolean | null>>;
  /** Metric name → value (e.g. `exact_match`, `token_accuracy`, `edit_distance`). */
  readonly metrics: Readonly<Record<string, number>>;
}

/** Summary of one (family, difficulty) group. */
export interface GroupSummary {
  readonly family: string;
  readonly difficulty: Readonly<Record<string, string | number | boolean | null>>;
  readonly n: number;
  readonly metrics: Readonly<Record<string, Estimate>>;
}

/**
 * Group scored records by family and difficulty and estimate every metric's mean with a bootstrap CI.
 * Groups are sorted by family, then difficulty values.
 *
 * @example
 * ```ts
 * summarize([{ family: "arithmetic", difficulty: { digits: 2 }, metrics: { exact_match: 1 } }]);
 * ```
 */
export function summarize(records: readonly ScoredRecord[], options: BootstrapOptions = {}): GroupSummary[] {
  const groups = new Map<string, ScoredRecord[]>();
  for (const r of records) {
    const key = JSON.stringify([
      r.family,
      Object.entries(r.difficulty).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    ]);
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  const out: GroupSummary[] = [];
  for (const list of groups.values()) {
    const first = list[0] as ScoredRecord;
    const names = [...new Set(list.flatMap((r) => Object.keys(r.metrics)))].sort();
    const metrics: Record<string, Estimate> = {};
    for (const name of names) {
      const values = list.map((r) => r.metrics[name]).filter((v): v is number => typeof v === "number");
      metrics[name] = bootstrapMean(values, options);
    }
    out.push({ family: first.family, difficulty: first.difficulty, n: list.length, metrics });
  }
  const cmp = (a: GroupSummary, b: GroupSummary) =>
    a.family.localeCompare(b.family) ||
    JSON.stringify(a.difficulty).localeCompare(JSON.stringify(b.difficulty), "en", { numeric: true });
  return out.sort(cmp);
}
