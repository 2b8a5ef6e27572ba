import { describe, expect, it } from "vitest";
import { add, div, exp, fromDecimal, log, mul, pow, sqrt, sub, value } from "../src/linalg/double-double.js";

describe("double-double arithmetic", () => {
  it("keeps the digits doubles lose", () => {
    // (1 + 2^-70) − 1 vanishes in doubles but not in double-double.
    const tiny = 2 ** -70;
    expect(sub(add([1, 0], [tiny, 0]), [1, 0])[0]).toBe(tiny);
    const third = div([1, 0], [3, 0]);
    expect(value(sub(mul(third, [3, 0]), [1, 0]))).toBeLessThan(1e-31);
  });
  it("exp, log, sqrt and pow agree to ~30 digits", () => {
    const e = exp([1, 0]);
    expect(e[0]).toBe(Math.E);
    expect(Math.abs(e[1] - 1.4456468917292502e-16)).toBeLessThan(1e-28);
    const l = log(e);
    expect(Math.abs(value(sub(l, [1, 0])))).toBeLessThan(1e-29);
    const r = sqrt([2, 0]);
    expect(Math.abs(value(sub(mul(r, r), [2, 0])))).toBeLessThan(1e-30);
    expect(pow([2, 0], [-3, 0])).toEqual([0.125, 0]);
    expect(Math.abs(value(sub(pow([2, 0], [0.5, 0]), r)))).toBeLessThan(1e-30);
  });
  it("reads doubles as the decimals they were written as", () => {
    const d = fromDecimal(0.05);
    expect(d[0]).toBe(0.05);
    // 0.05 in binary is 0.05000000000000000277…; the decimal reading corrects it.
    expect(d[1]).toBeCloseTo(-2.7755575615628915e-18, 30);
    expect(fromDecimal(3)).toEqual([3, 0]);
    expect(fromDecimal(-1.25e-7)[0]).toBe(-1.25e-7);
  });
});
