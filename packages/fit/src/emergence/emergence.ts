import { FitError } from "../errors.js";
import type { FitResult } from "../result.js";
import { chiSquareSf } from "../stats/distributions.js";
import { NARROWEST, RISE_FACTOR, WIDEST } from "./bounded-sigmoid.js";
import { emergenceScore } from "./emergence-score.js";
import { type Evidence, gatherEvidence, type Series } from "./evidence.js";
import type { Noise } from "./noise.js";
import type { Predictability } from "./predictability.js";
import { profileInterval } from "./profile-interval.js";
import { defaultEmergenceRule, type EmergenceRule } from "./rule.js";
import { decide } from "./verdict.js";

export type { Predictability, PredictedPoint } from "./predictability.js";

/** What {@link emergence} concludes about a score-vs-size curve. */
export type EmergenceVerdict = "emergent" | "smooth" | "flat" | "inverse" | "u-shaped" | "insufficient-data";

/** Options of {@link emergence}. */
export interface EmergenceOptions {
  /**
   * Questions behind each score (one number for all sizes, or one per size): the scores are then
   * proportions on `bounds` with binomial noise, fitted by binomial (quasi-)likelihood.
   */
  readonly trials?: number | readonly number[];
  /** Standard error of each score, when known (e.g. from an evaluation harness). Not with `trials`. */
  readonly sigma?: readonly number[];
  /** Chance level (e.g. 0.25 for four-choice questions): the small-size end of the sigmoid is no worse. */
  readonly chance?: number;
  /** The metric's [minimum, maximum] (default [0, 1] when every score lies in it, else unbounded). */
  readonly bounds?: readonly [number, number];
  /** `"higher-is-better"` (default: accuracy) or `"lower-is-better"` (loss, edit distance). */
  readonly direction?: "higher-is-better" | "lower-is-better";
  /** Level of every interval (default 0.95). */
  readonly level?: number;
  /**
   * `0` skips the profile-likelihood intervals of the threshold and the rise width (the verdict does not
   * depend on them; `threshold.identified` is then false, as nothing was checked). Other values are accepted for callers written for the former bootstrap interval: the
   * interval is now a profile-likelihood one and needs no replicates.
   */
  readonly replicates?: number;
  /** Accepted for callers written for the former bootstrap interval; every step is now deterministic. */
  readonly seed?: number | string;
  /** Override constants of the decision rule (default {@link defaultEmergenceRule}). */
  readonly rule?: Partial<EmergenceRule>;
}

/** One candidate curve in an emergence comparison. */
export interface EmergenceModel {
  readonly name: "sigmoid" | "linear-log" | "quadratic-log" | "constant";
  /** AICc on the noise model (binomial or given σ: χ² + 2k + correction; estimated σ: Gaussian). */
  readonly aicc: number;
  /** Akaike weight among the candidates (AICc, or AIC when AICc is undefined for the sample size). */
  readonly weight: number;
  readonly fit: FitResult;
}

/** An emergence threshold: the bounded sigmoid's midpoint, reported only for an emergent verdict. */
export interface EmergenceThreshold {
  /** Size (not log) at the midpoint of the rise. */
  readonly value: number;
  /** Profile-likelihood interval at `level`; always contains `value`; null when an end is unbounded. */
  readonly ci: readonly [number, number] | null;
  /** False when the interval is unbounded or leaves the observed sizes: the data do not pin the threshold. */
  readonly identified: boolean;
}

/** Verdict and evidence of {@link emergence}. */
export interface EmergenceResult {
  readonly verdict: EmergenceVerdict;
  /** One sentence saying why, with the numbers behind the verdict. */
  readonly reason: string;
  readonly direction: "higher-is-better" | "lower-is-better";
  /** The metric's range the bounded fits used. */
  readonly bounds: readonly [number, number];
  /** Where the noise came from: `trials` (binomial), given `sigma`, or estimated from residuals. */
  readonly noise: "binomial" | "sigma" | "estimated";
  /**
   * Every sd the tests used is the stated one times this factor: √(quasi-likelihood dispersion), ≥ 1, for
   * `trials` or `sigma` (from 6 sizes on); the residual sd itself for estimated noise.
   */
  readonly noiseScale: number;
  /** Null unless the verdict is emergent. */
  readonly threshold: EmergenceThreshold | null;
  /**
   * 10→90 % rise width of the bounded sigmoid (decades) with a profile-likelihood interval (null with
   * `replicates: 0`); null unless the verdict is emergent or smooth. An end at 0.02 or 50 decades is the
   * model's own limit: the data allow anything beyond it.
   */
  readonly riseWidth: { readonly decades: number; readonly ci: readonly [number, number] | null } | null;
  /** The smaller sizes' trend extrapolated to the larger ones; null without a sigmoid fit. */
  readonly predictability: Predictability | null;
  readonly models: readonly EmergenceModel[];
  /** Likelihood-ratio test of the sigmoid (4 parameters) against linear-in-log-size (2); χ² with 2 df. */
  readonly lrt: { readonly statistic: number; readonly df: number; readonly pValue: number };
  /** BIG-bench emergence (breakthroughness) score of the raw scores (NaN below 3 sizes). */
  readonly emergenceScore: number;
  /** `"aicc"`, or `"aic"` when there are too few points for AICc. */
  readonly criterion: "aicc" | "aic";
}

/** Fewest sizes with which sharp and smooth can be told apart (a 4-parameter sigmoid plus one). */
export const MIN_SIZES = 5;
/** Most sizes accepted: far beyond any model family, and it bounds the work of one call. */
export const MAX_SIZES = 10_000;

/**
 * Is a score-vs-size curve emergent in Wei et al.'s (2022) sense: absent in smaller models, present in
 * larger ones, and not predictable by extrapolating the smaller ones? Fits a constant, a straight line
 * and a quadratic in log size and a metric-aware bounded sigmoid (ends inside the metric's bounds, the
 * small-size end no worse than chance), under binomial noise when `trials` is given. Then:
 * - `flat`: no curve beats a constant beyond noise;
 * - `u-shaped`: a quadratic with its turn inside the sizes beats a straight line and the sigmoid, and both
 *   arms (worse then better, or the reverse) exceed their noise;
 * - `inverse`: the trend is towards worse;
 * - `emergent`: the sigmoid rises within `maxRiseDecades` (10→90 %) AND a larger size beats the straight
 *   line fitted to the sizes below the midpoint by at least `minSurprise` σ;
 * - `smooth`: rising, but gradually or predictably;
 * - `insufficient-data`: under 5 sizes, or a sharp rise before the second size.
 * AICc weights are reported but do not decide, so the verdict does not flip with the number of points.
 * The rule's constants are calibrated by simulation (`npm run bench -w @emerge/fit`).
 *
 * @example
 * ```ts
 * const sizes = [1e8, 3e8, 1e9, 3e9, 1e10, 3e10, 1e11, 3e11];
 * const scores = [0.02, 0.03, 0.02, 0.04, 0.09, 0.55, 0.62, 0.64];
 * const e = emergence(sizes, scores, { trials: 1000 });
 * e.verdict; // "emergent"
 * e.reason; // "rises 0.027→0.63 within 0.53 decades (10→90 %) and 3 of the 3 larger sizes lie up to 27σ above …"
 * e.threshold?.value; // ≈ 1.8e10
 * ```
 */
export function emergence(
  sizes: readonly number[],
  scores: readonly number[],
  options: EmergenceOptions = {},
): EmergenceResult {
  const series = prepare(sizes, scores, options);
  const rule: EmergenceRule = { ...defaultEmergenceRule, ...(options.rule ?? {}) };
  checkRule(rule);
  const n = series.sizes.length;
  const distinct = new Set(series.sizes).size;
  const direction = series.sign > 0 ? "higher-is-better" : "lower-is-better";
  const base = {
    direction,
    bounds: series.bounds,
    noise: series.noise.kind,
    emergenceScore: distinct >= 3 ? emergenceScore(series.sizes, series.scores) : Number.NaN,
  } as const;
  if (distinct < MIN_SIZES) {
    return {
      ...base,
      noiseScale: Number.NaN,
      verdict: "insufficient-data",
      reason: `only ${distinct} distinct size${distinct === 1 ? "" : "s"}: at least ${MIN_SIZES} are needed to tell a sharp rise from a smooth one`,
      threshold: null,
      riseWidth: null,
      predictability: null,
      models: [],
      lrt: { statistic: Number.NaN, df: 2, pValue: Number.NaN },
      criterion: "aic",
    };
  }
  const ev = gatherEvidence(series);
  const decision = decide(ev, rule);
  const verdict = decision.verdict;
  const reason = decision.why();
  const { models, criterion } = weigh(ev);
  const noiseScale = ev.scale;
  const line = ev.candidates.find((c) => c.name === "linear-log");
  const statistic = ev.sigmoid && line ? Math.max(0, line.chi - ev.sigmoid.chi) : Number.NaN;
  const lx = series.lx;
  const intervals = options.replicates !== 0;
  const profile = (search: Parameters<typeof profileInterval>[8]) =>
    profileInterval(
      ev.setup,
      series.sizes,
      series.scores,
      series.noise,
      ev.sigmoid!.fit.fit,
      ev.sigmoid!.fit.chiSquare,
      ev.scale * ev.scale,
      series.level,
      search,
    );
  let threshold: EmergenceThreshold | null = null;
  if (verdict === "emergent" && ev.sigmoid) {
    const mid = ev.sigmoid.fit.fit.params.mid!;
    let ci: readonly [number, number] | null = null;
    if (intervals) {
      // Searched to half a decade beyond the sizes: an end not reached by then is unbounded (null).
      const r = profile({ param: "mid", lo: lx[0]! - 0.5, hi: lx[n - 1]! + 0.5, step: 0.25 });
      if (r.closed[0] && r.closed[1]) {
        // A rise that no size observes (none inside its 10→90 % band) happened somewhere between the two
        // sizes that bracket it; the profile's single-start refits can pin it tighter than that, the data
        // cannot. So the interval covers at least the gap.
        const half = (ev.rise?.decades ?? 0) / 2;
        const observed = lx.some((v) => v > mid - half && v < mid + half);
        const below = lx.filter((v) => v < mid);
        const above = lx.filter((v) => v > mid);
        let lo = r.ci[0];
        let hi = r.ci[1];
        if (!observed && below.length > 0 && above.length > 0) {
          lo = Math.min(lo, below[below.length - 1]!);
          hi = Math.max(hi, above[0]!);
        }
        ci = [10 ** lo, 10 ** hi];
      }
    }
    const identified =
      ci !== null && Math.log10(ci[0]) >= lx[0]! - 1e-9 && Math.log10(ci[1]) <= lx[n - 1]! + 1e-9;
    threshold = { value: 10 ** mid, ci, identified };
  }
  let riseWidth: EmergenceResult["riseWidth"] = null;
  if ((verdict === "emergent" || verdict === "smooth") && ev.sigmoid && ev.rise) {
    let ci: readonly [number, number] | null = null;
    if (intervals) {
      // Profiled in log slope; an end that reaches the model's own limits (0.02 or 50 decades) stays there.
      const r = profile({
        param: "slope",
        lo: Math.log10(RISE_FACTOR / WIDEST),
        hi: Math.log10(RISE_FACTOR / NARROWEST),
        step: 0.15,
      });
      ci = [RISE_FACTOR / 10 ** r.ci[1], RISE_FACTOR / 10 ** r.ci[0]];
    }
    riseWidth = { decades: ev.rise.decades, ci };
  }
  return {
    ...base,
    noiseScale,
    verdict,
    reason,
    threshold,
    riseWidth,
    predictability: ev.predictability,
    models,
    lrt: { statistic, df: 2, pValue: Number.isFinite(statistic) ? chiSquareSf(statistic, 2) : Number.NaN },
    criterion,
  };
}

/** Akaike weights of the candidates on their noise model. */
function weigh(ev: Evidence): { models: EmergenceModel[]; criterion: "aicc" | "aic" } {
  const n = ev.series.sizes.length;
  const estimated = ev.series.noise.kind === "estimated";
  const scored = ev.candidates.map((c) => {
    const k = c.k + (estimated ? 1 : 0);
    const aic = estimated ? c.fit.fit.aic : c.chi + 2 * k;
    const aicc = estimated
      ? c.fit.fit.aicc
      : n - k - 1 > 0
        ? aic + (2 * k * (k + 1)) / (n - k - 1)
        : Infinity;
    return { c, aic, aicc };
  });
  const criterion = scored.every((s) => Number.isFinite(s.aicc)) ? "aicc" : "aic";
  const ic = scored.map((s) => (criterion === "aicc" ? s.aicc : s.aic));
  const best = Math.min(...ic);
  const raw = ic.map((v) => Math.exp(-0.5 * (v - best)));
  const total = raw.reduce((s, v) => s + v, 0);
  return {
    criterion,
    models: scored.map((s, i) => ({
      name: s.c.name,
      aicc: s.aicc,
      weight: raw[i]! / total,
      fit: s.c.fit.fit,
    })),
  };
}

function checkRule(rule: EmergenceRule): void {
  for (const [key, v] of Object.entries(rule)) {
    if (typeof v !== "number" || !(v > 0) || !Number.isFinite(v)) {
      throw new FitError("INVALID_OPTION", `rule.${key} = ${String(v)} must be a positive finite number`);
    }
  }
  for (const key of ["flatAlpha", "shapeAlpha", "minChange"] as const) {
    if (rule[key] >= 1) throw new FitError("INVALID_OPTION", `rule.${key} = ${rule[key]} must be below 1`);
  }
}

/** Validate, default and sort a series (every check before any fitting). @internal */
export function prepare(
  sizes: readonly number[],
  scores: readonly number[],
  options: EmergenceOptions,
): Series {
  if (!Array.isArray(sizes) || !Array.isArray(scores)) {
    throw new FitError("INVALID_DATA", "sizes and scores must be arrays of numbers");
  }
  if (sizes.length !== scores.length) {
    throw new FitError("LENGTH_MISMATCH", `${sizes.length} sizes but ${scores.length} scores`);
  }
  if (sizes.length > MAX_SIZES) {
    throw new FitError("INVALID_DATA", `sizes has ${sizes.length} points; at most ${MAX_SIZES} are accepted`);
  }
  const n = sizes.length;
  for (let i = 0; i < n; i++) {
    if (typeof sizes[i] !== "number" || !Number.isFinite(sizes[i]!) || !(sizes[i]! > 0)) {
      throw new FitError(
        "INVALID_DATA",
        `sizes[${i}] = ${String(sizes[i])} must be a positive finite number`,
      );
    }
    if (typeof scores[i] !== "number" || !Number.isFinite(scores[i]!)) {
      throw new FitError("INVALID_DATA", `scores[${i}] = ${String(scores[i])} must be a finite number`);
    }
  }
  const direction = options.direction ?? "higher-is-better";
  if (direction !== "higher-is-better" && direction !== "lower-is-better") {
    throw new FitError(
      "INVALID_OPTION",
      `direction = ${String(direction)} must be "higher-is-better" or "lower-is-better"`,
    );
  }
  const level = options.level ?? 0.95;
  if (typeof level !== "number" || !(level > 0 && level < 1)) {
    throw new FitError("INVALID_OPTION", `level = ${String(level)} must lie strictly between 0 and 1`);
  }
  if (
    options.replicates !== undefined &&
    !(Number.isInteger(options.replicates) && options.replicates >= 0)
  ) {
    throw new FitError(
      "INVALID_OPTION",
      `replicates = ${String(options.replicates)} must be a non-negative integer`,
    );
  }
  let bounds: [number, number];
  if (options.bounds !== undefined) {
    const b = options.bounds;
    if (
      !Array.isArray(b) ||
      b.length !== 2 ||
      typeof b[0] !== "number" ||
      typeof b[1] !== "number" ||
      Number.isNaN(b[0]) ||
      Number.isNaN(b[1]) ||
      !(b[0] < b[1])
    ) {
      throw new FitError("INVALID_OPTION", `bounds = ${JSON.stringify(b)} must be [min, max] with min < max`);
    }
    bounds = [b[0], b[1]];
    scores.forEach((v, i) => {
      if (v < bounds[0] || v > bounds[1]) {
        throw new FitError(
          "INVALID_DATA",
          `scores[${i}] = ${v} lies outside bounds [${bounds[0]}, ${bounds[1]}]`,
        );
      }
    });
  } else {
    bounds = scores.every((v) => v >= 0 && v <= 1)
      ? [0, 1]
      : [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
  }
  const chance = options.chance;
  if (chance !== undefined && !(typeof chance === "number" && chance >= bounds[0] && chance <= bounds[1])) {
    throw new FitError(
      "INVALID_OPTION",
      `chance = ${String(chance)} must lie within bounds [${bounds[0]}, ${bounds[1]}]`,
    );
  }
  if (options.trials !== undefined && options.sigma !== undefined) {
    throw new FitError("INVALID_OPTION", "pass trials (binomial noise) or sigma (known errors), not both");
  }
  let noise: Noise = { kind: "estimated" };
  if (options.trials !== undefined) {
    const t = options.trials;
    const trials = typeof t === "number" ? new Array<number>(n).fill(t) : t;
    if (!Array.isArray(trials) || trials.length !== n) {
      throw new FitError("LENGTH_MISMATCH", `trials must be one number or ${n} numbers`);
    }
    trials.forEach((v, i) => {
      if (!(typeof v === "number" && Number.isFinite(v) && v >= 1)) {
        throw new FitError("INVALID_OPTION", `trials[${i}] = ${String(v)} must be a finite number ≥ 1`);
      }
    });
    if (!Number.isFinite(bounds[0]) || !Number.isFinite(bounds[1])) {
      throw new FitError("INVALID_OPTION", "trials (binomial noise) needs a bounded metric: pass bounds");
    }
    noise = { kind: "binomial", trials: trials.slice(), bounds };
  } else if (options.sigma !== undefined) {
    const sg = options.sigma;
    if (!Array.isArray(sg) || sg.length !== n) {
      throw new FitError(
        "LENGTH_MISMATCH",
        `sigma has ${Array.isArray(sg) ? sg.length : "no"} values for ${n} sizes`,
      );
    }
    sg.forEach((v, i) => {
      if (!(typeof v === "number" && Number.isFinite(v) && v > 0)) {
        throw new FitError("INVALID_OPTION", `sigma[${i}] = ${String(v)} must be a positive finite number`);
      }
    });
    noise = { kind: "sigma", sigma: sg.slice() };
  }
  // Ties (two models of one size, e.g. two training runs) are kept as they are: each is one more
  // observation of the curve at that size. Stable sort, so equal sizes keep their input order.
  const order = sizes.map((_, i) => i).sort((a, b) => sizes[a]! - sizes[b]! || a - b);
  const pick = <T>(v: readonly T[]) => order.map((i) => v[i]!);
  const sorted: Noise =
    noise.kind === "binomial"
      ? { ...noise, trials: pick(noise.trials) }
      : noise.kind === "sigma"
        ? { kind: "sigma", sigma: pick(noise.sigma) }
        : noise;
  const s = pick(sizes);
  return {
    sizes: s,
    scores: pick(scores),
    lx: s.map(Math.log10),
    noise: sorted,
    bounds,
    chance,
    sign: direction === "higher-is-better" ? 1 : -1,
    level,
  };
}
