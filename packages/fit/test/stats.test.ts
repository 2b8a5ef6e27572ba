import { describe, expect, it } from "vitest";
import { logRelativeError } from "../src/index.js";
import {
  chiSquareQuantile,
  chiSquareSf,
  normalQuantile,
  studentTQuantile,
} from "../src/stats/distributions.js";

describe("distributions", () => {
  it("match tabulated quantiles", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 10);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228138851986274, 9);
    expect(studentTQuantile(0.995, 3)).toBeCloseTo(5.840909309733351, 8);
    expect(chiSquareQuantile(0.95, 1)).toBeCloseTo(3.841458820694124, 9);
    expect(chiSquareSf(5.991464547107979, 2)).toBeCloseTo(0.05, 12);
    expect(chiSquareSf(100, 3)).toBeLessThan(1e-20);
  });
  it("LRE caps and orders", () => {
    expect(logRelativeError(0, 0)).toBe(11);
    expect(logRelativeError(1.1, 1)).toBeCloseTo(1, 10);
  });
});
