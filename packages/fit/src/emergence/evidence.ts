import { logLinear } from "../families/sigmoid-log.js";
import { uShaped } from "../families/u-shaped.js";
import type { FitResult } from "../result.js";
import { chiSquareSf } from "../stats/distributions.js";
import { fitSigmoid, riseDecades, type SigmoidSetup, sigmoidSetup } from "./bounded-sigmoid.js";
import { constantLevel } from "./constant.js";
import { type Noise, pointSd } from "./noise.js";
import { type NoisyFit, noisyFit } from "./noisy-fit.js";
import { type Predictability, predictability } from "./predictability.js";

/** A series prepared for analysis: sorted by size, with its metric and noise. @internal */
export interface Series {
  readonly sizes: readonly number[];
  readonly scores: readonly number[];
  readonly lx: readonly number[];
  readonly noise: Noise;
  readonly bounds: readonly [number, number];
  readonly chance: number | undefined;
  /** +1 when higher scores are better, −1 otherwise. */
  readonly sign: 1 | -1;
  readonly level: number;
}

/** One fitted candidate with its misfit on the noise scale (χ² units). @internal */
export interface Candidate {
  readonly name: "constant" | "linear-log" | "quadratic-log" | "sigmoid";
  readonly fit: NoisyFit;
  /** χ²: Pearson χ² for known noise, RSS/σ̂² for estimated noise. */
  readonly chi: number;
  readonly k: number;
}

/** Everything the decision rule looks at, gathered once (the calibration bench replays rules on it). @internal */
export interface Evidence {
  readonly series: Series;
  /**
   * Multiplier of every sd: the residual sd when the noise is estimated; otherwise √dispersion (≥ 1) when
   * the best flexible curve misfits by more than the stated noise allows, else 1.
   */
  readonly scale: number;
  readonly candidates: readonly Candidate[];
  readonly sigmoid: Candidate | undefined;
  readonly setup: SigmoidSetup;
  /** Smallest Bonferroni-adjusted p-value of any curve against a constant. */
  readonly changeP: number;
  /** Straight-line slope per decade in the "better" direction, and its z. */
  readonly trend: { readonly slope: number; readonly z: number };
  readonly shape: {
    /** +1: worse then better (U); −1: better then worse (inverted U), in the "better" direction. */
    readonly kind: 1 | -1;
    readonly turn: number;
    /** Curvature test: quadratic against straight line. */
    readonly p: number;
    /** Fall and recovery of each arm against its sd. */
    readonly armZ: readonly [number, number];
    /** The quadratic describes the data better than the sigmoid by AIC. */
    readonly beatsSigmoid: boolean;
    readonly turnInside: boolean;
  } | null;
  readonly rise: {
    /** Sigmoid amplitude in the "better" direction. */
    readonly amplitude: number;
    readonly decades: number;
    /** log₁₀ midpoint. */
    readonly mid: number;
    /** Sizes strictly below the midpoint. */
    readonly below: number;
  } | null;
  readonly predictability: Predictability | null;
}

const tiny = 1e-12;

/** Fit every candidate and measure the evidence. @internal */
export function gatherEvidence(s: Series): Evidence {
  const { sizes, scores, lx, noise, sign } = s;
  const n = sizes.length;
  const opts = {};
  const cFit = noisyFit(constantLevel(), sizes, scores, noise, opts);
  const lFit = noisyFit(logLinear(), sizes, scores, noise, opts);
  const qFit = n >= 4 ? noisyFit(uShaped(), sizes, scores, noise, opts) : undefined;
  const setup = sigmoidSetup(lx, scores, s.bounds, sign > 0, s.chance);
  const sFit = n >= 5 ? fitSigmoid(setup, sizes, scores, noise) : undefined;
  // Estimated noise: one residual variance from the most flexible curve that fits (a U cannot be fitted by
  // the sigmoid, a sharp rise not by the quadratic), floored so an exact curve does not give σ̂ = 0.
  let scale = 1;
  if (noise.kind === "estimated") {
    const vars: number[] = [];
    if (sFit && n > 4) vars.push(sFit.chiSquare / (n - 4));
    if (qFit && n > 3) vars.push(qFit.chiSquare / (n - 3));
    if (lFit && n > 2) vars.push(lFit.chiSquare / (n - 2));
    const spread = Math.max(...scores) - Math.min(...scores);
    scale = Math.max(Math.sqrt(Math.min(...vars)), 1e-6 * Math.max(spread, tiny), tiny);
  } else if (n >= 6) {
    // Quasi-likelihood dispersion: real model families scatter more than their question count implies
    // (each size is one training run). When even the better of the two flexible curves leaves more misfit
    // than the noise allows, widen every sd by it; never narrow below the stated noise.
    const phis: number[] = [];
    if (sFit) phis.push(sFit.chiSquare / (n - 4));
    if (qFit) phis.push(qFit.chiSquare / (n - 3));
    if (phis.length > 0) scale = Math.sqrt(Math.max(1, Math.min(...phis)));
  }
  const s2 = scale * scale;
  const cand = (name: Candidate["name"], f: NoisyFit | undefined, k: number): Candidate | undefined =>
    f ? { name, fit: f, chi: f.chiSquare / s2, k } : undefined;
  const candidates = [
    cand("constant", cFit, 1),
    cand("linear-log", lFit, 2),
    cand("quadratic-log", qFit, 3),
    cand("sigmoid", sFit, 4),
  ].filter((c): c is Candidate => c !== undefined);
  const constant = candidates.find((c) => c.name === "constant");
  const line = candidates.find((c) => c.name === "linear-log");
  const quad = candidates.find((c) => c.name === "quadratic-log");
  const sigmoid = candidates.find((c) => c.name === "sigmoid");

  let changeP = 1;
  if (constant) {
    for (const c of candidates) {
      if (c === constant) continue;
      changeP = Math.min(changeP, Math.min(1, 3 * chiSquareSf(Math.max(0, constant.chi - c.chi), c.k - 1)));
    }
  }
  const trend = line
    ? {
        slope: sign * line.fit.fit.params.b!,
        z: (sign * line.fit.fit.params.b!) / (scale * stderrOf(line.fit.fit, "b", noise)),
      }
    : { slope: 0, z: 0 };

  let shape: Evidence["shape"] = null;
  if (quad && line) {
    const q = quad.fit.fit;
    const c = q.params.curvature!;
    const t = q.params.turn!;
    // Each arm measured on the data: the worst (U) or best (inverted U) observed size against each end,
    // in units of the sd of that difference, so a curve that merely levels off has no second arm.
    const kind0: 1 | -1 = sign * c >= 0 ? 1 : -1;
    const goodness = scores.map((v) => kind0 * sign * v);
    let j = 0;
    for (let i = 1; i < n; i++) if (goodness[i]! < goodness[j]!) j = i;
    const mu = q.predict(sizes) as number[];
    const sd = (i: number) => scale * pointSd(noise, i, mu[i]!);
    const arm = (i: number) => (goodness[i]! - goodness[j]!) / Math.hypot(sd(i), sd(j));
    const kind = kind0;
    shape = {
      kind,
      turn: t,
      p: chiSquareSf(Math.max(0, line.chi - quad.chi), 1),
      armZ: [arm(0), arm(n - 1)],
      beatsSigmoid: !sigmoid || quad.chi + 2 * 3 < sigmoid.chi + 2 * 4,
      turnInside: t > lx[0]! && t < lx[n - 1]! && j > 0 && j < n - 1,
    };
  }

  let rise: Evidence["rise"] = null;
  let pred: Predictability | null = null;
  if (sigmoid) {
    const p = sigmoid.fit.fit.params;
    const mid = p.mid!;
    const below = lx.filter((v) => v < mid).length;
    rise = { amplitude: sign * (p.ceiling! - p.floor!), decades: riseDecades(p.slope!), mid, below };
    const fittedOn = Math.min(Math.max(below, 2), n - 1);
    pred = predictability(sizes, scores, noise, scale, fittedOn, s.bounds, sign, s.level);
  }
  return {
    series: s,
    scale,
    candidates,
    sigmoid,
    setup,
    changeP,
    trend,
    shape,
    rise,
    predictability: pred,
  };
}

/** Covariance on the absolute noise scale (estimated noise: the fit's own scaling is replaced by σ̂²). */
function covOf(f: FitResult, noise: Noise, scale: number): number[][] {
  if (noise.kind !== "estimated") return f.covariance;
  const rc = f.reducedChiSquare > 0 && Number.isFinite(f.reducedChiSquare) ? f.reducedChiSquare : 1;
  return f.covariance.map((row) => row.map((v) => (v / rc) * scale * scale));
}

function stderrOf(f: FitResult, name: string, noise: Noise): number {
  const j = f.paramNames.indexOf(name);
  const v = covOf(f, noise, 1)[j]![j]!;
  return Math.sqrt(Math.max(v, tiny));
}
