import type { RandomSource } from "@emerge/random";
import type { ModularDataset } from "@emerge/tasks";
import type { GrokConfig } from "../config.js";
import { GrokError } from "../errors.js";
import type { Batch, Model, PairInput } from "../model/model.js";

/**
 * The (a, b) → class problems of a modular task on the device: the training batch (the whole
 * train split, loaded once, or a minibatch sampled per step), the train split for evaluation
 * when training on minibatches, and the test split.
 */
export interface PairData {
  readonly dataset: ModularDataset;
  /** Whether the training batch is the whole train split (loaded once). */
  readonly full: boolean;
  readonly trainBatch: Batch;
  /** The whole train split (the training batch itself when `full`). */
  readonly evalTrain: Batch;
  readonly testBatch: Batch;
  /** Load a minibatch of train problems drawn (with replacement) from `rng`. */
  sample(rng: RandomSource): void;
}

/**
 * Allocate and load the batches of a pair model.
 *
 * @example
 * ```ts
 * const data = pairData(model, modularDataset({ op: "add", p: 23, trainFraction: 0.5, seed: 0 }), config);
 * ```
 */
export function pairData(model: Model<PairInput>, dataset: ModularDataset, config: GrokConfig): PairData {
  const { train, test } = dataset;
  if (train.size === 0 || test.size === 0) {
    throw new GrokError("INVALID_CONFIG", `trainFraction ${config.trainFraction} leaves an empty split`);
  }
  const full = config.batchSize === "full" || config.batchSize >= train.size;
  const trainBatch = model.batch(full ? train.size : (config.batchSize as number));
  let evalTrain = trainBatch;
  if (full) model.load(trainBatch, train);
  else {
    evalTrain = model.batch(train.size);
    model.load(evalTrain, train);
  }
  const testBatch = model.batch(test.size);
  model.load(testBatch, test);
  const rows = trainBatch.rows;
  const a = new Int32Array(rows);
  const b = new Int32Array(rows);
  const target = new Int32Array(rows);
  return {
    dataset,
    full,
    trainBatch,
    evalTrain,
    testBatch,
    sample(rng) {
      for (let i = 0; i < rows; i++) {
        const j = rng.int(train.size);
        a[i] = train.a[j] as number;
        b[i] = train.b[j] as number;
        target[i] = train.target[j] as number;
      }
      model.load(trainBatch, { a, b, target });
    },
  };
}
