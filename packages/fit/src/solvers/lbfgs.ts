import { LIMITS } from "../engine/limits.js";
import { checkCount, optionsObject } from "../engine/options.js";
import { describeValue, FitError } from "../errors.js";

/** An objective that returns f(x) and writes ∇f(x) into `grad`. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

/** Settings of the L-BFGS minimiser. */
export interface LbfgsOptions {
  /** Number of correction pairs kept (default 10, as scipy's L-BFGS-B). */
  readonly memory?: number;
  /** Stop when the largest projected-gradient entry is ≤ this (default 1e-8). */
  readonly gtol?: number;
  /** Stop when (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) ≤ this (default 1e-12). */
  readonly ftol?: number;
  /** Maximum iterations (default 2000). */
  readonly maxIterations?: number;
  /** Maximum objective evaluations (default 5000). */
  readonly maxEvaluations?: number;
  /** Lower bounds (default −∞). */
  readonly lower?: ArrayLike<number>;
  /** Upper bounds (default +∞). */
  readonly upper?: ArrayLike<number>;
  /** Called after every iteration with the iterate and objective; returning true stops with reason `"callback"`. */
  readonly onIteration?: (x: Float64Array, f: number) => boolean | undefined;
}

/** Outcome of {@link minimize}. */
export interface MinimizeResult {
  readonly x: Float64Array;
  readonly f: number;
  readonly gradient: Float64Array;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
  /** `"gtol"`, `"ftol"`, `"line-search"` (no further decrease possible), `"callback"`, `"max-iterations"` or `"max-evaluations"`. */
  readonly reason: string;
}

/**
 * A reusable L-BFGS minimiser for n variables with optional box constraints (projected search
 * direction, variables on an active bound frozen). All work arrays are allocated once, so many
 * starts cost no garbage. @internal
 */
export function lbfgsSolver(
  n: number,
  options: LbfgsOptions = {},
): (fg: Objective, x0: ArrayLike<number>) => MinimizeResult {
  const mem = options.memory ?? 10;
  const gtol = options.gtol ?? 1e-8;
  const ftol = options.ftol ?? 1e-12;
  const maxIter = options.maxIterations ?? 2000;
  const maxEval = options.maxEvaluations ?? 5000;
  const lo = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  const hi = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  if (options.lower) for (let j = 0; j < n; j++) lo[j] = options.lower[j]!;
  if (options.upper) for (let j = 0; j < n; j++) hi[j] = options.upper[j]!;
  for (let j = 0; j < n; j++) {
    if (!(lo[j]! <= hi[j]!)) throw new FitError("INVALID_OPTION", `lower bound ${j} exceeds upper bound`);
  }
  const S = new Float64Array(mem * n);
  const Y = new Float64Array(mem * n);
  const rhoS = new Float64Array(mem);
  const alpha = new Float64Array(mem);
  const d = new Float64Array(n);
  const g = new Float64Array(n);
  const gNew = new Float64Array(n);
  const xNew = new Float64Array(n);
  const xTry = new Float64Array(n);
  const gTry = new Float64Array(n);
  const q = new Float64Array(n);
  const active = new Uint8Array(n);
  const onIteration = options.onIteration;
  const finiteVector = (v: Float64Array) => {
    for (let j = 0; j < n; j++) if (!Number.isFinite(v[j]!)) return false;
    return true;
  };

  return (fg, x0) => {
    const x = new Float64Array(n);
    for (let j = 0; j < n; j++) x[j] = Math.min(hi[j]!, Math.max(lo[j]!, x0[j]!));
    let f = fg(x, g);
    let nev = 1;
    if (!Number.isFinite(f) || !finiteVector(g)) {
      return {
        x,
        f,
        gradient: g.slice(),
        iterations: 0,
        evaluations: nev,
        converged: false,
        reason: "non-finite",
      };
    }
    let count = 0;
    let head = 0;
    let iter = 0;
    let reason = "max-iterations";
    for (; iter < maxIter; iter++) {
      let pg = 0;
      for (let j = 0; j < n; j++) {
        const at = (x[j]! <= lo[j]! && g[j]! > 0) || (x[j]! >= hi[j]! && g[j]! < 0);
        active[j] = at ? 1 : 0;
        if (!at) pg = Math.max(pg, Math.abs(g[j]!));
      }
      if (pg <= gtol) {
        reason = "gtol";
        break;
      }
      // Two-loop recursion on the free variables.
      for (let j = 0; j < n; j++) q[j] = active[j] ? 0 : g[j]!;
      for (let k = 0; k < count; k++) {
        const s = (head - 1 - k + mem) % mem;
        let a = 0;
        for (let j = 0; j < n; j++) a += S[s * n + j]! * q[j]!;
        a *= rhoS[s]!;
        alpha[s] = a;
        for (let j = 0; j < n; j++) q[j]! -= a * Y[s * n + j]!;
      }
      let gamma = 1;
      if (count > 0) {
        const s = (head - 1 + mem) % mem;
        let yy = 0;
        for (let j = 0; j < n; j++) yy += Y[s * n + j]! ** 2;
        gamma = 1 / (rhoS[s]! * yy);
      }
      for (let j = 0; j < n; j++) q[j]! *= gamma;
      for (let k = count - 1; k >= 0; k--) {
        const s = (head - 1 - k + mem) % mem;
        let b = 0;
        for (let j = 0; j < n; j++) b += Y[s * n + j]! * q[j]!;
        b *= rhoS[s]!;
        for (let j = 0; j < n; j++) q[j]! += S[s * n + j]! * (alpha[s]! - b);
      }
      let gd = 0;
      for (let j = 0; j < n; j++) {
        d[j] = active[j] ? 0 : -q[j]!;
        gd += g[j]! * d[j]!;
      }
      if (!(gd < 0)) {
        // Not a descent direction (curvature information is stale): restart from steepest descent.
        count = 0;
        gd = 0;
        for (let j = 0; j < n; j++) {
          d[j] = active[j] ? 0 : -g[j]!;
          gd += g[j]! * d[j]!;
        }
      }
      let t = 1;
      if (count === 0) {
        let dn = 0;
        for (let j = 0; j < n; j++) dn += d[j]! * d[j]!;
        t = Math.min(1, 1 / Math.sqrt(dn));
      }
      // Backtracking along the projected path with Armijo's condition, cubic/quadratic safeguarded.
      // A trial is accepted only with a finite value and gradient and a projected step that is a
      // descent step (g·(P(x + td) − x) < 0): projection can turn a quasi-Newton direction uphill,
      // and Armijo's test would then accept an increase.
      let fNew = Number.NaN;
      let accepted = false;
      for (let ls = 0; ls < 40; ls++) {
        let dec = 0;
        for (let j = 0; j < n; j++) {
          const v = Math.min(hi[j]!, Math.max(lo[j]!, x[j]! + t * d[j]!));
          xNew[j] = v;
          dec += g[j]! * (v - x[j]!);
        }
        if (!(dec < 0)) {
          if (count > 0) {
            // The projected quasi-Newton step goes uphill: drop the curvature pairs and restart the
            // search along projected steepest descent, which descends for a small enough step.
            count = 0;
            gd = 0;
            let dn = 0;
            for (let j = 0; j < n; j++) {
              d[j] = active[j] ? 0 : -g[j]!;
              gd += g[j]! * d[j]!;
              dn += d[j]! * d[j]!;
            }
            t = Math.min(1, 1 / Math.sqrt(dn));
          } else {
            t *= 0.1;
          }
          continue;
        }
        fNew = fg(xNew, gNew);
        nev++;
        if (Number.isFinite(fNew) && finiteVector(gNew) && fNew <= f + 1e-4 * dec) {
          accepted = true;
          break;
        }
        if (nev >= maxEval) break;
        const tq = Number.isFinite(fNew) ? (-gd * t * t) / (2 * (fNew - f - gd * t)) : 0.1 * t;
        t = Math.min(0.5 * t, Math.max(0.1 * t, tq));
      }
      if (!accepted) {
        reason = nev >= maxEval ? "max-evaluations" : "line-search";
        break;
      }
      // Weak-Wolfe extrapolation: if the full step was accepted but the slope along d is still
      // steep, the step was too short (typical where the objective is nearly linear, as in Huber's
      // outer region): try longer steps while they keep decreasing f.
      let slope = 0;
      for (let j = 0; j < n; j++) slope += gNew[j]! * d[j]!;
      let tAcc = t;
      for (let ext = 0; ext < 12 && slope < 0.9 * gd && nev < maxEval; ext++) {
        const tNext = tAcc * 4;
        let dec = 0;
        for (let j = 0; j < n; j++) {
          const v = Math.min(hi[j]!, Math.max(lo[j]!, x[j]! + tNext * d[j]!));
          xTry[j] = v;
          dec += g[j]! * (v - x[j]!);
        }
        const fTry = fg(xTry, gTry);
        nev++;
        if (
          !(Number.isFinite(fTry) && finiteVector(gTry) && dec < 0 && fTry <= f + 1e-4 * dec && fTry < fNew)
        )
          break;
        xNew.set(xTry);
        gNew.set(gTry);
        fNew = fTry;
        tAcc = tNext;
        slope = 0;
        for (let j = 0; j < n; j++) slope += gNew[j]! * d[j]!;
      }
      let sy = 0;
      let yy = 0;
      for (let j = 0; j < n; j++) {
        const s = xNew[j]! - x[j]!;
        const y = gNew[j]! - g[j]!;
        S[head * n + j] = s;
        Y[head * n + j] = y;
        sy += s * y;
        yy += y * y;
      }
      if (sy > 2.220446049250313e-16 * yy) {
        rhoS[head] = 1 / sy;
        head = (head + 1) % mem;
        count = Math.min(count + 1, mem);
      }
      const rel = (f - fNew) / Math.max(Math.abs(f), Math.abs(fNew), 1);
      x.set(xNew);
      g.set(gNew);
      f = fNew;
      if (rel <= ftol) {
        reason = "ftol";
        iter++;
        break;
      }
      if (nev >= maxEval) {
        reason = "max-evaluations";
        iter++;
        break;
      }
      if (onIteration?.(x, f)) {
        reason = "callback";
        iter++;
        break;
      }
    }
    const converged = reason === "gtol" || reason === "ftol" || reason === "line-search";
    return { x, f, gradient: g.slice(), iterations: iter, evaluations: nev, converged, reason };
  };
}

/**
 * Minimise a smooth objective with L-BFGS (box constraints optional): for objectives that are not
 * sums of squares, such as a Huber likelihood or the log-space Chinchilla objective.
 *
 * @example
 * ```ts
 * const r = minimize((x, g) => {
 *   g[0] = 2 * (x[0]! - 3);
 *   return (x[0]! - 3) ** 2;
 * }, [0]);
 * r.x[0]; // 3
 * ```
 */
export function minimize(
  fg: Objective,
  x0: readonly number[] | Float64Array,
  options: LbfgsOptions = {},
): MinimizeResult {
  if (typeof fg !== "function") throw new FitError("INVALID_OPTION", "objective must be a function");
  if (!(Array.isArray(x0) || x0 instanceof Float64Array) || x0.length === 0) {
    throw new FitError("INVALID_START", `x0 must be a non-empty array of numbers, got ${describeValue(x0)}`);
  }
  for (let j = 0; j < x0.length; j++) {
    if (typeof x0[j] !== "number" || !Number.isFinite(x0[j]!)) {
      throw new FitError("INVALID_START", `x0[${j}] is not a finite number (${describeValue(x0[j])})`);
    }
  }
  const o = optionsObject(options);
  const n = x0.length;
  for (const key of ["memory", "maxIterations", "maxEvaluations"] as const) {
    if (o[key] !== undefined) checkCount(o[key], key, 1, LIMITS.evaluations);
  }
  for (const key of ["gtol", "ftol"] as const) {
    const v = o[key];
    if (v !== undefined && (typeof v !== "number" || !(v >= 0) || !Number.isFinite(v))) {
      throw new FitError("INVALID_OPTION", `${key} must be a finite number ≥ 0, got ${describeValue(v)}`);
    }
  }
  for (const key of ["lower", "upper"] as const) {
    const b = o[key];
    if (b === undefined) continue;
    if (!(Array.isArray(b) || b instanceof Float64Array) || b.length !== n) {
      throw new FitError(
        "INVALID_OPTION",
        `${key} must be an array of ${n} numbers, got ${describeValue(b)}`,
      );
    }
    for (let j = 0; j < n; j++) {
      if (typeof b[j] !== "number" || Number.isNaN(b[j])) {
        throw new FitError("INVALID_OPTION", `${key}[${j}] is not a number (${describeValue(b[j])})`);
      }
    }
  }
  if (o.onIteration !== undefined && typeof o.onIteration !== "function") {
    throw new FitError("INVALID_OPTION", "onIteration must be a function");
  }
  return lbfgsSolver(n, o)(fg, x0);
}
