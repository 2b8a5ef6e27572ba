/**
 * Helpers for data-dependent default bounds: limits that keep every evaluation over the data finite
 * and every position parameter where the data can say something about it.
 * @internal
 */

/** The largest |exponent| for which e^(exponent·l) stays finite for every l in `logs` (capped at `cap`). */
export function exponentCap(logs: ArrayLike<number>, cap: number): number {
  let m = 0;
  for (let i = 0; i < logs.length; i++) m = Math.max(m, Math.abs(logs[i]!));
  // e^709 is the largest finite exponential; keep a margin for the factors it is multiplied by.
  return m > 0 ? Math.min(cap, 690 / m) : cap;
}

/**
 * Range allowed for a break or midpoint position on a log axis: the observed range extended by
 * `multiple` times its width on each side (at least one e-fold), so a position can sit just outside
 * the data but never at e^−744 or e^+709 where nothing is identifiable and the model overflows.
 */
export function logPositionRange(logs: ArrayLike<number>, multiple: number): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < logs.length; i++) {
    lo = Math.min(lo, logs[i]!);
    hi = Math.max(hi, logs[i]!);
  }
  const pad = Math.max(multiple * (hi - lo), 1);
  return [lo - pad, hi + pad];
}
