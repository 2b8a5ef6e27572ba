import { describe, expect, it } from "vitest";
import { correlationMatrix, quantile } from "../src/stats.js";

describe("bootstrap summaries", () => {
  it("interpolates quantiles like numpy's default", () => {
    expect(quantile([3, 1, 2, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.1)).toBeCloseTo(1.4, 12);
    expect(() => quantile([], 0.5)).toThrow(RangeError);
  });

  it("gives ±1 for exactly (anti-)correlated columns", () => {
    const x = [1, 2, 3, 4];
    const m = correlationMatrix([x, x.map((v) => 2 * v + 1), x.map((v) => -v)]);
    expect(m[0]?.[1]).toBeCloseTo(1, 12);
    expect(m[0]?.[2]).toBeCloseTo(-1, 12);
    expect(m[1]?.[1]).toBe(1);
  });
});
