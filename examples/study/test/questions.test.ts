import { describe, expect, it } from "vitest";
import { questionSections } from "../src/questions.js";
import type { StudySummary } from "../src/summary.js";

const atlas = {
  series_analysed: 4,
  verdicts: { emergent: 1, smooth: 2, flat: 1, inverse: 0, "u-shaped": 0, "insufficient-data": 7 },
  u_shaped_or_inverse: [],
  cot_crossover: {
    StarCoder: { size: 1.19e9, ci: [4.0e8, 1.76e9], status: "crosses" },
    Qwen: { size: null, ci: [null, null], status: "helps-throughout" },
    Pythia: { size: null, ci: [null, null], status: "not-rising" },
  },
  icl_gain: { "70M": -0.007, "12B": 0.011 },
  predictability: { params: 0.5, flops: 0.08, capability: 0.18 },
};
const lab = {
  preset: "smoke",
  mirage: {
    verdicts: { exactMatch: "smooth", perDigit: "smooth" },
    exactMatchVsProduct: { maxAbsError: 0.03, meanAbsError: 0.025 },
    sizes: [240, 864],
  },
  cot: {
    level: 0.95,
    thresholds: {
      direct: { value: 5810, ci: [897, 37700], verdict: "smooth" },
      scratchpad: { value: 7310, ci: [237, 225000], verdict: "emergent" },
    },
    shiftDecades: { value: 0.09, ci: [-1.4, 1.6], seeds: 2 },
  },
  icl: {
    examples: 10,
    errorAt2d: [
      { width: 8, params: 1712, error: 1.02 },
      { width: 32, params: 25280, error: 0.79 },
    ],
    leastSquares: 4e-31,
    nearestNeighbors: 0.63,
    averaging: 0.69,
  },
  members: 42,
};

describe("the report's same-question table", () => {
  it("puts each question's atlas numbers beside the lab's, read from the summaries", () => {
    const sections = questionSections({ atlas, lab } as unknown as StudySummary);
    const table = sections.find((s) => s.type === "table");
    expect(table?.type === "table" && table.rows.map((r) => r[0])).toEqual([
      "Is a jump in exact match a property of the metric (the mirage)?",
      "Does chain of thought turn a jump into a slope, or move it?",
      "Does in-context learning appear with scale?",
    ]);
    const text = JSON.stringify(table);
    expect(text).toContain("1 of 4 series with ≥ 5 sizes are emergent");
    expect(text).toContain("max gap 0.03");
    expect(text).toContain("crosses in StarCoder at 1.2B [400M, 1.8B]");
    expect(text).toContain("helps from the smallest size in 1, no rising gain in 1");
    expect(text).toContain("shift 0.09 decades [-1.4, 1.6] over 2 seed(s)");
    expect(text).toContain("from -0.007 to 0.011 across 2 sizes");
    expect(text).toContain("1.7K: 1, 25K: 0.79; least squares 4e-31");
  });

  it("is left out unless both the atlas and the lab ran", () => {
    expect(questionSections({ atlas } as unknown as StudySummary)).toEqual([]);
    expect(questionSections({ lab } as unknown as StudySummary)).toEqual([]);
  });
});
