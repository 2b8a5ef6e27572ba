import { describe, expect, it } from "vitest";
import { FitError, fit, fitChinchilla, formula, minimize, powerLaw, sigmoidLog } from "../src/index.js";

function code(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(FitError);
    return (e as FitError).code;
  }
  return "no error";
}

const x = [1, 2, 3, 4, 5, 6];
const y = [3, 2.2, 1.9, 1.75, 1.66, 1.6];

describe("bad input gives a typed FitError", () => {
  it("non-finite values", () => {
    expect(code(() => fit(powerLaw(), { x, y: [...y.slice(0, 5), Number.NaN] }))).toBe("INVALID_DATA");
    expect(code(() => fit(powerLaw(), { x: [...x.slice(0, 5), Number.POSITIVE_INFINITY], y }))).toBe(
      "INVALID_DATA",
    );
    expect(code(() => fit(powerLaw(), { x, y, sigma: [1, 1, 1, 1, 1, Number.NaN] }))).toBe("INVALID_DATA");
    expect(code(() => fit(powerLaw(), { x, y: "abc" as unknown as number[] }))).toBe("INVALID_DATA");
  });
  it("mismatched lengths", () => {
    expect(code(() => fit(powerLaw(), { x, y: y.slice(1) }))).toBe("LENGTH_MISMATCH");
    expect(code(() => fit(powerLaw(), { x, y, sigma: [1, 2] }))).toBe("LENGTH_MISMATCH");
    expect(code(() => fit(powerLaw(), { x, y }, { start: [1, 2] }))).toBe("LENGTH_MISMATCH");
  });
  it("fewer points than parameters", () => {
    expect(code(() => fit(powerLaw(), { x: [1, 2, 3], y: [3, 2, 1] }))).toBe("TOO_FEW_POINTS");
  });
  it("non-positive values where a log is taken", () => {
    expect(code(() => fit(powerLaw(), { x: [0, ...x.slice(1)], y }))).toBe("NON_POSITIVE");
    expect(code(() => fit(sigmoidLog(), { x: [-1, ...x.slice(1)], y }))).toBe("NON_POSITIVE");
    expect(code(() => fit(powerLaw(), { x, y, sigma: [1, 1, 1, 1, 1, 0] }))).toBe("NON_POSITIVE");
    expect(
      code(() => fitChinchilla({ N: [1, 2, 3, 4, 5, 6], D: [1, 2, 3, 4, 5, 6], loss: [1, 2, 3, 4, 5, -6] })),
    ).toBe("NON_POSITIVE");
    const r = fit(powerLaw(), { x, y });
    expect(code(() => r.predict([0]))).toBe("NON_POSITIVE");
  });
  it("unknown formula symbols and parameters", () => {
    expect(code(() => formula("a * x + k", { params: ["a"] }))).toBe("UNKNOWN_SYMBOL");
    expect(code(() => fit(powerLaw(), { x, y }, { start: { E: 1, A: 1, alpha: 1, zeta: 2 } }))).toBe(
      "UNKNOWN_SYMBOL",
    );
    expect(code(() => fit(powerLaw(), { x, y }, { fixed: { zeta: 1 } }))).toBe("UNKNOWN_SYMBOL");
  });
  it("degenerate data", () => {
    expect(code(() => fit(powerLaw(), { x: [2, 2, 2, 2, 2, 2], y }))).toBe("DEGENERATE_DATA");
  });
  it("invalid options", () => {
    expect(code(() => fit(powerLaw(), { x, y }, { loss: "l7" as never }))).toBe("INVALID_OPTION");
    expect(code(() => fit(powerLaw(), { x, y }, { loss: { name: "huber", scale: -1 } }))).toBe(
      "INVALID_OPTION",
    );
    expect(code(() => fit(powerLaw(), { x, y }, { lower: [0, 0, 2], upper: [1, 1, 1] }))).toBe(
      "INVALID_OPTION",
    );
    expect(code(() => fit(powerLaw(), { x, y }).confidenceBand([1], 1.5))).toBe("INVALID_OPTION");
    expect(code(() => fit(formula("a * x", { params: ["a"] }), { x, y }))).toBe("INVALID_OPTION");
    expect(code(() => fit({} as never, { x, y }))).toBe("INVALID_OPTION");
    expect(code(() => minimize((() => 0) as never, [Number.NaN]))).toBe("INVALID_START");
  });
  it("a model that is not finite at the start", () => {
    const m = formula("a * log(x - b)", { params: ["a", "b"] });
    expect(code(() => fit(m, { x, y }, { start: [1, 10] }))).toBe("INVALID_START");
  });
  it("a model that becomes non-finite mid-way does not poison the result", () => {
    const m = formula("a * sqrt(x - b)", { params: ["a", "b"] });
    const r = fit(m, { x, y: x.map((v) => 2 * Math.sqrt(v - 0.5)) }, { start: [1, 0] });
    expect(r.params.b).toBeCloseTo(0.5, 8);
    expect(Number.isFinite(r.rss)).toBe(true);
  });
});
