import { randomSource } from "@emerge/random";
import { quantile, weightedLine } from "./stats.js";

/** Where a gain that grows with log size crosses zero, with a parametric-bootstrap interval. */
export interface Crossover {
  /**
   * `crosses`: the rising gain line crosses 0 inside the observed sizes. `helps-throughout`: it rises and
   * is already above 0 at the smallest size. `not-yet`: it rises but stays below 0 up to the largest.
   * `not-rising`: the gain does not grow significantly with size (slope's 95 % interval reaches 0).
   */
  readonly status: "crosses" | "helps-throughout" | "not-yet" | "not-rising";
  /** Parameters where the fitted gain line crosses 0, when that lies inside the observed sizes; else null. */
  readonly size: number | null;
  /** 95 % interval of the crossing (null ends: unbounded, i.e. too many draws with a non-rising gain). */
  readonly ci: readonly [number | null, number | null];
  /** Gain per decade of parameters and its standard error. */
  readonly slope: number;
  readonly slopeSe: number;
}

/**
 * Fit gain = a + b·log₁₀(size) by weighted least squares and find where it crosses zero. The interval
 * redraws every gain from its error `draws` times (seeded) and refits; draws whose line does not rise
 * (b ≤ 0) never cross upward and count as +∞, so a weak trend gives an open upper end.
 *
 * @example
 * ```ts
 * crossover([7e9, 13e9, 70e9], [0.07, 0.11, 0.36], [0.02, 0.02, 0.03], { draws: 400, seed: "x" }).size;
 * ```
 */
export function crossover(
  sizes: readonly number[],
  gains: readonly number[],
  se: readonly number[],
  options: { readonly draws: number; readonly seed: string },
): Crossover {
  const lx = sizes.map(Math.log10);
  const line = weightedLine(lx, gains, se);
  const scale = Math.max(1, line.chi2 / Math.max(1, lx.length - 2));
  const slopeSe = Math.sqrt(line.varB * scale);
  const at = line.b > 0 ? -line.a / line.b : null;
  const [lo, hi] = [Math.min(...lx), Math.max(...lx)];
  // A gain that does not rise significantly has no size "above which CoT starts to help".
  const rising = at !== null && line.b - 1.96 * slopeSe > 0;
  const status: Crossover["status"] = !rising
    ? "not-rising"
    : (at as number) < lo
      ? "helps-throughout"
      : (at as number) > hi
        ? "not-yet"
        : "crosses";
  const size = status === "crosses" ? 10 ** (at as number) : null;
  const rng = randomSource(options.seed);
  const crossings: number[] = [];
  const inflate = Math.sqrt(scale);
  for (let d = 0; d < options.draws; d++) {
    const g = gains.map((v, i) => v + rng.normal(0, (se[i] as number) * inflate));
    const l = weightedLine(lx, g, se);
    crossings.push(l.b > 0 ? -l.a / l.b : Number.POSITIVE_INFINITY);
  }
  const end = (q: number): number | null => {
    if (options.draws === 0) return null;
    const v = quantile(
      crossings.map((c) => (Number.isFinite(c) ? c : 1e9)),
      q,
    );
    return v >= 1e9 - 1 ? null : 10 ** v;
  };
  const ci: Crossover["ci"] = size === null ? [null, null] : [end(0.025), end(0.975)];
  return { status, size, ci, slope: line.b, slopeSe };
}
