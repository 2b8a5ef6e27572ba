import { optionsObject } from "../engine/options.js";
import { FitError } from "../errors.js";
import type { Model } from "../models/model.js";
import { logPositionRange } from "./bounds.js";
import { bestCandidates, extent, sse } from "./starts.js";

/** Options of {@link brokenPowerLaw}. */
export interface BrokenPowerLawOptions {
  /** Number of breaks n ≥ 1 (default 1). */
  readonly breaks?: number;
}

function softplus(t: number): number {
  return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
}

function logistic(t: number): number {
  return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
}

/**
 * Smoothly broken power law with n breaks, the "broken neural scaling law" of Caballero et al.
 * (2023): f(x) = a + b·x^−c₀·Πᵢ (1 + (x/dᵢ)^{1/fᵢ})^{−cᵢ·fᵢ}. After break i the log-log slope
 * changes by −cᵢ; fᵢ sets how sharp the break is (fᵢ → 0 is a kink). Parameters `a`, `b`, `c0`,
 * then `c1`, `d1`, `f1`, `c2`, … . Evaluated through softplus so large x/dᵢ never overflow. Default
 * bounds: each break dᵢ within one data range (in log x) beyond the observed x, sharpness fᵢ in
 * [10⁻³, 100].
 *
 * @example
 * ```ts
 * const r = fit(brokenPowerLaw({ breaks: 1 }), { x, y });
 * r.params.d1; // where the slope changes
 * ```
 */
export function brokenPowerLaw(opts: BrokenPowerLawOptions = {}): Model {
  const options = optionsObject(opts);
  const nb = options.breaks ?? 1;
  if (!Number.isInteger(nb) || nb < 1 || nb > 8) {
    throw new FitError("INVALID_OPTION", `breaks must be an integer in [1, 8], got ${nb}`);
  }
  const params = ["a", "b", "c0"];
  const lower = [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY];
  const upper = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
  for (let i = 1; i <= nb; i++) {
    params.push(`c${i}`, `d${i}`, `f${i}`);
    // Without data: break positions within 1e±300, so log dᵢ is always finite (never 5e-324).
    lower.push(Number.NEGATIVE_INFINITY, 1e-300, 1e-3);
    upper.push(Number.POSITIVE_INFINITY, 1e300, 100);
  }
  const core = (p: ArrayLike<number>, lx: number): number => {
    let s = -p[2]! * lx;
    for (let k = 0; k < nb; k++) {
      const c = p[3 + 3 * k]!;
      const d = p[4 + 3 * k]!;
      const f = p[5 + 3 * k]!;
      s -= c * f * softplus((lx - Math.log(d)) / f);
    }
    return Math.exp(s);
  };
  const expression = `a + b * x^(-c0)${Array.from({ length: nb }, (_, k) => ` * (1 + (x / d${k + 1})^(1 / f${k + 1}))^(-c${k + 1} * f${k + 1})`).join("")}`;
  return {
    name: `broken power law (${nb} break${nb > 1 ? "s" : ""})`,
    expression,
    params,
    variables: ["x"],
    positive: ["x"],
    lower,
    upper,
    evaluate(p, [x], n, out) {
      for (let i = 0; i < n; i++) out[i] = p[0]! + p[1]! * core(p, Math.log(x![i]!));
    },
    jacobian(p, [x], n, out) {
      const b = p[1]!;
      for (let i = 0; i < n; i++) {
        const lx = Math.log(x![i]!);
        const h = core(p, lx);
        const g = b * h;
        out[i] = 1;
        out[n + i] = h;
        out[2 * n + i] = -g * lx;
        for (let k = 0; k < nb; k++) {
          const c = p[3 + 3 * k]!;
          const d = p[4 + 3 * k]!;
          const f = p[5 + 3 * k]!;
          const t = (lx - Math.log(d)) / f;
          const sp = softplus(t);
          const sg = logistic(t);
          out[(3 + 3 * k) * n + i] = -g * f * sp;
          out[(4 + 3 * k) * n + i] = (g * c * sg) / d;
          out[(5 + 3 * k) * n + i] = -g * c * (sp - t * sg);
        }
      }
    },
    defaultBounds([x]) {
      // Breaks within one data range beyond either end of the observed x (in log terms): further out
      // the data cannot locate them, and the solver would wander to degenerate values.
      const [lo, hi] = logPositionRange(Array.from(x!, Math.log), 1);
      const l = lower.slice();
      const u = upper.slice();
      for (let k = 0; k < nb; k++) {
        l[4 + 3 * k] = Math.exp(lo);
        u[4 + 3 * k] = Math.exp(hi);
      }
      return { lower: l, upper: u };
    },
    defaultStarts([x], y) {
      const lx = Array.from(x!, Math.log);
      const [lo, hi] = extent(lx);
      const [ylo, yhi] = extent(y);
      const cands: { start: number[]; score: number }[] = [];
      // Breaks spread over the interior; slopes from a two-segment log-log guess.
      for (const offset of [0.25, 0.4, 0.55, 0.7]) {
        for (const a of [ylo - 0.5 * (yhi - ylo), ylo - 0.05 * (yhi - ylo), 0]) {
          const ly = Array.from(y, (v) => Math.log(Math.max(v - a, 1e-12)));
          const slope = (i0: number, i1: number) => {
            const idx = lx.map((_, i) => i).filter((i) => lx[i]! >= i0 && lx[i]! <= i1);
            if (idx.length < 2) return 0;
            const mx = idx.reduce((s, i) => s + lx[i]!, 0) / idx.length;
            const my = idx.reduce((s, i) => s + ly[i]!, 0) / idx.length;
            let sxy = 0;
            let sxx = 0;
            for (const i of idx) {
              sxy += (lx[i]! - mx) * (ly[i]! - my);
              sxx += (lx[i]! - mx) ** 2;
            }
            return sxx > 0 ? sxy / sxx : 0;
          };
          const start = [a, 1, 0];
          const breaksAt = Array.from(
            { length: nb },
            (_, k) => lo + (hi - lo) * (offset + (k * (1 - offset)) / (nb + 0.5)),
          );
          const edges = [lo, ...breaksAt, hi];
          const slopes = edges.slice(0, -1).map((e, k) => slope(e, edges[k + 1]!));
          start[2] = -slopes[0]!;
          for (let k = 0; k < nb; k++)
            start.push(-(slopes[k + 1]! - slopes[k]!), Math.exp(breaksAt[k]!), 0.5);
          const h = (i: number) => core(start, lx[i]!);
          // b by least squares given the shape.
          let num = 0;
          let den = 0;
          for (let i = 0; i < lx.length; i++) {
            num += h(i) * (y[i]! - a);
            den += h(i) * h(i);
          }
          start[1] = den > 0 ? num / den : 1;
          cands.push({ start, score: sse((i) => a + start[1]! * h(i), y) });
        }
      }
      return bestCandidates(cands, 5);
    },
  };
}
