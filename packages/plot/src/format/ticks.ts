import { PlotError } from "../errors.js";

/** Options of {@link logTicks} and {@link linearTicks}. */
export interface TickOptions {
  /** Upper bound on the number of ticks, so labels never crowd. Default 6. */
  readonly maxTicks?: number;
  /**
   * Whether a candidate set of labelled ticks fits the axis (e.g. measured label widths against the
   * axis length). Log axes try the densest set first — 1…9, then 1-2-5, 1-3, powers of ten, every
   * k-th power — and take the first that fits and has at most `maxTicks`.
   */
  readonly fits?: (ticks: readonly number[]) => boolean;
}

const EPS = 1e-9;

/** Mantissa sets for log axes spanning a decade or more, densest first. */
const decadeMantissas = [[1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 5], [1, 3], [1]] as const;

function multiples(min: number, max: number, mantissas: readonly number[]): number[] {
  const inside = (v: number) => v >= min * (1 - EPS) && v <= max * (1 + EPS);
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(min)) - 1; e <= Math.ceil(Math.log10(max)); e++) {
    for (const m of mantissas) {
      const v = Number((m * exact10(e)).toPrecision(12));
      if (inside(v)) out.push(v);
    }
  }
  return out;
}

/**
 * Tick values for a log axis over `[min, max]`. From a decade up: the densest of 1…9, 1-2-5, 1-3 and
 * powers of ten (then every k-th power) that has at most `maxTicks` values and `fits` the axis, so a
 * 10–800 axis reads 10, 20, 50, 100, 200, 500 rather than just 10 and 100. Inside one decade: evenly
 * spaced or log-friendly values.
 *
 * @example
 * ```ts
 * logTicks(3e6, 2e10); // [1e7, 1e8, 1e9, 1e10]
 * logTicks(10, 800); // [10, 20, 50, 100, 200, 500]
 * logTicks(1.8, 4.2); // [2, 2.5, 3, 3.5, 4]
 * ```
 */
export function logTicks(min: number, max: number, options: TickOptions = {}): number[] {
  if (!(min > 0) || !(max > 0) || !Number.isFinite(min) || !Number.isFinite(max)) {
    throw new PlotError(
      "LOG_SCALE_NON_POSITIVE",
      `log ticks need a positive finite range, got [${min}, ${max}]`,
    );
  }
  if (min > max) [min, max] = [max, min];
  const maxTicks = Math.max(2, options.maxTicks ?? 6);
  const fits = options.fits ?? (() => true);
  const ok = (ticks: readonly number[]) => ticks.length >= 2 && ticks.length <= maxTicks && fits(ticks);
  const lo = Math.log10(min);
  const hi = Math.log10(max);
  const first = Math.ceil(lo - EPS);
  const last = Math.floor(hi + EPS);
  const decades = last - first + 1;
  if (decades >= 2 || max / min >= 10) {
    for (const mantissas of decadeMantissas) {
      const ticks = multiples(min, max, mantissas);
      if (ok(ticks)) return ticks;
    }
    // Every k-th power of ten, anchored at a multiple of k so 10⁰, 10³, 10⁶… line up across charts.
    for (let step = 2; step <= Math.max(2, decades); step++) {
      const start = Math.ceil(first / step) * step;
      const ticks: number[] = [];
      for (let e = start; e <= last; e += step) ticks.push(exact10(e));
      if (ok(ticks) || ticks.length <= 2) return ticks.length > 0 ? ticks : [exact10(first)];
    }
  }
  // Less than a decade: pick the densest of several evenly spaced and log-friendly (1-2-3-4-6-8)
  // sets whose closest pair is still 1/(maxTicks+1) of the axis apart on the log scale, since
  // evenly spaced values bunch up towards the top of a log axis.
  const span = Math.log(max / min);
  // Every tick count from a dozen down to 3 (with a large maxTicks, the densest candidates alone would
  // all be rejected by `fits` and leave two labels on a short axis).
  const counts = [
    ...new Set([maxTicks + 3, maxTicks + 1, maxTicks, maxTicks - 1, 12, 10, 8, 7, 6, 5, 4, 3]),
  ].filter((n) => n <= maxTicks + 3);
  const candidates: number[][] = counts.map((n) =>
    linearTicks(min, max, { maxTicks: Math.max(2, n) }).filter((t) => t > 0),
  );
  for (const mantissas of [
    [1, 1.5, 2, 3, 4, 5, 6, 8],
    [1, 2, 3, 4, 6, 8],
    [1, 2, 3, 5, 7],
  ]) {
    candidates.push(multiples(min, max, mantissas));
  }
  let best: number[] | undefined;
  for (const ticks of candidates) {
    if (ticks.length < 3 || !ok(ticks)) continue;
    const gap = Math.min(...ticks.slice(1).map((t, i) => Math.log(t / (ticks[i] as number))));
    if (gap >= span / (maxTicks + 1) && ticks.length > (best?.length ?? 0)) best = ticks;
  }
  if (best) return best;
  for (const mantissas of [[1, 2, 5], decadeMantissas[0]]) {
    const ticks = multiples(min, max, mantissas);
    if (ticks.length >= 2 && ticks.length <= maxTicks) return ticks;
    if (ticks.length > maxTicks) return thin(ticks, maxTicks);
  }
  return linearTicks(min, max, options);
}

/**
 * The fewest labels inside any whole decade [10ᵏ, 10ᵏ⁺¹) of `[min, max]` (counting 10ᵏ, not 10ᵏ⁺¹), or
 * the number of labels when the range holds no whole decade. A 10–800 axis labelled 10, 20, 50, 100,
 * 200, 500 has 3 (the decade 10–100); labelled 10, 100 it has 1.
 *
 * @example
 * ```ts
 * labelsPerDecade([10, 20, 50, 100, 200, 500], 8, 900); // 3
 * ```
 */
export function labelsPerDecade(labelled: readonly number[], min: number, max: number): number {
  const first = Math.ceil(Math.log10(min) - EPS);
  const last = Math.floor(Math.log10(max) + EPS);
  if (last - first < 1) return labelled.length;
  let fewest = Number.POSITIVE_INFINITY;
  for (let e = first; e < last; e++) {
    const lo = exact10(e) * (1 - EPS);
    const hi = exact10(e + 1) * (1 - EPS);
    fewest = Math.min(fewest, labelled.filter((v) => v >= lo && v < hi).length);
  }
  return fewest;
}

/**
 * The unlabelled minor ticks of a log axis: the 2…9 multiples of each decade not already major ticks
 * (or, when the major ticks skip decades, the skipped powers of ten).
 *
 * @example
 * ```ts
 * minorLogTicks(10, 800, [10, 20, 50, 100, 200, 500]); // [30, 40, 60, 70, 80, 90, 300, 400, 600, 700, 800]
 * ```
 */
export function minorLogTicks(min: number, max: number, major: readonly number[]): number[] {
  if (!(min > 0 && max > min && Number.isFinite(max))) return [];
  const taken = new Set(major);
  const skipsDecades = major.length >= 2 && (major[1] as number) / (major[0] as number) > 10 * (1 + EPS);
  const pool = skipsDecades ? multiples(min, max, [1]) : multiples(min, max, decadeMantissas[0]);
  // More than ~60 minor ticks would be a grey smear, not a scale.
  const minor = pool.filter((v) => !taken.has(v));
  return minor.length > 60 ? [] : minor;
}

/**
 * "Nice" tick values (multiples of 1, 2 or 5 × 10ᵏ) for a linear axis over `[min, max]`.
 *
 * @example
 * ```ts
 * linearTicks(0, 1); // [0, 0.2, 0.4, 0.6, 0.8, 1]
 * ```
 */
export function linearTicks(min: number, max: number, options: TickOptions = {}): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) {
    throw new PlotError("INVALID_VALUE", `ticks need a finite range, got [${min}, ${max}]`);
  }
  if (min > max) [min, max] = [max, min];
  const maxTicks = Math.max(2, options.maxTicks ?? 6);
  if (min === max) return [min];
  const raw = (max - min) / (maxTicks - 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => (max - min) / s <= maxTicks - 1 + EPS) ??
    10 * power) as number;
  const ticks: number[] = [];
  for (let i = Math.ceil(min / step - EPS); i * step <= max + step * EPS; i++) {
    ticks.push(Number((i * step).toPrecision(12)));
  }
  return ticks;
}

function exact10(exponent: number): number {
  // 10 ** -3 is 0.0010000000000000002; parsing the literal gives the exact double.
  return Number(`1e${exponent}`);
}

function thin(ticks: number[], maxTicks: number): number[] {
  const step = Math.ceil(ticks.length / maxTicks);
  return ticks.filter((_, i) => i % step === 0);
}
