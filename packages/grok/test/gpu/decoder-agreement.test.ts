import { describe, expect, it } from "vitest";
import { createGpuBackend } from "../../src/backends/gpu/index.js";
import { train } from "../../src/training/trainer.js";
import { disagreements } from "./agreement.js";

describe("gpu backend trains the decoder like the cpu backend", () => {
  it("LayerNorm, causal attention, GELU and answer-only cross-entropy agree over a short run", async () => {
    const config = {
      model: { kind: "decoder" as const, layers: 2, dModel: 16, heads: 2, dMlp: 32 },
      task: { options: { op: "add", digits: 1 }, trainSize: 40, testSize: 6, evalTrainSize: 10 },
      batchSize: 8,
      steps: 12,
      evalEvery: 4,
      optimizer: { lr: 3e-3, warmupSteps: 2, clipGradNorm: null },
      stopAfterGeneralization: null,
    };
    const cpu = await train(config, { backend: "cpu" });
    const backend = createGpuBackend();
    const gpu = await train(config, { backend });
    expect(backend.fallbacks).toBe(0);
    backend.dispose();
    const curves = (r: typeof cpu) => ({
      trainLoss: r.metrics.map((m) => m.trainLoss),
      testLoss: r.metrics.map((m) => m.testLoss),
      trainAcc: r.metrics.map((m) => m.trainTokenAcc ?? Number.NaN),
      weightNorm: r.metrics.map((m) => m.weightNorm),
    });
    expect(disagreements(curves(cpu), curves(gpu))).toEqual([]);
    expect(gpu.metrics.at(-1)?.trainLoss).toBeLessThan(gpu.metrics[0]?.trainLoss ?? 0);
  });
});
