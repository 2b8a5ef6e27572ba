import { describe, expect, it } from "vitest";
import { createGpuBackend } from "../../src/backends/gpu/index.js";
import { train } from "../../src/training/trainer.js";
import { disagreements, longTrainingConfig, trainingConfigs } from "./agreement.js";

describe("gpu backend trains like the cpu backend", () => {
  const runs = [
    ...trainingConfigs,
    { label: "mlp through memorisation (300 steps)", config: longTrainingConfig },
  ];
  for (const { label, config } of runs) {
    it(`${label}: loss curves, accuracies and weight norms agree`, async () => {
      const cpu = await train(config, { backend: "cpu" });
      const backend = createGpuBackend();
      const gpu = await train(config, { backend });
      expect(backend.fallbacks).toBe(0);
      backend.dispose();
      const curves = (r: typeof cpu) => ({
        trainLoss: r.metrics.map((m) => m.trainLoss),
        testLoss: r.metrics.map((m) => m.testLoss),
        trainAcc: r.metrics.map((m) => m.trainAcc),
        weightNorm: r.metrics.map((m) => m.weightNorm),
      });
      expect(gpu.metrics.length).toBe(Math.floor(config.steps / (config.evalEvery ?? 1)) + 1);
      expect(disagreements(curves(cpu), curves(gpu))).toEqual([]);
      // the run must actually learn something, or agreement would be trivial
      expect(gpu.metrics.at(-1)?.trainLoss).toBeLessThan(gpu.metrics[0]?.trainLoss ?? 0);
      expect(gpu.summary.backend).toBe(backend.description);
    });
  }
});
