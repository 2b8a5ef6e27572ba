/**
 * Dense kernels of MINPACK's Levenberg–Marquardt (Moré 1978): QR with column pivoting, the
 * Levenberg parameter search and the regularised triangular solve. Matrices are column-major
 * Float64Arrays with leading dimension `ld`; every routine works in place on caller-owned scratch.
 * @internal
 */

const EPS = 2.220446049250313e-16;
const DWARF = 2.2250738585072014e-308;

/** Euclidean norm of `a[off], a[off+1], …` (`len` entries), robust against overflow/underflow. */
export function enorm(a: Float64Array, off: number, len: number): number {
  let scale = 0;
  let ssq = 1;
  for (let i = off; i < off + len; i++) {
    const v = a[i]!;
    if (v !== 0) {
      const av = Math.abs(v);
      if (scale < av) {
        const r = scale / av;
        ssq = 1 + ssq * r * r;
        scale = av;
      } else {
        const r = av / scale;
        ssq += r * r;
      }
    }
  }
  return scale * Math.sqrt(ssq);
}

/**
 * Householder QR with column pivoting of the m×n matrix `a` (column-major, ld = m).
 * On return the strict upper triangle holds R without its diagonal, `rdiag` the diagonal,
 * the lower part the Householder vectors; `ipvt` the permutation; `acnorm` the original column norms.
 */
export function qrfac(
  m: number,
  n: number,
  a: Float64Array,
  ipvt: Int32Array,
  rdiag: Float64Array,
  acnorm: Float64Array,
  wa: Float64Array,
): void {
  for (let j = 0; j < n; j++) {
    acnorm[j] = enorm(a, j * m, m);
    rdiag[j] = acnorm[j]!;
    wa[j] = rdiag[j]!;
    ipvt[j] = j;
  }
  const minmn = Math.min(m, n);
  for (let j = 0; j < minmn; j++) {
    let kmax = j;
    for (let k = j; k < n; k++) if (rdiag[k]! > rdiag[kmax]!) kmax = k;
    if (kmax !== j) {
      const cj = j * m;
      const ck = kmax * m;
      for (let i = 0; i < m; i++) {
        const t = a[cj + i]!;
        a[cj + i] = a[ck + i]!;
        a[ck + i] = t;
      }
      rdiag[kmax] = rdiag[j]!;
      wa[kmax] = wa[j]!;
      const t = ipvt[j]!;
      ipvt[j] = ipvt[kmax]!;
      ipvt[kmax] = t;
    }
    const cj = j * m;
    let ajnorm = enorm(a, cj + j, m - j);
    if (ajnorm !== 0) {
      if (a[cj + j]! < 0) ajnorm = -ajnorm;
      for (let i = j; i < m; i++) a[cj + i]! /= ajnorm;
      a[cj + j]! += 1;
      for (let k = j + 1; k < n; k++) {
        const ck = k * m;
        let sum = 0;
        for (let i = j; i < m; i++) sum += a[cj + i]! * a[ck + i]!;
        const temp = sum / a[cj + j]!;
        for (let i = j; i < m; i++) a[ck + i]! -= temp * a[cj + i]!;
        if (rdiag[k] !== 0) {
          const t = a[ck + j]! / rdiag[k]!;
          rdiag[k]! *= Math.sqrt(Math.max(0, 1 - t * t));
          const r = rdiag[k]! / wa[k]!;
          if (0.05 * r * r <= EPS) {
            rdiag[k] = enorm(a, ck + j + 1, m - j - 1);
            wa[k] = rdiag[k]!;
          }
        }
      }
    }
    rdiag[j] = -ajnorm;
  }
}

/**
 * Solve min ‖[R; D]z − [qtb; 0]‖ for the permuted R of a QR factorisation (MINPACK qrsolv).
 * Writes x (in original ordering) and the diagonal of the new triangular factor S into `sdiag`;
 * the strict lower triangle of `r` receives Sᵀ. Rank deficiency yields a least-squares solution.
 */
export function qrsolv(
  n: number,
  r: Float64Array,
  ld: number,
  ipvt: Int32Array,
  diag: Float64Array,
  qtb: Float64Array,
  x: Float64Array,
  sdiag: Float64Array,
  wa: Float64Array,
): void {
  for (let j = 0; j < n; j++) {
    for (let i = j; i < n; i++) r[i + j * ld] = r[j + i * ld]!;
    x[j] = r[j + j * ld]!;
    wa[j] = qtb[j]!;
  }
  for (let j = 0; j < n; j++) {
    const l = ipvt[j]!;
    if (diag[l] !== 0) {
      for (let k = j; k < n; k++) sdiag[k] = 0;
      sdiag[j] = diag[l]!;
      let qtbpj = 0;
      for (let k = j; k < n; k++) {
        if (sdiag[k] === 0) continue;
        const rkk = r[k + k * ld]!;
        let sin: number;
        let cos: number;
        if (Math.abs(rkk) < Math.abs(sdiag[k]!)) {
          const cotan = rkk / sdiag[k]!;
          sin = 0.5 / Math.sqrt(0.25 + 0.25 * cotan * cotan);
          cos = sin * cotan;
        } else {
          const tan = sdiag[k]! / rkk;
          cos = 0.5 / Math.sqrt(0.25 + 0.25 * tan * tan);
          sin = cos * tan;
        }
        r[k + k * ld] = cos * rkk + sin * sdiag[k]!;
        const temp = cos * wa[k]! + sin * qtbpj;
        qtbpj = -sin * wa[k]! + cos * qtbpj;
        wa[k] = temp;
        for (let i = k + 1; i < n; i++) {
          const rik = r[i + k * ld]!;
          const t = cos * rik + sin * sdiag[i]!;
          sdiag[i] = -sin * rik + cos * sdiag[i]!;
          r[i + k * ld] = t;
        }
      }
    }
    sdiag[j] = r[j + j * ld]!;
    r[j + j * ld] = x[j]!;
  }
  let nsing = n;
  for (let j = 0; j < n; j++) {
    if (sdiag[j] === 0 && nsing === n) nsing = j;
    if (nsing < n) wa[j] = 0;
  }
  for (let j = nsing - 1; j >= 0; j--) {
    let sum = 0;
    for (let i = j + 1; i < nsing; i++) sum += r[i + j * ld]! * wa[i]!;
    wa[j] = (wa[j]! - sum) / sdiag[j]!;
  }
  for (let j = 0; j < n; j++) x[ipvt[j]!] = wa[j]!;
}

/**
 * Find the Levenberg parameter λ so that the damped Gauss–Newton step x satisfies
 * ‖D x‖ ≈ Δ (MINPACK lmpar). Returns the new λ; writes the step (negated convention: x solves
 * (RᵀR + λDᵀD) x = Rᵀqtb) into `x`.
 */
export function lmpar(
  n: number,
  r: Float64Array,
  ld: number,
  ipvt: Int32Array,
  diag: Float64Array,
  qtb: Float64Array,
  delta: number,
  par: number,
  x: Float64Array,
  sdiag: Float64Array,
  wa1: Float64Array,
  wa2: Float64Array,
): number {
  let nsing = n;
  for (let j = 0; j < n; j++) {
    wa1[j] = qtb[j]!;
    if (r[j + j * ld] === 0 && nsing === n) nsing = j;
    if (nsing < n) wa1[j] = 0;
  }
  for (let j = nsing - 1; j >= 0; j--) {
    wa1[j]! /= r[j + j * ld]!;
    const temp = wa1[j]!;
    for (let i = 0; i < j; i++) wa1[i]! -= r[i + j * ld]! * temp;
  }
  for (let j = 0; j < n; j++) x[ipvt[j]!] = wa1[j]!;

  let iter = 0;
  for (let j = 0; j < n; j++) wa2[j] = diag[j]! * x[j]!;
  let dxnorm = enorm(wa2, 0, n);
  let fp = dxnorm - delta;
  if (fp <= 0.1 * delta) return 0;

  let parl = 0;
  if (nsing >= n) {
    for (let j = 0; j < n; j++) {
      const l = ipvt[j]!;
      wa1[j] = diag[l]! * (wa2[l]! / dxnorm);
    }
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let i = 0; i < j; i++) sum += r[i + j * ld]! * wa1[i]!;
      wa1[j] = (wa1[j]! - sum) / r[j + j * ld]!;
    }
    const temp = enorm(wa1, 0, n);
    parl = fp / delta / temp / temp;
  }
  for (let j = 0; j < n; j++) {
    let sum = 0;
    for (let i = 0; i <= j; i++) sum += r[i + j * ld]! * qtb[i]!;
    wa1[j] = sum / diag[ipvt[j]!]!;
  }
  const gnorm = enorm(wa1, 0, n);
  let paru = gnorm / delta;
  if (paru === 0) paru = DWARF / Math.min(delta, 0.1);
  par = Math.max(par, parl);
  par = Math.min(par, paru);
  if (par === 0) par = gnorm / dxnorm;

  for (;;) {
    iter++;
    if (par === 0) par = Math.max(DWARF, 0.001 * paru);
    const sp = Math.sqrt(par);
    for (let j = 0; j < n; j++) wa1[j] = sp * diag[j]!;
    qrsolv(n, r, ld, ipvt, wa1, qtb, x, sdiag, wa2);
    for (let j = 0; j < n; j++) wa2[j] = diag[j]! * x[j]!;
    dxnorm = enorm(wa2, 0, n);
    const prev = fp;
    fp = dxnorm - delta;
    if (Math.abs(fp) <= 0.1 * delta || (parl === 0 && fp <= prev && prev < 0) || iter === 10) break;
    for (let j = 0; j < n; j++) {
      const l = ipvt[j]!;
      wa1[j] = diag[l]! * (wa2[l]! / dxnorm);
    }
    for (let j = 0; j < n; j++) {
      wa1[j]! /= sdiag[j]!;
      const temp = wa1[j]!;
      for (let i = j + 1; i < n; i++) wa1[i]! -= r[i + j * ld]! * temp;
    }
    const temp = enorm(wa1, 0, n);
    const parc = fp / delta / temp / temp;
    if (fp > 0) parl = Math.max(parl, par);
    if (fp < 0) paru = Math.min(paru, par);
    par = Math.max(parl, par + parc);
  }
  return par;
}

export { DWARF, EPS };
