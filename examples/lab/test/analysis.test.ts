import { randomSource } from "@emerge/random";
import { regressionPrompts } from "@emerge/tasks";
import { describe, expect, it } from "vitest";
import { type CotPoint, crossingSize, thresholdShift } from "../src/cot/threshold-shift.js";
import { iclBaselines, iclCurve } from "../src/icl/curves.js";
import { type AdditionMember, analyseMirage, rowsBySize } from "../src/mirage/analyse.js";
import { type AnsweredProblem, carryChains, scoreAnswers } from "../src/score/answers.js";
import { tInterval } from "../src/stats/t-interval.js";

describe("scoreAnswers", () => {
  it("scores exact match, right-aligned positions and edit distance", () => {
    const s = scoreAnswers(
      [
        { a: "29", b: "57", predicted: "86" },
        { a: "15", b: "15", predicted: "20" },
        { a: "99", b: "99", predicted: "98" },
        { a: "50", b: "50", predicted: "" },
      ],
      2,
    );
    expect(s.exactMatch).toBe(0.25);
    // Units: all right. Tens: 30 vs 20 wrong. Hundreds: 198 vs 98 and 100 vs "" (read as 000) wrong.
    expect(s.positionAccuracy).toEqual([1, 0.75, 0.5]);
    expect(s.productOfPositions).toBeCloseTo(0.375);
    expect(s.editDistance).toBe((0 + 1 + 1 + 3) / 4);
  });

  it("counts digits by the length of the carry chain below them", () => {
    expect(carryChains("999", "1")).toEqual([0, 1, 2, 3]);
    expect(carryChains("29", "57")).toEqual([0, 1, 0]);
    const s = scoreAnswers([{ a: "999", b: "1", predicted: "1090" }], 3);
    // The tens digit (a chain of one carry) is the only wrong one.
    expect(s.carryChain.total).toEqual([1, 1, 1, 1]);
    expect(s.carryChain.correct).toEqual([1, 0, 1, 1]);
  });

  it("refuses operands longer than the family's digits", () => {
    expect(() => scoreAnswers([{ a: "123", b: "1", predicted: "124" }], 2)).toThrow(RangeError);
  });
});

/** A family whose digits are right independently with probability p(size): exact match ≈ p^(L+1). */
function syntheticFamily(
  digits: number,
  sizes: number[],
  seeds: number[],
  problems: number,
): AdditionMember[] {
  const out: AdditionMember[] = [];
  for (const seed of seeds) {
    const rng = randomSource(`mirage-${seed}`);
    for (const size of sizes) {
      const p = 1 - 0.6 * (size / sizes[0]!) ** -0.5;
      const answered: AnsweredProblem[] = [];
      for (let i = 0; i < problems; i++) {
        const a = String(rng.int(10 ** digits));
        const b = String(rng.int(10 ** digits));
        const truth = (BigInt(a) + BigInt(b)).toString().padStart(digits + 1, "0");
        const predicted = [...truth]
          .map((d) => (rng.float() < p ? d : String((Number(d) + 1) % 10)))
          .join("");
        answered.push({ a, b, predicted: predicted.replace(/^0+(?=\d)/, "") });
      }
      out.push({ params: size, seed, scores: scoreAnswers(answered, digits), crossEntropy: -Math.log(p) });
    }
  }
  return out;
}

describe("analyseMirage on a synthetic family with independent digit errors", () => {
  const sizes = [1e3, 3e3, 1e4, 3e4, 1e5, 3e5, 1e6];
  const members = syntheticFamily(4, sizes, [0, 1, 2], 400);

  it("averages seeds per size and finds exact match ≈ Π per-position accuracy", () => {
    const rows = rowsBySize(members);
    expect(rows.map((r) => r.params)).toEqual(sizes);
    expect(rows.every((r) => r.seeds === 3)).toBe(true);
    const a = analyseMirage(members, { replicates: 0, problems: 400 });
    expect(a.productGap.max).toBeLessThan(0.05);
    // Per-digit accuracy rises monotonically with size in this family.
    for (let i = 1; i < rows.length; i++)
      expect(rows[i]!.perDigitAccuracy).toBeGreaterThan(rows[i - 1]!.perDigitAccuracy);
    for (const m of ["exactMatch", "perDigitAccuracy", "editDistance", "crossEntropy"] as const) {
      expect(typeof a.fits[m].verdict).toBe("string");
    }
  });

  it("detects dependent errors: a carry-blind model's exact match falls below the product", () => {
    // A model that never propagates a carry into the top position but is otherwise perfect.
    const answered: AnsweredProblem[] = [];
    const rng = randomSource("carry-blind");
    for (let i = 0; i < 500; i++) {
      const a = String(rng.int(1000));
      const b = String(rng.int(1000));
      const truth = (BigInt(a) + BigInt(b)).toString();
      answered.push({ a, b, predicted: truth.length === 4 ? truth.slice(1) : truth });
    }
    const s = scoreAnswers(answered, 3);
    const chains = s.carryChain.correct.map((c, k) => c / (s.carryChain.total[k] as number));
    expect(s.positionAccuracy[3]).toBeLessThan(1);
    expect(s.positionAccuracy.slice(0, 3)).toEqual([1, 1, 1]);
    expect(chains[0]).toBeGreaterThan(chains[1]!);
  });

  it("orders positions by the size at which they are learned", () => {
    const rows = [0.2, 0.5, 0.95].map((p, i) => ({
      params: 10 ** (i + 3),
      seed: 0,
      crossEntropy: 1,
      scores: {
        problems: 10,
        positions: 3,
        exactMatch: p ** 3,
        positionAccuracy: [Math.min(1, p + 0.4), p, p / 2],
        perDigitAccuracy: p,
        productOfPositions: p ** 3,
        editDistance: 1 - p,
        carryChain: { correct: [1], total: [1] },
      },
    }));
    const a = analyseMirage([...rows, ...rows.map((r) => ({ ...r, params: r.params * 3 }))], {
      replicates: 0,
      problems: 10,
    });
    expect(a.positionOrder.map((p) => p.position)).toEqual([0, 1, 2]);
    expect(a.positionOrder[2]!.size).toBeNull();
  });
});

describe("thresholdShift", () => {
  it("interpolates the crossing in log size", () => {
    expect(crossingSize([1e3, 1e4, 1e5], [0, 0.4, 0.8], 0.5)).toBeCloseTo(10 ** 4.25, 6);
    expect(crossingSize([1e3, 1e4], [0.6, 0.9], 0.5)).toBe(1e3);
    expect(crossingSize([1e3, 1e4], [0.1, 0.2], 0.5)).toBeNull();
  });

  it("recovers a known shift of one decade with an interval across seeds", () => {
    const sizes = [1e3, 3e3, 1e4, 3e4, 1e5, 3e5, 1e6, 3e6];
    const points: CotPoint[] = [];
    const logistic = (size: number, mid: number) => 1 / (1 + Math.exp(-4 * (Math.log10(size) - mid)));
    for (const seed of [0, 1, 2, 3]) {
      const jitter = [0.05, -0.08, 0.1, -0.02][seed]!;
      for (const params of sizes) {
        points.push({ condition: "direct", params, seed, exactMatch: logistic(params, 5.5 + jitter) });
        points.push({ condition: "scratchpad", params, seed, exactMatch: logistic(params, 4.5 + jitter) });
      }
    }
    const s = thresholdShift(points, { level: 0.5, replicates: 0, problems: 500 });
    expect(s.shiftDecades.mean).toBeGreaterThan(0.85);
    expect(s.shiftDecades.mean).toBeLessThan(1.15);
    expect(s.shiftDecades.n).toBe(4);
    expect(s.shiftDecades.ci).not.toBeNull();
    expect(s.direct.threshold!).toBeGreaterThan(s.scratchpad.threshold!);
    expect(s.unpaired).toEqual([]);
  });

  it("leaves a seed whose direct curve never crosses out of the shift, and says so", () => {
    const points: CotPoint[] = [1e3, 1e4, 1e5].flatMap((params, i) => [
      { condition: "direct" as const, params, seed: 0, exactMatch: 0.1 },
      { condition: "scratchpad" as const, params, seed: 0, exactMatch: [0.1, 0.7, 0.9][i]! },
    ]);
    const s = thresholdShift(points, { replicates: 0, problems: 100 });
    expect(s.unpaired).toEqual([0]);
    expect(s.shiftDecades.n).toBe(0);
    expect(s.direct.threshold).toBeNull();
  });
});

describe("tInterval", () => {
  it("uses Student t with n − 1 degrees of freedom", () => {
    const t = tInterval([1, 2, 3]);
    expect(t.mean).toBe(2);
    expect(t.ci![1] - 2).toBeCloseTo(4.303 / Math.sqrt(3), 3);
    expect(tInterval([5]).ci).toBeNull();
  });
});

describe("ICL baselines", () => {
  const prompts = regressionPrompts({ kind: "linear", dims: 5, points: 10, n: 300, seed: 3 });
  it("least squares is exact from d examples; averaging and 3-NN are not; all predict 0 at k = 0", () => {
    const ls = iclCurve("least squares", prompts, iclBaselines["least squares"]);
    const avg = iclCurve("averaging", prompts, iclBaselines.averaging);
    const nn = iclCurve("3-NN", prompts, iclBaselines["3-NN"]);
    expect(ls.mean).toHaveLength(11);
    expect(ls.mean[0]).toBeCloseTo(avg.mean[0]!, 12);
    expect(ls.mean[0]).toBeGreaterThan(0.7);
    expect(ls.mean[0]).toBeLessThan(1.3);
    expect(ls.mean[6]!).toBeLessThan(1e-6);
    expect(ls.mean[10]!).toBeLessThan(1e-6);
    expect(avg.mean[10]!).toBeGreaterThan(0.2);
    expect(nn.mean[10]!).toBeGreaterThan(0.5);
  });
  it("refuses a predictor with the wrong number of predictions", () => {
    expect(() => iclCurve("bad", prompts, () => [0])).toThrow(/expected 11/);
  });
});

describe("describeShift", () => {
  it("gives a lower bound when only the scratchpad crosses, and says when nothing can be measured", async () => {
    const { describeShift } = await import("../src/cot/study.js");
    const points: CotPoint[] = [1e3, 1e4, 1e5].flatMap((params, i) => [
      { condition: "direct" as const, params, seed: 0, exactMatch: 0.1 },
      { condition: "scratchpad" as const, params, seed: 0, exactMatch: [0.1, 0.5, 0.9][i]! },
    ]);
    const s = thresholdShift(points, { replicates: 0, problems: 100 });
    expect(describeShift(s, 1e5)).toMatch(/at least 1 decades/);
    const flat = thresholdShift(
      points.map((p) => ({ ...p, exactMatch: 0 })),
      { replicates: 0, problems: 100 },
    );
    expect(describeShift(flat, 1e5)).toMatch(/No shift can be measured/);
  });
});
