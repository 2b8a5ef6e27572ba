import { expect, it } from "vitest";
import { modularResult } from "../src/index.js";

it("computes modular sums and differences", () => {
  expect(modularResult("add", 5, 6, 7)).toBe(4);
  expect(modularResult("sub", 3, 5, 7)).toBe(5);
});
