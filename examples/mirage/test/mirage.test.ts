import { createTrainer } from "@emerge/grok";
import { modularDataset } from "@emerge/tasks";
import { describe, expect, it } from "vitest";
import type { MirageConfig } from "../src/config.js";
import { trainMember } from "../src/family.js";
import { predictionsFromLogits } from "../src/predict.js";
import { sampleProblems, writeDigits } from "../src/problems.js";
import { scoreProblems } from "../src/score.js";

describe("L-digit carry-less problems", () => {
  const data = modularDataset({ op: "add", p: 11, trainFraction: 0.5, seed: 1 });

  it("writes digits in base p and draws the same problems for the same seed", () => {
    expect(writeDigits([1, 10, 0], 11)).toBe("1a0");
    expect(() => writeDigits([11], 11)).toThrow(RangeError);
    const a = sampleProblems(data.test, 11, 4, 50, "s");
    const b = sampleProblems(data.test, 11, 4, 50, "s");
    expect(a.index).toEqual(b.index);
    expect(Math.max(...a.index)).toBeLessThan(data.test.size);
  });

  it("scores a perfect model 1 and a model wrong on a known fraction of digits as (1 − f)^L", () => {
    const problems = sampleProblems(data.test, 11, 3, 4000, 7);
    const perfect = scoreProblems(problems, data.test, data.test.target);
    expect(perfect).toMatchObject({ exactMatch: 1, perDigitAccuracy: 1, editDistance: 0 });
    // Wrong on every third equation: per-digit accuracy ≈ 2/3, exact match ≈ (2/3)³.
    const predicted = data.test.target.map((t, i) => (i % 3 === 0 ? (t + 1) % 11 : t));
    const s = scoreProblems(problems, data.test, predicted);
    const q = 1 - Math.ceil(data.test.size / 3) / data.test.size;
    expect(s.perDigitAccuracy).toBeCloseTo(q, 1);
    expect(s.exactMatch).toBeCloseTo(q ** 3, 1);
    expect(Math.abs(s.exactMatch - s.impliedExactMatch)).toBeLessThan(0.03);
    // Levenshtein distance is at most the number of wrong digits (a shift can be cheaper than substitutions).
    expect(s.editDistance).toBeLessThanOrEqual(3 * (1 - s.perDigitAccuracy) + 1e-12);
    expect(s.editDistance).toBeGreaterThan(0.95 * 3 * (1 - s.perDigitAccuracy));
  });
});

describe("a trained member", () => {
  it("predicts from the trainer's logits exactly what the trainer measured", async () => {
    const trainer = await createTrainer({
      p: 13,
      trainFraction: 0.6,
      steps: 150,
      evalEvery: 50,
      model: { width: 32 },
    });
    try {
      const result = await trainer.run();
      const { test } = trainer.dataset;
      const { predicted, meanTargetProbability } = predictionsFromLogits(
        await trainer.logits(test.a, test.b),
        13,
        test.target,
      );
      expect(meanTargetProbability).toBeGreaterThan(0);
      expect(meanTargetProbability).toBeLessThan(1);
      const acc = predicted.filter((p, i) => p === test.target[i]).length / test.size;
      expect(acc).toBeCloseTo(result.summary.final.testAcc, 6);
    } finally {
      trainer.dispose();
    }
  });

  it("shows exact match ≈ per-digit accuracy^L on a tiny run", async () => {
    const config: MirageConfig = {
      base: 13,
      digits: 3,
      widths: [16],
      seeds: [0],
      trainFraction: 0.6,
      steps: 200,
      problems: 3000,
    };
    const member = await trainMember(config, 16, 0);
    expect(member.params).toBe(3 * 13 * 16);
    const { exactMatch, impliedExactMatch, perDigitAccuracy } = member.scores;
    expect(perDigitAccuracy).toBeCloseTo(member.testAcc, 1);
    expect(Math.abs(exactMatch - impliedExactMatch)).toBeLessThan(0.04);
  });
});
