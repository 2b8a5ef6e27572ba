import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type GrokConfigInput, train } from "../src/index.js";

/**
 * Metrics recorded on main before the trainer was split into a model registry, an optimizer
 * module and an evaluation module (commit eabf13c): Gromov's MLP (fused and unfused paths, MSE,
 * minibatches, warm-up) and Nanda's transformer (with restricted losses) must give the same
 * numbers for the same seed after any refactor of the trainer.
 */
const pinned = JSON.parse(
  readFileSync(new URL("./fixtures/pinned-metrics.json", import.meta.url), "utf8"),
) as Record<string, { config: GrokConfigInput; metrics: Record<string, unknown>[] }>;

describe("refactors keep results: metrics pinned from before the model registry", () => {
  for (const [name, { config, metrics }] of Object.entries(pinned)) {
    it(`${name} gives the recorded metrics`, async () => {
      const r = await train(config, { backend: "cpu" });
      expect(r.metrics.map(({ elapsedS: _, ...m }) => m)).toEqual(metrics);
    });
  }
});
