/**
 * Helpers for data-driven starting values.
 * @internal
 */

/** Ordinary least squares of y on the columns of `design` (rows = points); null if singular. */
export function linearLeastSquares(
  design: readonly (readonly number[])[],
  y: ArrayLike<number>,
): number[] | null {
  const k = design[0]?.length ?? 0;
  const ata = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const aty = new Array<number>(k).fill(0);
  design.forEach((row, i) => {
    for (let a = 0; a < k; a++) {
      aty[a]! += row[a]! * y[i]!;
      for (let b = 0; b < k; b++) ata[a]![b]! += row[a]! * row[b]!;
    }
  });
  // Gaussian elimination with partial pivoting on the k×k normal equations (k ≤ 4 here).
  const m = ata.map((row, a) => [...row, aty[a]!]);
  for (let c = 0; c < k; c++) {
    let piv = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[piv]![c]!)) piv = r;
    if (!(Math.abs(m[piv]![c]!) > 1e-300)) return null;
    [m[c], m[piv]] = [m[piv]!, m[c]!];
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / m[c]![c]!;
      for (let j = c; j <= k; j++) m[r]![j]! -= f * m[c]![j]!;
    }
  }
  const sol = m.map((row, c) => row[k]! / row[c]!);
  return sol.every(Number.isFinite) ? sol : null;
}

/** Sum of squared residuals of a candidate curve. */
export function sse(f: (i: number) => number, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (y[i]! - f(i)) ** 2;
  return Number.isFinite(s) ? s : Number.POSITIVE_INFINITY;
}

/** min and max of an array. */
export function extent(v: ArrayLike<number>): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < v.length; i++) {
    lo = Math.min(lo, v[i]!);
    hi = Math.max(hi, v[i]!);
  }
  return [lo, hi];
}

/** Geometric mean of positive values (1 if any is not positive). */
export function geometricMean(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) {
    if (!(v[i]! > 0)) return 1;
    s += Math.log(v[i]!);
  }
  return Math.exp(s / v.length);
}

/** Keep the `k` candidates with the smallest score, best first. */
export function bestCandidates(cands: { start: number[]; score: number }[], k: number): number[][] {
  return cands
    .filter((c) => Number.isFinite(c.score) && c.start.every(Number.isFinite))
    .sort((a, b) => a.score - b.score)
    .slice(0, k)
    .map((c) => c.start);
}
