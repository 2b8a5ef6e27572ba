import type { Model } from "../models/model.js";
import { bestCandidates, extent, sse } from "./starts.js";

/**
 * Logistic curve in log₁₀ scale, f(x) = floor + (ceiling − floor)·σ(slope·(log₁₀x − mid)), the
 * shape of an "emergent" accuracy-vs-size curve. Parameters `floor`, `ceiling`, `mid` (log₁₀ of the
 * midpoint, the emergence threshold) and `slope` (per decade). Default starts put the midpoint
 * where the data cross half-way, with shallow to steep slopes.
 *
 * @example
 * ```ts
 * const r = fit(sigmoidLog(), { x: sizes, y: accuracy });
 * 10 ** r.params.mid; // size at the midpoint
 * ```
 */
export function sigmoidLog(): Model {
  return {
    name: "sigmoid in log size",
    expression: "floor + (ceiling - floor) / (1 + exp(-slope * (log10(x) - mid)))",
    params: ["floor", "ceiling", "mid", "slope"],
    variables: ["x"],
    positive: ["x"],
    evaluate(p, [x], n, out) {
      const [lo, hi, mid, k] = [p[0]!, p[1]!, p[2]!, p[3]!];
      for (let i = 0; i < n; i++) out[i] = lo + (hi - lo) / (1 + Math.exp(-k * (Math.log10(x![i]!) - mid)));
    },
    jacobian(p, [x], n, out) {
      const [lo, hi, mid, k] = [p[0]!, p[1]!, p[2]!, p[3]!];
      for (let i = 0; i < n; i++) {
        const u = Math.log10(x![i]!) - mid;
        const s = 1 / (1 + Math.exp(-k * u));
        const ds = s * (1 - s) * (hi - lo);
        out[i] = 1 - s;
        out[n + i] = s;
        out[2 * n + i] = -ds * k;
        out[3 * n + i] = ds * u;
      }
    },
    defaultStarts([x], y) {
      const lx = Array.from(x!, Math.log10);
      const [ylo, yhi] = extent(y);
      const [xlo, xhi] = extent(lx);
      const span = Math.max(xhi - xlo, 1e-9);
      const order = lx.map((_, i) => i).sort((a, b) => lx[a]! - lx[b]!);
      const rising = y[order[order.length - 1]!]! >= y[order[0]!]!;
      const mids = [0.2, 0.35, 0.5, 0.65, 0.8, 1].map((f) => xlo + f * span);
      const cands: { start: number[]; score: number }[] = [];
      for (const mid of mids) {
        for (const steep of [1, 3, 10]) {
          const k = ((rising ? 1 : -1) * steep * 4) / span;
          const [lo, hi] = rising ? [ylo, yhi] : [yhi, ylo];
          const f = (i: number) => lo + (hi - lo) / (1 + Math.exp(-k * (lx[i]! - mid)));
          cands.push({ start: [lo, hi, mid, k], score: sse(f, y) });
        }
      }
      return bestCandidates(cands, 4);
    },
  };
}

/**
 * Straight line in log₁₀ size, f(x) = a + b·log₁₀x: the simplest "smooth" alternative to an
 * emergent curve. Parameters `a`, `b`.
 *
 * @example
 * ```ts
 * fit(logLinear(), { x: [1e8, 1e9, 1e10], y: [0.2, 0.3, 0.41] }).params.b; // gain per decade
 * ```
 */
export function logLinear(): Model {
  return {
    name: "linear in log size",
    expression: "a + b * log10(x)",
    params: ["a", "b"],
    variables: ["x"],
    positive: ["x"],
    evaluate(p, [x], n, out) {
      for (let i = 0; i < n; i++) out[i] = p[0]! + p[1]! * Math.log10(x![i]!);
    },
    jacobian(_p, [x], n, out) {
      for (let i = 0; i < n; i++) {
        out[i] = 1;
        out[n + i] = Math.log10(x![i]!);
      }
    },
    defaultStarts([x], y) {
      const lx = Array.from(x!, Math.log10);
      const n = lx.length;
      const mx = lx.reduce((s, v) => s + v, 0) / n;
      const my = Array.from(y).reduce((s, v) => s + v, 0) / n;
      let sxy = 0;
      let sxx = 0;
      for (let i = 0; i < n; i++) {
        sxy += (lx[i]! - mx) * (y[i]! - my);
        sxx += (lx[i]! - mx) ** 2;
      }
      const b = sxx > 0 ? sxy / sxx : 0;
      return [[my - b * mx, b]];
    },
  };
}
