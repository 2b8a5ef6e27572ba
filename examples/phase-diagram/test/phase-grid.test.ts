import { describe, expect, it } from "vitest";
import { phaseGrid, phaseRun, phaseTable } from "../src/index.js";

describe("phaseGrid", () => {
  it("arranges runs by weight decay (rows) and train fraction (columns), median over seeds, never = null", () => {
    const grid = phaseGrid([
      { weightDecay: 1, trainFraction: 0.5, generalizationStep: 300 },
      { weightDecay: 1, trainFraction: 0.5, generalizationStep: 500 },
      { weightDecay: 1, trainFraction: 0.5, generalizationStep: null },
      { weightDecay: 0, trainFraction: 0.5, generalizationStep: null },
      { weightDecay: 0, trainFraction: 0.5, generalizationStep: 900 },
      { weightDecay: 0, trainFraction: 0.3, generalizationStep: 1200 },
      { weightDecay: 1, trainFraction: 0.3, generalizationStep: 700 },
    ]);
    expect(grid.weightDecays).toEqual([0, 1]);
    expect(grid.trainFractions).toEqual([0.3, 0.5]);
    expect(grid.steps).toEqual([
      [1200, null], // median of {900, never} is never
      [700, 500], // median of {300, 500, never} is 500
    ]);
    expect(grid.runs).toEqual([
      [1, 2],
      [1, 3],
    ]);
    expect(phaseTable(grid)).toBe(
      "| weight decay \\ train fraction | 0.3 | 0.5 |\n|---|---:|---:|\n| 0 | 1200 | never |\n| 1 | 700 | 500 |",
    );
  });

  it("reads a grokking run record", () => {
    const run = phaseRun({
      id: "0123456789abcdef",
      index: 0,
      config: { trainFraction: 0.4, optimizer: { weightDecay: 2 } },
      result: { generalizationStep: null },
      attempt: 1,
      worker: "w",
      finishedAt: "t",
      wall_s: 1,
    });
    expect(run).toEqual({ weightDecay: 2, trainFraction: 0.4, generalizationStep: null });
  });
});
