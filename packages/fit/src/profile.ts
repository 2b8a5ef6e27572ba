import { type FitData, toColumns } from "./data.js";
import { checkModel } from "./engine/check-model.js";
import { LIMITS } from "./engine/limits.js";
import { solveFromStarts } from "./engine/multistart.js";
import { checkCount, optionsObject } from "./engine/options.js";
import { fitSetup } from "./engine/setup.js";
import { describeValue, FitError } from "./errors.js";
import { checkFitOptions, type FitOptions } from "./fit.js";
import type { Model } from "./models/model.js";
import { chiSquareQuantile } from "./stats/distributions.js";

/** Options of {@link profileLikelihood}. */
export interface ProfileOptions {
  /** Confidence level (default 0.95). */
  readonly level?: number;
  /** Options of the fits (the profiled parameter is added to `fixed`). */
  readonly fit?: FitOptions;
  /** Number of grid points of the reported profile curve (default 21). */
  readonly points?: number;
}

/** A profile-likelihood interval for one parameter. */
export interface ProfileResult {
  readonly param: string;
  readonly estimate: number;
  /** Interval where the likelihood-ratio statistic stays below χ²₁(level); ±∞ if it never does. */
  readonly ci: [number, number];
  readonly level: number;
  /** The profile: parameter values and their likelihood-ratio statistics. */
  readonly values: number[];
  readonly statistic: number[];
}

/**
 * Profile-likelihood confidence interval for one parameter: fix it on either side of the
 * estimate, refit the others, and find where the likelihood-ratio statistic
 * n·log(RSS_fixed / RSS_min) (or ΔRSS with absolute σ) crosses the χ²₁ quantile. Unlike
 * ±t·SE, it follows the curvature of the model, so skewed intervals come out skewed.
 *
 * @example
 * ```ts
 * const p = profileLikelihood(powerLaw(), { x, y }, "alpha", { level: 0.95 });
 * p.ci; // [lo, hi]
 * ```
 */
export function profileLikelihood(
  model: Model,
  data: FitData,
  param: string,
  opts: ProfileOptions = {},
): ProfileResult {
  checkModel(model);
  const options = optionsObject(opts);
  const j = typeof param === "string" ? model.params.indexOf(param) : -1;
  if (j < 0) {
    throw new FitError("UNKNOWN_SYMBOL", `${describeValue(param)} is not a parameter of ${model.name}`);
  }
  const level = options.level ?? 0.95;
  if (typeof level !== "number" || !(level > 0 && level < 1))
    throw new FitError("INVALID_OPTION", `level must be in (0, 1), got ${level}`);
  const base = optionsObject(options.fit, "fit");
  const points = checkCount(options.points ?? 21, "points", 0, LIMITS.profilePoints);
  const { freeCount } = checkFitOptions(base);
  if (base.fixed && Object.hasOwn(base.fixed, param))
    throw new FitError("INVALID_OPTION", `"${param}" is fixed`);
  const cols = toColumns(model, data, freeCount(model));
  const setup = fitSetup(model, cols, base);
  const full = solveFromStarts(model, cols, setup, base);
  const rssMin = 2 * full.best.cost;
  const estimate = full.theta[j]!;
  const n = cols.n;
  const absolute = base.absoluteSigma ?? false;
  const crit = chiSquareQuantile(level, 1);
  const stat = (rss: number) =>
    absolute
      ? rss - rssMin
      : n * Math.log(Math.max(rss, Number.MIN_VALUE) / Math.max(rssMin, Number.MIN_VALUE));
  let warm = Array.from(full.theta);
  const profileAt = (v: number): number => {
    const { starts: _s, latinHypercube: _l, ...rest } = base;
    const opts: FitOptions = { ...rest, start: warm, fixed: { ...base.fixed, [param]: v } };
    const r = solveFromStarts(model, cols, fitSetup(model, cols, opts), opts);
    if (r.best.converged) warm = Array.from(r.theta);
    return stat(2 * r.best.cost);
  };
  // Scale of the search from the curvature at the optimum.
  const lo = setup.lower[j]!;
  const hi = setup.upper[j]!;
  const step0 = Math.max(1e-8 * Math.abs(estimate), 1e-3 * Math.max(1, Math.abs(estimate)));
  const side = (dir: 1 | -1): number => {
    warm = Array.from(full.theta);
    let inner = estimate;
    let step = step0;
    for (let k = 0; k < 60; k++) {
      let outer = estimate + dir * step;
      if (dir > 0 ? outer >= hi : outer <= lo) {
        outer = dir > 0 ? hi : lo;
        if (!Number.isFinite(outer)) return dir * Number.POSITIVE_INFINITY;
        if (profileAt(outer) < crit) return outer;
      }
      const s = profileAt(outer);
      if (s >= crit) {
        let a = inner;
        let b = outer;
        for (let it = 0; it < 50 && Math.abs(b - a) > 1e-10 * Math.max(1, Math.abs(b)); it++) {
          const mid = 0.5 * (a + b);
          if (profileAt(mid) < crit) a = mid;
          else b = mid;
        }
        return 0.5 * (a + b);
      }
      inner = outer;
      step *= 2;
    }
    return dir * Number.POSITIVE_INFINITY;
  };
  const ci: [number, number] = [side(-1), side(1)];
  const values: number[] = [];
  const statistic: number[] = [];
  if (Number.isFinite(ci[0]) && Number.isFinite(ci[1]) && points >= 2) {
    const a = ci[0] - 0.25 * (estimate - ci[0]);
    const b = ci[1] + 0.25 * (ci[1] - estimate);
    warm = Array.from(full.theta);
    for (let k = 0; k < points; k++) {
      const v = Math.min(hi, Math.max(lo, a + ((b - a) * k) / (points - 1)));
      values.push(v);
      statistic.push(profileAt(v));
    }
  }
  return { param, estimate, ci, level, values, statistic };
}
