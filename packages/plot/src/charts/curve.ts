import { PlotError } from "../errors.js";

/** A confidence (or prediction) band sampled on a grid, as `FitResult.confidenceBand` returns it. */
export interface BandLike {
  readonly x: readonly number[];
  readonly fit: readonly number[];
  readonly lower: readonly number[];
  readonly upper: readonly number[];
}

/**
 * Anything that predicts y from x, structurally: `@emerge/fit`'s `FitResult` fits, and so does a plain
 * `{ predict: (x) => … }`. When `confidenceBand` is present the charts shade it.
 */
export interface FitLike {
  predict(x: number): number | readonly number[];
  confidenceBand?(x: readonly number[], level?: number): BandLike;
  readonly params?: Readonly<Record<string, number>>;
}

/** A curve given as sampled points, with an optional band. */
export interface CurvePoints {
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly lower?: readonly number[];
  readonly upper?: readonly number[];
}

/** A fitted curve: a fit result (sampled by the chart) or points sampled already. */
export type CurveInput = FitLike | CurvePoints;

/** One sampled point of a curve. */
export interface CurveSample {
  readonly x: number;
  readonly y: number;
  readonly lower?: number;
  readonly upper?: number;
}

/** `n` points evenly spaced in log space from `lo` to `hi` (inclusive). */
export function geomspace(lo: number, hi: number, n: number): number[] {
  const a = Math.log(lo);
  const b = Math.log(hi);
  return Array.from({ length: n }, (_, i) => Math.exp(a + ((b - a) * i) / (n - 1)));
}

/** `n` points evenly spaced from `lo` to `hi` (inclusive). */
export function linspace(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
}

export function isFitLike(value: unknown): value is FitLike {
  return typeof value === "object" && value !== null && typeof (value as FitLike).predict === "function";
}

/**
 * Samples a curve on `grid` (fit results) or validates given samples; drops non-finite predictions so
 * a fit that diverges outside its range leaves a gap instead of a broken path.
 */
export function sampleCurve(
  curve: CurveInput,
  grid: readonly number[],
  level: number | false,
): CurveSample[] {
  if (isFitLike(curve)) {
    let band: BandLike | undefined;
    if (level !== false && typeof curve.confidenceBand === "function") {
      band = curve.confidenceBand(grid, level);
    }
    const out: CurveSample[] = [];
    grid.forEach((x, i) => {
      const raw = curve.predict(x);
      const y = typeof raw === "number" ? raw : raw[0];
      if (y === undefined || !Number.isFinite(y)) return;
      const lower = band?.lower[i];
      const upper = band?.upper[i];
      out.push(
        lower !== undefined && upper !== undefined && Number.isFinite(lower) && Number.isFinite(upper)
          ? { x, y, lower, upper }
          : { x, y },
      );
    });
    return out;
  }
  const { x, y, lower, upper } = curve;
  if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) {
    throw new PlotError("INVALID_VALUE", "a curve needs x and y arrays of the same length");
  }
  if ((lower && lower.length !== x.length) || (upper && upper.length !== x.length)) {
    throw new PlotError("INVALID_VALUE", "a curve's lower/upper band must have one value per x");
  }
  const out: CurveSample[] = [];
  x.forEach((xi: number, i: number) => {
    const yi = y[i] as number;
    if (!Number.isFinite(xi) || !Number.isFinite(yi)) return;
    const lo = lower?.[i];
    const hi = upper?.[i];
    out.push(
      lo !== undefined && hi !== undefined && Number.isFinite(lo) && Number.isFinite(hi)
        ? { x: xi, y: yi, lower: lo, upper: hi }
        : { x: xi, y: yi },
    );
  });
  return out;
}
