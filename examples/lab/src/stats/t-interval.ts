/** Two-sided 95 % Student t quantiles t(0.975, df) for df = 1…30 (standard table values). */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** A mean with its 95 % t interval across replicates (seeds); `ci` is null with fewer than 2 values. */
export interface MeanInterval {
  readonly mean: number;
  readonly ci: readonly [number, number] | null;
  readonly n: number;
}

/**
 * Mean and 95 % Student t interval of a few replicate values (seeds are few, so not the normal 1.96).
 *
 * @example
 * ```ts
 * tInterval([1, 2, 3]); // { mean: 2, ci: [-0.484, 4.484] (≈), n: 3 }
 * ```
 */
export function tInterval(values: readonly number[]): MeanInterval {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, ci: null, n };
  const mean = values.reduce((s, v) => s + v, 0) / n;
  if (n < 2) return { mean, ci: null, n };
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  const t = T975[n - 2] ?? 1.96;
  const half = (t * sd) / Math.sqrt(n);
  return { mean, ci: [mean - half, mean + half], n };
}
