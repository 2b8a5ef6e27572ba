import { expect, it } from "vitest";
import { detectPhases } from "../src/index.js";

it("finds memorisation before generalisation", () => {
  const phases = detectPhases([
    { step: 0, trainAcc: 0.01, testAcc: 0.01 },
    { step: 100, trainAcc: 1, testAcc: 0.05 },
    { step: 500, trainAcc: 1, testAcc: 0.96 },
    { step: 900, trainAcc: 1, testAcc: 1 },
  ]);
  expect(phases).toEqual({
    memorizationStep: 100,
    generalization95Step: 500,
    generalizationStep: 900,
    plateauSteps: 800,
  });
  expect(detectPhases([{ step: 1, trainAcc: 0.5, testAcc: 0.1 }]).generalizationStep).toBeNull();
});

it("sustained thresholds ignore spikes", () => {
  const points = [
    { step: 0, trainAcc: 0.1, testAcc: 0.0 },
    { step: 10, trainAcc: 1, testAcc: 0.995 }, // spike
    { step: 20, trainAcc: 0.98, testAcc: 0.2 },
    { step: 30, trainAcc: 1, testAcc: 0.99 },
    { step: 40, trainAcc: 1, testAcc: 1 },
  ];
  expect(detectPhases(points).generalizationStep).toBe(10);
  expect(detectPhases(points, { sustained: true })).toEqual({
    memorizationStep: 30,
    generalization95Step: 30,
    generalizationStep: 30,
    plateauSteps: 0,
  });
  expect(detectPhases(points, { memorize: 0.5, generalize: 0.9 }).memorizationStep).toBe(10);
  expect(detectPhases([], { sustained: true }).memorizationStep).toBeNull();
});
