/**
 * What "the gpu backend agrees with the cpu backend" means, shared by the Node test and the
 * browser page: the configurations trained on both, and the tolerances the gpu backend declares.
 */
import type { GrokConfigInput } from "../../src/config.js";
import type { ConformanceOptions } from "../conformance/backend-conformance.js";

/**
 * Conformance tolerances of the gpu backend. Float32 everywhere like the cpu backend; the
 * difference is only summation order (a per-thread dot product, 64-wide tree reductions).
 */
export const nodeTolerances: ConformanceOptions = { tolerance: 1e-4, gradTolerance: 2e-2 };

/**
 * On WebGL2 the shader's exp/log/sqrt are not correctly rounded: same bounds, measured to hold.
 * The matMul sizes drop the cpu backend's blocked-path size (130×70×260): every extra shape is
 * eight more shader compiles, and SwiftShader compiles slowly.
 */
export const browserTolerances: ConformanceOptions = {
  tolerance: 1e-4,
  gradTolerance: 2e-2,
  matMulSizes: [
    [1, 1, 1],
    [3, 5, 7],
    [17, 9, 33],
    [64, 97, 40],
  ],
};

/**
 * Training agreement: every evaluated train/test loss and weight norm within `relative` of the
 * cpu run's, and accuracies within `accuracy` (a near-tie logit may flip one prediction).
 */
export const trainingTolerance = { relative: 1e-3, accuracy: 0.02 };

/** Small runs (p = 23) that exercise every kernel of both models in seconds, even on SwiftShader. */
export const trainingConfigs: { label: string; config: GrokConfigInput & { steps: number } }[] = [
  {
    label: "mlp quadratic, cross-entropy",
    config: {
      p: 23,
      steps: 30,
      evalEvery: 5,
      model: { kind: "mlp", width: 48, depth: 1, activation: "quadratic", bias: false },
    },
  },
  {
    label: "mlp gelu + bias, depth 2, mse",
    config: {
      p: 23,
      steps: 20,
      evalEvery: 5,
      loss: "mse",
      model: { kind: "mlp", width: 32, depth: 2, activation: "gelu", bias: true },
    },
  },
  {
    label: "transformer 1 layer",
    config: {
      p: 23,
      steps: 20,
      evalEvery: 5,
      model: { kind: "transformer", layers: 1, dModel: 16, heads: 2, dMlp: 32 },
    },
  },
];

/** A longer Node-only run through memorisation (SwiftShader is too slow for it in the browser). */
export const longTrainingConfig: GrokConfigInput & { steps: number } = {
  p: 23,
  steps: 300,
  evalEvery: 50,
  model: { kind: "mlp", width: 48, depth: 1, activation: "quadratic", bias: false },
};

/**
 * The browser page trains the default model kind (quadratic MLP, cross-entropy) and the
 * transformer for a few steps: SwiftShader runs every shader on the CPU, so these stay short
 * (the other kernels are covered by the conformance suite on the same page).
 */
export const browserTrainingConfigs = trainingConfigs
  .filter(({ config }) => config.loss !== "mse")
  .map(({ label, config }) => ({ label, config: { ...config, steps: 10, evalEvery: 5 } }));

/** Curves of one run, as compared. */
export interface Curves {
  trainLoss: readonly number[];
  testLoss: readonly number[];
  trainAcc: readonly number[];
  weightNorm: readonly number[];
}

/** Human-readable disagreements of `gpu` with `cpu` beyond {@link trainingTolerance} (empty = agree). */
export function disagreements(cpu: Curves, gpu: Curves): string[] {
  const out: string[] = [];
  if (cpu.trainLoss.length !== gpu.trainLoss.length || cpu.trainLoss.length === 0) {
    return [`evaluations: cpu ${cpu.trainLoss.length} vs gpu ${gpu.trainLoss.length}`];
  }
  for (const key of ["trainLoss", "testLoss", "weightNorm"] as const) {
    cpu[key].forEach((want, i) => {
      const got = gpu[key][i] as number;
      const rel = Math.abs(got - want) / Math.max(1e-12, Math.abs(want));
      if (!(rel <= trainingTolerance.relative))
        out.push(`${key}[${i}]: gpu ${got} vs cpu ${want} (rel ${rel.toExponential(2)})`);
    });
  }
  cpu.trainAcc.forEach((want, i) => {
    const got = gpu.trainAcc[i] as number;
    if (!(Math.abs(got - want) <= trainingTolerance.accuracy))
      out.push(`trainAcc[${i}]: gpu ${got} vs cpu ${want}`);
  });
  return out;
}
