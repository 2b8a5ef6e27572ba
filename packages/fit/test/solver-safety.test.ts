import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BNSL_SIZES, bnslSeries, checkBnslDefaults, worstRelativeError } from "../bench/bnsl-check.js";
import {
  brokenPowerLaw,
  chinchillaLaw,
  FitError,
  fit,
  formula,
  type Model,
  minimize,
  powerLaw,
} from "../src/index.js";
import { levenbergMarquardt } from "../src/solvers/levenberg-marquardt.js";
import { resolveLoss } from "../src/solvers/loss.js";

/**
 * Wrap a model so that every parameter vector at which the solver asks for a Jacobian — the
 * accepted iterates, since LM evaluates J once per accepted step — is checked for finite
 * predictions. Independent of the solver's own bookkeeping, and works through the public API.
 */
function watched(model: Model): { model: Model; nonFinite: () => number; iterates: () => number } {
  let bad = 0;
  let seen = 0;
  const wrapped: Model = {
    ...model,
    jacobian(theta, x, n, out) {
      seen++;
      const f = new Float64Array(n);
      model.evaluate(theta, x, n, f);
      if (!f.every(Number.isFinite)) bad++;
      model.jacobian(theta, x, n, out);
    },
  };
  return { model: wrapped, nonFinite: () => bad, iterates: () => seen };
}

const d = (min: number, max: number) => fc.double({ min, max, noNaN: true });

describe("no accepted step is ever non-finite (property tests)", () => {
  it("broken power laws from random starts, default bounds (3 of 8601 iterates were NaN before)", () => {
    let nonFinite = 0;
    fc.assert(
      fc.property(
        fc.tuple(d(0, 0.2), d(0.2, 3), d(-0.1, 0.3), d(-3, 3), d(7, 9), d(0.02, 1)),
        fc.array(d(-0.05, 0.05), { minLength: 14, maxLength: 14 }),
        fc.tuple(d(-2, 2), d(-3, 3), d(-1, 1), d(-5, 5), d(-20, 25), d(0.001, 2)),
        ([a, b, c0, c1, ld1, f1], noise, s) => {
          const bpl = brokenPowerLaw();
          const y = new Float64Array(14);
          bpl.evaluate([a, b, c0, c1, 10 ** ld1, f1], [Float64Array.from(BNSL_SIZES)], 14, y);
          const data = Array.from(y, (v, i) => v * (1 + noise[i]!));
          if (!data.every(Number.isFinite)) return;
          const w = watched(bpl);
          try {
            fit(
              w.model,
              { x: BNSL_SIZES, y: data },
              { start: [s[0], s[1], s[2], s[3], Math.exp(s[4]), s[5]], maxEvaluations: 3000 },
            );
          } catch (e) {
            expect(e).toBeInstanceOf(FitError);
          }
          nonFinite += w.nonFinite();
        },
      ),
      { numRuns: 150, seed: 1201 },
    );
    expect(nonFinite).toBe(0);
  });

  it("random bounded and unbounded problems at the solver level, every loss, traced step by step (6 of 10 472 accepted iterates were non-finite before)", () => {
    // exp(b·x) overflows for b·x > 709 and log(d) is −744 at d = 5e-324: both reachable in one step.
    const m = formula("a * exp(b * x) + c + log(d) * e", { params: ["a", "b", "c", "d", "e"] });
    const x = Float64Array.from([0, 1, 2, 5, 10, 20, 50, 100, 300]);
    let accepted = 0;
    let acceptedNonFinite = 0;
    fc.assert(
      fc.property(
        fc.array(d(-1e3, 1e3), { minLength: 9, maxLength: 9 }),
        fc.tuple(d(-5, 5), d(-5, 5), d(-5, 5), d(1e-300, 10), d(-3, 3)),
        fc.constantFrom("linear", "huber", "soft-l1", "cauchy", "arctan"),
        fc.boolean(),
        (y, start, lossName, bounded) => {
          const fx = new Float64Array(9);
          const jf = new Float64Array(9 * 5);
          const problem = {
            m: 9,
            n: 5,
            residuals(p: Float64Array, out: Float64Array) {
              m.evaluate(p, [x], 9, fx);
              for (let i = 0; i < 9; i++) out[i] = y[i]! - fx[i]!;
            },
            jacobian(p: Float64Array, out: Float64Array) {
              m.jacobian(p, [x], 9, jf);
              for (let i = 0; i < 45; i++) out[i] = -jf[i]!;
            },
          };
          levenbergMarquardt(problem, start, {
            loss: resolveLoss(lossName),
            maxEvaluations: 1500,
            ...(bounded ? { lower: [-10, -10, -10, Number.MIN_VALUE, -5], upper: [10, 10, 10, 100, 5] } : {}),
            onStep: (step) => {
              if (!step.accepted) return;
              accepted++;
              if (!Number.isFinite(step.cost) || !step.residuals.every(Number.isFinite)) acceptedNonFinite++;
            },
          });
        },
      ),
      { numRuns: 300, seed: 1203 },
    );
    expect(accepted).toBeGreaterThan(1000);
    expect(acceptedNonFinite).toBe(0);
  });

  it("L-BFGS-B: every iterate has a finite value and gradient, on objectives with NaN regions", () => {
    let iterates = 0;
    let bad = 0;
    fc.assert(
      fc.property(
        fc.array(d(-3, 3), { minLength: 3, maxLength: 3 }),
        fc.array(d(-2, 4), { minLength: 3, maxLength: 3 }),
        fc.boolean(),
        (target, x0, bounded) => {
          const seen = new Map<string, boolean>();
          // log(x) is NaN for x < 0: the line search must never stop there.
          const fg = (x: Float64Array, g: Float64Array) => {
            let f = 0;
            for (let j = 0; j < 3; j++) {
              const r = Math.log(x[j]!) - target[j]!;
              f += r * r + 0.1 * x[j]! ** 2;
              g[j] = (2 * r) / x[j]! + 0.2 * x[j]!;
            }
            seen.set(Array.from(x).join(","), Number.isFinite(f) && g.every(Number.isFinite));
            return f;
          };
          const start = x0.map((v) => Math.abs(v) + 0.1);
          minimize(fg, start, {
            ...(bounded ? { lower: [-1, -1, -1], upper: [5, 5, 5] } : {}),
            onIteration: (x) => {
              iterates++;
              if (seen.get(Array.from(x).join(",")) !== true) bad++;
              return false;
            },
          });
        },
      ),
      { numRuns: 200, seed: 1204 },
    );
    expect(iterates).toBeGreaterThan(200);
    expect(bad).toBe(0);
  });
});

describe("a sharp-break broken power law fits with defaults (issue 12)", () => {
  it("recovers the known parameters of the exact series", () => {
    const r = fit(brokenPowerLaw(), { x: BNSL_SIZES, y: bnslSeries() });
    expect(r.converged).toBe(true);
    expect(worstRelativeError(r, ["a", "b", "c0", "c1", "d1", "f1"])).toBeLessThan(1e-6);
  });

  it("locates the break and the slope change within 5 % with 1 % noise, and calls the break sharp", () => {
    for (const seed of [1, 2, 3]) {
      const r = fit(brokenPowerLaw(), { x: BNSL_SIZES, y: bnslSeries(0.01, seed) });
      expect(worstRelativeError(r, ["c1", "d1"])).toBeLessThan(0.05);
      expect(r.params.f1).toBeLessThan(0.1);
    }
    expect(checkBnslDefaults().ok).toBe(true);
  });
});

describe("default bounds of the families keep every evaluation finite", () => {
  it("break positions stay within a data range of the observed x", () => {
    const b = brokenPowerLaw().defaultBounds!([Float64Array.from([1e6, 1e8])], new Float64Array(2));
    expect(b.lower[4]).toBeCloseTo(1e4, -2);
    expect(b.upper[4]).toBeCloseTo(1e10, -6);
    expect(brokenPowerLaw().lower![4]).toBeGreaterThan(0);
    expect(Math.log(brokenPowerLaw().lower![4]!)).toBeGreaterThan(-700);
  });

  it("exponents are capped so that x^−α cannot overflow on the data", () => {
    const pl = powerLaw({ reference: 1e12, allowNegativeExponent: true }).defaultBounds!(
      [Float64Array.from([1e6, 1e9])],
      new Float64Array(2),
    );
    expect(pl.upper[2]).toBe(10);
    expect(pl.lower[2]).toBe(-10);
    const ch = chinchillaLaw().defaultBounds!(
      [Float64Array.from([1e8, 1e10]), Float64Array.from([1e9, 1e11])],
      new Float64Array(2),
    );
    expect(ch.upper[2]).toBe(10);
    expect(ch.upper[4]).toBe(10);
  });
});
