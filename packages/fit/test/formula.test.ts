import { describe, expect, it } from "vitest";
import { FitError, fit, formula } from "../src/index.js";

function jacobianError(expr: string, params: string[], theta: number[], xs: number[]) {
  const m = formula(expr, { params });
  const fd = formula(expr, { params, jacobian: "finite-difference" });
  const x = [Float64Array.from(xs)];
  const a = new Float64Array(xs.length * params.length);
  const b = new Float64Array(xs.length * params.length);
  m.jacobian(theta, x, xs.length, a);
  fd.jacobian(theta, x, xs.length, b);
  let worst = 0;
  for (let i = 0; i < a.length; i++)
    worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / Math.max(1, Math.abs(a[i]!)));
  return worst;
}

describe("formula", () => {
  it("compiles the value and the symbolic Jacobian", () => {
    const m = formula("E + A / N^alpha", { params: ["E", "A", "alpha"], variables: ["N"] });
    const out = new Float64Array(2);
    m.evaluate([1, 2, 0.5], [Float64Array.from([4, 16])], 2, out);
    expect(Array.from(out)).toEqual([2, 1.5]);
    const jac = new Float64Array(6);
    m.jacobian([1, 2, 0.5], [Float64Array.from([4, 16])], 2, jac);
    expect(jac[0]).toBe(1);
    expect(jac[2]).toBeCloseTo(0.5, 14);
    expect(jac[4]).toBeCloseTo(-2 * 0.5 * Math.log(4), 14);
  });

  it("matches finite differences on functions mathjs differentiates", () => {
    expect(
      jacobianError(
        "b1 * exp(-(x - b2)^2 / b3^2) + atan(b4 / x) / pi",
        ["b1", "b2", "b3", "b4"],
        [2, 1, 0.7, 0.3],
        [0.5, 1, 2, 3],
      ),
    ).toBeLessThan(1e-7);
    expect(
      jacobianError(
        "b1 / (1 + exp(b2 - b3 * x))^(1 / b4) + sqrt(x) * log(b1) + sin(b2 * x)",
        ["b1", "b2", "b3", "b4"],
        [5, 1, 0.4, 2],
        [0.5, 1, 2, 3],
      ),
    ).toBeLessThan(1e-7);
  });

  it("fits a two-variable model", () => {
    const x1 = [1, 2, 3, 4, 5, 6, 7, 8];
    const x2 = [3, 1, 4, 1, 5, 9, 2, 6];
    const y = x1.map((a, i) => 2 + 0.5 * a - 0.3 * Math.exp(-0.2 * x2[i]!) * a);
    const m = formula("b0 + b1 * x1 - b2 * x1 * exp(-b3 * x2)", {
      params: ["b0", "b1", "b2", "b3"],
      variables: ["x1", "x2"],
    });
    const r = fit(m, { x: { x1, x2 }, y }, { start: [1, 1, 1, 1] });
    expect(r.params.b0).toBeCloseTo(2, 8);
    expect(r.params.b3).toBeCloseTo(0.2, 8);
    expect(r.predict({ x1: [10], x2: [0] })[0]).toBeCloseTo(2 + 5 - 3, 8);
    const band = r.confidenceBand({ x1: [1, 10], x2: [0, 0] });
    expect(band.x).toEqual([1, 10]);
    expect(band.upper[1]! - band.lower[1]!).toBeGreaterThanOrEqual(0);
    expect(band.fit[1]).toBeCloseTo(4, 8);
  });

  it("rejects unknown symbols and functions with typed errors", () => {
    const bad = (f: () => unknown, code: string) => {
      try {
        f();
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(FitError);
        expect((e as FitError).code).toBe(code);
      }
    };
    bad(() => formula("a * x + c", { params: ["a"] }), "UNKNOWN_SYMBOL");
    bad(() => formula("a * frobnicate(x)", { params: ["a"] }), "UNKNOWN_SYMBOL");
    bad(() => formula("a * (x", { params: ["a"] }), "INVALID_OPTION");
    bad(() => formula("a * x", { params: ["a", "a"] }), "INVALID_OPTION");
    bad(() => formula("a * x", { params: [] }), "INVALID_OPTION");
  });

  it("uses finite differences only when asked", () => {
    const m = formula("a * x^2 + b", { params: ["a", "b"], jacobian: "finite-difference" });
    const x = [1, 2, 3, 4, 5];
    const r = fit(m, { x, y: x.map((v) => 3 * v * v + 1) }, { start: [1, 0] });
    expect(r.params.a).toBeCloseTo(3, 6);
  });
});
