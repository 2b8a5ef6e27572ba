import { finalAnswer } from "@emerge/grok";
import { regressionPrompts } from "@emerge/tasks";
import { describe, expect, it } from "vitest";
import { additionData, trainAdditionMember } from "../src/run/train-addition.js";
import { promptVectors, trainIclMember } from "../src/run/train-icl.js";

// The lab's members train @emerge/grok's decoders: these tests fail if the wiring (data, loss
// positions, decoding, scoring) breaks, not only if a number moves.

const addition = {
  task: "addition" as const,
  engine: "@emerge/grok" as const,
  digits: 2,
  model: { layers: 1, dModel: 16, heads: 2 },
  seed: 0,
  batch: 32,
  lr: 3e-3,
  trainProblems: 2000,
  testProblems: 100,
};

describe("lab members on @emerge/grok", () => {
  it("addition data: held-out problems never trained on; scratchpads end in the sum", () => {
    const d = additionData({ ...addition, style: "scratchpad", steps: 1, warmup: 0 });
    const train = new Set(d.train.prompts);
    expect(d.test.prompts.some((p) => train.has(p))).toBe(false);
    for (let r = 0; r < 30; r++) {
      const [a, b] = (d.test.prompts[r] as string).slice(0, -1).split("+").map(Number) as [number, number];
      expect(finalAnswer(d.test.answers[r] as string)).toBe(String(a + b));
    }
  });

  it("a small decoder learns 2-digit addition far above chance, scored digit by digit", async () => {
    const r = await trainAdditionMember({ ...addition, style: "direct", steps: 400, warmup: 40 });
    // chance: 1/10 per digit, cross-entropy ln(vocab)
    expect(r.scores.perDigitAccuracy).toBeGreaterThan(0.4);
    expect(r.crossEntropy).toBeLessThan(0.6 * Math.log(r.vocab));
    expect(r.samples[0]?.generated).toMatch(/^\d+$/);
    // exact match is the share of problems whose every position is right
    expect(r.scores.exactMatch).toBeLessThanOrEqual(Math.min(...r.scores.positionAccuracy) + 1e-9);
    expect(r.nonEmbeddingParams).toBe(12 * 16 * 16 + 12 * 16); // one block (MLP 4d) + final LayerNorm
  }, 120_000);

  it("ICL prompts put y_k's target at x_k's row and no loss at the y rows", () => {
    const [p] = regressionPrompts({ kind: "linear", dims: 3, points: 2, n: 1, seed: "t" });
    const { vectors, targets } = promptVectors(p!);
    expect(targets).toHaveLength(6);
    expect(targets[0]).toBe(Math.fround(p!.ys[0]!));
    expect(Number.isNaN(targets[1])).toBe(true);
    expect(targets[4]).toBe(Math.fround(p!.target));
    expect(vectors[3]).toBe(Math.fround(p!.ys[0]!)); // [y₀, 0, 0] on row 1
    expect([vectors[4], vectors[5]]).toEqual([0, 0]);
  });

  it("a curriculum prompt of fewer dimensions is zero-padded into the member's read-in width", async () => {
    const [p] = regressionPrompts({ kind: "linear", dims: 2, sparsity: 2, points: 1, n: 1, seed: "c" });
    const { vectors } = promptVectors(p!, 5);
    expect(vectors).toHaveLength(4 * 5);
    expect(Array.from(vectors.subarray(0, 5))).toEqual([
      Math.fround(p!.xs[0]![0]!),
      Math.fround(p!.xs[0]![1]!),
      0,
      0,
      0,
    ]);
    expect(() => promptVectors(p!, 1)).toThrow(RangeError);
    const base = {
      task: "icl" as const,
      engine: "@emerge/grok" as const,
      dims: 5,
      points: 11,
      model: { layers: 1, dModel: 8, heads: 2 },
      seed: 0,
      steps: 10,
      batch: 2,
      lr: 1e-3,
      warmup: 1,
      evaluations: 1,
      testPrompts: 5,
    };
    await expect(trainIclMember({ ...base, curriculum: { startDims: 6, every: 2 } })).rejects.toThrow(
      /startDims/,
    );
    const r = await trainIclMember({ ...base, curriculum: { startDims: 1, every: 3 } });
    expect(r.curve).toHaveLength(11);
  });

  it("an ICL member trains: its error curve is finite, and its training loss falls from the start", async () => {
    const r = await trainIclMember({
      task: "icl",
      engine: "@emerge/grok",
      dims: 5,
      points: 11,
      model: { layers: 1, dModel: 16, heads: 2 },
      seed: 0,
      steps: 120,
      batch: 16,
      lr: 3e-3,
      warmup: 10,
      evaluations: 3,
      testPrompts: 50,
    });
    expect(r.curve).toHaveLength(11);
    expect(r.during.map((d) => d.step)).toEqual([40, 80, 120]);
    for (const v of r.curve) expect(Number.isFinite(v)).toBe(true);
    // a freshly initialised read-out predicts O(1) values: error per dimension well above 1; training
    // brings it to the predict-zero level (≈ 1) or below
    expect(r.finalTrainLoss).toBeLessThan(1.3);
  }, 120_000);
});
