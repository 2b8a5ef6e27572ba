import type { GrokConfig } from "../config.js";
import type { Batch, Model, SequenceInput } from "../model/model.js";
import { minibatchRows } from "../sequence/batches.js";
import type { SequenceDataset, SequenceSplit } from "../sequence/dataset.js";

/** Rows of a split per evaluation chunk (bounds the activations an evaluation allocates). */
const EVAL_CHUNK = 256;

/** A sequence model's batches: training minibatches, and one chunk batch for evaluation. */
export interface SequenceData {
  readonly dataset: SequenceDataset;
  readonly full: boolean;
  readonly trainBatch: Batch;
  /** Answer tokens (loss rows) of the loaded training batch. */
  readonly trainCount: number;
  /** The batch evaluation runs chunks of a split through. */
  readonly evalBatch: Batch;
  /** The training rows scored at each evaluation (the first `evalTrainSize`). */
  readonly evalTrain: SequenceSplit;
  /** Load minibatch `step` (0-based) of the seeded epoch shuffles. */
  load(step: number): void;
}

/** Rows `rows` of a split as one model input (rows ≥ its length are padded with no-loss copies of row 0). */
export function splitRows(
  split: SequenceSplit,
  rows: ArrayLike<number>,
  size: number,
  seq: number,
): SequenceInput & { count: number } {
  const tokens = new Int32Array(size * seq);
  const targets = new Int32Array(size * seq).fill(-1);
  let count = 0;
  for (let i = 0; i < size; i++) {
    const r = i < rows.length ? (rows[i] as number) : -1;
    const src = Math.max(0, r) * seq;
    tokens.set(split.tokens.subarray(src, src + seq), i * seq);
    if (r < 0) continue;
    targets.set(split.targets.subarray(src, src + seq), i * seq);
    for (let j = 0; j < seq; j++) if ((split.targets[src + j] as number) >= 0) count++;
  }
  return { tokens, targets, count };
}

/** The first `n` rows of a split. */
export function headOf(split: SequenceSplit, n: number, seq: number): SequenceSplit {
  if (n >= split.rows) return split;
  return {
    rows: n,
    tokens: split.tokens.subarray(0, n * seq),
    targets: split.targets.subarray(0, n * seq),
    promptLength: split.promptLength.subarray(0, n),
    prompts: split.prompts.slice(0, n),
    answers: split.answers.slice(0, n),
  };
}

/**
 * Allocate a sequence model's batches.
 *
 * @example
 * ```ts
 * const data = sequenceData(model, sequenceDataset(config.task, config.seed), config);
 * data.load(0);
 * ```
 */
export function sequenceData(
  model: Model<SequenceInput>,
  dataset: SequenceDataset,
  config: GrokConfig,
): SequenceData {
  const n = dataset.train.rows;
  const full = config.batchSize === "full" || config.batchSize >= n;
  const size = full ? n : (config.batchSize as number);
  const trainBatch = model.batch(size);
  const evalTrainSize = Math.min(config.task?.evalTrainSize ?? n, n);
  const evalBatch = model.batch(Math.min(EVAL_CHUNK, Math.max(evalTrainSize, dataset.test.rows)));
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const data = {
    dataset,
    full,
    trainBatch,
    trainCount: 0,
    evalBatch,
    evalTrain: headOf(dataset.train, evalTrainSize, dataset.seq),
    load(step: number) {
      if (full && data.trainCount > 0) return; // the whole train set, loaded once
      const rows = full ? all : minibatchRows(config.seed, n, size, step);
      const input = splitRows(dataset.train, rows, size, dataset.seq);
      model.load(trainBatch, input);
      data.trainCount = input.count;
    },
  };
  return data;
}
