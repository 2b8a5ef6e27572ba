import { expect, it } from "vitest";
import { FitError, logRelativeError } from "../src/index.js";

it("counts correct significant digits", () => {
  expect(logRelativeError(1.0000001, 1)).toBeCloseTo(7, 5);
  expect(logRelativeError(2, 2)).toBe(11);
  expect(logRelativeError(Number.NaN, 2)).toBe(0);
  expect(logRelativeError(-3, 3)).toBe(0);
  expect(() => logRelativeError(1, Number.POSITIVE_INFINITY)).toThrow(FitError);
});
