/**
 * One-sided Jacobi SVD of a tall m×n matrix (column-major). Jacobi rotations give singular values
 * to high relative accuracy, which is what certified standard errors need on ill-conditioned fits.
 * @internal
 */
export interface Svd {
  /** Singular values, descending. */
  readonly s: Float64Array;
  /** Right singular vectors, n×n column-major; column k pairs with s[k]. */
  readonly v: Float64Array;
}

/** Singular values and right singular vectors of `a` (m×n, column-major; `a` is not modified). */
export function svd(m: number, n: number, a: Float64Array): Svd {
  const u = Float64Array.from(a.subarray(0, m * n));
  const v = new Float64Array(n * n);
  for (let j = 0; j < n; j++) v[j * n + j] = 1;
  const tol = 1e-15;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        const cp = p * m;
        const cq = q * m;
        for (let i = 0; i < m; i++) {
          const up = u[cp + i]!;
          const uq = u[cq + i]!;
          alpha += up * up;
          beta += uq * uq;
          gamma += up * uq;
        }
        if (gamma === 0) continue;
        const conv = Math.abs(gamma) / Math.sqrt(alpha * beta);
        if (!(conv > tol)) continue;
        off = Math.max(off, conv);
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let i = 0; i < m; i++) {
          const up = u[cp + i]!;
          const uq = u[cq + i]!;
          u[cp + i] = c * up - s * uq;
          u[cq + i] = s * up + c * uq;
        }
        const vp = p * n;
        const vq = q * n;
        for (let i = 0; i < n; i++) {
          const a1 = v[vp + i]!;
          const a2 = v[vq + i]!;
          v[vp + i] = c * a1 - s * a2;
          v[vq + i] = s * a1 + c * a2;
        }
      }
    }
    if (off <= tol) break;
  }
  const sv = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let ss = 0;
    for (let i = 0; i < m; i++) ss += u[j * m + i]! ** 2;
    sv[j] = Math.sqrt(ss);
  }
  const order = Array.from({ length: n }, (_, k) => k).sort((x, y) => sv[y]! - sv[x]!);
  const s = new Float64Array(n);
  const vs = new Float64Array(n * n);
  order.forEach((k, j) => {
    s[j] = sv[k]!;
    for (let i = 0; i < n; i++) vs[j * n + i] = v[k * n + i]!;
  });
  return { s, v: vs };
}

/**
 * (AᵀA)⁺ from the SVD of A: V diag(1/s²) Vᵀ, with singular values below `rcond · s_max` dropped.
 * Returns the n×n matrix as nested rows and the numerical rank.
 */
export function normalInverse(
  m: number,
  n: number,
  a: Float64Array,
  rcond = 1e-13,
): { inv: number[][]; rank: number } {
  // Equilibrate columns first: the SVD of A·D⁻¹ is far better conditioned when parameters differ in scale.
  const d = new Float64Array(n);
  const scaled = new Float64Array(m * n);
  for (let j = 0; j < n; j++) {
    let ss = 0;
    for (let i = 0; i < m; i++) ss += a[j * m + i]! ** 2;
    d[j] = ss > 0 ? Math.sqrt(ss) : 1;
    for (let i = 0; i < m; i++) scaled[j * m + i] = a[j * m + i]! / d[j]!;
  }
  const { s, v } = svd(m, n, scaled);
  const smax = s[0] ?? 0;
  const inv: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  let rank = 0;
  for (let k = 0; k < n; k++) {
    const sk = s[k]!;
    if (!(sk > rcond * smax) || sk === 0) continue;
    rank++;
    const w = 1 / (sk * sk);
    for (let i = 0; i < n; i++) {
      const vi = v[k * n + i]! * w;
      const row = inv[i]!;
      for (let j = 0; j < n; j++) row[j]! += vi * v[k * n + j]!;
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) inv[i]![j]! /= d[i]! * d[j]!;
  return { inv, rank };
}
