/**
 * The smallest and largest of `values`, by a loop: `Math.min(...values)` passes every value as an
 * argument and overflows the call stack beyond ~100 000 values (a 400 × 400 heatmap).
 * Returns `[Infinity, -Infinity]` for no values.
 */
export function extent(values: Iterable<number>): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}
