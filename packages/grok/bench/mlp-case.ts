import type { GrokConfigInput } from "../src/index.js";

/**
 * The benchmark's MLP case, shared by bench.ts and profile-kernels.ts (and mirrored by
 * bench/torch_ref.py): a + b mod 97, half the pairs for training, one hidden layer of 512
 * quadratic units without biases, cross-entropy, full-batch AdamW (lr 1e-3, wd 1, β = 0.9, 0.98),
 * evaluation every 10 steps.
 */
export const mlpBenchConfig: GrokConfigInput = {
  op: "add",
  p: 97,
  trainFraction: 0.5,
  model: { kind: "mlp", width: 512, depth: 1, activation: "quadratic", bias: false },
  optimizer: { lr: 1e-3, weightDecay: 1, beta1: 0.9, beta2: 0.98 },
  loss: "cross-entropy",
  batchSize: "full",
  evalEvery: 10,
  stopAfterGeneralization: null,
};
