import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FitError, fit, formula, powerLaw, sigmoidLog } from "../src/index.js";

const sizes = Array.from({ length: 14 }, (_, i) => 10 ** (6 + i * 0.35));

describe("property: known parameters are recovered", () => {
  it("power laws with offset", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 3, noNaN: true }),
        fc.double({ min: 10, max: 2000, noNaN: true }),
        fc.double({ min: 0.1, max: 0.6, noNaN: true }),
        (E, A, alpha) => {
          const y = sizes.map((n) => E + A * n ** -alpha);
          const r = fit(powerLaw(), { x: sizes, y });
          expect(Math.abs(r.params.alpha! - alpha) / alpha).toBeLessThan(1e-6);
          expect(Math.abs(r.params.E! - E) / E).toBeLessThan(1e-6);
        },
      ),
      { numRuns: 40, seed: 11 },
    );
  });
  it("sigmoids in log size", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        fc.double({ min: 0.4, max: 1, noNaN: true }),
        fc.double({ min: 7.5, max: 9.5, noNaN: true }),
        fc.double({ min: 0.8, max: 6, noNaN: true }),
        (lo, hi, mid, slope) => {
          const y = sizes.map((n) => lo + (hi - lo) / (1 + Math.exp(-slope * (Math.log10(n) - mid))));
          const r = fit(sigmoidLog(), { x: sizes, y });
          expect(Math.abs(r.params.mid! - mid)).toBeLessThan(1e-5);
          expect(Math.abs(r.params.ceiling! - hi)).toBeLessThan(1e-5);
        },
      ),
      { numRuns: 40, seed: 12 },
    );
  });
});

describe("property: no input hangs the solver or escapes as an untyped error", () => {
  it("random data, starts and bounds", () => {
    const model = formula("a * exp(-b * x) + c / x", { params: ["a", "b", "c"] });
    const num = fc.oneof(
      fc.double({ noNaN: false }),
      fc.constantFrom(0, -0, 1e308, -1e308, 5e-324, Number.NaN, Number.POSITIVE_INFINITY),
    );
    fc.assert(
      fc.property(
        fc.array(num, { minLength: 0, maxLength: 8 }),
        fc.array(num, { minLength: 0, maxLength: 8 }),
        fc.tuple(num, num, num),
        fc.boolean(),
        (x, y, start, bounded) => {
          try {
            const r = fit(
              model,
              { x, y },
              { start, ...(bounded ? { lower: [-1, 0, -5], upper: [1, 2, 5] } : {}), maxEvaluations: 400 },
            );
            expect(Number.isFinite(r.rss)).toBe(true);
          } catch (e) {
            expect(e).toBeInstanceOf(FitError);
          }
        },
      ),
      { numRuns: 300, seed: 13 },
    );
  });
});
