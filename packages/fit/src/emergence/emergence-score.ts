import { FitError } from "../errors.js";

/**
 * BIG-bench's emergence ("breakthroughness") score of scores ordered by model size
 * (Srivastava et al. 2022, §3.4): sign(argmax − argmin)·(max − min) / √median((yᵢ₊₁ − yᵢ)²).
 * Large when most of the change happens in few steps; near the number of steps for linear growth.
 * Returns 0 when the curve is flat.
 *
 * @example
 * ```ts
 * emergenceScore([1e8, 1e9, 1e10, 1e11], [0.01, 0.01, 0.02, 0.6]); // ≈ 59
 * ```
 */
export function emergenceScore(sizes: readonly number[], scores: readonly number[]): number {
  if (sizes.length !== scores.length) {
    throw new FitError("LENGTH_MISMATCH", `${sizes.length} sizes but ${scores.length} scores`);
  }
  if (sizes.length < 3) throw new FitError("TOO_FEW_POINTS", "the emergence score needs at least 3 points");
  for (let i = 0; i < sizes.length; i++) {
    if (!Number.isFinite(sizes[i]!) || !Number.isFinite(scores[i]!)) {
      throw new FitError("INVALID_DATA", `point ${i} is not finite`);
    }
  }
  const order = sizes.map((_, i) => i).sort((a, b) => sizes[a]! - sizes[b]!);
  const y = order.map((i) => scores[i]!);
  let imax = 0;
  let imin = 0;
  y.forEach((v, i) => {
    if (v > y[imax]!) imax = i;
    if (v < y[imin]!) imin = i;
  });
  const range = y[imax]! - y[imin]!;
  if (range === 0) return 0;
  const sq = y
    .slice(1)
    .map((v, i) => (v - y[i]!) ** 2)
    .sort((a, b) => a - b);
  const m = sq.length;
  const median = m % 2 === 1 ? sq[(m - 1) / 2]! : 0.5 * (sq[m / 2 - 1]! + sq[m / 2]!);
  const sign = Math.sign(imax - imin);
  // A single jump among otherwise flat steps: as breakthrough-like as a curve can be.
  if (median === 0) return sign * Number.POSITIVE_INFINITY;
  return (sign * range) / Math.sqrt(median);
}
