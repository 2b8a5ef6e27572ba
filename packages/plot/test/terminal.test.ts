import { describe, expect, it } from "vitest";
import { BrailleCanvas, PlotError, sparkline, terminalPlot } from "../src/index.js";

describe("sparkline", () => {
  it("maps the range onto the eight block heights", () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7])).toBe("▁▂▃▄▅▆▇█");
    expect(sparkline([0.1, 0.5, 0.9, 1], { min: 0, max: 1 })).toBe("▁▅██");
  });
  it("clamps to a fixed range, shows gaps for missing values and scrolls", () => {
    expect(sparkline([-1, 2, Number.NaN], { min: 0, max: 1 })).toBe("▁█ ");
    expect(sparkline([0, 0, 1, 2], { width: 2 })).toBe("▁█");
    expect(sparkline([5, 5, 5])).toBe("▅▅▅");
    expect(sparkline([])).toBe("");
  });
});

describe("BrailleCanvas", () => {
  it("encodes dots as braille bits", () => {
    const c = new BrailleCanvas(1, 1);
    c.set(0, 0);
    expect(c.rows()).toEqual(["⠁"]);
    c.set(1, 3);
    expect(c.rows()).toEqual(["⢁"]);
    const full = new BrailleCanvas(1, 1);
    for (let x = 0; x < 2; x++) for (let y = 0; y < 4; y++) full.set(x, y);
    expect(full.rows()).toEqual(["⣿"]);
  });
  it("draws connected lines", () => {
    const c = new BrailleCanvas(4, 1);
    c.line(0, 3, 7, 0);
    expect(
      c
        .rows()[0]
        ?.split("")
        .every((ch) => ch !== " "),
    ).toBe(true);
  });
});

describe("terminalPlot", () => {
  const rising = Array.from({ length: 50 }, (_, i) => i / 49);
  it("lays out title, rows with y labels, axis, x range and legend", () => {
    const out = terminalPlot(
      [
        { name: "train", y: rising },
        { name: "test", y: rising.map((v) => v * v) },
      ],
      { width: 30, height: 6, title: "accuracy", yDomain: [0, 1] },
    ).split("\n");
    expect(out).toHaveLength(1 + 6 + 2 + 1);
    expect(out[0]?.trim()).toBe("accuracy");
    expect(out[1]).toMatch(/^\s*1 ┤/);
    expect(out[6]).toMatch(/^\s*0 ┤/);
    expect(out[7]).toMatch(/└─{30}$/);
    expect(out[8]?.trim()).toMatch(/^0\s+49$/);
    expect(out[9]).toContain("train");
    // A rising line puts ink in the top-right and bottom-left cells.
    expect(out[1]?.at(-1)).not.toBe(" ");
    expect(out[6]?.charAt(out[6].indexOf("┤") + 1)).not.toBe(" ");
  });
  it("supports log axes and ANSI colours", () => {
    const x = [1, 10, 100, 1000];
    const out = terminalPlot([{ name: "loss", x, y: [1, 0.1, 0.01, 0.001] }], {
      logX: true,
      logY: true,
      color: true,
      width: 20,
      height: 4,
    });
    expect(out).toContain("\u001b[38;5;32m");
    expect(out).toMatch(/1000\s*$/m);
  });
  it("reports bad input", () => {
    expect(() => terminalPlot([{ y: [Number.NaN] }])).toThrow(PlotError);
    expect(() => terminalPlot([{ y: [1, 2] }], { width: 2 })).toThrow(/width/);
  });
});
