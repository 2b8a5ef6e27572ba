import { randomSource } from "@emerge/random";
import { type RegressionPrompt, regressionPrompts } from "@emerge/tasks";
import { iclBaselines, iclCurve, promptPoints } from "../icl/curves.js";
import {
  type DecoderLayout,
  decoderBackward,
  decoderForward,
  decoderLayout,
  initDecoder,
  nonEmbeddingParams,
} from "../model/decoder.js";
import { squaredError } from "../model/losses.js";
import { adamW } from "../model/optimizer.js";

/** One member of the in-context regression family (Garg et al. 2022's linear functions). */
export interface IclMemberConfig {
  readonly task: "icl";
  /** Input dimension d (Garg et al.: 20; the issue: 5). */
  readonly dims: number;
  /** Points per prompt: the model sees up to points − 1 examples before the last query (2d + 1). */
  readonly points: number;
  readonly model: { readonly layers: number; readonly dModel: number; readonly heads: number };
  readonly seed: number;
  readonly steps: number;
  readonly batch: number;
  readonly lr: number;
  /** Evaluate error vs examples this many times during training (the "when does ICL appear" curve). */
  readonly evaluations: number;
  readonly testPrompts: number;
}

/** Error curves of one ICL member. */
export interface IclMemberResult {
  readonly params: number;
  /** Parameters outside the read-in, position embedding and read-out. */
  readonly nonEmbeddingParams: number;
  /** Normalised squared error after k = 0 … points − 1 examples, at the end of training. */
  readonly curve: readonly number[];
  readonly curveSe: readonly number[];
  /** The same curve at evaluation steps during training. */
  readonly during: readonly { readonly step: number; readonly curve: readonly number[] }[];
  readonly finalTrainLoss: number;
}

/** Documented bounds on an ICL member, checked before any work. */
export const ICL_LIMITS = {
  dims: 64,
  points: 256,
  steps: 200_000,
  batch: 1024,
  evaluations: 100,
  testPrompts: 100_000,
};

/**
 * Garg et al.'s prompt as vectors: x₀, [y₀, 0, …], x₁, [y₁, 0, …], … (2·points rows of width d), and the
 * read-out positions: y_k is predicted at x_k's row.
 */
export function promptVectors(p: RegressionPrompt): {
  vectors: Float64Array;
  n: number;
  targets: { position: number; value: number }[];
} {
  const { xs, ys } = promptPoints(p);
  const d = p.settings.dims;
  const n = 2 * xs.length;
  const vectors = new Float64Array(n * d);
  const targets: { position: number; value: number }[] = [];
  xs.forEach((x, k) => {
    for (let j = 0; j < d; j++) vectors[2 * k * d + j] = x[j] as number;
    vectors[(2 * k + 1) * d] = ys[k] as number;
    targets.push({ position: 2 * k, value: ys[k] as number });
  });
  return { vectors, n, targets };
}

/** The model's prefix predictions for one prompt (prediction k at x_k's row). */
export function modelPredictions(layout: DecoderLayout, theta: Float64Array, p: RegressionPrompt): number[] {
  const { vectors, n, targets } = promptVectors(p);
  const out = decoderForward(layout, theta, { vectors, n }).output;
  return targets.map((t) => out[t.position] as number);
}

function checkConfig(c: IclMemberConfig): void {
  for (const [k, max] of Object.entries(ICL_LIMITS)) {
    const v = (c as unknown as Record<string, number>)[k];
    if (!Number.isInteger(v) || (v as number) < 1 || (v as number) > max)
      throw new RangeError(`icl member ${k} must be an integer in [1, ${max}], got ${String(v)}`);
  }
  if (!(c.lr > 0 && c.lr < 1)) throw new RangeError(`icl member lr must be in (0, 1), got ${c.lr}`);
}

/**
 * Train one decoder with a linear read-in on fresh linear-regression prompts every step (mean squared
 * error at every x position, as Garg et al.), and measure its error against the number of in-context
 * examples, at the end and during training.
 *
 * @example
 * ```ts
 * trainIclMember({ task: "icl", dims: 5, points: 11, model: { layers: 1, dModel: 16, heads: 2 }, seed: 0,
 *   steps: 200, batch: 16, lr: 1e-3, evaluations: 4, testPrompts: 100 }).curve;
 * ```
 */
export function trainIclMember(
  config: IclMemberConfig,
  onProgress?: (step: number, total: number) => void,
): IclMemberResult {
  checkConfig(config);
  const layout = decoderLayout({ ...config.model, context: 2 * config.points, inputDims: config.dims });
  const theta = initDecoder(
    layout,
    randomSource(`lab-icl-init-${config.seed}-${config.model.layers}x${config.model.dModel}`),
  );
  const opt = adamW(layout.size, {
    lr: config.lr,
    warmup: Math.min(200, Math.floor(config.steps / 10)),
    totalSteps: config.steps,
    clip: 1,
  });
  const grad = new Float64Array(layout.size);
  // Test prompts depend on nothing but their count, so every member is scored on the same ones.
  const test = regressionPrompts({
    kind: "linear",
    dims: config.dims,
    points: config.points - 1,
    n: config.testPrompts,
    seed: "lab-icl-test",
  });
  const predictor = (p: RegressionPrompt) => modelPredictions(layout, theta, p);
  const during: { step: number; curve: number[] }[] = [];
  const evalEvery = Math.max(1, Math.floor(config.steps / config.evaluations));
  const evalSubset = test.slice(0, Math.min(test.length, 200));
  let lastLoss = Number.NaN;
  for (let step = 0; step < config.steps; step++) {
    grad.fill(0);
    const batch = regressionPrompts({
      kind: "linear",
      dims: config.dims,
      points: config.points - 1,
      n: config.batch,
      seed: `lab-icl-train-${config.seed}-${step}`,
    });
    const weight = 1 / (config.batch * config.points * config.dims);
    let loss = 0;
    for (const p of batch) {
      const { vectors, n, targets } = promptVectors(p);
      const fwd = decoderForward(layout, theta, { vectors, n });
      const se = squaredError(fwd, targets, weight);
      loss += se.loss;
      decoderBackward(layout, theta, fwd, se.dOutput, grad);
    }
    lastLoss = loss * weight;
    opt.step(theta, grad);
    if ((step + 1) % evalEvery === 0 || step + 1 === config.steps) {
      during.push({ step: step + 1, curve: [...iclCurve("model", evalSubset, predictor).mean] });
      onProgress?.(step + 1, config.steps);
    }
  }
  const final = iclCurve("model", test, predictor);
  return {
    params: layout.size,
    nonEmbeddingParams: nonEmbeddingParams(layout),
    curve: final.mean,
    curveSe: final.se,
    during,
    finalTrainLoss: lastLoss,
  };
}

/** Baseline curves on the same test prompts as every member. */
export function iclBaselineCurves(dims: number, points: number, testPrompts: number) {
  const test = regressionPrompts({
    kind: "linear",
    dims,
    points: points - 1,
    n: testPrompts,
    seed: "lab-icl-test",
  });
  return Object.entries(iclBaselines).map(([name, predictor]) => iclCurve(name, test, predictor));
}
