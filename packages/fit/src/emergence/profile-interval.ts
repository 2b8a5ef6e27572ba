import type { FitResult } from "../result.js";
import { chiSquareQuantile } from "../stats/distributions.js";
import { fitSigmoid, type SigmoidSetup } from "./bounded-sigmoid.js";
import type { Noise } from "./noise.js";

/** Where the profile of one sigmoid parameter is searched, on the scale it is stepped in. @internal */
export interface ProfileSearch {
  /** `"mid"` (stepped in log₁₀ size) or `"slope"` (stepped in log₁₀ slope). */
  readonly param: "mid" | "slope";
  /** Search limits on the stepping scale; an end not reached inside them is reported as `limit`. */
  readonly lo: number;
  readonly hi: number;
  readonly step: number;
}

/** Profile-likelihood interval on the stepping scale, and whether each end was reached. @internal */
export interface ProfileInterval {
  readonly ci: readonly [number, number];
  /** False where the χ² never crossed the cut inside the search limits (the end sits at the limit). */
  readonly closed: readonly [boolean, boolean];
}

const BISECTIONS = 4;

/**
 * Profile-likelihood interval of one sigmoid parameter: hold it fixed, refit the other three, and keep
 * every value whose χ² rises by less than the χ²₁ quantile at `level` over the best fit (χ² on the noise
 * scale, `scale2` = the squared sd multiplier). Built outwards from the estimate, so it always contains it
 * (the bootstrap percentile interval it replaces did not).
 * @internal
 */
export function profileInterval(
  setup: SigmoidSetup,
  sizes: readonly number[],
  y: readonly number[],
  noise: Noise,
  best: FitResult,
  bestChiSquare: number,
  scale2: number,
  level: number,
  search: ProfileSearch,
): ProfileInterval {
  const crit = chiSquareQuantile(level, 1);
  const j = best.paramNames.indexOf(search.param);
  const toParam = (t: number) => (search.param === "slope" ? 10 ** t : t);
  const raw = best.params[search.param]!;
  const at = search.param === "slope" ? Math.log10(raw) : raw;
  const start = best.paramNames.map((p) => best.params[p]!);
  const excess = (t: number, from: readonly number[]): { d: number; start: readonly number[] } => {
    const v = toParam(t);
    const r = fitSigmoid(setup, sizes, y, noise, {
      fixed: { [search.param]: v },
      start: from.map((u, k) => (k === j ? v : u)),
    });
    if (!r) return { d: Number.POSITIVE_INFINITY, start: from };
    return {
      d: (r.chiSquare - bestChiSquare) / scale2,
      start: r.fit.paramNames.map((p) => r.fit.params[p]!),
    };
  };
  const end = (dir: 1 | -1): { v: number; closed: boolean } => {
    const limit = dir > 0 ? search.hi : search.lo;
    let inside = at;
    let from: readonly number[] = start;
    for (let t = at + dir * search.step; ; t += dir * search.step) {
      const past = dir > 0 ? t >= limit : t <= limit;
      const tt = past ? limit : t;
      if ((dir > 0 && inside >= limit) || (dir < 0 && inside <= limit)) return { v: limit, closed: false };
      const e = excess(tt, from);
      if (e.d > crit) {
        let a = inside;
        let b = tt;
        for (let k = 0; k < BISECTIONS; k++) {
          const c = (a + b) / 2;
          const ec = excess(c, from);
          if (ec.d > crit) b = c;
          else {
            a = c;
            from = ec.start;
          }
        }
        return { v: (a + b) / 2, closed: true };
      }
      inside = tt;
      from = e.start;
      if (past) return { v: limit, closed: false };
    }
  };
  const lo = end(-1);
  const hi = end(1);
  return { ci: [Math.min(lo.v, at), Math.max(hi.v, at)], closed: [lo.closed, hi.closed] };
}
