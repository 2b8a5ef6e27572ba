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
