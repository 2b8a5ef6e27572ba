import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatNumber,
  formatPow10,
  formatSI,
  labelExpression,
  labelsPerDecade,
  linearTicks,
  logTicks,
  minorLogTicks,
  PlotError,
  superscript,
} from "../src/index.js";

describe("formatSI", () => {
  it("labels log ticks compactly", () => {
    expect(formatSI(1e9)).toBe("1B");
    expect(formatSI(3e5)).toBe("300K");
    expect(formatSI(1e12)).toBe("1T");
    expect(formatSI(1.5e12)).toBe("1.5T");
    expect(formatSI(0.05)).toBe("0.05");
    expect(formatSI(-2000)).toBe("-2K");
    expect(formatSI(0)).toBe("0");
  });
  it("carries 999 999 into the next tier", () => {
    expect(formatSI(999_999)).toBe("1M");
    expect(formatSI(999_499_999)).toBe("999M");
  });
  it("never writes more than 4 digits plus a suffix", () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e20, noNaN: true }), (v) => {
        expect(formatSI(v)).toMatch(/^\d{1,3}(\.\d{1,2})?[KMBTPE]?$/);
      }),
    );
  });
});

describe("formatPow10 and superscript", () => {
  it("writes powers of ten with superscript exponents", () => {
    expect(formatPow10(1e6)).toBe("10⁶");
    expect(formatPow10(1e-3)).toBe("10⁻³");
    expect(formatPow10(5e9)).toBe("5×10⁹");
    expect(formatPow10(9.999e5)).toBe("10⁶");
    expect(formatPow10(-1e2)).toBe("−10²");
    expect(superscript(-12)).toBe("⁻¹²");
  });
});

describe("formatNumber", () => {
  it("keeps three significant digits and a real minus sign", () => {
    expect(formatNumber(0.123456)).toBe("0.123");
    expect(formatNumber(-2.5)).toBe("−2.5");
    expect(formatNumber(2e-5)).toBe("2e-5");
    expect(formatNumber(3.2e7)).toBe("3.2e7");
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe("∞");
    expect(formatNumber(Number.NaN)).toBe("NaN");
  });
});

describe("logTicks", () => {
  it("labels a 10–800 axis 1-2-5: three labels per decade, not just 10 and 100", () => {
    expect(logTicks(10, 800)).toEqual([10, 20, 50, 100, 200, 500]);
    expect(labelsPerDecade(logTicks(10, 800), 10, 800)).toBe(3);
    expect(labelsPerDecade([10, 100], 10, 800)).toBe(1);
    // Minor ticks fill in the rest of each decade, unlabelled.
    expect(minorLogTicks(10, 800, [10, 20, 50, 100, 200, 500])).toEqual([
      30, 40, 60, 70, 80, 90, 300, 400, 600, 700, 800,
    ]);
  });
  it("takes the densest set that fits the axis", () => {
    // Room for everything: 1…9; room for little: powers of ten.
    expect(logTicks(1, 100, { maxTicks: 40 })).toHaveLength(19);
    expect(logTicks(1, 100, { maxTicks: 40, fits: (t) => t.length <= 7 })).toEqual([
      1, 2, 5, 10, 20, 50, 100,
    ]);
    expect(logTicks(1, 100, { maxTicks: 40, fits: (t) => t.length <= 3 })).toEqual([1, 10, 100]);
  });
  it("uses powers of ten over several decades", () => {
    expect(logTicks(3e6, 2e10)).toEqual([1e7, 1e8, 1e9, 1e10]);
  });
  it("thins powers of ten to at most maxTicks", () => {
    const ticks = logTicks(1, 1e15, { maxTicks: 6 });
    expect(ticks.length).toBeLessThanOrEqual(6);
    expect(ticks).toEqual([1, 1e3, 1e6, 1e9, 1e12, 1e15]);
  });
  it("uses evenly spaced ticks inside one decade", () => {
    expect(logTicks(1.8, 4.2)).toEqual([2, 2.5, 3, 3.5, 4]);
    expect(logTicks(1.6, 8.3)).toEqual([2, 3, 4, 6, 8]);
    expect(logTicks(0.3, 0.9)).toEqual([0.3, 0.4, 0.5, 0.6, 0.8]);
    // 4, 4.5 would touch near the top of a short log axis: fall back to a sparser set.
    expect(logTicks(1.6, 4.7, { maxTicks: 5 })).toEqual([2, 3, 4]);
  });
  it("keeps every tick inside the domain and never exceeds maxTicks (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -8, max: 12, noNaN: true }),
        fc.double({ min: 0.05, max: 14, noNaN: true }),
        fc.integer({ min: 3, max: 10 }),
        (lo, span, maxTicks) => {
          const min = 10 ** lo;
          const max = 10 ** (lo + span);
          const ticks = logTicks(min, max, { maxTicks });
          expect(ticks.length).toBeGreaterThanOrEqual(1);
          expect(ticks.length).toBeLessThanOrEqual(Math.max(maxTicks, 8));
          for (const t of ticks) {
            expect(t).toBeGreaterThanOrEqual(min * (1 - 1e-9));
            expect(t).toBeLessThanOrEqual(max * (1 + 1e-9));
          }
        },
      ),
    );
  });
  it("rejects non-positive ranges with a typed error", () => {
    expect(() => logTicks(0, 10)).toThrow(PlotError);
    try {
      logTicks(-1, 10);
    } catch (error) {
      expect((error as PlotError).code).toBe("LOG_SCALE_NON_POSITIVE");
    }
  });
});

describe("linearTicks", () => {
  it("picks 1-2-5 steps", () => {
    expect(linearTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(linearTicks(0, 1, { maxTicks: 5 })).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(linearTicks(-3, 7)).toEqual([-2, 0, 2, 4, 6]);
  });
});

describe("labelExpression", () => {
  const evaluate = (expr: string, value: number) =>
    new Function("datum", `return ${expr};`)({ value }) as string;
  it("maps each tick to its label (log midpoints)", () => {
    const values = [1e6, 1e9, 1e12];
    const expr = labelExpression(values, ["1M", "1B", "1T"], "log");
    expect(values.map((v) => evaluate(expr, v))).toEqual(["1M", "1B", "1T"]);
  });
  it("escapes quotes in labels", () => {
    const expr = labelExpression([0, 1], ["it's", "a\\b"]);
    expect(evaluate(expr, 0)).toBe("it's");
    expect(evaluate(expr, 1)).toBe("a\\b");
  });
});
