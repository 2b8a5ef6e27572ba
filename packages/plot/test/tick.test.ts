import { expect, it } from "vitest";
import { formatSI } from "../src/index.js";

it("labels log ticks compactly", () => {
  expect(formatSI(1e9)).toBe("1B");
  expect(formatSI(3e5)).toBe("300K");
  expect(formatSI(1e12)).toBe("1T");
  expect(formatSI(0.05)).toBe("0.05");
  expect(formatSI(-2000)).toBe("-2K");
});
