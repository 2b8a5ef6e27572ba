/** Small statistics the atlas needs on a handful of points (closed forms; nothing here iterates). */

/** Median of finite values (NaN when there are none). */
export function median(values: readonly number[]): number {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return Number.NaN;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? (v[m] as number) : ((v[m - 1] as number) + (v[m] as number)) / 2;
}

/** Linear-interpolated quantile of finite values. */
export function quantile(values: readonly number[], q: number): number {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return Number.NaN;
  const h = (v.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return (v[lo] as number) + ((v[hi] as number) - (v[lo] as number)) * (h - lo);
}

/**
 * Binomial standard error of a score out of `n` questions. The proportion is shrunk as (k + ½)/(n + 1)
 * so a score of exactly 0 or 1 still has a non-zero error: a model at 0/2000 is not known to be at 0.
 */
export function binomialSe(p: number, n: number): number {
  const k = p * n;
  const shrunk = (k + 0.5) / (n + 1);
  return Math.sqrt((shrunk * (1 - shrunk)) / n);
}

/** Weighted least-squares line y = a + b·x with the parameters' covariance (σ known: no rescaling). */
export interface LineFit {
  readonly a: number;
  readonly b: number;
  readonly varA: number;
  readonly varB: number;
  readonly covAB: number;
  readonly chi2: number;
}

/** Fit y = a + b·x by weighted least squares (weights 1/σ²). Needs ≥ 2 distinct x. */
export function weightedLine(x: readonly number[], y: readonly number[], sigma: readonly number[]): LineFit {
  let sw = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < x.length; i++) {
    const w = 1 / (sigma[i] as number) ** 2;
    const xi = x[i] as number;
    const yi = y[i] as number;
    sw += w;
    sx += w * xi;
    sy += w * yi;
    sxx += w * xi * xi;
    sxy += w * xi * yi;
  }
  const det = sw * sxx - sx * sx;
  const b = (sw * sxy - sx * sy) / det;
  const a = (sy - b * sx) / sw;
  let chi2 = 0;
  for (let i = 0; i < x.length; i++)
    chi2 += (((y[i] as number) - a - b * (x[i] as number)) / (sigma[i] as number)) ** 2;
  return { a, b, varA: sxx / det, varB: sw / det, covAB: -sx / det, chi2 };
}

/**
 * First principal component of the rows of `data` (no standardisation, as Ruan et al.'s code), fitted on
 * `fitRows` only; missing values are filled with the fitted rows' column means. Returns the projection
 * of every row and the share of variance the component explains. Power iteration on the covariance.
 */
export function firstComponent(
  data: readonly (readonly (number | null)[])[],
  fitRows: readonly number[],
): { readonly scores: number[]; readonly explained: number; readonly loadings: number[] } {
  const d = data[0]?.length ?? 0;
  const mean = new Array<number>(d).fill(0);
  for (let j = 0; j < d; j++) {
    const col = fitRows.map((i) => data[i]?.[j]).filter((v): v is number => typeof v === "number");
    mean[j] = col.reduce((s, v) => s + v, 0) / Math.max(1, col.length);
  }
  const centred = data.map((row) => row.map((v, j) => (v ?? (mean[j] as number)) - (mean[j] as number)));
  const cov = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (const i of fitRows) {
    const r = centred[i] as number[];
    for (let a = 0; a < d; a++)
      for (let b = 0; b < d; b++) (cov[a] as number[])[b]! += (r[a] as number) * (r[b] as number);
  }
  let v = new Array<number>(d).fill(1 / Math.sqrt(d));
  for (let it = 0; it < 500; it++) {
    const w = cov.map((row) => row.reduce((s, c, b) => s + c * (v[b] as number), 0));
    const norm = Math.hypot(...w);
    const next = w.map((x) => x / norm);
    const delta = Math.hypot(...next.map((x, k) => x - (v[k] as number)));
    v = next;
    if (delta < 1e-12) break;
  }
  // Sign: higher scores on the benchmarks mean a higher component.
  if (v.reduce((s, x) => s + x, 0) < 0) v = v.map((x) => -x);
  const lambda = cov.reduce(
    (s, row, a) => s + (v[a] as number) * row.reduce((t, c, b) => t + c * (v[b] as number), 0),
    0,
  );
  const trace = cov.reduce((s, row, a) => s + (row[a] as number), 0);
  return {
    scores: centred.map((r) => r.reduce((s, x, j) => s + x * (v[j] as number), 0)),
    explained: lambda / trace,
    loadings: v,
  };
}

/** Round for tables and JSON. */
export const sig = (v: number, digits = 3): number =>
  Number.isFinite(v) ? Number(v.toPrecision(digits)) : v;
