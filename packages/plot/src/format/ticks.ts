import { PlotError } from "../errors.js";

/** Options of {@link logTicks} and {@link linearTicks}. */
export interface TickOptions {
  /** Upper bound on the number of ticks, so labels never crowd. Default 6. */
  readonly maxTicks?: number;
}

const EPS = 1e-9;

/**
 * Tick values for a log axis over `[min, max]`: powers of ten, thinned to every 10ᵏ when there would be
 * more than `maxTicks`; for ranges spanning less than two decades, the 1-2-5 (or 1…9) multiples in it.
 *
 * @example
 * ```ts
 * logTicks(3e6, 2e10); // [1e7, 1e8, 1e9, 1e10]
 * logTicks(1.8, 4.2); // [2, 3, 4]
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
  const lo = Math.log10(min);
  const hi = Math.log10(max);
  const inside = (v: number) => v >= min * (1 - EPS) && v <= max * (1 + EPS);
  const first = Math.ceil(lo - EPS);
  const last = Math.floor(hi + EPS);
  const decades = last - first + 1;
  if (decades >= 2) {
    const step = Math.ceil(decades / maxTicks);
    const ticks: number[] = [];
    // Anchor the thinning at a multiple of the step so 10⁰, 10³, 10⁶… line up across charts.
    const start = Math.ceil(first / step) * step;
    for (let e = start; e <= last; e += step) ticks.push(exact10(e));
    if (ticks.length >= 2) return ticks;
  }
  // Less than a decade: pick the densest of several evenly spaced and log-friendly (1-2-3-4-6-8)
  // sets whose closest pair is still 1/(maxTicks+1) of the axis apart on the log scale, since
  // evenly spaced values bunch up towards the top of a log axis.
  if (max / min < 10) {
    const span = Math.log(max / min);
    const candidates: number[][] = [maxTicks + 3, maxTicks + 1, maxTicks, maxTicks - 1, 3].map((n) =>
      linearTicks(min, max, { maxTicks: Math.max(2, n) }).filter((t) => t > 0),
    );
    for (const mantissas of [
      [1, 1.5, 2, 3, 4, 5, 6, 8],
      [1, 2, 3, 4, 6, 8],
      [1, 2, 3, 5, 7],
    ]) {
      const set: number[] = [];
      for (let e = Math.floor(lo) - 1; e <= Math.ceil(hi); e++) {
        for (const m of mantissas) {
          const v = Number((m * exact10(e)).toPrecision(12));
          if (inside(v)) set.push(v);
        }
      }
      candidates.push(set);
    }
    let best: number[] | undefined;
    for (const ticks of candidates) {
      if (ticks.length < 3 || ticks.length > maxTicks) continue;
      const gap = Math.min(...ticks.slice(1).map((t, i) => Math.log(t / (ticks[i] as number))));
      if (gap >= span / (maxTicks + 1) && ticks.length > (best?.length ?? 0)) best = ticks;
    }
    if (best) return best;
  }
  for (const mantissas of [
    [1, 2, 5],
    [1, 2, 3, 4, 5, 6, 7, 8, 9],
  ]) {
    const ticks: number[] = [];
    for (let e = Math.floor(lo) - 1; e <= Math.ceil(hi); e++) {
      for (const m of mantissas) {
        const v = Number((m * exact10(e)).toPrecision(12));
        if (inside(v)) ticks.push(v);
      }
    }
    if (ticks.length >= 2 && ticks.length <= maxTicks) return ticks;
    if (ticks.length > maxTicks) return thin(ticks, maxTicks);
  }
  return linearTicks(min, max, options);
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
