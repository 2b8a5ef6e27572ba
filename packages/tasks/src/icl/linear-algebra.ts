/**
 * Small dense linear algebra for the in-context regression baselines (d ≲ 100): enough to solve
 * normal equations exactly, nothing more.
 */

/** Solve A x = b by Gaussian elimination with partial pivoting; A is n×n (copied, not mutated). */
export function solve(a: readonly (readonly number[])[], b: readonly number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) {
      if (Math.abs((m[r] as number[])[col] as number) > Math.abs((m[pivot] as number[])[col] as number))
        pivot = r;
    }
    [m[col], m[pivot]] = [m[pivot] as number[], m[col] as number[]];
    const pr = m[col] as number[];
    const pv = pr[col] as number;
    if (Math.abs(pv) < 1e-300) throw new RangeError("singular system");
    for (let r = col + 1; r < n; r++) {
      const row = m[r] as number[];
      const f = (row[col] as number) / pv;
      if (f === 0) continue;
      for (let c = col; c <= n; c++) row[c] = (row[c] as number) - f * (pr[c] as number);
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    const row = m[r] as number[];
    let s = row[n] as number;
    for (let c = r + 1; c < n; c++) s -= (row[c] as number) * (x[c] as number);
    x[r] = s / (row[r] as number);
  }
  return x;
}

/** The dot product. */
export function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

/**
 * The minimum-norm least-squares weights for rows `xs` and outputs `ys` (as `numpy.linalg.lstsq`):
 * (XᵀX)⁻¹Xᵀy when there are at least as many rows as columns, Xᵀ(XXᵀ)⁻¹y otherwise.
 */
export function leastSquaresWeights(xs: readonly (readonly number[])[], ys: readonly number[]): number[] {
  const k = xs.length;
  const d = xs[0]?.length ?? 0;
  if (k === 0) return new Array<number>(d).fill(0);
  if (k >= d) {
    const xtx = Array.from({ length: d }, (_, i) =>
      Array.from({ length: d }, (_, j) => xs.reduce((s, r) => s + (r[i] as number) * (r[j] as number), 0)),
    );
    const xty = Array.from({ length: d }, (_, i) =>
      xs.reduce((s, r, n) => s + (r[i] as number) * (ys[n] as number), 0),
    );
    return solve(xtx, xty);
  }
  const gram = xs.map((ri) => xs.map((rj) => dot(ri, rj)));
  const alpha = solve(gram, ys);
  return Array.from({ length: d }, (_, i) =>
    xs.reduce((s, r, n) => s + (r[i] as number) * (alpha[n] as number), 0),
  );
}
