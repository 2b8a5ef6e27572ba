import type { Backend, BoundKernels, Tensor } from "../backends/backend.js";
import type { GrokConfig } from "../config.js";
import { fourierMeasures, frequencyEnergies } from "../metrics/fourier.js";
import { restrictedLosses } from "../metrics/restricted-loss.js";
import type { Batch, Model, PairInput, Param } from "../model/model.js";
import type { ModelSpec } from "../model/spec.js";
import { applyLoss, lossStats } from "./loss.js";
import type { PairData } from "./pair-data.js";
import type { EvalRecord } from "./types.js";

/** Total squared L2 norm of the parameters (`out` is a [1] scratch tensor). */
export async function weightNorm(
  backend: Backend,
  k: BoundKernels,
  params: readonly Param[],
  out: Tensor,
): Promise<number> {
  params.forEach((p, i) => {
    k.sumSquares({ x: p.value, out, accumulate: i > 0 });
  });
  return (await backend.read(out))[0] as number;
}

/** What an evaluation of a pair model needs. */
export interface PairEvaluation {
  backend: Backend;
  k: BoundKernels;
  config: GrokConfig;
  model: Model<PairInput>;
  spec: ModelSpec<GrokConfig["model"]>;
  data: PairData;
  /** Scratch [1] tensor for the weight norm. */
  norm: Tensor;
}

/**
 * Evaluate a pair model at `step`: train and test loss and accuracy (train from the training
 * forward pass of this step when the batch is the whole split: the caller ran it), the weight
 * norm, and every 10 evaluations (and at the last step) the Fourier progress measures and, for
 * models that ask for it on `add`, Nanda et al.'s restricted and excluded loss.
 *
 * @example
 * ```ts
 * const record = await evaluatePairs(ctx, { step: 100, elapsedS: 3.2 });
 * ```
 */
export async function evaluatePairs(
  e: PairEvaluation,
  at: { step: number; elapsedS: number },
): Promise<EvalRecord> {
  const { backend, k, config, model, data } = e;
  const count = (batch: Batch) => ({ classes: model.classes, count: batch.rows });
  const stats = async (batch: Batch) => lossStats(config.loss, await backend.read(batch.stats), count(batch));
  if (!data.full) {
    model.forward(data.evalTrain);
    applyLoss(k, config.loss, data.evalTrain, { ...count(data.evalTrain), grad: false });
  }
  const train = await stats(data.evalTrain);
  model.forward(data.testBatch);
  applyLoss(k, config.loss, data.testBatch, { ...count(data.testBatch), grad: false });
  const test = await stats(data.testBatch);
  const record: EvalRecord = {
    step: at.step,
    trainLoss: train.loss,
    trainAcc: train.acc,
    testLoss: test.loss,
    testAcc: test.acc,
    weightNorm: await weightNorm(backend, k, model.params, e.norm),
    elapsedS: at.elapsedS,
  };
  const fourierEvery = config.evalEvery * 10;
  const progress = e.spec.progress;
  if (progress && !config.op.startsWith("s5") && (at.step % fourierEvery === 0 || at.step >= config.steps)) {
    const width = progress.embeddingWidth(config.model);
    const energies = frequencyEnergies(
      (await model.embeddings()).map((x) => x.subarray(0, config.p * width)),
      config.p,
      width,
    );
    record.fourier = fourierMeasures(energies, width);
    if (progress.restrictedLoss && config.op === "add") {
      Object.assign(record, await restricted(e, record.fourier.keyFrequencies));
    }
  }
  return record;
}

/** Restricted / excluded loss from the logits of every pair (train batch + test batch). */
async function restricted(e: PairEvaluation, keys: readonly number[]) {
  const { p } = e.config;
  const { dataset } = e.data;
  const all = new Float32Array(p * p * p);
  const trainRows = new Int32Array(dataset.train.size);
  const place = async (batch: Batch, split: { a: Int32Array; b: Int32Array }, rows?: Int32Array) => {
    const logits = (await e.backend.read(batch.logits)) as Float32Array;
    for (let i = 0; i < split.a.length; i++) {
      const pair = (split.a[i] as number) * p + (split.b[i] as number);
      if (rows) rows[i] = pair;
      all.set(logits.subarray(i * p, (i + 1) * p), pair * p);
    }
  };
  await place(e.data.evalTrain, dataset.train, trainRows);
  await place(e.data.testBatch, dataset.test);
  return restrictedLosses(all, p, trainRows, keys);
}
