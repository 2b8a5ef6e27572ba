import { createTrainer } from "@emerge/grok";
import type { MirageConfig } from "./config.js";
import { predictionsFromLogits } from "./predict.js";
import { sampleProblems } from "./problems.js";
import { type MirageScores, scoreProblems } from "./score.js";

/** One trained member of the model family and its scores. */
export interface FamilyMember {
  readonly width: number;
  readonly seed: number;
  /** Trainable parameters: 2p·width + width·p (no biases). */
  readonly params: number;
  /** Accuracy on every held-out digit equation. */
  readonly testAcc: number;
  readonly trainAcc: number;
  /** Mean probability the model gives the right digit on held-out equations. */
  readonly targetProbability: number;
  /** Mean cross-entropy −log p(right digit) on held-out equations, in nats. */
  readonly crossEntropy: number;
  readonly steps: number;
  readonly scores: MirageScores;
  readonly wallS: number;
}

/**
 * Train one width on (x + y) mod base with @emerge/grok for `config.steps` steps, then score it on L-digit carry-less additions whose
 * digits are held-out equations. The problems depend only on the split seed, so every width of a seed is
 * scored on the same problems.
 */
export async function trainMember(config: MirageConfig, width: number, seed: number): Promise<FamilyMember> {
  const trainer = await createTrainer({
    op: "add",
    p: config.base,
    trainFraction: config.trainFraction,
    seed,
    model: { kind: "mlp", width, depth: 1, activation: "quadratic", bias: false },
    steps: config.steps,
    evalEvery: Math.max(10, Math.floor(config.steps / 20)),
    // A fixed budget for every width: no early stop at generalisation.
    stopAfterGeneralization: config.steps,
  });
  try {
    const result = await trainer.run();
    const { test } = trainer.dataset;
    const { predicted, meanTargetProbability, meanTargetLogLoss } = predictionsFromLogits(
      await trainer.logits(test.a, test.b),
      config.base,
      test.target,
    );
    const problems = sampleProblems(test, config.base, config.digits, config.problems, `mirage-${seed}`);
    return {
      width,
      seed,
      params: 3 * config.base * width,
      testAcc: result.summary.final.testAcc,
      trainAcc: result.summary.final.trainAcc,
      targetProbability: meanTargetProbability ?? 0,
      crossEntropy: meanTargetLogLoss ?? Number.NaN,
      steps: result.summary.steps,
      scores: scoreProblems(problems, test, predicted),
      wallS: result.summary.wallS,
    };
  } finally {
    trainer.dispose();
  }
}
