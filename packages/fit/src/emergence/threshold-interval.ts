import type { FitResult } from "../result.js";
import { chiSquareQuantile } from "../stats/distributions.js";
import { fitSigmoid, type SigmoidSetup } from "./bounded-sigmoid.js";
import type { Noise } from "./noise.js";

/** Profile-likelihood interval of the sigmoid midpoint, in log₁₀ size. @internal */
export interface MidpointInterval {
  /** [lower, upper] in log₁₀ size, or null when an end is not reached within the search limits. */
  readonly ci: readonly [number, number] | null;
}

/** How far beyond the observed sizes the search for an interval end goes (decades). */
const SEARCH_BEYOND = 0.5;
const STEP = 0.25;
const BISECTIONS = 4;

/**
 * Profile-likelihood interval of the midpoint: hold `mid` fixed, refit the other three parameters,
 * and keep every `mid` whose χ² rises by less than the χ²₁ quantile at `level` over the best fit.
 * Built around the estimate, so it always contains it (the bootstrap percentile interval it replaces
 * did not). An end not reached within half a decade beyond the observed sizes is unbounded: null.
 * @internal
 */
export function midpointInterval(
  setup: SigmoidSetup,
  sizes: readonly number[],
  y: readonly number[],
  noise: Noise,
  best: FitResult,
  bestChiSquare: number,
  scale: number,
  level: number,
): MidpointInterval {
  const lx = sizes.map(Math.log10);
  const crit = chiSquareQuantile(level, 1);
  const mid = best.params.mid!;
  const start = best.paramNames.map((p) => best.params[p]!);
  const excess = (m: number, from: readonly number[]): { d: number; start: readonly number[] } => {
    const r = fitSigmoid(setup, sizes, y, noise, {
      fixed: { mid: m },
      start: from.map((v, j) => (j === 2 ? m : v)),
    });
    if (!r) return { d: Number.POSITIVE_INFINITY, start: from };
    return { d: (r.chiSquare - bestChiSquare) / scale, start: r.fit.paramNames.map((p) => r.fit.params[p]!) };
  };
  const end = (dir: 1 | -1): number | undefined => {
    const limit = dir > 0 ? lx[lx.length - 1]! + SEARCH_BEYOND : lx[0]! - SEARCH_BEYOND;
    let inside = mid;
    let from: readonly number[] = start;
    for (let m = mid + dir * STEP; dir > 0 ? m <= limit + 1e-12 : m >= limit - 1e-12; m += dir * STEP) {
      const e = excess(m, from);
      if (e.d > crit) {
        let a = inside;
        let b = m;
        for (let k = 0; k < BISECTIONS; k++) {
          const c = (a + b) / 2;
          const ec = excess(c, from);
          if (ec.d > crit) b = c;
          else {
            a = c;
            from = ec.start;
          }
        }
        return (a + b) / 2;
      }
      inside = m;
      from = e.start;
    }
    return undefined;
  };
  const lo = end(-1);
  const hi = end(1);
  if (lo === undefined || hi === undefined) return { ci: null };
  return { ci: [Math.min(lo, mid), Math.max(hi, mid)] };
}
