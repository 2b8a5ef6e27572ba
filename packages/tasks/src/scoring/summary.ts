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
  /** Bootstrap resamples (default 1000). */
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

function checkBootstrap(level: number, resamples: number): void {
  if (!(level > 0 && level < 1))
    throw new TaskError("INVALID_ARGUMENT", `level must be in (0, 1), got ${level}`);
  if (!Number.isSafeInteger(resamples) || resamples < 1) {
    throw new TaskError("INVALID_ARGUMENT", `resamples must be a positive integer, got ${resamples}`);
  }
}

/**
 * Percentile-bootstrap estimates for several equally long columns at once, resampling the same
 * rows for every column (a paired bootstrap: one index draw serves all metrics).
 */
function bootstrapColumns(columns: readonly (readonly number[])[], options: BootstrapOptions): Estimate[] {
  const { level = 0.95, resamples = 1000, seed = 0 } = options;
  checkBootstrap(level, resamples);
  for (const c of columns) {
    if (c.some((v) => !Number.isFinite(v)))
      throw new TaskError("INVALID_ARGUMENT", "values must be finite numbers");
  }
  const n = columns[0]?.length ?? 0;
  if (n === 0) return columns.map(() => ({ n: 0, mean: Number.NaN, lo: Number.NaN, hi: Number.NaN, level }));
  const data = columns.map((c) => Float64Array.from(c));
  const means = data.map(() => new Float64Array(resamples));
  const sums = new Float64Array(data.length);
  const rng = randomSource(seed);
  for (let b = 0; b < resamples; b++) {
    sums.fill(0);
    for (let i = 0; i < n; i++) {
      // Multiply-shift index (Lemire): bias below n / 2³², negligible here, and twice as fast as int().
      const row = Math.floor((rng.uint32() * n) / 4294967296);
      for (let m = 0; m < data.length; m++)
        sums[m] = (sums[m] as number) + ((data[m] as Float64Array)[row] as number);
    }
    for (let m = 0; m < data.length; m++) (means[m] as Float64Array)[b] = (sums[m] as number) / n;
  }
  return data.map((d, m) => {
    const sorted = Array.from(means[m] as Float64Array).sort((x, y) => x - y);
    const mean = d.reduce((acc, v) => acc + v, 0) / n;
    return {
      n,
      mean,
      lo: quantile(sorted, (1 - level) / 2),
      hi: quantile(sorted, 1 - (1 - level) / 2),
      level,
    };
  });
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
  return bootstrapColumns([values], options)[0] as Estimate;
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
    const columns = names.map((name) =>
      list.map((r) => r.metrics[name]).filter((v): v is number => typeof v === "number"),
    );
    // Metrics every record has are bootstrapped together on shared resamples; partial ones alone.
    const full = names.filter((_, i) => (columns[i] as number[]).length === list.length);
    bootstrapColumns(
      full.map((name) => columns[names.indexOf(name)] as number[]),
      options,
    ).forEach((e, i) => {
      metrics[full[i] as string] = e;
    });
    names.forEach((name, i) => {
      if (!full.includes(name)) metrics[name] = bootstrapMean(columns[i] as number[], options);
    });
    out.push({ family: first.family, difficulty: first.difficulty, n: list.length, metrics });
  }
  const cmp = (a: GroupSummary, b: GroupSummary) =>
    a.family.localeCompare(b.family) ||
    JSON.stringify(a.difficulty).localeCompare(JSON.stringify(b.difficulty), "en", { numeric: true });
  return out.sort(cmp);
}
