/**
 * Distribution functions needed for intervals and tests: normal, Student t and χ² CDFs and
 * quantiles, from the regularised incomplete gamma and beta functions (Numerical Recipes style
 * continued fractions, evaluated to full double precision).
 * @internal
 */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** log Γ(x) for x > 0 (Lanczos, g = 7). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  x -= 1;
  let a = LANCZOS[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Regularised lower incomplete gamma P(a, x). */
export function gammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 1000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
  }
  return 1 - gammaQcf(a, x);
}

function gammaQcf(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

function betaCf(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < 1000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return h;
}

/** Regularised incomplete beta I_x(a, b). */
export function betaI(a: number, b: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const bt = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
  if (x < (a + 1) / (a + b + 2)) return (bt * betaCf(a, b, x)) / a;
  return 1 - (bt * betaCf(b, a, 1 - x)) / b;
}

/** Standard normal CDF. */
export function normalCdf(z: number): number {
  return z < 0 ? 0.5 * (1 - gammaP(0.5, (z * z) / 2)) : 0.5 * (1 + gammaP(0.5, (z * z) / 2));
}

/** Student t CDF with ν degrees of freedom. */
export function studentTCdf(t: number, nu: number): number {
  if (!Number.isFinite(nu)) return normalCdf(t);
  const x = nu / (nu + t * t);
  const tail = 0.5 * betaI(nu / 2, 0.5, x);
  return t > 0 ? 1 - tail : tail;
}

/** χ² upper tail P(X > x) with k degrees of freedom. */
export function chiSquareSf(x: number, k: number): number {
  if (x <= 0) return 1;
  return x < k / 2 + 1 ? 1 - gammaP(k / 2, x / 2) : gammaQcf(k / 2, x / 2);
}

function invert(cdf: (x: number) => number, p: number, lo: number, hi: number): number {
  while (cdf(lo) > p) lo = lo < 0 ? lo * 2 : lo - 1;
  while (cdf(hi) < p) hi = hi > 0 ? hi * 2 : hi + 1;
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (cdf(mid) < p) lo = mid;
    else hi = mid;
    if (hi - lo <= 1e-14 * Math.max(1, Math.abs(mid))) break;
  }
  return 0.5 * (lo + hi);
}

/** Quantile of the standard normal distribution. */
export function normalQuantile(p: number): number {
  return invert(normalCdf, p, -10, 10);
}

/** Quantile of Student's t with ν degrees of freedom (normal for ν = ∞). */
export function studentTQuantile(p: number, nu: number): number {
  if (!Number.isFinite(nu)) return normalQuantile(p);
  return invert((t) => studentTCdf(t, nu), p, -10, 10);
}

/** Quantile of χ² with k degrees of freedom. */
export function chiSquareQuantile(p: number, k: number): number {
  return invert((x) => 1 - chiSquareSf(x, k), p, 0, Math.max(10, 4 * k));
}
